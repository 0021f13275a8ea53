// Drives the app in-process like an HTTP client would.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { createApp } from '../../server/app.js';
import type { AppEnv, AppServices } from '../../server/http/context.js';
import { TEST_ADMIN_PASSWORD, TEST_DISPLAY_TOKEN, TEST_OFFICIAL_TOKEN } from './constants.js';

export interface Client {
  app: OpenAPIHono<AppEnv>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** A file posted as a form (field `file`, plus any other fields), as the import page sends it. */
  upload(path: string, file: Uint8Array | string, name: string, headers?: Record<string, string>, fields?: Record<string, string>): Promise<Response>;
}

export const BASE = 'http://test.local';
export const displayAuth = { authorization: `Bearer ${TEST_DISPLAY_TOKEN}` };
export const officialAuth = { authorization: `Bearer ${TEST_OFFICIAL_TOKEN}` };

export function client(services: AppServices): Client {
  const app = createApp(services);
  return {
    app,
    get: (path, headers = {}) => Promise.resolve(app.request(`${BASE}${path}`, { headers })),
    send: (method, path, body, headers = {}) =>
      Promise.resolve(
        app.request(`${BASE}${path}`, {
          method,
          headers: { 'content-type': 'application/json', ...headers },
          body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        }),
      ),
    upload: (path, file, name, headers = {}, fields = {}) => {
      const form = new FormData();
      form.set('file', new Blob([file as BlobPart]), name);
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      return Promise.resolve(app.request(`${BASE}${path}`, { method: 'POST', body: form, headers }));
    },
  };
}

/** Signs in as admin; returns the headers a browser would send afterwards (cookie + CSRF token). */
export async function adminSession(c: Client, username = 'admin', password = TEST_ADMIN_PASSWORD): Promise<Record<string, string>> {
  const res = await c.send('POST', '/api/auth/login', { username, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const me = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': me.csrfToken };
}
