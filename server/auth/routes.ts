// Sign-in, sign-out and who is signed in (mounted at /api/auth).
import { createRoute } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { newRouter, errorResponses } from '../http/router.js';
import { ApiError, unauthorized } from '../http/errors.js';
import { SESSION_COOKIE } from './middleware.js';
import { SESSION_TTL_MS, login, logout } from './service.js';
import { getConnInfo } from '@hono/node-server/conninfo';
import { loginKeys } from './rate-limit.js';
import { CredentialsSchema, MeSchema, SessionSchema } from './contract.js';

function clientAddress(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'in-process';
  }
}

export const authRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/login',
      tags: ['Auth'],
      summary: 'Sign in; sets an httpOnly SameSite session cookie and returns the CSRF token',
      request: { body: { required: true, content: { 'application/json': { schema: CredentialsSchema } } } },
      responses: {
        200: { description: 'Signed in', content: { 'application/json': { schema: MeSchema } } },
        ...errorResponses(400, 401, 429),
      },
    }),
    async (c) => {
      const { username, password } = c.req.valid('json');
      const { store, loginLimiter, env } = c.get('services');
      const keys = loginKeys(username, clientAddress(c));
      // Counted before the slow password check, so parallel guesses cannot all slip past the limit.
      const wait = await loginLimiter.attempt(keys);
      if (wait > 0) {
        c.header('Retry-After', String(wait));
        throw new ApiError(429, 'too_many_requests', `Too many failed sign-ins; try again in ${wait} s`);
      }
      const result = await login(store, username, password);
      if (!result) throw unauthorized('Wrong username or password');
      await loginLimiter.succeed(keys);
      setCookie(c, SESSION_COOKIE, result.cookie, {
        httpOnly: true, sameSite: 'Strict', path: '/', secure: env.COOKIE_SECURE === 'true', maxAge: SESSION_TTL_MS / 1000,
      });
      return c.json({ username: result.user.username, role: result.user.role, kind: 'session' as const, streetCodes: result.user.streetCodes, csrfToken: result.csrfToken }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/logout',
      tags: ['Auth'],
      summary: 'Sign out (ends the session)',
      responses: { 204: { description: 'Signed out' }, ...errorResponses(403) },
    }),
    async (c) => {
      const cookie = getCookie(c, SESSION_COOKIE);
      if (cookie) await logout(c.get('store'), cookie);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/session',
      tags: ['Auth'],
      summary: 'The caller, or null when nobody is signed in (never 401: for pages deciding whether to show sign-in)',
      responses: { 200: { description: 'The caller or null', content: { 'application/json': { schema: SessionSchema } } } },
    }),
    (c) => {
      const p = c.get('principal');
      return c.json({ user: p ? { username: p.name, role: p.role, kind: p.kind, streetCodes: p.streetCodes, csrfToken: p.csrfToken } : null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['Auth'],
      summary: 'Who am I',
      responses: { 200: { description: 'The caller', content: { 'application/json': { schema: MeSchema } } }, ...errorResponses(401) },
    }),
    (c) => {
      const p = c.get('principal');
      if (!p) throw unauthorized();
      return c.json({ username: p.name, role: p.role, kind: p.kind, streetCodes: p.streetCodes, csrfToken: p.csrfToken }, 200);
    },
  );
