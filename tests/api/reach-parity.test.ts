// Parity of the two walkers (issue 16): pgRouting's pgr_drivingDistance on PostgreSQL and the JS Dijkstra PGlite
// uses reach the same nodes at the same distances, on the same graph, from the same starts: a synthetic street grid
// with missing block sides and a barrier, and the demo's hand-drawn roads. PostgreSQL only (PGlite has no pgRouting).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';
import { buildWalkGraph, snapToGraph, type WalkGraph } from '../../server/domain/network/graph.js';
import { walkDistances, type Source } from '../../server/domain/network/dijkstra.js';
import { MAX_JOIN_M, sourcesOf } from '../../server/domain/network/walk.js';
import { hasPgRouting, loadGraph, pgWalkDistances } from '../../server/reach/pgrouting.js';
import { loadRoads } from '../../server/coverage/facts.js';
import { syntheticRoadGrid } from '../../geodata/synthetic/roads.js';
import { openTestStore, testEnv, type TestStore } from '../helpers/stores.js';

describe.skipIf(!testEnv.TEST_DATABASE_URL)('walk parity: pgRouting and JS (postgres)', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore('postgres');
  });
  afterAll(() => t?.dispose());

  /** Both walkers from the same starts; the maps must be equal node for node. */
  async function compare(g: WalkGraph, walks: Source[][], cutoffM: number): Promise<number> {
    const js = walks.map((w) => walkDistances(g, w, cutoffM));
    const pg = await t.store.write(async (tx) => {
      await loadGraph(tx, g);
      return pgWalkDistances(tx, g, walks, cutoffM);
    });
    let reached = 0;
    walks.forEach((_, i) => {
      const a = js[i] as Map<number, number>;
      const b = pg[i] as Map<number, number>;
      expect([...b.keys()].sort((x, y) => x - y)).toEqual([...a.keys()].sort((x, y) => x - y));
      for (const [node, d] of a) expect(b.get(node)).toBeCloseTo(d, 6);
      reached += a.size;
    });
    return reached;
  }

  it('the migration installed pgRouting on this server', async () => {
    expect(await t.store.read((db) => hasPgRouting(db))).toBe(true);
  });

  it('on a synthetic grid (missing block sides, a barrier): the same reachable set at the same distances', async () => {
    const g = buildWalkGraph(syntheticRoadGrid([121.0, 30.9, 121.03, 30.925], 90, 5));
    expect(g.edgeA.length).toBeGreaterThan(1000);
    const starts = [[121.004, 30.903], [121.0151, 30.9122], [121.027, 30.921], [121.02, 30.9125]] as const;
    const walks = starts.map(([lon, lat]) => sourcesOf(g, snapToGraph(g, lon, lat, MAX_JOIN_M)!));
    // 15 minutes at 4.5 km/h, and the 3 km search radius.
    expect(await compare(g, walks, 1125)).toBeGreaterThan(200);
    expect(await compare(g, walks, 3000)).toBeGreaterThan(1000);
  });

  it("on the demo's roads, from every station that joins them", async () => {
    const g = buildWalkGraph(await t.store.read((db) => loadRoads(db)));
    const stations = await t.store.read((db) => rows<{ lon: number; lat: number }>(db, sql`SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM stations ORDER BY id`));
    const walks = stations.flatMap((s) => {
      const snap = snapToGraph(g, s.lon, s.lat, MAX_JOIN_M);
      return snap ? [sourcesOf(g, snap)] : [];
    });
    expect(walks.length).toBeGreaterThan(5);
    expect(await compare(g, walks, 1125)).toBeGreaterThan(50);
  });
});
