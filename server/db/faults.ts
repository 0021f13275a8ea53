// What kind of database fault an error is, whichever driver raised it: the API answers these with 503
// or 507 (the request may be retried; nothing was written), never with a 500 or a hang.

export type DbFault =
  /** The database cannot be reached or is not accepting work now (down, restarting, too many clients). */
  | 'unavailable'
  /** A statement ran past statement_timeout, or waited past lock_timeout. */
  | 'timeout'
  /** No space left for the write. */
  | 'disk_full';

const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '53200', '25006']);
// Node's socket errors and postgres.js's own codes for a connection that failed or went away.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE',
  'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED',
]);
// PGlite's file system is Emscripten's: its ErrnoError carries Emscripten's numbers (ENOSPC 51, EDQUOT 122).
const EMSCRIPTEN_NO_SPACE = new Set([51, 122]);

export function dbFaultOf(err: unknown): DbFault | null {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof e !== 'object') break;
    const { code, errno, name } = e as { code?: unknown; errno?: unknown; name?: unknown };
    if (typeof code === 'string') {
      if (code === '53100' || code === 'ENOSPC' || code === 'EDQUOT') return 'disk_full';
      if (code === '57014' || code === '55P03') return 'timeout';
      if (code.startsWith('08') && code.length === 5) return 'unavailable';
      if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_CODES.has(code)) return 'unavailable';
    }
    if (name === 'ErrnoError' && typeof errno === 'number' && EMSCRIPTEN_NO_SPACE.has(errno)) return 'disk_full';
    // AggregateError (a connection refused on every address of a host name) holds the causes in errors[].
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner)) for (const x of inner) {
      const f = dbFaultOf(x);
      if (f) return f;
    }
  }
  return null;
}
