// One fetch wrapper: JSON in and out, the CSRF token on writes, errors as ApiError with the server's message.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The server's `details` (validation issues, problems with geometry, stale versions), or null. */
    readonly details: unknown = null,
  ) {
    super(message);
  }
}

/** The server has just started and is still computing the coverage figures (503 coverage_computing): a state
 *  to show as such ("计算中") and to retry after a few seconds, not an error. */
export const isComputing = (e: unknown): boolean => e instanceof ApiError && e.code === 'coverage_computing';
/** How soon to ask again while computing (the server's Retry-After). */
export const COMPUTING_RETRY_MS = 5_000;

let csrfToken: string | null = null;
let bearerToken: string | null = null;
/** A wall display's read-only token, sent as Authorization on every call. */
export const setBearerToken = (t: string | null): void => {
  bearerToken = t;
};
export const getBearerToken = (): string | null => bearerToken;
export const setCsrfToken = (t: string | null): void => {
  csrfToken = t;
};

/** The CSRF header a cookie session's write needs (for writes that send a file, not JSON, through fetch). */
export const csrfHeaders = (): Record<string, string> => (csrfToken ? { 'x-csrf-token': csrfToken } : {});

export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal; headers?: Record<string, string> } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (bearerToken) headers.authorization = `Bearer ${bearerToken}`;
  const res = await fetch(path, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body), signal: init.signal, credentials: 'same-origin' });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const body = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) {
    const e = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    throw new ApiError(res.status, e?.code ?? 'error', e?.message ?? res.statusText, e?.details ?? null);
  }
  return body as T;
}
