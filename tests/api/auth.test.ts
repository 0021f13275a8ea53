// Auth: sessions with CSRF, login rate limiting, API tokens, roles, first-start admin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';
import { ensureAdmin } from '../../server/auth/service.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { BASE, adminSession, client, displayAuth, type Client } from '../helpers/client.js';
import { LOGIN_RULE, LoginLimiter } from '../../server/auth/rate-limit.js';
import { TEST_ADMIN_PASSWORD } from '../helpers/constants.js';

describe.each(storeKinds())('auth on %s', (kind) => {
  let t: TestStore;
  let c: Client;
  beforeAll(async () => {
    t = await openTestStore(kind);
    c = client(t.services);
  });
  afterAll(() => t?.dispose());

  it('signs in with an httpOnly SameSite=Strict cookie, reports who I am, and signs out', async () => {
    const res = await c.send('POST', '/api/auth/login', { username: 'admin', password: 'test-admin-password' });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/pb_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = setCookie.split(';')[0] as string;
    const me = (await (await c.get('/api/auth/me', { cookie })).json()) as { username: string; role: string; csrfToken: string };
    expect(me).toMatchObject({ username: 'admin', role: 'admin' });
    expect((await c.send('POST', '/api/auth/logout', undefined, { cookie, 'x-csrf-token': me.csrfToken })).status).toBe(204);
    expect((await c.get('/api/auth/me', { cookie })).status).toBe(401);
  });

  it('stores passwords as scrypt hashes, never in clear', async () => {
    const [u] = await t.store.read((db) => rows<{ password_hash: string }>(db, sql`SELECT password_hash FROM users WHERE username = 'admin'`));
    expect(u?.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(u?.password_hash).not.toContain('test-admin-password');
  });

  it('refuses cookie-authenticated writes without the CSRF token', async () => {
    const h = await adminSession(c);
    const body = { name: 'csrf probe', role: 'official' };
    expect((await c.send('POST', '/api/tokens', body, { cookie: h.cookie as string })).status).toBe(403);
    expect((await c.send('POST', '/api/tokens', body, { cookie: h.cookie as string, 'x-csrf-token': 'wrong' })).status).toBe(403);
    expect((await c.send('POST', '/api/tokens', body, h)).status).toBe(201);
  });

  it('creates, uses and revokes API tokens (admin only); the display token is read-only', async () => {
    const h = await adminSession(c);
    const created = (await (await c.send('POST', '/api/tokens', { name: 'gis desktop', role: 'official' }, h)).json()) as { id: number; token: string };
    const bearer = { authorization: `Bearer ${created.token}` };
    expect((await c.get('/ogc/collections/enterprises/items?limit=1', bearer)).status).toBe(200);
    // An official may read but not administer.
    expect((await c.send('POST', '/api/tokens', { name: 'x', role: 'admin' }, bearer)).status).toBe(403);
    expect((await c.send('POST', '/api/tokens', { name: 'x', role: 'admin' }, displayAuth)).status).toBe(403);
    expect((await c.get('/api/users', displayAuth)).status).toBe(403);
    expect((await c.send('DELETE', `/api/tokens/${created.id}`, undefined, h)).status).toBe(204);
    expect((await c.get('/ogc/collections/enterprises/items?limit=1', bearer)).status).toBe(401);
    expect((await c.send('DELETE', `/api/tokens/${created.id}`, undefined, h)).status).toBe(404);
    const [audit] = await t.store.read((db) => rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'api_token' AND action = 'revoke'`));
    expect(audit?.n).toBeGreaterThanOrEqual(1);
  });

  it('creates street-scoped editors (admin only) who can sign in', async () => {
    const h = await adminSession(c);
    const bad = await c.send('POST', '/api/users', { username: 'ed1', displayName: '编辑', role: 'editor', password: 'long-enough-pw', streetCodes: [] }, h);
    expect(bad.status).toBe(400);
    const unknownStreet = await c.send('POST', '/api/users', { username: 'ed1', displayName: '编辑', role: 'editor', password: 'long-enough-pw', streetCodes: ['999999999'] }, h);
    expect(unknownStreet.status).toBe(400);
    const ok = await c.send('POST', '/api/users', { username: 'ed1', displayName: '编辑', role: 'editor', password: 'long-enough-pw', streetCodes: ['310106012'] }, h);
    expect(ok.status).toBe(201);
    expect((await c.send('POST', '/api/users', { username: 'ed1', displayName: 'again', role: 'official', password: 'long-enough-pw' }, h)).status).toBe(409);
    const login = await c.send('POST', '/api/auth/login', { username: 'ed1', password: 'long-enough-pw' });
    expect(((await login.json()) as { streetCodes: string[] }).streetCodes).toEqual(['310106012']);
  });

  it('rate-limits failed sign-ins with 429 and Retry-After, then refuses even the right password', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await c.send('POST', '/api/auth/login', { username: 'ed2-nobody', password: `wrong-${i}` })).status).toBe(401);
    }
    const limited = await c.send('POST', '/api/auth/login', { username: 'ed2-nobody', password: 'whatever' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('five wrong passwords for admin from one address do not stop the real admin from another', async () => {
    const from = (address: string, password: string) =>
      c.app.request(`${BASE}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) }, { incoming: { socket: { remoteAddress: address } } });
    for (let i = 0; i < 5; i++) expect((await from('203.0.113.7', `wrong-${i}`)).status).toBe(401);
    const blocked = await from('203.0.113.7', TEST_ADMIN_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await from('198.51.100.2', TEST_ADMIN_PASSWORD)).status).toBe(200);
    // The counts are in the database: another process (another app on the same store) sees the block.
    const other = client({ ...t.services, loginLimiter: new LoginLimiter(t.store) });
    const again = await other.app.request(`${BASE}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'x' }) }, { incoming: { socket: { remoteAddress: '203.0.113.7' } } });
    expect(again.status).toBe(429);
  });

  it('guesses for one user from many addresses slow that user down (429, Retry-After at most the cap) but the real user gets in after the wait', async () => {
    let now = 1_750_000_000_000;
    const limited = client({ ...t.services, loginLimiter: new LoginLimiter(t.store, LOGIN_RULE, () => now) });
    const from = (address: string, password: string) =>
      limited.app.request(`${BASE}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) }, { incoming: { socket: { remoteAddress: address } } });
    for (let i = 0; i < LOGIN_RULE.userSlowAfter; i++) expect((await from(`192.0.2.${i + 1}`, 'wrong')).status).toBe(401);
    const slowed = await from('198.51.100.9', TEST_ADMIN_PASSWORD);
    expect(slowed.status).toBe(429);
    const wait = Number(slowed.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(LOGIN_RULE.userMaxDelayMs / 1000);
    now += wait * 1000;
    expect((await from('198.51.100.9', TEST_ADMIN_PASSWORD)).status).toBe(200);
  });

  it('first start creates admin with a random password printed once, and never again', async () => {
    const empty = await openTestStore(kind, { empty: true });
    try {
      const lines: string[] = [];
      await ensureAdmin(empty.store, undefined, (l) => lines.push(l));
      await ensureAdmin(empty.store, undefined, (l) => lines.push(l));
      expect(lines).toHaveLength(1);
      const password = /password: (\S+)/.exec(lines[0] ?? '')?.[1] ?? '';
      expect(password.length).toBeGreaterThanOrEqual(16);
      const res = await client(empty.services).send('POST', '/api/auth/login', { username: 'admin', password });
      expect(res.status).toBe(200);
    } finally {
      await empty.dispose();
    }
  });
});
