// A router whose request validation failures become our 400 error shape.
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from './context.js';
import { badRequest, zodDetails } from './errors.js';

export function newRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw badRequest('Invalid input', zodDetails(result.error as z.ZodError));
    },
  });
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'bad_request' }),
      message: z.string(),
      details: z.unknown().nullable(),
    }),
  })
  .openapi('Error');

/** What each error status means in this API, for the docs. */
const ERROR_MEANINGS: Record<number, string> = {
  400: 'Invalid input (the message and details say which field and why); nothing was changed',
  401: 'Not signed in, or the token is unknown or revoked',
  403: 'Signed in, but this role (or this street) may not do this',
  404: 'No such resource',
  409: 'Conflict with the current state (the message says which)',
  412: 'Stale: the If-Match version is not the current one; reload and apply again',
  413: 'Past a stated budget (body bytes, vertices, rows, features); nothing was computed',
  415: 'Unsupported media type',
  422: 'Understood but refused (e.g. a geometry that does not keep the partition); nothing was changed',
  428: 'If-Match is required',
  429: 'Too many attempts; wait for Retry-After',
  499: 'The client went away before the work began; nothing was computed',
  503: 'Unavailable for now, answered at once with Retry-After: the database is unreachable, restarting or too slow, or the coverage figures are still being computed after start-up (code coverage_computing)',
  507: 'The database has no space left for the write; nothing was changed',
};

export const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before asking again', schema: { type: 'integer' as const } } };

/** 503 for hand-written documents (the event stream, OGC API). */
export const unavailableResponse = () => ({ description: ERROR_MEANINGS[503] as string, headers: RETRY_AFTER });

/** The error responses a route documents; every route may also meet a database fault (503, 507). */
export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(
    [...new Set([...statuses, 503, 507])].map((s) => [
      s,
      {
        description: ERROR_MEANINGS[s] ?? 'Error',
        ...(s === 503 || s === 429 ? { headers: RETRY_AFTER } : {}),
        content: { 'application/json': { schema: ErrorSchema } },
      },
    ]),
  );
