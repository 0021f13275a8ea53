// Grid editing through the API on every store: preview, commit, every rejection path (nothing written),
// history and revert, two editors, roles and street scope, and random shared-vertex moves (fast-check).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import * as turf from '@turf/turf';
import type { Feature, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { rows } from '../../server/db/store.js';
import { snapPosition } from '../../server/domain/topology/lattice.js';
import type { ChangeEvent } from '../../server/events/hub.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { adminSession, client, displayAuth, officialAuth, type Client } from '../helpers/client.js';

const STREET = '310106012';

interface Grid {
  id: number;
  code: string;
  name: string;
  version: number;
  geometry: Polygon;
}
interface EditorState {
  street: { geometry: MultiPolygon };
  grids: Grid[];
  buildings: { id: number; gridId: number | null }[];
  editable: boolean;
}

const key = (p: Position) => `${p[0]},${p[1]}`;

/** Vertices held by two or more grids and not on the street outline: moving one must move it everywhere. */
type XY = [number, number];

function interiorSharedVertices(state: EditorState): XY[] {
  const outline = new Set(state.street.geometry.coordinates.flat(2).map(key));
  const holders = new Map<string, Set<number>>();
  const where = new Map<string, Position>();
  for (const g of state.grids) {
    for (const p of g.geometry.coordinates[0] as Position[]) {
      holders.set(key(p), (holders.get(key(p)) ?? new Set()).add(g.id));
      where.set(key(p), p);
    }
  }
  // A vertex lying on another grid's edge (a T-junction, e.g. after a split) is not shared by that grid:
  // moving it would open a gap or overlap there, so it is not a candidate.
  const onOtherEdge = (p: Position, holding: Set<number>) =>
    state.grids.some((g) => !holding.has(g.id) && turf.pointToLineDistance(turf.point(p), turf.polygonToLine(turf.feature(g.geometry)) as Feature<LineString>, { units: 'meters' }) < 0.01);
  // The street outline is locked: a vertex on it (not only its corners) may not move off it.
  const outlineLines = turf.polygonToLine(turf.feature(state.street.geometry));
  const onOutline = (p: Position) =>
    turf.flattenReduce(outlineLines, (near, line) => near || turf.pointToLineDistance(turf.point(p), line as Feature<LineString>, { units: 'meters' }) < 0.01, false);
  return [...holders]
    .filter(([k, s]) => s.size >= 2 && !outline.has(k) && !onOtherEdge(where.get(k) as Position, s) && !onOutline(where.get(k) as Position))
    .map(([k]) => where.get(k) as XY);
}

/** Moves every occurrence of a vertex in every grid that holds it. */
function moveEverywhere(grids: Grid[], from: Position, to: Position): Grid[] {
  return grids
    .filter((g) => g.geometry.coordinates.some((r) => r.some((p) => key(p) === key(from))))
    .map((g) => ({ ...g, geometry: { type: 'Polygon', coordinates: g.geometry.coordinates.map((r) => r.map((p) => (key(p) === key(from) ? to : p))) } }));
}

const update = (g: Grid, geometry: Polygon = g.geometry) => ({ id: g.id, version: g.version, geometry });

for (const kind of storeKinds()) {
  describe(`grid editing (${kind})`, () => {
    let t: TestStore;
    let c: Client;
    let admin: Record<string, string>;
    let editor: Record<string, string>;
    let otherEditor: Record<string, string>;

    const state = async (): Promise<EditorState> => {
      const res = await c.get(`/api/streets/${STREET}/grid-editor`, admin);
      expect(res.status).toBe(200);
      return (await res.json()) as EditorState;
    };
    /** Everything a rejected change must leave alone. */
    const fingerprint = () =>
      t.store.read(async (db) => ({
        grids: await rows(db, sql`SELECT id, version, name, md5(ST_AsEWKB(geom)::text) AS g FROM grids ORDER BY id`),
        buildings: await rows(db, sql`SELECT id, grid_id FROM buildings ORDER BY id`),
        enterprises: await rows(db, sql`SELECT count(*)::int AS n, sum(coalesce(grid_id, 0))::int AS s FROM enterprises`),
        log: await rows(db, sql`SELECT count(*)::int AS n FROM change_log`),
        audit: await rows(db, sql`SELECT count(*)::int AS n FROM audit_log`),
        sets: await rows(db, sql`SELECT count(*)::int AS n FROM grid_change_sets`),
      }));
    const commit = (body: unknown, headers = editor) => c.send('POST', `/api/streets/${STREET}/grid-changes`, body, headers);
    const preview = (body: unknown, headers = editor) => c.send('POST', `/api/streets/${STREET}/grid-changes/preview`, body, headers);

    beforeAll(async () => {
      t = await openTestStore(kind);
      c = client(t.services);
      admin = await adminSession(c);
      for (const [username, streets] of [['planner', [STREET]], ['other-planner', ['310104004']]] as const) {
        const res = await c.send('POST', '/api/users', { username, displayName: username, role: 'editor', password: 'planner-password-1', streetCodes: streets }, admin);
        expect(res.status).toBe(201);
      }
      editor = await adminSession(c, 'planner', 'planner-password-1');
      otherEditor = await adminSession(c, 'other-planner', 'planner-password-1');
    });
    afterAll(() => t.dispose());

    it('serves the street, its grids with versions, its buildings and the rules', async () => {
      const s = await state();
      expect(s.grids.length).toBeGreaterThanOrEqual(2);
      expect(s.editable).toBe(true);
      expect(s.buildings.length).toBeGreaterThan(0);
      const union = s.grids.map((g) => turf.feature(g.geometry)).reduce((a, b) => turf.union(turf.featureCollection([a, b])) as Feature<Polygon>);
      expect(turf.area(union)).toBeCloseTo(turf.area(turf.feature(s.street.geometry)), -1);
      const asOther = (await (await c.get(`/api/streets/${STREET}/grid-editor`, otherEditor)).json()) as EditorState;
      expect(asOther.editable).toBe(false);
    });

    it('previews and commits a shared-vertex move: both grids move, versions bump, one audit row, history', async () => {
      const s = await state();
      const v = interiorSharedVertices(s)[0] as XY;
      expect(v).toBeDefined();
      // Stored boundaries are on the 1e-7° lattice (ADR 0013): the editor sends lattice points.
      const to: Position = snapPosition([v[0] + 0.0002, v[1] + 0.0001]);
      const moved = moveEverywhere(s.grids, v, to);
      expect(moved.length).toBeGreaterThanOrEqual(2);
      const body = { note: 'move a shared corner', changes: moved.map((g) => update(g)) };
      const p = await preview(body);
      expect(p.status).toBe(200);
      const pv = (await p.json()) as { ok: boolean; problems: unknown[]; impact: { grids: { key: number; before: unknown; after: unknown }[] } };
      expect(pv.problems).toEqual([]);
      expect(pv.ok).toBe(true);
      expect(pv.impact.grids.map((g) => g.key).sort()).toEqual(moved.map((g) => g.id).sort());
      const auditBefore = (await fingerprint()).audit;
      // A live client (a wall, another editor) hears about the save through the event hub.
      const heard: ChangeEvent[] = [];
      const stop = t.services.events.subscribe((e) => heard.push(e));
      await new Promise((r) => setTimeout(r, 400));
      const res = await commit(body);
      expect(res.status).toBe(200);
      await expect.poll(() => heard.flatMap((e) => e.tables), { timeout: 5000 }).toContain('grids');
      stop();
      const out = (await res.json()) as { changeSetId: number; grids: { id: number; version: number }[] };
      expect(out.grids.map((g) => g.version)).toEqual(moved.map((g) => g.version + 1));
      const after = await state();
      for (const g of moved) {
        const now = after.grids.find((x) => x.id === g.id) as Grid;
        expect(now.geometry.coordinates[0]?.some((p) => p[0] === to[0] && p[1] === to[1])).toBe(true);
      }
      const [{ n }] = (await t.store.read((db) => rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_log`))) as [{ n: number }];
      expect(n).toBe((auditBefore[0] as { n: number }).n + 1);
      const history = (await (await c.get(`/api/streets/${STREET}/grid-history`, editor)).json()) as { items: { id: number; actor: string; note: string; changes: { gridId: number; action: string; before: Polygon; after: Polygon }[] }[] };
      expect(history.items[0]).toMatchObject({ id: out.changeSetId, actor: 'user:planner', note: 'move a shared corner' });
      expect(history.items[0]?.changes.every((ch) => ch.action === 'update' && ch.before && ch.after)).toBe(true);
    });

    it('deleting a grid gives its area, buildings and enterprises to the neighbour; coverage follows; revert brings it back', async () => {
      const s = await state();
      // A grid with buildings and a neighbour sharing an edge.
      const victim = s.grids.find((g) => s.buildings.some((b) => b.gridId === g.id)) as Grid;
      const neighbour = s.grids.find((g) => g.id !== victim.id && turf.booleanIntersects(turf.feature(g.geometry), turf.feature(victim.geometry)) && turf.area(turf.intersect(turf.featureCollection([turf.buffer(turf.feature(g.geometry), 1, { units: 'meters' }) as Feature<Polygon>, turf.feature(victim.geometry)])) ?? turf.point([0, 0])) > 10) as Grid;
      expect(neighbour).toBeDefined();
      const before = await c.get(`/api/coverage/summary?level=grid&id=${neighbour.id}`, officialAuth);
      const enterprisesBefore = ((await before.json()) as { enterprises: number }).enterprises;
      const victimCov = (await (await c.get(`/api/coverage/summary?level=grid&id=${victim.id}`, officialAuth)).json()) as { enterprises: number };
      const res = await commit({ note: 'merge', changes: [{ id: victim.id, version: victim.version, delete: true, giveTo: neighbour.id }] });
      expect(res.status, await res.clone().text()).toBe(200);
      const { changeSetId } = (await res.json()) as { changeSetId: number };
      const after = await state();
      expect(after.grids.some((g) => g.id === victim.id)).toBe(false);
      const moved = s.buildings.filter((b) => b.gridId === victim.id).map((b) => b.id);
      expect(after.buildings.filter((b) => moved.includes(b.id)).every((b) => b.gridId === neighbour.id)).toBe(true);
      const orphans = await t.store.read((db) => rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM enterprises e JOIN buildings b ON b.id = e.building_id WHERE e.grid_id IS DISTINCT FROM b.grid_id`));
      expect(orphans[0]?.n).toBe(0);
      const cov = (await (await c.get(`/api/coverage/summary?level=grid&id=${neighbour.id}`, officialAuth)).json()) as { enterprises: number };
      expect(cov.enterprises).toBe(enterprisesBefore + victimCov.enterprises);
      const gone = await c.get(`/api/coverage/summary?level=grid&id=${victim.id}`, officialAuth);
      expect(gone.status).toBe(404);

      const baseVersions = after.grids.map((g) => ({ id: g.id, version: g.version }));
      const revert = await c.send('POST', `/api/streets/${STREET}/grid-history/${changeSetId}/revert`, { state: 'before', note: 'undo merge', base: baseVersions }, editor);
      expect(revert.status, await revert.clone().text()).toBe(200);
      const restored = await state();
      const back = restored.grids.find((g) => g.id === victim.id) as Grid;
      expect(back.code).toBe(victim.code);
      // Versions only grow: the grid comes back above the version it was deleted at, and shows as restored.
      expect(back.version).toBeGreaterThan(victim.version);
      const [latest] = ((await (await c.get(`/api/streets/${STREET}/grid-history`, editor)).json()) as { items: { changes: { gridId: number; action: string }[] }[] }).items;
      expect(latest?.changes.find((ch) => ch.gridId === victim.id)?.action).toBe('restore');
      // A planner who still holds the version from before the merge cannot overwrite the revert.
      const stale = await commit({ changes: [update(victim)] });
      expect(stale.status, await stale.clone().text()).toBe(412);
      expect(turf.area(turf.feature(back.geometry))).toBeCloseTo(turf.area(turf.feature(victim.geometry)), 0);
      expect(restored.buildings.filter((b) => moved.includes(b.id)).every((b) => b.gridId === victim.id)).toBe(true);
      const detail = (await (await c.get(`/api/streets/${STREET}/grid-history/${changeSetId}`, editor)).json()) as { before: Grid[]; after: Grid[] };
      expect(detail.before.length).toBe(detail.after.length + 1);
    });

    it('splits a grid with a new one carved out of it', async () => {
      const s = await state();
      const g = s.grids[0] as Grid;
      const [minX, minY, maxX, maxY] = turf.bbox(turf.feature(g.geometry));
      const midX = (minX + maxX) / 2;
      const west = turf.bboxPolygon([minX - 1, minY - 1, midX, maxY + 1]);
      const part = turf.intersect(turf.featureCollection([turf.feature(g.geometry), west])) as Feature<Polygon>;
      const rest = turf.difference(turf.featureCollection([turf.feature(g.geometry), west])) as Feature<Polygon>;
      expect(part.geometry.type).toBe('Polygon');
      expect(rest.geometry.type).toBe('Polygon');
      const res = await commit({ note: 'split', changes: [update(g, rest.geometry), { geometry: part.geometry, name: '新网格' }] });
      expect(res.status, await res.clone().text()).toBe(200);
      const after = await state();
      const created = after.grids.find((x) => x.name === '新网格') as Grid;
      expect(created.code).toMatch(new RegExp(`^${STREET}-G\\d+$`));
      expect(s.grids.some((x) => x.code === created.code)).toBe(false);
    });

    describe('rejections write nothing', () => {
      const rejects = async (body: unknown, status: number, code: string, headers?: Record<string, string>) => {
        const before = await fingerprint();
        const res = await commit(body, headers);
        const text = await res.text();
        expect(res.status, text).toBe(status);
        expect((JSON.parse(text) as { error: { code: string } }).error.code).toBe(code);
        expect(await fingerprint()).toEqual(before);
        return JSON.parse(text) as { error: { details: { problems?: { kind: string; geometry?: unknown; gridIds: unknown[] }[] } } };
      };
      const pair = async () => {
        const s = await state();
        for (const a of s.grids) {
          for (const b of s.grids) {
            if (a.id < b.id && a.geometry.coordinates[0]?.some((p) => b.geometry.coordinates[0]?.some((q) => key(p) === key(q)))) {
              const shared = a.geometry.coordinates[0].filter((p) => b.geometry.coordinates[0]?.some((q) => key(p) === key(q)));
              if (shared.length >= 3) return { s, a, b };
            }
          }
        }
        throw new Error('no neighbours');
      };

      it('overlap → 409 with the overlapping area as GeoJSON', async () => {
        const { a, b } = await pair();
        const grown = turf.union(turf.featureCollection([turf.feature(a.geometry), turf.feature(b.geometry)])) as Feature<Polygon>;
        const body = await rejects({ changes: [update(a, grown.geometry)] }, 409, 'not_a_partition');
        const overlap = body.error.details.problems?.find((p) => p.kind === 'overlap');
        expect(overlap?.gridIds.sort()).toEqual([a.id, b.id].sort());
        expect(overlap?.geometry).toMatchObject({ type: 'Polygon' });
      });

      it('gap → 409 with the gap as GeoJSON', async () => {
        const { a } = await pair();
        const shrunk = turf.transformScale(turf.feature(a.geometry), 0.7);
        const body = await rejects({ changes: [update(a, shrunk.geometry)] }, 409, 'not_a_partition');
        expect(body.error.details.problems?.some((p) => p.kind === 'gap' && p.geometry)).toBe(true);
      });

      it('outside the street → 409', async () => {
        const { a } = await pair();
        const s = await state();
        const street = turf.feature(s.street.geometry);
        const far = turf.transformTranslate(turf.feature(a.geometry), 5, 90, { units: 'kilometers' });
        expect(turf.booleanIntersects(far, street)).toBe(false);
        const body = await rejects({ changes: [update(a, far.geometry)] }, 409, 'not_a_partition');
        expect(body.error.details.problems?.some((p) => p.kind === 'outside')).toBe(true);
      });

      it('self-intersection (bow tie) → 422 with the reason', async () => {
        const { a } = await pair();
        const [x0, y0, x1, y1] = turf.bbox(turf.feature(a.geometry));
        const bowtie: Polygon = { type: 'Polygon', coordinates: [[[x0, y0], [x1, y1], [x1, y0], [x0, y1], [x0, y0]]] };
        const body = await rejects({ changes: [update(a, bowtie)] }, 422, 'invalid_geometry');
        expect(body.error.details.problems?.[0]).toMatchObject({ kind: 'invalid', gridIds: [a.id] });
      });

      it('a 2-point ring, an unclosed ring, 1e308 and latitude 95 → 422', async () => {
        const { a } = await pair();
        const [p0, p1] = a.geometry.coordinates[0] as [XY, XY];
        for (const ring of [[p0, p1], [p0, p1, [p0[0], p1[1]], [p1[0], p0[1]]], [p0, [1e308, 1e308], p1, p0], [p0, [p1[0], 95], p1, p0]]) {
          await rejects({ changes: [update(a, { type: 'Polygon', coordinates: [ring] })] }, 422, 'invalid_geometry');
        }
      });

      it('NaN, Infinity, strings and wrong shapes → 400', async () => {
        const { a } = await pair();
        await rejects(`{"changes":[{"id":${a.id},"version":${a.version},"geometry":{"type":"Polygon","coordinates":[[[NaN,1],[2,2],[3,3],[NaN,1]]]}}]}`, 400, 'bad_request');
        await rejects(`{"changes":[{"id":${a.id},"version":${a.version},"geometry":{"type":"Polygon","coordinates":[[[1e999,1],[2,2],[3,3],[1e999,1]]]}}]}`, 400, 'bad_request');
        await rejects({ changes: [{ id: a.id, version: a.version, geometry: { type: 'Polygon', coordinates: [[['121', '31'], [1, 2], [3, 4], ['121', '31']]] } }] }, 400, 'bad_request');
        await rejects({ changes: [{ id: a.id, version: a.version, geometry: { type: 'Point', coordinates: [121, 31] } }] }, 400, 'bad_request');
        await rejects({ changes: [] }, 400, 'bad_request');
        await rejects({ changes: [{ id: a.id, version: a.version, delete: true }] }, 400, 'bad_request');
      });

      it('a stale version → 412 naming the grid', async () => {
        const { a } = await pair();
        const body = await rejects({ changes: [update({ ...a, version: a.version - 1 < 1 ? a.version + 7 : a.version - 1 })] }, 412, 'stale_version');
        expect(body.error.details).toMatchObject({ stale: [{ id: a.id }] });
      });

      it("a grid of another street → 422; another street's editor, an official, a display token → 403; no session → 401", async () => {
        const other = await t.store.read((db) => rows<{ id: number; version: number }>(db, sql`SELECT id, version FROM grids WHERE street_code <> ${STREET} ORDER BY id LIMIT 1`));
        const o = other[0] as { id: number; version: number };
        await rejects({ changes: [{ id: o.id, version: o.version, delete: true, giveTo: o.id + 1 }] }, 422, 'invalid_geometry');
        const { a } = await pair();
        const body = { changes: [update(a)] };
        await rejects(body, 403, 'forbidden', otherEditor);
        await rejects(body, 403, 'forbidden', officialAuth);
        await rejects(body, 403, 'forbidden', displayAuth);
        await rejects(body, 401, 'unauthorized', {});
        expect((await preview(body, otherEditor)).status).toBe(403);
        expect((await c.get(`/api/streets/${STREET}/grid-editor`, displayAuth)).status).toBe(403);
        expect((await c.send('POST', `/api/streets/${STREET}/grid-history/1/revert`, { state: 'before', base: [] }, otherEditor)).status).toBe(403);
      });

      it('an unknown street → 404, a malformed street code → 400', async () => {
        expect((await c.send('POST', '/api/streets/310106999/grid-changes', { changes: [{ geometry: { type: 'Polygon', coordinates: [[[1, 1], [1, 2], [2, 2], [1, 1]]] }, name: 'x' }] }, admin)).status).toBe(404);
        expect((await c.get('/api/streets/nope/grid-editor', admin)).status).toBe(400);
      });
    });

    it('two editors: the second save based on the old version gets 412 and changes nothing', async () => {
      const s = await state();
      const v = interiorSharedVertices(s)[0] as XY;
      const first = moveEverywhere(s.grids, v, [v[0] - 0.0001, v[1]]);
      const second = moveEverywhere(s.grids, v, [v[0], v[1] - 0.0001]);
      const r1 = await commit({ changes: first.map((g) => update(g)) });
      expect(r1.status, await r1.clone().text()).toBe(200);
      const before = await fingerprint();
      const res = await commit({ changes: second.map((g) => update(g)) }, admin);
      expect(res.status).toBe(412);
      expect(await fingerprint()).toEqual(before);
    });

    it('a change based on a grid someone else merged away is stale (412), not unknown', async () => {
      const s = await state();
      const [a, b] = s.grids.filter((g) => s.grids.some((o) => o.id !== g.id && turf.booleanIntersects(turf.feature(o.geometry), turf.feature(g.geometry)))) as [Grid, Grid];
      const merge = await commit({ changes: [{ id: a.id, version: a.version, delete: true, giveTo: b.id }] }, admin);
      expect(merge.status, await merge.clone().text()).toBe(200);
      const before = await fingerprint();
      const res = await commit({ changes: [update(a)] });
      expect(res.status).toBe(412);
      expect(((await res.json()) as { error: { details: unknown } }).error.details).toMatchObject({ stale: [{ id: a.id, current: null }] });
      expect(await fingerprint()).toEqual(before);
    });

    it('sending the grids as they are writes nothing; a chosen code is kept, a used one is refused', async () => {
      const s = await state();
      const before = await fingerprint();
      const res = await commit({ changes: s.grids.map((g) => update(g)) });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { changeSetId: number | null }).changeSetId).toBeNull();
      expect(await fingerprint()).toEqual(before);
      const g = s.grids[0] as Grid;
      const [minX, minY, maxX, maxY] = turf.bbox(turf.feature(g.geometry));
      const west = turf.bboxPolygon([minX - 1, minY - 1, (minX + maxX) / 2, maxY + 1]);
      const part = (turf.intersect(turf.featureCollection([turf.feature(g.geometry), west])) as Feature<Polygon>).geometry;
      const rest = (turf.difference(turf.featureCollection([turf.feature(g.geometry), west])) as Feature<Polygon>).geometry;
      const other = s.grids[1] as Grid;
      await (async () => {
        const r = await commit({ changes: [update(g, rest), { geometry: part, name: '撞码', code: other.code }] });
        expect(r.status).toBe(422);
      })();
      const ok = await commit({ changes: [update(g, rest), { geometry: part, name: '自带编码', code: 'IMPORTED-007' }] });
      expect(ok.status, await ok.clone().text()).toBe(200);
      expect((await state()).grids.find((x) => x.name === '自带编码')?.code).toBe('IMPORTED-007');
    });

    it('the grids download is GeoJSON of the street with versions', async () => {
      const res = await c.get(`/api/streets/${STREET}/grids.geojson`, editor);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/geo+json');
      const fc2 = (await res.json()) as { features: { properties: { id: number; version: number; code: string } }[] };
      expect(fc2.features.length).toBe((await state()).grids.length);
    });

    it('reverting to a street with no grids is refused (422), not a crash', async () => {
      const outline = turf.bboxPolygon([121.2, 31.0, 121.21, 31.01]).geometry;
      await t.store.write((tx) => tx.execute(sql`INSERT INTO streets (code, district_code, name, name_en, geom, source) VALUES ('310106999', '310106', '测试街道', 'Test', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(outline)}), 4326)), 'test')`));
      const first = await c.send('POST', '/api/streets/310106999/grid-changes', { changes: [{ geometry: outline, name: '唯一网格' }] }, admin);
      expect(first.status, await first.clone().text()).toBe(200);
      const { changeSetId } = (await first.json()) as { changeSetId: number };
      const { grids } = (await (await c.get('/api/streets/310106999/grid-editor', admin)).json()) as { grids: Grid[] };
      const res = await c.send('POST', `/api/streets/310106999/grid-history/${changeSetId}/revert`, { state: 'before', base: grids.map((g) => ({ id: g.id, version: g.version })) }, admin);
      expect(res.status).toBe(422);
    });

    it('random valid moves of shared vertices keep the partition exact (PostGIS agrees)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat(), fc.double({ min: -0.4, max: 0.4, noNaN: true }), fc.double({ min: -0.4, max: 0.4, noNaN: true }), async (pick, fx, fy) => {
          const s = await state();
          const vertices = interiorSharedVertices(s);
          const v = vertices[pick % vertices.length] as XY;
          // Move by a fraction of the distance to the nearest other vertex of the grids holding it: stays simple.
          const holders = moveEverywhere(s.grids, v, v);
          const others = holders.flatMap((g) => g.geometry.coordinates[0] as XY[]).filter((p) => key(p) !== key(v));
          const d = Math.min(...others.map((p) => Math.hypot(p[0] - v[0], p[1] - v[1])));
          const to: Position = [v[0] + fx * d, v[1] + fy * d];
          const moved = moveEverywhere(s.grids, v, to);
          fc.pre(moved.every((g) => turf.kinks(turf.feature(g.geometry)).features.length === 0));
          const res = await preview({ changes: moved.map((g) => update(g)) });
          const body = (await res.json()) as { ok: boolean; problems: { kind: string }[] };
          expect(body.problems.filter((p) => p.kind !== 'sliver'), JSON.stringify({ v, to, problems: body.problems })).toEqual([]);
        }),
        { numRuns: 12, seed: 20261121 },
      );
    });
  });
}
