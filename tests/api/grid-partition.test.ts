// Issue 12: grids tile their street exactly, by construction. Zero tolerance for gaps and overlaps after
// snapping, one precision on every entry point, a database that fails loudly, and the same verdicts from
// PGlite and PostgreSQL on the same inputs (parity).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { EngineFailure, rows, type Db } from '../../server/db/store.js';
import { isSnapped } from '../../server/domain/topology/snap.js';
import { partitionDefects } from '../../server/domain/topology/partition.js';
import { openTestStore, storeKinds, type StoreKind, type TestStore } from '../helpers/stores.js';
import { adminSession, client, type Client } from '../helpers/client.js';

const STREET = '310106012';

interface Grid { id: number; code: string; name: string; version: number; geometry: Polygon }
interface State { street: { geometry: MultiPolygon }; grids: Grid[] }
type Verdict = { status: number; code: string | null; kinds: string[]; areas: number[] };

const M_PER_DEG = 111_320;
const k = (p: Position) => `${p[0]},${p[1]}`;

/** Consecutive vertices p, q of a's outer ring that b holds too: an edge a and b share. */
function sharedEdges(s: State): { a: Grid; b: Grid; i: number; len: number }[] {
  const out: { a: Grid; b: Grid; i: number; len: number }[] = [];
  for (const a of s.grids) {
    const ring = a.geometry.coordinates[0] as Position[];
    for (const b of s.grids) {
      if (a.id === b.id) continue;
      const held = new Set((b.geometry.coordinates[0] as Position[]).map(k));
      for (let i = 0; i + 1 < ring.length; i++) {
        const p = ring[i] as Position;
        const q = ring[i + 1] as Position;
        if (held.has(k(p)) && held.has(k(q))) out.push({ a, b, i, len: turf.distance(p, q, { units: 'meters' }) });
      }
    }
  }
  return out.sort((x, y) => y.len - x.len);
}

/** Grid a with a triangular notch of the given area cut into its i-th edge (0.5 m wide, deep enough): a gap. */
function notched(a: Grid, i: number, areaM2: number): Polygon {
  const ring = a.geometry.coordinates[0] as Position[];
  const p = ring[i] as [number, number];
  const q = ring[i + 1] as [number, number];
  const lat = p[1];
  const toM = (d: [number, number]): [number, number] => [d[0] * M_PER_DEG * Math.cos((lat * Math.PI) / 180), d[1] * M_PER_DEG];
  const toDeg = (m: [number, number]): [number, number] => [m[0] / (M_PER_DEG * Math.cos((lat * Math.PI) / 180)), m[1] / M_PER_DEG];
  const e = toM([q[0] - p[0], q[1] - p[1]]);
  const len = Math.hypot(e[0], e[1]);
  const width = 0.5;
  const depth = (2 * areaM2) / width;
  const along = (f: number): Position => [p[0] + (q[0] - p[0]) * f, p[1] + (q[1] - p[1]) * f];
  const m1 = along(0.5 - width / 2 / len);
  const m2 = along(0.5 + width / 2 / len);
  // Inward: the side of the edge where a's centroid is.
  const c = turf.centroid(turf.feature(a.geometry)).geometry.coordinates as [number, number];
  let n: [number, number] = [-e[1] / len, e[0] / len];
  const toC = toM([c[0] - p[0], c[1] - p[1]]);
  if (n[0] * toC[0] + n[1] * toC[1] < 0) n = [-n[0], -n[1]];
  const mid = along(0.5) as [number, number];
  const d = toDeg([n[0] * depth, n[1] * depth]);
  const apex: Position = [mid[0] + d[0], mid[1] + d[1]];
  return { type: 'Polygon', coordinates: [[...ring.slice(0, i + 1), m1, apex, m2, ...ring.slice(i + 1)], ...a.geometry.coordinates.slice(1)] };
}

/** Two valid 60-sided polygons overlapping each other and the grid they sit in, as new grids. */
function sixtyGons(s: State): { geometry: Polygon; name: string }[] {
  const g = s.grids[0] as Grid;
  const c = turf.centroid(turf.feature(g.geometry)).geometry.coordinates;
  const one = turf.circle(c, 60, { steps: 60, units: 'meters' }).geometry;
  const two = turf.circle(turf.destination(c, 40, 70, { units: 'meters' }).geometry.coordinates, 60, { steps: 60, units: 'meters' }).geometry;
  return [{ geometry: one, name: '六十边形一' }, { geometry: two, name: '六十边形二' }];
}

const cases: { name: string; body: (s: State) => unknown; expect: (v: Verdict) => void }[] = [
  {
    name: 'two overlapping 60-gons are refused',
    body: (s) => ({ changes: sixtyGons(s) }),
    expect: (v) => {
      expect([409, 422]).toContain(v.status);
      if (v.status === 409) expect(v.kinds).toContain('overlap');
    },
  },
  {
    name: 'a 0.5 m² notch is refused as a gap of about 0.5 m²',
    body: (s) => {
      const e = sharedEdges(s)[0] as { a: Grid; i: number };
      return { changes: [{ id: e.a.id, version: e.a.version, geometry: notched(e.a, e.i, 0.5) }] };
    },
    expect: (v) => {
      expect(v.status).toBe(409);
      expect(v.kinds).toEqual(['gap']);
      expect(v.areas[0]).toBeGreaterThan(0.3);
      expect(v.areas[0]).toBeLessThan(0.7);
    },
  },
  {
    name: 'three separate sub-m² gaps (2.4 m² in all) are refused, each reported',
    body: (s) => {
      const edges = sharedEdges(s);
      const a = (edges[0] as { a: Grid }).a;
      const mine = edges.filter((e) => e.a.id === a.id && e.len > 20).slice(0, 3);
      expect(mine.length).toBe(3);
      // Notches from the last edge first, so earlier indices stay valid.
      let g = a;
      for (const e of [...mine].sort((x, y) => y.i - x.i)) g = { ...g, geometry: notched(g, e.i, 0.8) };
      return { changes: [{ id: a.id, version: a.version, geometry: g.geometry }] };
    },
    expect: (v) => {
      expect(v.status).toBe(409);
      expect(v.kinds).toEqual(['gap', 'gap', 'gap']);
      expect(v.areas.reduce((x, y) => x + y, 0)).toBeGreaterThan(2);
    },
  },
];

async function verdict(c: Client, headers: Record<string, string>, body: unknown): Promise<Verdict> {
  const res = await c.send('POST', `/api/streets/${STREET}/grid-changes`, body, headers);
  const json = (await res.json()) as { error?: { code: string; details?: { problems?: { kind: string; areaM2?: number }[] } } };
  const problems = json.error?.details?.problems ?? [];
  return { status: res.status, code: json.error?.code ?? null, kinds: problems.map((p) => p.kind), areas: problems.map((p) => p.areaM2 ?? 0) };
}

const verdicts = new Map<StoreKind, Verdict[]>();

for (const kind of storeKinds()) {
  describe(`exact partition (${kind})`, () => {
    let t: TestStore;
    let c: Client;
    let admin: Record<string, string>;
    const state = async (): Promise<State> => (await (await c.get(`/api/streets/${STREET}/grid-editor`, admin)).json()) as State;
    const fingerprint = () => t.store.read((db) => rows(db, sql`SELECT id, version, md5(ST_AsEWKB(geom)::text) AS g FROM grids ORDER BY id`));

    beforeAll(async () => {
      t = await openTestStore(kind);
      c = client(t.services);
      admin = await adminSession(c);
    });
    afterAll(() => t.dispose());

    it('stored boundaries are on the lattice and tile their street exactly (pure check)', async () => {
      const s = await state();
      expect(isSnapped(s.street.geometry.coordinates.flat())).toBe(true);
      expect(s.grids.every((g) => isSnapped(g.geometry.coordinates))).toBe(true);
      expect(partitionDefects(s.street.geometry, s.grids.map((g) => ({ key: g.id, geometry: g.geometry })))).toEqual([]);
    });

    for (const [i, tc] of cases.entries()) {
      it(`${tc.name}; nothing is written`, async () => {
        const s = await state();
        const before = await fingerprint();
        const v = await verdict(c, admin, tc.body(s));
        tc.expect(v);
        expect(await fingerprint()).toEqual(before);
        verdicts.set(kind, Object.assign(verdicts.get(kind) ?? [], { [i]: v }));
      });
    }

    it('a full-precision change set is stored on the lattice; a revert is too', async () => {
      const s = await state();
      // A vertex two grids share that is not on the outline (moving that would open a gap).
      const outline = new Set(s.street.geometry.coordinates.flat(2).map(k));
      const count = new Map<string, number>();
      for (const g of s.grids) for (const p of new Set((g.geometry.coordinates[0] as Position[]).map(k))) count.set(p, (count.get(p) ?? 0) + 1);
      const vk = [...count].find(([p, n]) => n >= 2 && !outline.has(p))?.[0] as string;
      expect(vk).toBeDefined();
      // Move it by an amount that is not a whole number of lattice steps.
      const v = vk.split(',').map(Number) as Position;
      const to: Position = [(v[0] as number) + 1.23456789e-5, (v[1] as number) - 0.98765432e-5];
      const move = (g: Grid): Polygon => ({ type: 'Polygon', coordinates: g.geometry.coordinates.map((r) => r.map((p) => (k(p) === k(v) ? to : p))) });
      const holders = s.grids.filter((g) => g.geometry.coordinates.some((r) => r.some((p) => k(p) === k(v))));
      const res = await c.send('POST', `/api/streets/${STREET}/grid-changes`, { changes: holders.map((g) => ({ id: g.id, version: g.version, geometry: move(g) })) }, admin);
      expect(res.status, await res.clone().text()).toBe(200);
      const { changeSetId, grids } = (await res.json()) as { changeSetId: number; grids: { id: number }[] };
      expect(grids.map((g) => g.id).sort()).toEqual(holders.map((g) => g.id).sort());
      const after = await state();
      expect(after.grids.every((g) => isSnapped(g.geometry.coordinates))).toBe(true);
      expect(partitionDefects(after.street.geometry, after.grids.map((g) => ({ key: g.id, geometry: g.geometry })))).toEqual([]);
      const back = await c.send('POST', `/api/streets/${STREET}/grid-history/${changeSetId}/revert`, { state: 'before' }, admin);
      expect(back.status, await back.clone().text()).toBe(200);
      const reverted = await state();
      expect(reverted.grids.every((g) => isSnapped(g.geometry.coordinates))).toBe(true);
      for (const g of holders) expect(reverted.grids.find((x) => x.id === g.id)?.geometry).toEqual(g.geometry);
    });

    it('a statement that returns no result description is a failure, not "no rows"', async () => {
      // What PGlite returns when PostGIS's geometry engine fails inside it: { rows: [], fields: [] }, no error.
      const failing = { execute: async () => ({ rows: [], fields: [] }) } as unknown as Db;
      await expect(rows(failing, sql`SELECT 1`)).rejects.toBeInstanceOf(EngineFailure);
      // A real driver's answer to a query with no rows still reads as none.
      expect(await t.store.read((db) => rows(db, sql`SELECT 1 AS x WHERE false`))).toEqual([]);
    });
  });
}

describe.runIf(storeKinds().length > 1)('parity', () => {
  it('PGlite and PostgreSQL give the same verdicts on the same inputs', () => {
    const [a, b] = storeKinds().map((kind) => (verdicts.get(kind) ?? []).map((v) => ({ status: v.status, kinds: v.kinds, areas: v.areas.map((x) => Math.round(x * 10) / 10) })));
    expect(a?.length).toBe(cases.length);
    expect(a).toEqual(b);
  });
});
