// A FIFO lock. PGlite runs one query at a time on one connection; serialising whole units of work
// (a read or a transaction) keeps one request's statements from interleaving with another's.
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
