// Import of rosters (Excel/CSV) and boundaries (GeoJSON, KML, zipped Shapefile), admin only (mounted at /api/import):
//   GET  /api/import/templates/{file}   Excel template with Chinese headers (enterprises.xlsx, …)
//   POST /api/import/{kind}/preview     multipart file (+ coords, mapping) → mapping, report per row and column, counts
//   POST /api/import/{kind}             the same file again (+ skipInvalid) → written in one transaction, or 422
// The preview keeps nothing on the server: accept re-reads and re-validates the file inside its transaction.
import { BUDGETS } from '../http/budgets.js';
import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { Context } from 'hono';
import { newRouter, errorResponses } from '../http/router.js';
import { ApiError, badRequest } from '../http/errors.js';
import { guard } from '../auth/access.js';
import { actorOf, type Principal } from '../auth/principal.js';
import type { AppEnv } from '../http/context.js';
import { isRosterKind, type CoordSystem } from './kinds.js';
import { ImportFileError } from './errors.js';
import { acceptRoster, previewRoster } from './run.js';
import { importThread } from './off-thread.js';
import { stillWanted } from '../http/abandoned.js';
import { acceptBoundaries, previewBoundaries } from './run-boundaries.js';
import { acceptContext, previewContext } from './run-context.js';
import { isContextKind } from './context-kinds.js';
import { templateXlsx } from './templates.js';
import type { MappingOverrides } from './mapping.js';
import { AcceptFormSchema, FormSchema, KindParamSchema, PreviewSchema, ResultSchema, TemplateParamSchema, type ImportPreview, type ImportResult } from './contract.js';

export const MAX_IMPORT_BYTES = BUDGETS.importBytes;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const importRoutes = newRouter();
importRoutes.use('/*', guard('import'));
importRoutes.use(
  '/*',
  bodyLimit({
    maxSize: MAX_IMPORT_BYTES,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `Import files are limited to ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
    },
  }),
);
importRoutes.use('/*', async (c, next) => {
  if (c.req.method === 'POST' && !/^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the file as multipart/form-data in a field named "file"');
  }
  return next();
});

const multipart = <T extends z.ZodTypeAny>(schema: T) => ({ required: true, content: { 'multipart/form-data': { schema } } });

function parseMapping(raw: string | undefined): MappingOverrides {
  if (!raw) return {};
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    throw badRequest('mapping is not JSON: send {"column header": "field key", …}');
  }
  const r = z.record(z.string(), z.string().nullable()).safeParse(v);
  if (!r.success) throw badRequest('mapping must be an object of column header → field key (or null)');
  return r.data;
}

/** Files refused as a whole become the API's error shape with their own status. */
async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ImportFileError) {
      const code = ({ 400: 'bad_request', 413: 'payload_too_large', 415: 'unsupported_media_type', 422: 'unprocessable' } as const)[err.status];
      throw new ApiError(err.status, code, err.message, err.details);
    }
    throw err;
  }
}

/** The uploaded file's bytes and name, and the column mapping the user chose (preview and accept read the same form). */
async function uploadOf(form: { file: File; mapping?: string }): Promise<{ bytes: Uint8Array; mapping: MappingOverrides; filename: string }> {
  return { bytes: new Uint8Array(await form.file.arrayBuffer()), mapping: parseMapping(form.mapping), filename: form.file.name || 'upload' };
}
const principalOf = (c: Context<AppEnv>) => c.get('principal') as Principal;

importRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/templates/{file}',
    tags: ['Import and export'],
    summary: 'Excel template with Chinese headers for a roster kind (a second sheet explains each column)',
    request: { params: TemplateParamSchema },
    responses: { 200: { description: 'The template', content: { [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } } }, ...errorResponses(400, 401, 403) },
  }),
  async (c) => {
    const kind = c.req.valid('param').file.replace(/\.xlsx$/, '');
    if (!isRosterKind(kind)) throw badRequest(`No template for ${kind}`);
    const buf = await templateXlsx(kind);
    return c.body(new Uint8Array(buf), 200, { 'Content-Type': XLSX, 'Content-Disposition': `attachment; filename="${kind}-template.xlsx"` });
  },
);

importRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/{kind}/preview',
    tags: ['Import and export'],
    summary: 'Validate a roster (.xlsx/.csv, UTF-8 or GBK) or boundary file (GeoJSON, KML, zipped Shapefile) without writing: mapping, report, counts',
    request: { params: KindParamSchema, body: multipart(FormSchema) },
    responses: {
      200: { description: 'Detected mapping, one issue per row and column, and what accepting would do', content: { 'application/json': { schema: PreviewSchema } } },
      ...errorResponses(400, 401, 403, 413, 415, 422),
    },
  }),
  async (c) => {
    const { kind } = c.req.valid('param');
    const form = c.req.valid('form');
    const { bytes, mapping, filename } = await uploadOf(form);
    const signal = c.req.raw.signal;
    stillWanted(signal);
    const thread = importThread(c.get('store'), c.get('services').env.DATABASE_STATEMENT_TIMEOUT_S);
    const preview = await guarded<ImportPreview>(() =>
      isRosterKind(kind)
        ? (thread ? thread.preview(bytes, { kind, filename, coords: form.coords as CoordSystem, mapping }, signal) : previewRoster(c.get('store'), bytes, { kind, filename, coords: form.coords as CoordSystem, mapping }, signal))
        : isContextKind(kind)
          ? (thread ? thread.previewContext(bytes, { kind, filename, coords: form.coords as CoordSystem, mapping }, signal) : previewContext(c.get('store'), bytes, { kind, filename, coords: form.coords as CoordSystem, mapping }))
          : thread ? thread.previewBoundaries(bytes, { kind, filename, mapping }, signal) : previewBoundaries(c.get('store'), bytes, { kind, filename, mapping }, signal),
    );
    return c.json(preview, 200);
  },
);

importRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/{kind}',
    tags: ['Import and export'],
    summary: 'Import a file: all valid rows in one transaction with one audit row, or nothing (422 with the report). Re-importing the same file changes nothing.',
    request: { params: KindParamSchema, body: multipart(AcceptFormSchema) },
    responses: {
      200: { description: 'What was written', content: { 'application/json': { schema: ResultSchema } } },
      ...errorResponses(400, 401, 403, 409, 412, 413, 415, 422),
    },
  }),
  async (c) => {
    const { kind } = c.req.valid('param');
    const form = c.req.valid('form');
    const { bytes, mapping, filename } = await uploadOf(form);
    const principal = principalOf(c);
    const skipInvalid = form.skipInvalid === 'true';
    const thread = importThread(c.get('store'), c.get('services').env.DATABASE_STATEMENT_TIMEOUT_S);
    const opts = { kind, filename, coords: form.coords as CoordSystem, mapping, skipInvalid, actor: actorOf(principal), today: c.get('services').coverage.today() };
    const contextOpts = { kind, filename, coords: form.coords as CoordSystem, mapping, skipInvalid };
    const result = await guarded<ImportResult>(() =>
      isRosterKind(kind)
        ? (thread ? thread.accept(bytes, { ...opts, kind }) : acceptRoster(c.get('store'), bytes, { ...opts, kind }))
        : isContextKind(kind)
          ? (thread ? thread.acceptContext(actorOf(principal), bytes, { ...contextOpts, kind }) : acceptContext(c.get('store'), actorOf(principal), bytes, { ...contextOpts, kind }))
          : thread
            ? thread.acceptBoundaries(principal, actorOf(principal), bytes, { kind, filename, mapping, skipInvalid })
            : acceptBoundaries(c.get('store'), principal, actorOf(principal), bytes, { kind, filename, mapping, skipInvalid }),
    );
    return c.json(result, 200);
  },
);
