// One guard for JSON before any handler sees it: a body nested deeper than MAX_JSON_DEPTH is refused with 400
// (deep nesting overflows the stack of recursive code further on — JSON.stringify, validators, PostGIS input —
// and answered 500), a body over the size limit with 413 (bodyLimit, mounted before this). The depth is counted
// by one pass over the text, without parsing and without recursion.
import type { MiddlewareHandler } from 'hono';
import { ApiError, badRequest } from './errors.js';

/** Deeper than any document the API takes (a GeoJSON MultiPolygon in a FeatureCollection is about 8 deep). */
export const MAX_JSON_DEPTH = 64;

/** The deepest nesting of arrays and objects in a JSON text (strings and escapes skipped), up to `stopAt` + 1. */
export function jsonDepth(text: string, stopAt = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
      continue;
    }
    if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > stopAt) return max;
      }
    } else if (ch === 0x7d || ch === 0x5d) depth--;
  }
  return max;
}

/** Throws the API's 400 when the text is nested deeper than the limit. */
export function assertJsonDepth(text: string, what = 'The JSON body'): void {
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw badRequest(`${what} is nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
}

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Reads a JSON body once (Hono caches it for the handler) and refuses it when it is too deep. */
export function jsonGuard(): MiddlewareHandler {
  return async (c, next) => {
    const type = (c.req.header('content-type') ?? '').toLowerCase();
    if (!WITH_BODY.has(c.req.method) || !(type.includes('/json') || type.includes('+json'))) return next();
    let text: string;
    try {
      text = await c.req.text();
    } catch (err) {
      if (err instanceof ApiError) throw err; // 413 from the body limit
      throw badRequest('The request body could not be read');
    }
    assertJsonDepth(text);
    return next();
  };
}
