// One error shape for the whole API: { error: { code, message, details } }, with the right status.
// Anything unexpected becomes a 500 with no internals; bad input never gets there.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { dbFaultOf } from '../db/faults.js';
import { EngineFailure } from '../db/database.js';
import { CoverageComputing } from '../coverage/computing.js';
import { ClientGone } from './abandoned.js';

/** Seconds a client is told to wait (Retry-After) when the database is unavailable. */
export const RETRY_AFTER_S = 5;

export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable'
  | 'too_many_requests'
  | 'not_acceptable'
  | 'internal'
  // The database is down, restarting, out of time or out of space: retry later; nothing was written.
  | 'service_unavailable'
  // The coverage figures are still being computed after start-up: retry after Retry-After seconds.
  | 'coverage_computing'
  | 'insufficient_storage'
  // Grid edits: a geometry PostGIS rejects, a change set that no longer tiles the street, a stale base.
  | 'invalid_geometry'
  | 'not_a_partition'
  | 'stale_version'
  // The geometry engine failed on an input (PGlite answers with no result): refused, never read as "no problems".
  | 'geometry_engine_failed';

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: unknown) => new ApiError(400, 'bad_request', message, details);
export const unauthorized = (message = 'Sign in or send an API token') => new ApiError(401, 'unauthorized', message);
export const forbidden = (message = 'Your role does not allow this') => new ApiError(403, 'forbidden', message);
export const notFound = (message: string) => new ApiError(404, 'not_found', message);

export function errorBody(code: ErrorCode, message: string, details?: unknown) {
  return { error: { code, message, details: details ?? null } };
}

export function zodDetails(err: ZodError): { path: string; message: string }[] {
  return err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 406: 'not_acceptable', 409: 'conflict',
  412: 'precondition_failed', 413: 'payload_too_large', 415: 'unsupported_media_type', 422: 'unprocessable', 429: 'too_many_requests',
};

/** The SQLSTATE of a database error, through drizzle's wrapper if there is one. */
export function sqlStateOf(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** A database fault: 503 (retry) or 507 (disk full), with a sentence saying which and that nothing was saved. */
function faultResponse(err: unknown, c: Context): Response | null {
  const fault = dbFaultOf(err);
  if (!fault) return null;
  console.error(`database ${fault}:`, err instanceof Error ? err.message : err);
  if (fault === 'disk_full') {
    return c.json(errorBody('insufficient_storage', "The database's disk is full: nothing was saved. Ask the administrator to free space."), 507);
  }
  c.header('Retry-After', String(RETRY_AFTER_S));
  const message = fault === 'timeout'
    ? 'The database took too long to answer this request; nothing was saved. Try again, or ask for less at once.'
    : `The database is not reachable right now. Try again in ${RETRY_AFTER_S} seconds.`;
  return c.json(errorBody('service_unavailable', message), 503);
}

export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) return c.json(errorBody(err.code, err.message, err.details), err.status);
  if (err instanceof ClientGone) return c.body(null, 499 as never);
  if (err instanceof CoverageComputing) {
    c.header('Retry-After', String(err.retryAfterS));
    return c.json(errorBody('coverage_computing', err.message), 503);
  }
  if (err instanceof EngineFailure) {
    console.error(`Geometry engine failure in: ${err.statement}`);
    return c.json(errorBody('geometry_engine_failed', 'The database\'s geometry engine could not process these boundaries; nothing was changed. Redraw the edited boundary or try again.'), 422);
  }
  const fault = faultResponse(err, c);
  if (fault) return fault;
  if (err instanceof ZodError) return c.json(errorBody('bad_request', 'Invalid input', zodDetails(err)), 400);
  // Input the database itself refused (bad encoding, out-of-range number, duplicate key): the caller's fault.
  const sqlState = sqlStateOf(err);
  if (sqlState?.startsWith('22')) return c.json(errorBody('bad_request', 'The database refused a value in this request (out of range or malformed)'), 400);
  if (sqlState === '23505') return c.json(errorBody('conflict', 'That already exists'), 409);
  // A constraint the validators upstream should have caught: still the input's fault, never a 500.
  if (sqlState === '23514' || sqlState === '23502') return c.json(errorBody('unprocessable', 'The database refused this record (a rule on its values)'), 422);
  if (sqlState === '23503') return c.json(errorBody('conflict', 'This refers to something that does not exist or is still referred to'), 409);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = STATUS_CODES[status] ?? (status >= 500 ? 'internal' : 'bad_request');
    return c.json(errorBody(code, err.message || 'Request rejected'), status);
  }
  console.error('Unhandled error', err);
  return c.json(errorBody('internal', 'Internal server error'), 500);
}
