// Issue 12, point 6: previews never pile up. A newer preview of the same editor, or a client that left, cancels the
// older one on the server: a queued one does not run (PGlite runs one unit at a time), a running statement is
// cancelled (PostgreSQL), and a save never waits behind abandoned previews.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Polygon } from 'geojson';
import { rows } from '../../server/db/store.js';
import { cancellableRead } from '../../server/grids/cancel.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { adminSession, BASE, client, type Client } from '../helpers/client.js';

const STREET = '310106012';

interface Grid { id: number; version: number; name: string; geometry: Polygon }

for (const kind of storeKinds()) {
  describe(`preview cancellation (${kind})`, () => {
    let t: TestStore;
    let c: Client;
    let admin: Record<string, string>;

    beforeAll(async () => {
      t = await openTestStore(kind);
      c = client(t.services);
      admin = await adminSession(c);
    });
    afterAll(() => t.dispose());

    const unchanged = async () => {
      const { grids } = (await (await c.get(`/api/streets/${STREET}/grid-editor`, admin)).json()) as { grids: Grid[] };
      const g = grids[0] as Grid;
      // A name change: a clean change set whose preview runs every step.
      return { changes: [{ id: g.id, version: g.version, geometry: g.geometry, name: `${g.name}′` }] };
    };
    const preview = (body: unknown, signal?: AbortSignal) =>
      c.app.request(`${BASE}/api/streets/${STREET}/grid-changes/preview`, { method: 'POST', headers: { 'content-type': 'application/json', ...admin }, body: JSON.stringify(body), signal });

    it('a preview whose client already left does no work: 409, nothing run', async () => {
      const ac = new AbortController();
      ac.abort();
      const res = await preview(await unchanged(), ac.signal);
      expect(res.status).toBe(409);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('conflict');
    });

    it('a statement running for a cancelled preview stops (PostgreSQL cancels it; PGlite runs no further statement)', async () => {
      const ac = new AbortController();
      const marker = `cancel-me-${Math.random().toString(36).slice(2)}`;
      const run = cancellableRead(t.store, ac.signal, async (db) => {
        // The marker in the statement's text (not a parameter), so pg_stat_activity shows it.
        await db.execute(sql`SELECT ${sql.raw(`'${marker}'`)}::text, pg_sleep(${kind === 'postgres' ? 60 : 0.2})`);
        await db.execute(sql`SELECT 1`);
        return 'finished';
      });
      if (kind === 'postgres') {
        // Abort once the statement is running on the server.
        for (;;) {
          const [r] = await t.store.read((db) => rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE ${`%${marker}%`} AND query NOT LIKE '%pg_stat_activity%'`));
          if ((r?.n ?? 0) > 0) break;
          await new Promise((r) => setTimeout(r, 20));
        }
      }
      ac.abort();
      await expect(run).rejects.toMatchObject({ status: 409, code: 'conflict' });
      if (kind === 'postgres') {
        const [left] = await t.store.read((db) => rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE ${`%${marker}%`} AND state = 'active' AND query NOT LIKE '%pg_stat_activity%'`));
        expect(left?.n).toBe(0);
      }
    });

    it.runIf(kind === 'pglite')('queued previews: a newer one cancels the older, an abandoned one never runs, a save does not wait for them', async () => {
      const body = await unchanged();
      // Hold the store so that everything below queues behind this unit, as behind a slow preview.
      let release = () => undefined as void;
      const held = t.store.read(() => new Promise<void>((r) => (release = r)));
      const older = preview(body);
      const left = new AbortController();
      const abandoned = [1, 2, 3].map(() => preview(body, left.signal));
      const newer = preview(body);
      const save = c.send('POST', `/api/streets/${STREET}/grid-changes`, body, admin);
      left.abort();
      await new Promise((r) => setTimeout(r, 50));
      release();
      await held;
      expect((await save).status).toBe(200);
      // Superseded by `newer`, or left: none of them ran; the newest did.
      for (const r of [await older, ...(await Promise.all(abandoned))]) expect(r.status).toBe(409);
      expect((await newer).status).toBe(200);
    });
  });
}
