// Issue 12, point 4: no lost update, ever. A revert writes restored grids above any version they had and carries
// its base (412 when stale); two conflicting saves at once give one winner. Then two editors interleave edits,
// merges, splits and reverts, each from the view it last loaded (fast-check picks the order). A change based on a stale view must get 412 and a fresh one must
// not; versions only grow, and one (grid id, version) never names two different boundaries — which is what would
// let a stale save win.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as turf from '@turf/turf';
import type { Feature, Polygon, Position } from 'geojson';
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { adminSession, client, type Client } from '../helpers/client.js';

const STREET = '310106012';

interface Grid { id: number; name: string; version: number; geometry: Polygon }
interface View { grids: Grid[] }

const k = (p: Position) => `${p[0]},${p[1]}`;

type Op =
  | { kind: 'load'; editor: number }
  | { kind: 'move'; editor: number; pick: number; fx: number; fy: number }
  | { kind: 'merge'; editor: number; pick: number }
  | { kind: 'split'; editor: number; pick: number }
  | { kind: 'revert'; editor: number; pick: number; state: 'before' | 'after' };

const editorArb = fc.integer({ min: 0, max: 1 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('load' as const), editor: editorArb }),
  fc.record({ kind: fc.constant('move' as const), editor: editorArb, pick: fc.nat(), fx: fc.double({ min: -0.3, max: 0.3, noNaN: true }), fy: fc.double({ min: -0.3, max: 0.3, noNaN: true }) }),
  fc.record({ kind: fc.constant('merge' as const), editor: editorArb, pick: fc.nat() }),
  fc.record({ kind: fc.constant('split' as const), editor: editorArb, pick: fc.nat() }),
  fc.record({ kind: fc.constant('revert' as const), editor: editorArb, pick: fc.nat(), state: fc.constantFrom('before' as const, 'after' as const) }),
);

/** The change set an editor builds from its view; the ids it is based on. */
function changeFor(op: Op, view: View): { body: unknown; based: number[] } | null {
  const grids = view.grids;
  if (op.kind === 'move') {
    const count = new Map<string, number>();
    for (const g of grids) for (const p of new Set((g.geometry.coordinates[0] as Position[]).map(k))) count.set(p, (count.get(p) ?? 0) + 1);
    const shared = [...count].filter(([, n]) => n >= 3).map(([p]) => p);
    if (!shared.length) return null;
    const vk = shared[op.pick % shared.length] as string;
    const v = vk.split(',').map(Number) as [number, number];
    const holders = grids.filter((g) => g.geometry.coordinates[0]?.some((p) => k(p) === vk));
    const to: Position = [v[0] + op.fx * 2e-4, v[1] + op.fy * 2e-4];
    const moved = holders.map((g) => ({ id: g.id, version: g.version, geometry: { type: 'Polygon', coordinates: g.geometry.coordinates.map((r) => r.map((p) => (k(p) === vk ? to : p))) } }));
    return { body: { changes: moved }, based: holders.map((g) => g.id) };
  }
  if (op.kind === 'merge') {
    const pairs: [Grid, Grid][] = [];
    for (const a of grids) for (const b of grids) {
      const held = new Set((b.geometry.coordinates[0] as Position[]).map(k));
      if (a.id !== b.id && (a.geometry.coordinates[0] as Position[]).filter((p) => held.has(k(p))).length >= 2) pairs.push([a, b]);
    }
    if (!pairs.length || grids.length < 3) return null;
    const [a, b] = pairs[op.pick % pairs.length] as [Grid, Grid];
    // The receiver is not versioned by the change: its stored boundary (whatever it is now) takes the area.
    return { body: { changes: [{ id: a.id, version: a.version, delete: true, giveTo: b.id }] }, based: [a.id] };
  }
  if (op.kind === 'split') {
    const g = grids[op.pick % grids.length] as Grid;
    const [minX, minY, maxX, maxY] = turf.bbox(turf.feature(g.geometry));
    const west = turf.bboxPolygon([minX - 1, minY - 1, (minX + maxX) / 2, maxY + 1]);
    const part = turf.intersect(turf.featureCollection([turf.feature(g.geometry), west])) as Feature<Polygon> | null;
    const rest = turf.difference(turf.featureCollection([turf.feature(g.geometry), west])) as Feature<Polygon> | null;
    if (part?.geometry.type !== 'Polygon' || rest?.geometry.type !== 'Polygon') return null;
    return { body: { changes: [{ id: g.id, version: g.version, geometry: rest.geometry }, { geometry: part.geometry, name: `分${op.pick}` }] }, based: [g.id] };
  }
  return null;
}

for (const kind of storeKinds()) {
  describe(`versions only grow (${kind})`, () => {
    let t: TestStore;
    let c: Client;
    let admin: Record<string, string>;
    const load = async (): Promise<View> => (await (await c.get(`/api/streets/${STREET}/grid-editor`, admin)).json()) as View;

    beforeAll(async () => {
      t = await openTestStore(kind);
      c = client(t.services);
      admin = await adminSession(c);
    });
    afterAll(() => t.dispose());

    const baseOf = (v: View) => v.grids.map((g) => ({ id: g.id, version: g.version }));
    const commit = (body: unknown) => c.send('POST', `/api/streets/${STREET}/grid-changes`, body, admin);
    const revert = (id: number, body: unknown) => c.send('POST', `/api/streets/${STREET}/grid-history/${id}/revert`, body, admin);
    const fingerprint = async () => JSON.stringify(await t.store.read((db) => rows(db, sql`SELECT id, version, ST_AsText(geom) AS g FROM grids ORDER BY id`)));

    it('revert-then-stale-save: the restored grid is above every version it had, a save from before gets 412', async () => {
      const before = await load();
      const a = before.grids[0] as Grid;
      // Split a (its version grows); the planner keeps the view from before.
      const split = changeFor({ kind: 'split', editor: 0, pick: 0 }, { grids: [a] });
      expect(split).not.toBeNull();
      const edited = await commit(split?.body);
      expect(edited.status, await edited.clone().text()).toBe(200);
      const mid = await load();
      const { changeSetId } = (await edited.json()) as { changeSetId: number };
      const res = await revert(changeSetId, { state: 'before', base: baseOf(mid) });
      expect(res.status, await res.clone().text()).toBe(200);
      const after = await load();
      const back = after.grids.find((g) => g.id === a.id) as Grid;
      expect(JSON.stringify(back.geometry.coordinates)).toBe(JSON.stringify(a.geometry.coordinates));
      expect(back.version).toBeGreaterThan((mid.grids.find((g) => g.id === a.id) as Grid).version);
      // The planner's stale save (a at its old version, a bigger boundary) must not win.
      const stale = await commit({ changes: [{ id: a.id, version: a.version, geometry: a.geometry, name: 'stale' }] });
      expect(stale.status, await stale.clone().text()).toBe(412);
      expect(JSON.stringify((await load()).grids)).toBe(JSON.stringify(after.grids));
    });

    it('a grid deleted and brought back by a revert shows as restored, above the version it was deleted at', async () => {
      const v = await load();
      const change = changeFor({ kind: 'merge', editor: 0, pick: 0 }, v);
      expect(change).not.toBeNull();
      const victim = v.grids.find((g) => g.id === change?.based[0]) as Grid;
      const merged = await commit(change?.body);
      expect(merged.status, await merged.clone().text()).toBe(200);
      const { changeSetId } = (await merged.json()) as { changeSetId: number };
      const res = await revert(changeSetId, { state: 'before', base: baseOf(await load()) });
      expect(res.status, await res.clone().text()).toBe(200);
      const back = (await load()).grids.find((g) => g.id === victim.id) as Grid;
      expect(back.version).toBeGreaterThan(victim.version);
      const { items } = (await (await c.get(`/api/streets/${STREET}/grid-history`, admin)).json()) as { items: { changes: { gridId: number; action: string }[] }[] };
      expect(items[0]?.changes.find((ch) => ch.gridId === victim.id)?.action).toBe('restore');
      // A delete from the old view loses too.
      expect((await commit({ changes: [{ id: victim.id, version: victim.version, delete: true, giveTo: (change?.body as { changes: { giveTo: number }[] }).changes[0]?.giveTo }] })).status).toBe(412);
    });

    it('a revert from a stale base gets 412 and writes nothing; without a base it is a bad request', async () => {
      const old = await load();
      const split = changeFor({ kind: 'split', editor: 0, pick: 1 }, old);
      const res = await commit(split?.body);
      expect(res.status, await res.clone().text()).toBe(200);
      const { changeSetId } = (await res.json()) as { changeSetId: number };
      const was = await fingerprint();
      const stale = await revert(changeSetId, { state: 'before', base: baseOf(old) });
      expect(stale.status, await stale.clone().text()).toBe(412);
      expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('stale_version');
      expect((await revert(changeSetId, { state: 'before' })).status).toBe(400);
      expect(await fingerprint()).toBe(was);
    });

    it('two conflicting saves at once: exactly one wins, the other gets 412', async () => {
      const v = await load();
      const a = changeFor({ kind: 'move', editor: 0, pick: 0, fx: 0.2, fy: 0.1 }, v);
      const b = changeFor({ kind: 'move', editor: 1, pick: 0, fx: -0.2, fy: -0.1 }, v);
      expect(a && b).toBeTruthy();
      const statuses = (await Promise.all([commit(a?.body), commit(b?.body)])).map((r) => r.status).sort();
      expect(statuses).toEqual([200, 412]);
    });

    it('random interleavings of two editors never let a stale base win', async () => {
      // Across all runs (the store is shared): every (id, version) ever seen, with its boundary and name.
      const named = new Map<string, string>();
      const highest = new Map<number, number>();
      const observe = (v: View) => {
        for (const g of v.grids) {
          const key = `${g.id}@${g.version}`;
          const what = JSON.stringify([g.name, g.geometry.coordinates]);
          const before = named.get(key);
          if (before !== undefined) expect(what, `grid ${g.id} version ${g.version} names two boundaries`).toBe(before);
          named.set(key, what);
          highest.set(g.id, Math.max(highest.get(g.id) ?? 0, g.version));
        }
      };
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 3, maxLength: 8 }), async (ops) => {
          const views: View[] = [await load(), await load()];
          observe(views[0] as View);
          let outcomes = 0;
          for (const op of ops) {
            const view = views[op.editor] as View;
            if (op.kind === 'load') {
              views[op.editor] = await load();
              observe(views[op.editor] as View);
              continue;
            }
            const now = await load();
            observe(now);
            const peak = new Map(highest);
            let res: Response;
            let fresh: boolean;
            if (op.kind === 'revert') {
              const { items } = (await (await c.get(`/api/streets/${STREET}/grid-history`, admin)).json()) as { items: { id: number }[] };
              if (!items.length) continue;
              const target = items[op.pick % items.length] as { id: number };
              const base = view.grids.map((g) => ({ id: g.id, version: g.version }));
              fresh = JSON.stringify(base) === JSON.stringify(now.grids.map((g) => ({ id: g.id, version: g.version })));
              res = await c.send('POST', `/api/streets/${STREET}/grid-history/${target.id}/revert`, { state: op.state, base }, admin);
            } else {
              const change = changeFor(op, view);
              if (!change) continue;
              const current = new Map(now.grids.map((g) => [g.id, g.version]));
              const seen = new Map(view.grids.map((g) => [g.id, g.version]));
              fresh = change.based.every((id) => current.get(id) === seen.get(id));
              res = await c.send('POST', `/api/streets/${STREET}/grid-changes`, change.body, admin);
            }
            const text = await res.text();
            if (fresh) expect(res.status, text).not.toBe(412);
            else expect(res.status, text).toBe(412);
            outcomes++;
            if (res.status === 200) {
              const { grids } = JSON.parse(text) as { grids: { id: number; version: number }[] };
              // Every written grid is above any version its id ever had.
              for (const g of grids) expect(g.version).toBeGreaterThan(peak.get(g.id) ?? 0);
              observe(await load());
              // The editor who saved carries on from the saved state.
              views[op.editor] = await load();
            }
          }
          return outcomes >= 0;
        }),
        // Fewer sequences on PostgreSQL: the same code path, a second driver's transactions and triggers.
        { numRuns: kind === 'pglite' ? 6 : 3, seed: 20261130, endOnFailure: true },
      );
    });
  });
}
