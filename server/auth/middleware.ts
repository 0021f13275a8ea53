// Resolves the caller on every request, enforces CSRF on cookie-authenticated writes, and gates routes by role.
import type { Context, MiddlewareHandler } from 'hono';
import type { Principal } from './principal.js';
import { getCookie } from 'hono/cookie';
import { timingSafeEqual } from 'node:crypto';
import type { Role } from '../db/schema.js';
import { ApiError, forbidden, unauthorized } from '../http/errors.js';
import type { AppEnv } from '../http/context.js';
import { principalFromSession, principalFromToken } from './service.js';

export const SESSION_COOKIE = 'pb_session';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The caller of a request, or null; throws 401 for a wrong or revoked bearer token. */
export async function resolvePrincipal(c: Context<AppEnv>): Promise<Principal | null> {
  const store = c.get('store');
  // EventSource cannot send headers: the event stream alone takes the token from ?token=.
  const queryToken = c.req.method === 'GET' && c.req.path === '/api/events' ? c.req.query('token') : undefined;
  const header = c.req.header('authorization') ?? (queryToken ? `Bearer ${queryToken}` : undefined);
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const principal = m?.[1] ? await principalFromToken(store, m[1]) : null;
    // A wrong token is an error, not a silent downgrade to anonymous.
    if (!principal) throw new ApiError(401, 'unauthorized', 'Invalid or revoked API token');
    return principal;
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie ? principalFromSession(store, cookie) : null;
}

export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = await resolvePrincipal(c);
    if (principal?.kind === 'token') {
      c.set('principal', principal);
      return next();
    }
    if (principal && UNSAFE.has(c.req.method)) {
      const sent = c.req.header(CSRF_HEADER);
      if (!sent || !principal.csrfToken || !sameSecret(sent, principal.csrfToken)) {
        throw new ApiError(403, 'forbidden', `Missing or wrong ${CSRF_HEADER} header`);
      }
    }
    c.set('principal', principal);
    return next();
  };
}

export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const p = c.get('principal');
    if (!p) throw unauthorized();
    if (!roles.includes(p.role)) throw forbidden();
    return next();
  };
}
