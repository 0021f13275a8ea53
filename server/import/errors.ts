// A file the importer refuses as a whole, with the HTTP status it deserves. Pure modules throw it; the
// route turns it into the API's error shape and the CLI prints it.
export type FileErrorStatus = 400 | 413 | 415 | 422;

export class ImportFileError extends Error {
  constructor(
    readonly status: FileErrorStatus,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
