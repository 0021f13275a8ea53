// The demo territory as loaded in the store: grids tile their streets exactly, and it is rich enough.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';

describe.each(storeKinds())('demo territory on %s', (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
  });
  afterAll(() => t?.dispose());

  it("each street's grids tile it: union equals the street, pairwise overlaps have zero area", async () => {
    const streets = await t.store.read((db) =>
      rows<{ code: string; grids: number; sym_diff_m2: number; street_m2: number }>(
        db,
        sql`SELECT s.code, count(g.id)::int AS grids,
                   ST_Area(ST_Transform(ST_SymDifference(s.geom, ST_Union(g.geom)), 3857))::float8 AS sym_diff_m2,
                   ST_Area(ST_Transform(s.geom, 3857))::float8 AS street_m2
            FROM streets s JOIN grids g ON g.street_code = s.code GROUP BY s.code, s.geom ORDER BY s.code`,
      ),
    );
    expect(streets.length).toBe(8);
    for (const s of streets) {
      expect(s.grids, s.code).toBeGreaterThanOrEqual(2);
      expect(s.sym_diff_m2, `${s.code} union vs street`).toBeLessThan(1e-6 * s.street_m2);
    }
    const overlaps = await t.store.read((db) =>
      rows<{ a: number; b: number; m2: number }>(
        db,
        sql`SELECT a.id AS a, b.id AS b, ST_Area(ST_Transform(ST_Intersection(a.geom, b.geom), 3857))::float8 AS m2
            FROM grids a JOIN grids b ON a.street_code = b.street_code AND a.id < b.id AND ST_Intersects(a.geom, b.geom)`,
      ),
    );
    expect(overlaps.length).toBeGreaterThan(0); // neighbours touch…
    for (const o of overlaps) expect(o.m2, `grids ${o.a}/${o.b}`).toBeLessThan(0.01); // …but never overlap
  });

  it('南京西路街道 has 4 grids holding the 4 business districts of "1+4+X"', async () => {
    const grids = await t.store.read((db) =>
      rows<{ name: string }>(db, sql`SELECT name FROM grids WHERE street_code = '310106012' ORDER BY id`),
    );
    expect(grids).toHaveLength(4);
    const bds = await t.store.read((db) =>
      rows<{ name: string; grid: string }>(
        db,
        sql`SELECT d.name, g.name AS grid FROM business_districts d
            JOIN grids g ON g.street_code = '310106012' AND ST_Covers(g.geom, ST_Centroid(d.geom))
            WHERE d.street_code = '310106012' ORDER BY d.id`,
      ),
    );
    expect(bds.map((b) => b.name)).toEqual(['恒隆广场商圈', '兴业太古汇商圈', '张园(丰盛里-吴江路)商圈', '巨富长商圈']);
    expect(new Set(bds.map((b) => b.grid)).size).toBe(4);
  });

  it('is rich enough to show every capability', async () => {
    const [c] = await t.store.read((db) =>
      rows<Record<string, number>>(
        db,
        sql`SELECT (SELECT count(*)::int FROM buildings WHERE GeometryType(geom) = 'POLYGON') AS footprints,
                   (SELECT count(*)::int FROM enterprises) AS enterprises,
                   (SELECT count(*)::int FROM stations) AS stations,
                   (SELECT count(DISTINCT date_trunc('month', held_at))::int FROM activities WHERE held_at > '2025-06-30') AS activity_months,
                   (SELECT count(DISTINCT kind)::int FROM organisations) AS org_kinds,
                   (SELECT count(DISTINCT kind)::int FROM alliances) AS alliance_kinds,
                   (SELECT count(*)::int FROM buildings WHERE grid_id IS NULL) AS unassigned`,
      ),
    );
    expect(c?.footprints).toBeGreaterThanOrEqual(150);
    expect(c?.enterprises).toBeGreaterThanOrEqual(1500);
    expect(c?.stations).toBeGreaterThanOrEqual(25);
    expect(c?.activity_months).toBeGreaterThanOrEqual(12);
    expect(c?.org_kinds).toBe(10);
    expect(c?.alliance_kinds).toBe(6);
    expect(c?.unassigned).toBe(0);
  });

  it('has varied coverage: gaps exist and the share differs between grids', async () => {
    const perGrid = await t.store.read((db) =>
      rows<{ grid_id: number; share: number }>(
        db,
        sql`SELECT e.grid_id, avg(CASE WHEN EXISTS (
                SELECT 1 FROM organisation_coverage oc JOIN organisations o ON o.id = oc.organisation_id
                WHERE oc.enterprise_id = e.id AND o.kind IN ('party_committee','party_general_branch','party_branch','joint_party_branch')
              ) THEN 1.0 ELSE 0.0 END)::float8 AS share
            FROM enterprises e WHERE e.deregistered_on IS NULL GROUP BY e.grid_id`,
      ),
    );
    const shares = perGrid.map((g) => g.share);
    expect(Math.min(...shares)).toBeLessThan(0.6);
    expect(Math.max(...shares) - Math.min(...shares)).toBeGreaterThan(0.2);
  });

  it('represents every system named in the sources', async () => {
    const names = await t.store.read(async (db) => ({
      stations: (await rows<{ name: string }>(db, sql`SELECT name FROM stations`)).map((r) => r.name),
      orgs: (await rows<{ name: string; kind: string }>(db, sql`SELECT name, kind FROM organisations`)),
      alliances: (await rows<{ name: string; kind: string }>(db, sql`SELECT name, kind FROM alliances`)),
      buildings: (await rows<{ name: string; red_property: boolean }>(db, sql`SELECT name, red_property FROM buildings`)),
    }));
    expect(names.stations).toContain('亿滋党群服务站·职工之家');
    expect(names.stations.filter((s) => s.includes('白领驿家'))).toHaveLength(3);
    expect(names.orgs.find((o) => o.name.includes('上海湾区科创中心') && o.kind === 'building_committee')).toBeTruthy();
    expect(names.orgs.filter((o) => o.kind === 'building_union_federation')).toHaveLength(3);
    expect(names.orgs.filter((o) => o.name.startsWith('红星美凯龙世博家居广场') && o.kind === 'joint_union')).toHaveLength(6);
    expect(names.alliances.find((a) => a.kind === 'tripartite' && a.name.includes('绿地海珀外滩'))).toBeTruthy();
    expect(names.alliances.filter((a) => a.kind === 'business_district_council')).toHaveLength(4);
    expect(names.buildings.find((b) => b.name === '绿地海珀外滩')?.red_property).toBe(true);
  });
});
