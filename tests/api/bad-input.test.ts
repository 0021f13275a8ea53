// Bad input to every endpoint gets a clear 4xx in the error shape, never a 500, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { adminSession, client, displayAuth, type Client } from '../helpers/client.js';

interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  as: 'anonymous' | 'display' | 'admin';
  status: number;
}

const items = '/ogc/collections/buildings/items';
const huge = JSON.stringify({ username: 'admin', password: 'x'.repeat(2 * 1024 * 1024) });

const CASES: Case[] = [
  { name: 'bbox with 3 numbers', method: 'GET', path: `${items}?bbox=1,2,3`, as: 'display', status: 400 },
  { name: 'bbox with text', method: 'GET', path: `${items}?bbox=a,b,c,d`, as: 'display', status: 400 },
  { name: 'bbox latitude 95', method: 'GET', path: `${items}?bbox=121,30,122,95`, as: 'display', status: 400 },
  { name: 'bbox minLat > maxLat', method: 'GET', path: `${items}?bbox=121,32,122,31`, as: 'display', status: 400 },
  { name: 'bbox NaN', method: 'GET', path: `${items}?bbox=NaN,1,2,3`, as: 'display', status: 400 },
  { name: 'bbox huge number', method: 'GET', path: `${items}?bbox=1e308,1,2,3`, as: 'display', status: 400 },
  { name: 'limit=-1', method: 'GET', path: `${items}?limit=-1`, as: 'display', status: 400 },
  { name: 'limit=0', method: 'GET', path: `${items}?limit=0`, as: 'display', status: 400 },
  { name: 'limit=abc', method: 'GET', path: `${items}?limit=abc`, as: 'display', status: 400 },
  { name: 'limit=1.5', method: 'GET', path: `${items}?limit=1.5`, as: 'display', status: 400 },
  { name: 'offset=-5', method: 'GET', path: `${items}?offset=-5`, as: 'display', status: 400 },
  { name: 'offset beyond safe integers', method: 'GET', path: `${items}?offset=99999999999999999999`, as: 'display', status: 400 },
  { name: 'unknown parameter', method: 'GET', path: `${items}?foo=bar`, as: 'display', status: 400 },
  { name: 'repeated parameter', method: 'GET', path: `${items}?limit=1&limit=2`, as: 'display', status: 400 },
  { name: 'gridId not an integer', method: 'GET', path: `${items}?gridId=abc`, as: 'display', status: 400 },
  { name: 'kind outside the enum', method: 'GET', path: `${items}?kind=castle`, as: 'display', status: 400 },
  { name: 'datetime on a collection without time', method: 'GET', path: `${items}?datetime=2026-01-01`, as: 'display', status: 400 },
  { name: 'datetime garbage', method: 'GET', path: '/ogc/collections/activities/items?datetime=yesterday', as: 'display', status: 400 },
  { name: 'datetime reversed', method: 'GET', path: '/ogc/collections/activities/items?datetime=2026-05-01/2026-01-01', as: 'display', status: 400 },
  { name: 'datetime impossible date', method: 'GET', path: '/ogc/collections/activities/items?datetime=2026-02-30', as: 'display', status: 400 },
  { name: 'missing collection', method: 'GET', path: '/ogc/collections/castles/items', as: 'display', status: 404 },
  { name: 'missing collection metadata', method: 'GET', path: '/ogc/collections/castles', as: 'display', status: 404 },
  { name: 'missing feature', method: 'GET', path: `${items}/123456789`, as: 'display', status: 404 },
  { name: 'feature id not a number', method: 'GET', path: `${items}/1;DROP TABLE buildings`, as: 'display', status: 404 },
  { name: 'feature id overflow', method: 'GET', path: `${items}/99999999999999999999`, as: 'display', status: 404 },
  { name: 'XML only accepted', method: 'GET', path: items, headers: { accept: 'application/xml' }, as: 'display', status: 406 },
  { name: 'unknown OGC path', method: 'GET', path: '/ogc/nowhere', as: 'display', status: 404 },
  { name: 'tile zoom not a number', method: 'GET', path: '/ogc/collections/buildings/tiles/WebMercatorQuad/z/0/0', as: 'display', status: 400 },
  { name: 'tile column outside the matrix', method: 'GET', path: '/ogc/collections/buildings/tiles/WebMercatorQuad/2/0/4', as: 'display', status: 400 },
  { name: 'tile zoom past the deepest level', method: 'GET', path: '/ogc/collections/buildings/tiles/WebMercatorQuad/30/0/0', as: 'display', status: 404 },
  { name: 'unknown API path', method: 'GET', path: '/api/nowhere', as: 'anonymous', status: 404 },
  { name: 'login malformed JSON', method: 'POST', path: '/api/auth/login', raw: '{"username": "admin",', as: 'anonymous', status: 400 },
  { name: 'login wrong types', method: 'POST', path: '/api/auth/login', body: { username: 5, password: true }, as: 'anonymous', status: 400 },
  { name: 'login missing password', method: 'POST', path: '/api/auth/login', body: { username: 'admin' }, as: 'anonymous', status: 400 },
  { name: 'login extra field', method: 'POST', path: '/api/auth/login', body: { username: 'admin', password: 'x', role: 'admin' }, as: 'anonymous', status: 400 },
  { name: 'login empty body', method: 'POST', path: '/api/auth/login', raw: '', as: 'anonymous', status: 400 },
  { name: 'login as text/plain', method: 'POST', path: '/api/auth/login', raw: 'username=admin', headers: { 'content-type': 'text/plain' }, as: 'anonymous', status: 415 },
  { name: 'login body over 1 MiB', method: 'POST', path: '/api/auth/login', raw: huge, as: 'anonymous', status: 413 },
  { name: 'login body nested 5,000 deep', method: 'POST', path: '/api/auth/login', raw: `{"username":"admin","password":"x","x":${'['.repeat(5000)}${']'.repeat(5000)}}`, as: 'anonymous', status: 400 },
  { name: 'thresholds nested 100 deep (admin)', method: 'PUT', path: '/api/coverage/thresholds', raw: `${'{"a":'.repeat(100)}1${'}'.repeat(100)}`, headers: { 'if-match': '"0"' }, as: 'admin', status: 400 },
  { name: 'publication body nested 5,000 deep', method: 'POST', path: '/api/publications', raw: `{"title":"x","scope":"street:310106012","texts":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`, as: 'admin', status: 400 },
  { name: 'nested JSON to an OGC path', method: 'POST', path: '/ogc/collections', raw: '['.repeat(5000), as: 'display', status: 400 },
  { name: 'unknown documentation asset', method: 'GET', path: '/api/docs/assets/nothing.js', as: 'anonymous', status: 404 },
  { name: 'me without a session', method: 'GET', path: '/api/auth/me', as: 'anonymous', status: 401 },
  { name: 'bearer garbage', method: 'GET', path: '/api/auth/me', headers: { authorization: 'Bearer ' }, as: 'anonymous', status: 401 },
  { name: 'tokens anonymous', method: 'GET', path: '/api/tokens', as: 'anonymous', status: 401 },
  { name: 'token with unknown role', method: 'POST', path: '/api/tokens', body: { name: 'x', role: 'emperor' }, as: 'admin', status: 400 },
  { name: 'token with empty name', method: 'POST', path: '/api/tokens', body: { name: '  ', role: 'official' }, as: 'admin', status: 400 },
  { name: 'token with bad street code', method: 'POST', path: '/api/tokens', body: { name: 'x', role: 'editor', streetCodes: ['abc'] }, as: 'admin', status: 400 },
  { name: 'token malformed JSON', method: 'POST', path: '/api/tokens', raw: '[1,2', as: 'admin', status: 400 },
  { name: 'token body is an array', method: 'POST', path: '/api/tokens', body: [1, 2], as: 'admin', status: 400 },
  { name: 'revoke id not a number', method: 'DELETE', path: '/api/tokens/abc', as: 'admin', status: 400 },
  { name: 'revoke negative id', method: 'DELETE', path: '/api/tokens/-1', as: 'admin', status: 400 },
  { name: 'revoke unknown id', method: 'DELETE', path: '/api/tokens/999999', as: 'admin', status: 404 },
  { name: 'user with bad username', method: 'POST', path: '/api/users', body: { username: 'Bad Name!', displayName: 'x', role: 'official', password: 'long-enough-pw' }, as: 'admin', status: 400 },
  { name: 'user with short password', method: 'POST', path: '/api/users', body: { username: 'shorty', displayName: 'x', role: 'official', password: 'short' }, as: 'admin', status: 400 },
  { name: 'user without role', method: 'POST', path: '/api/users', body: { username: 'norole', displayName: 'x', password: 'long-enough-pw' }, as: 'admin', status: 400 },
  { name: 'summary with an unknown level', method: 'GET', path: '/api/coverage/summary?level=planet&id=1', as: 'display', status: 400 },
  { name: 'summary of a missing street', method: 'GET', path: '/api/coverage/summary?level=street&id=999999999', as: 'display', status: 404 },
  { name: 'summary asOf not a date', method: 'GET', path: '/api/coverage/summary?level=street&id=310106012&asOf=yesterday', as: 'display', status: 400 },
  { name: 'gaps with limit 0', method: 'GET', path: '/api/coverage/gaps?level=grid&kind=party&limit=0', as: 'display', status: 400 },
  { name: 'gaps with limit text', method: 'GET', path: '/api/coverage/gaps?level=grid&kind=party&limit=ten', as: 'display', status: 400 },
  { name: 'building file of text id', method: 'GET', path: '/api/coverage/buildings/abc', as: 'display', status: 400 },
  { name: 'reach config without If-Match', method: 'PUT', path: '/api/coverage/reach-config', body: {}, as: 'admin', status: 400 },
  { name: 'reach config of the wrong shape', method: 'PUT', path: '/api/coverage/reach-config', body: { reachByType: 5 }, headers: { 'if-match': '"0"' }, as: 'admin', status: 400 },
  { name: 'search with an empty query', method: 'GET', path: '/api/search?q=', as: 'admin', status: 400 },
  { name: 'search by the display token', method: 'GET', path: '/api/search?q=恒隆', as: 'display', status: 403 },
  { name: 'search with a NUL byte', method: 'GET', path: '/api/search?q=%00', as: 'admin', status: 400 },
  { name: 'gridId beyond 32 bits', method: 'GET', path: '/ogc/collections/buildings/items?gridId=3000000000', as: 'display', status: 400 },
  { name: 'streetCode with a NUL byte', method: 'GET', path: '/ogc/collections/buildings/items?streetCode=%00', as: 'display', status: 400 },
  { name: 'street feature id with a NUL byte', method: 'GET', path: '/ogc/collections/streets/items/%00', as: 'display', status: 404 },
  { name: 'revoke an id beyond 32 bits', method: 'DELETE', path: '/api/tokens/3000000000', as: 'admin', status: 400 },
  { name: 'login with a NUL byte', method: 'POST', path: '/api/auth/login', body: { username: 'ad\u0000min', password: 'x' }, as: 'anonymous', status: 400 },
  { name: 'search with a 200-character query', method: 'GET', path: `/api/search?q=${'楼'.repeat(200)}`, as: 'admin', status: 400 },
  { name: 'search anonymously', method: 'GET', path: '/api/search?q=恒隆', as: 'anonymous', status: 401 },
  { name: 'wall with a malformed scope', method: 'GET', path: '/api/wall/summary?scope=city:1', as: 'display', status: 400 },
  { name: 'wall of a missing street', method: 'GET', path: '/api/wall/summary?scope=street:999999999', as: 'display', status: 404 },
  { name: 'tour change by the display token', method: 'PUT', path: '/api/wall/tour?scope=street:310106012', body: {}, headers: { 'if-match': '"0"' }, as: 'display', status: 403 },
  { name: 'tour with no steps', method: 'PUT', path: '/api/wall/tour?scope=street:310106012', body: { steps: [], schedule: { nightStart: '22:00', nightEnd: '07:00', nightMode: 'quiet' }, idleResumeSeconds: 60 }, headers: { 'if-match': '"0"' }, as: 'admin', status: 400 },
  { name: 'tour step outside the scope', method: 'PUT', path: '/api/wall/tour?scope=street:310106012', body: { steps: [{ level: 'grid', id: '99999', name: 'x', dwellSeconds: 10, enabled: true }], schedule: { nightStart: '22:00', nightEnd: '07:00', nightMode: 'quiet' }, idleResumeSeconds: 60 }, headers: { 'if-match': '"0"' }, as: 'admin', status: 400 },
  { name: 'tour with a bad night time', method: 'PUT', path: '/api/wall/tour?scope=street:310106012', body: { steps: [{ level: 'grid', id: '1', name: 'x', dwellSeconds: 10, enabled: true }], schedule: { nightStart: '25:00', nightEnd: '07:00', nightMode: 'quiet' }, idleResumeSeconds: 60 }, headers: { 'if-match': '"0"' }, as: 'admin', status: 400 },
  { name: 'events anonymously', method: 'GET', path: '/api/events', as: 'anonymous', status: 401 },
  { name: 'events with a wrong token', method: 'GET', path: '/api/events?token=nope', as: 'anonymous', status: 401 },
  { name: 'users by display token', method: 'POST', path: '/api/users', body: { username: 'x1', displayName: 'x', role: 'official', password: 'long-enough-pw' }, as: 'display', status: 403 },
];

const TABLES = ['districts', 'streets', 'grids', 'business_districts', 'buildings', 'enterprises', 'organisations', 'organisation_coverage', 'stations', 'activities', 'alliances', 'alliance_members', 'users', 'api_tokens', 'audit_log', 'settings', 'change_log'];

describe.each(storeKinds())('bad input on %s', (kind) => {
  let t: TestStore;
  let c: Client;
  let admin: Record<string, string>;
  const snapshot = () =>
    t.store.read(async (db) => {
      const out: Record<string, number> = {};
      for (const table of TABLES) {
        const [r] = await rows<{ n: number }>(db, sql.raw(`SELECT count(*)::int AS n FROM ${table}`));
        out[table] = r?.n ?? -1;
      }
      return out;
    });
  beforeAll(async () => {
    t = await openTestStore(kind);
    c = client(t.services);
    admin = await adminSession(c);
  });
  afterAll(() => t?.dispose());

  it('answers each case with the right 4xx and a clear message, and changes nothing', async () => {
    const before = await snapshot();
    for (const k of CASES) {
      const auth = k.as === 'admin' ? admin : k.as === 'display' ? displayAuth : {};
      const headers = { ...auth, ...k.headers };
      const res =
        k.method === 'GET'
          ? await c.get(k.path, headers)
          : await c.send(k.method, k.path, k.raw ?? k.body, headers);
      expect(res.status, k.name).toBe(k.status);
      const body = (await res.json()) as { error?: { code?: string; message?: string } };
      expect(body.error?.code, k.name).toBeTruthy();
      expect(body.error?.message?.length, k.name).toBeGreaterThan(3);
      expect(JSON.stringify(body), k.name).not.toMatch(/at .*\.ts:\d+|node_modules|Failed query/);
    }
    expect(await snapshot()).toEqual(before);
  });
});
