// The same walks on PostgreSQL with pgRouting (pgr_drivingDistance): the graph built in the domain is loaded into a
// temporary table of its transaction, each walk's start joins it as a vertex of its own (two edges to the ends of
// the edge it joins, costing what the walk to each end costs), and pgRouting gives every node within the cutoff.
// Used for isochrones on PostgreSQL and held against the JS walk by a parity test; PGlite has no pgRouting.
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../db/store.js';
import type { WalkGraph } from '../domain/network/graph.js';
import type { Source } from '../domain/network/dijkstra.js';

export async function hasPgRouting(db: Db): Promise<boolean> {
  const [r] = await rows<{ ok: boolean }>(db, sql`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pgrouting') AS ok`);
  return r?.ok === true;
}

/** Loads the graph's edges (or those listed) into walk_edges, a temporary table dropped when the transaction ends.
 *  Node n is vertex n + 1 (pgRouting's ids are positive); edge e is e + 1. */
export async function loadGraph(tx: Db, g: WalkGraph, edges?: number[]): Promise<void> {
  await tx.execute(sql`CREATE TEMP TABLE walk_edges (id bigint PRIMARY KEY, source bigint NOT NULL, target bigint NOT NULL, cost float8 NOT NULL) ON COMMIT DROP`);
  const ids = edges ?? [...Array(g.edgeA.length).keys()];
  const CHUNK = 50_000;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    await tx.execute(sql`INSERT INTO walk_edges (id, source, target, cost)
      SELECT * FROM unnest(${`{${part.map((e) => e + 1).join(',')}}`}::bigint[], ${`{${part.map((e) => (g.edgeA[e] as number) + 1).join(',')}}`}::bigint[],
                           ${`{${part.map((e) => (g.edgeB[e] as number) + 1).join(',')}}`}::bigint[], ${`{${part.map((e) => g.edgeLen[e] as number).join(',')}}`}::float8[])`);
  }
}

/** Node → metres from each walk's start (its sources), up to cutoffM, for several walks in one call. */
export async function pgWalkDistances(tx: Db, g: WalkGraph, walks: Source[][], cutoffM: number): Promise<Map<number, number>[]> {
  // Each start is a vertex past the graph's, joined to its sources by edges past the graph's.
  const base = g.nodeCount + 1;
  const edgeBase = g.edgeA.length + 1;
  const virtual = walks.flatMap((sources, w) => sources.map((s, k) => ({ id: edgeBase + w * 2 + k, source: base + w, target: s.node + 1, cost: s.startM })));
  await tx.execute(sql`DELETE FROM walk_edges WHERE id >= ${edgeBase}`);
  if (virtual.length) {
    await tx.execute(sql`INSERT INTO walk_edges (id, source, target, cost)
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(virtual)}::jsonb) AS x(id bigint, source bigint, target bigint, cost float8)`);
  }
  const starts = walks.map((_, w) => base + w);
  const got = await rows<{ from_v: string | number; node: string | number; agg_cost: number }>(
    tx,
    sql`SELECT from_v, node, agg_cost FROM pgr_drivingDistance('SELECT id, source, target, cost, cost AS reverse_cost FROM walk_edges',
          ${`{${starts.join(',')}}`}::bigint[], ${cutoffM}::float8, directed => false)`,
  );
  const out = walks.map(() => new Map<number, number>());
  for (const r of got) {
    const node = Number(r.node) - 1;
    if (node >= g.nodeCount) continue; // a walk's own start, or another's
    out[Number(r.from_v) - base]?.set(node, Number(r.agg_cost));
  }
  return out;
}
