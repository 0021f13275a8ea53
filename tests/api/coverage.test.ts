// Coverage analytics through the API, cross-checked against independent SQL, on every store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FeatureCollection } from 'geojson';
import { rows } from '../../server/db/store.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { adminSession, client, displayAuth, officialAuth, type Client } from '../helpers/client.js';

interface Rate { numerator: number; denominator: number; value: number | null }
interface Node {
  id: string; name: string; level: string; enterprises: number; employees: number; partyMembers: number;
  rates: Record<'partyOrg' | 'standalone' | 'work' | 'union' | 'workersServed', Rate>; children?: Node[];
}
const TODAY = '2026-06-30';

/** Party-organisation coverage counted straight from the tables, independently of the engine. */
async function sqlPartyCoverage(t: TestStore, streetCode: string, asOf: string): Promise<{ operating: number; covered: number; own: number }> {
  const [r] = await t.store.read((db) =>
    rows<{ operating: number; covered: number; own: number }>(
      db,
      sql`WITH op AS (
            SELECT e.id FROM enterprises e
            WHERE e.street_code = ${streetCode} AND e.registered_on <= ${asOf}::date AND (e.deregistered_on IS NULL OR e.deregistered_on > ${asOf}::date)
          ), links AS (
            SELECT oc.enterprise_id, (o.formation = 'own' AND o.kind <> 'joint_party_branch') AS own
            FROM organisation_coverage oc JOIN organisations o ON o.id = oc.organisation_id
            WHERE o.kind IN ('party_committee','party_general_branch','party_branch','joint_party_branch')
              AND o.founded_on <= ${asOf}::date AND (o.dissolved_on IS NULL OR o.dissolved_on > ${asOf}::date)
              AND oc.since <= ${asOf}::date AND (oc.until IS NULL OR oc.until > ${asOf}::date)
          )
          SELECT (SELECT count(*) FROM op)::int AS operating,
                 (SELECT count(DISTINCT l.enterprise_id) FROM links l JOIN op ON op.id = l.enterprise_id)::int AS covered,
                 (SELECT count(DISTINCT l.enterprise_id) FROM links l JOIN op ON op.id = l.enterprise_id WHERE l.own)::int AS own`,
    ),
  );
  return r as { operating: number; covered: number; own: number };
}

describe.each(storeKinds())('coverage API on %s', (kind) => {
  let t: TestStore;
  let c: Client;
  const get = async <T>(path: string) => {
    const res = await c.get(path, officialAuth);
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };
  beforeAll(async () => {
    t = await openTestStore(kind);
    c = client(t.services);
  });
  afterAll(() => t?.dispose());

  it("summarises a street and its grids; the street's counts are the sum of its grids'", async () => {
    const s = await get<Node>('/api/coverage/summary?level=street&id=310106012');
    expect(s.name).toBe('南京西路街道');
    expect(s.children?.map((g) => g.level)).toEqual(['grid', 'grid', 'grid', 'grid']);
    for (const key of ['enterprises', 'employees', 'partyMembers'] as const) {
      expect(s.children?.reduce((a, g) => a + g[key], 0)).toBe(s[key]);
    }
    for (const r of Object.keys(s.rates) as (keyof Node['rates'])[]) {
      expect(s.children?.reduce((a, g) => a + g.rates[r].numerator, 0), r).toBe(s.rates[r].numerator);
      const v = s.rates[r].value;
      expect(v === null || (v >= 0 && v <= 1)).toBe(true);
    }
  });

  it('computes 党组织覆盖率 and 单独组建率 exactly as the tables say, today and as of a past date', async () => {
    for (const asOf of [TODAY, '2025-06-30', '2023-01-01']) {
      const q = asOf === TODAY ? '' : `&asOf=${asOf}`;
      const s = await get<Node>(`/api/coverage/summary?level=street&id=310106012${q}`);
      const expected = await sqlPartyCoverage(t, '310106012', asOf);
      expect(s.enterprises, asOf).toBe(expected.operating);
      expect(s.rates.partyOrg, asOf).toEqual({ numerator: expected.covered, denominator: expected.operating, value: expected.covered / expected.operating });
      expect(s.rates.standalone.numerator, asOf).toBe(expected.own);
    }
  });

  it('shows a trend over time: fewer enterprises and organisations a year ago', async () => {
    const now = await get<Node>('/api/coverage/summary?level=district&id=310106');
    const before = await get<Node>('/api/coverage/summary?level=district&id=310106&asOf=2025-06-30');
    expect(before.enterprises).toBeLessThan(now.enterprises);
    expect(before.rates.partyOrg.numerator).toBeLessThan(now.rates.partyOrg.numerator);
  });

  it('ranks gaps by workers affected, with suggested actions and recorded reasons', async () => {
    for (const kind of ['party', 'union', 'work', 'reach'] as const) {
      const { gaps } = await get<{ gaps: { rank: number; workersAffected: number; suggestion: { code: string; label: { zh: string } }; reasons: unknown[] }[] }>(
        `/api/coverage/gaps?level=building&kind=${kind}&limit=15`,
      );
      expect(gaps.length, kind).toBeGreaterThan(0);
      gaps.forEach((g, i) => {
        expect(g.rank).toBe(i + 1);
        if (i > 0) expect(g.workersAffected).toBeLessThanOrEqual(gaps[i - 1]?.workersAffected ?? Infinity);
        expect(g.suggestion.label.zh.length).toBeGreaterThan(2);
      });
    }
    const { gaps } = await get<{ gaps: { reasons: unknown[]; name: string }[] }>('/api/coverage/gaps?level=grid&kind=party&streetCode=310106012&limit=4');
    expect(gaps.length).toBeGreaterThan(0);
    expect(gaps.some((g) => g.reasons.length > 0)).toBe(true);
  });

  it('exposes partyCoverage and unionCoverage on the enterprises collection', async () => {
    const fc = await get<FeatureCollection>('/ogc/collections/enterprises/items?limit=200');
    const values = new Set(fc.features.map((f) => f.properties?.partyCoverage));
    expect([...values].every((v) => ['own', 'joint', 'instructor', 'none'].includes(v as string))).toBe(true);
    expect(values.size).toBeGreaterThanOrEqual(3);
    expect(fc.features.every((f) => ['own', 'joint', 'none'].includes(f.properties?.unionCoverage as string))).toBe(true);
  });

  it("gives a building's file: enterprises classified, stations in reach, nearest of each type", async () => {
    const [b] = await t.store.read((db) => rows<{ id: number }>(db, sql`SELECT id FROM buildings WHERE name = '悟锦世纪大楼'`));
    const file = await get<{ summary: Node; reach: { served: boolean; servedBy: { name: string; distanceM: number }[]; nearestByType: Record<string, { distanceM: number }> }; enterprises: { name: string; partyCoverage: string; operating: boolean }[] }>(
      `/api/coverage/buildings/${b?.id}`,
    );
    expect(file.reach.served).toBe(true);
    expect(file.reach.servedBy.map((s) => s.name)).toContain('亿滋党群服务站·职工之家');
    expect(file.reach.nearestByType['workers_home']?.distanceM).toBe(0);
    expect(file.enterprises.find((e) => e.name.startsWith('亿滋'))?.partyCoverage).toBe('own');
    expect(file.summary.enterprises).toBe(file.enterprises.filter((e) => e.operating).length);
  });

  it("heads a building's file with its record (address, floors, kind, manager, grid) and its instructors", async () => {
    const [b] = await t.store.read((db) =>
      rows<{ id: number; address: string; floors: number; kind: string; pm: string | null; grid: string | null }>(db, sql`
        SELECT b.id, b.address, b.floors, b.kind, b.property_manager AS pm, g.name AS grid FROM buildings b LEFT JOIN grids g ON g.id = b.grid_id
        WHERE EXISTS (SELECT 1 FROM instructor_assignments ia JOIN enterprises e ON e.id = ia.enterprise_id WHERE e.building_id = b.id AND ia.until IS NULL)
        ORDER BY b.id LIMIT 1`),
    );
    expect(b).toBeDefined();
    const file = await get<{ building: { address: string; floors: number; kind: string; propertyManager: string | null; gridName: string | null }; instructors: { name: string; role: string; enterprises: number }[]; enterprises: { partyCoverage: string }[] }>(
      `/api/coverage/buildings/${b?.id}`,
    );
    expect(file.building).toMatchObject({ address: b?.address, floors: b?.floors, kind: b?.kind, propertyManager: b?.pm, gridName: b?.grid });
    expect(file.instructors.length).toBeGreaterThan(0);
    expect(file.instructors.every((i) => i.name.length > 0 && i.enterprises > 0 && ['instructor', 'liaison'].includes(i.role))).toBe(true);
  });

  it('stays fresh after writes without rebuilding the city', async () => {
    const engine = t.services.coverage;
    await engine.summary('district', '310106');
    const builds = (await engine.stats()).fullBuilds;
    const before = await get<Node>('/api/coverage/summary?level=street&id=310106012');
    // An enterprise without a party organisation gets one: the street's numerator rises by one.
    const [e] = await t.store.read((db) =>
      rows<{ id: number; grid_id: number; party_members: number }>(
        db,
        sql`SELECT e.id, e.grid_id, e.party_members FROM enterprises e WHERE e.street_code = '310106012' AND e.deregistered_on IS NULL
            AND NOT EXISTS (SELECT 1 FROM organisation_coverage oc WHERE oc.enterprise_id = e.id) ORDER BY e.id LIMIT 1`,
      ),
    );
    await t.store.write(async (tx) => {
      await tx.execute(sql`INSERT INTO organisations (id, name, kind, formation, street_code, founded_on, source) VALUES (900001, '测试党支部', 'party_branch', 'own', '310106012', '2020-01-01', 'test')`);
      await tx.execute(sql`INSERT INTO organisation_coverage (organisation_id, enterprise_id, since) VALUES (900001, ${e?.id}, '2020-01-01')`);
    });
    const after = await get<Node>('/api/coverage/summary?level=street&id=310106012');
    expect(after.rates.partyOrg.numerator).toBe(before.rates.partyOrg.numerator + 1);
    expect(after.rates.standalone.numerator).toBe(before.rates.standalone.numerator + 1);
    // A building moves to another grid (what a grid edit does): both grids' figures follow.
    const [b] = await t.store.read((db) => rows<{ id: number; grid_id: number; n: number }>(db, sql`SELECT b.id, b.grid_id, count(e.id)::int AS n FROM buildings b JOIN enterprises e ON e.building_id = b.id AND e.deregistered_on IS NULL WHERE b.street_code = '310106012' GROUP BY b.id ORDER BY b.id LIMIT 1`));
    const target = (after.children ?? []).find((g) => Number(g.id) !== b?.grid_id) as Node;
    const source = (after.children ?? []).find((g) => Number(g.id) === b?.grid_id) as Node;
    await t.store.write((tx) => tx.execute(sql`UPDATE buildings SET grid_id = ${Number(target.id)} WHERE id = ${b?.id}`));
    await t.store.write((tx) => tx.execute(sql`UPDATE enterprises SET grid_id = ${Number(target.id)} WHERE building_id = ${b?.id}`));
    const moved = await get<Node>('/api/coverage/summary?level=street&id=310106012');
    expect(moved.children?.find((g) => g.id === target.id)?.enterprises).toBe(target.enterprises + (b?.n ?? 0));
    expect(moved.children?.find((g) => g.id === source.id)?.enterprises).toBe(source.enterprises - (b?.n ?? 0));
    expect(moved.enterprises).toBe(after.enterprises);
    // A new station serves a building that had none.
    const { gaps } = await get<{ gaps: { id: string; workersAffected: number }[] }>('/api/coverage/gaps?level=building&kind=reach&limit=1');
    const unserved = Number(gaps[0]?.id);
    await t.store.write((tx) => tx.execute(sql`INSERT INTO stations (name, type, street_code, building_id, geom, source, opened_on)
      SELECT '测试服务点', 'party_service_point', street_code, id, ST_Centroid(geom), 'test', '2020-01-01' FROM buildings WHERE id = ${unserved}`));
    const file = await get<{ reach: { served: boolean } }>(`/api/coverage/buildings/${unserved}`);
    expect(file.reach.served).toBe(true);
    const stats = await engine.stats();
    expect(stats.fullBuilds).toBe(builds);
    expect(stats.incrementalUpdates).toBeGreaterThanOrEqual(3);
    // And the incremental result equals a full rebuild.
    const incremental = await get<Node>('/api/coverage/summary?level=district&id=310106');
    const pastIncremental = await get<Node>('/api/coverage/summary?level=district&id=310106&asOf=2025-06-30');
    await engine.rebuild();
    expect(await get<Node>('/api/coverage/summary?level=district&id=310106')).toEqual(incremental);
    // Cached past dates were kept current too (the new organisation dates from 2020).
    expect(await get<Node>('/api/coverage/summary?level=district&id=310106&asOf=2025-06-30')).toEqual(pastIncremental);
  });

  it('changes station reach settings with If-Match (admin), 412 when stale, and recomputes', async () => {
    const h = await adminSession(c);
    const res = await c.get('/api/coverage/reach-config', h);
    const etag = res.headers.get('etag') ?? '';
    const cfg = (await res.json()) as { reachByType: Record<string, number> };
    const before = await get<Node>('/api/coverage/summary?level=street&id=310106012');
    const wider = { ...cfg, reachByType: Object.fromEntries(Object.keys(cfg.reachByType).map((k) => [k, 2000])) };
    expect((await c.send('PUT', '/api/coverage/reach-config', wider, { ...displayAuth, 'if-match': etag })).status).toBe(403);
    const ok = await c.send('PUT', '/api/coverage/reach-config', wider, { ...h, 'if-match': etag });
    expect(ok.status).toBe(200);
    expect((await c.send('PUT', '/api/coverage/reach-config', wider, { ...h, 'if-match': etag })).status).toBe(412);
    const after = await get<Node>('/api/coverage/summary?level=street&id=310106012');
    expect(after.rates.workersServed.numerator).toBeGreaterThan(before.rates.workersServed.numerator);
  });

  it('rejects bad coverage queries with 400/404', async () => {
    for (const [path, status] of [
      ['/api/coverage/summary?level=planet&id=1', 400],
      ['/api/coverage/summary?level=street', 400],
      ['/api/coverage/summary?level=street&id=999999999', 404],
      ['/api/coverage/summary?level=street&id=310106012&asOf=2026-02-30', 400],
      ['/api/coverage/summary?level=street&id=310106012&asOf=2999-01-01', 400],
      ['/api/coverage/summary?level=street&id=310106012&extra=1', 400],
      ['/api/coverage/gaps?level=street&kind=party', 400],
      ['/api/coverage/gaps?level=grid&kind=party&limit=0', 400],
      ['/api/coverage/gaps?level=grid&kind=love', 400],
      ['/api/coverage/buildings/abc', 400],
      ['/api/coverage/buildings/99999', 404],
    ] as const) {
      expect((await c.get(path, displayAuth)).status, path).toBe(status);
    }
    expect((await c.get('/api/coverage/summary?level=street&id=310106012')).status).toBe(401);
  });
});
