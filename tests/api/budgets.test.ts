// Every expensive endpoint has a stated budget (server/http/budgets.ts) answered 413 with a clear sentence before
// any work, and a request whose client has gone is not computed (issue 18 point 2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { adminSession, BASE, client, type Client } from '../helpers/client.js';
import { serveOnLoopback, closeNow } from '../helpers/serve.js';
import { rows } from '../../server/db/store.js';
import { BUDGETS } from '../../server/http/budgets.js';
import { abandoned } from '../../server/http/abandoned.js';

const STREET = '310106012';

/** A closed ring of n vertices around a point (n - 1 distinct). */
function ring(n: number, lon = 121.45, lat = 31.23): number[][] {
  const pts = Array.from({ length: n - 1 }, (_, i) => {
    const a = (2 * Math.PI * i) / (n - 1);
    return [+(lon + 0.001 * Math.cos(a)).toFixed(7), +(lat + 0.001 * Math.sin(a)).toFixed(7)];
  });
  return [...pts, pts[0] as number[]];
}

describe.each(storeKinds())('budgets on %s', (kind) => {
  let t: TestStore;
  let c: Client;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await openTestStore(kind);
    c = client(t.services);
    admin = await adminSession(c);
  });
  afterAll(async () => t?.dispose());

  it('refuses a grid change set past its vertex budget with 413, for preview and save, writing nothing', async () => {
    const half = Math.ceil(BUDGETS.changeSetVertices / 2) + 1;
    const body = { changes: [{ name: 'a', geometry: { type: 'Polygon', coordinates: [ring(half)] } }, { name: 'b', geometry: { type: 'Polygon', coordinates: [ring(half, 121.46)] } }] };
    const before = await t.store.read((db) => rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM grids`));
    for (const path of [`/api/streets/${STREET}/grid-changes/preview`, `/api/streets/${STREET}/grid-changes`]) {
      const res = await c.send('POST', path, body, admin);
      expect(res.status, path).toBe(413);
      const e = ((await res.json()) as { error: { code: string; message: string; details: { actual: number; budget: number } } }).error;
      expect(e.code).toBe('payload_too_large');
      expect(e.message).toMatch(/^Vertices in this change set: [\d,]+, more than the 20,000 allowed per request; .*smaller change sets\.$/);
      expect(e.details).toEqual({ actual: 2 * half, budget: BUDGETS.changeSetVertices });
    }
    expect(await t.store.read((db) => rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM grids`))).toEqual(before);
  });

  it('refuses a roster past its row budget with 413 before reading it further', async () => {
    const lines = ['统一社会信用代码,企业名称,所在楼宇,从业人员数,行业,所有制,注册日期'];
    for (let i = 0; i <= BUDGETS.importRows; i++) lines.push(`x${i},n,b,1,i,私营,2020-01-01`);
    const form = new FormData();
    form.set('file', new Blob([lines.join('\n')]), 'big.csv');
    const res = await c.app.request(`${BASE}/api/import/enterprises/preview`, { method: 'POST', body: form, headers: admin });
    expect(res.status).toBe(413);
    const e = ((await res.json()) as { error: { code: string; message: string } }).error;
    expect(e.message).toMatch(/has 50,001 data rows, more than the 50,000 one import may hold; split it/);
  });

  it('clamps OGC items to the page budget', async () => {
    const res = await c.get('/ogc/collections/buildings/items?limit=100000', admin);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { features: unknown[] }).features.length).toBeLessThanOrEqual(BUDGETS.ogcItemsPerPage);
  });
});

describe('an import preview whose client has gone', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore('pglite');
  });
  afterAll(async () => t?.dispose());

  it('is not computed when its turn in the store comes (answered 499, counted)', async () => {
    const { createApp } = await import('../../server/app.js');
    const app = createApp(t.services);
    await t.services.coverage.summary('district', '310106');
    const seen: { req: Request; res: Promise<Response> }[] = [];
    const { server, base } = await serveOnLoopback((req) => {
      const res = Promise.resolve(app.fetch(req));
      seen.push({ req, res });
      return res;
    });
    try {
      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'test-admin-password' }) });
      const headers = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '', 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };
      // Hold the embedded store, as a long preview or import would.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let entered!: () => void;
      const inside = new Promise<void>((r) => (entered = r));
      const unit = t.store.read(async () => {
        entered();
        await held;
      });
      await inside;
      const before = abandoned.count;
      const ctrl = new AbortController();
      const form = new FormData();
      form.set('file', new Blob(['统一社会信用代码,企业名称,所在楼宇,从业人员数,行业,所有制,注册日期\n91310106MA1FL0000X,n,b,1,i,私营,2020-01-01\n']), 'one.csv');
      const sent = fetch(`${base}/api/import/enterprises/preview`, { method: 'POST', headers, body: form, signal: ctrl.signal }).catch(() => null);
      // Wait until the server has the request, then leave.
      while (!seen.some((s) => s.req.url.endsWith('/import/enterprises/preview'))) await new Promise((r) => setTimeout(r, 20));
      const mine = seen.find((s) => s.req.url.endsWith('/import/enterprises/preview')) as { req: Request; res: Promise<Response> };
      ctrl.abort();
      await sent;
      if (!mine.req.signal.aborted) await new Promise((r) => mine.req.signal.addEventListener('abort', r, { once: true }));
      release();
      await unit;
      expect((await mine.res).status).toBe(499);
      expect(abandoned.count).toBe(before + 1);
      expect(await (await fetch(`${base}/api/health`)).json()).toMatchObject({ abandonedRequests: before + 1, coverage: 'ready' });
    } finally {
      await closeNow(server);
    }
  });
});
