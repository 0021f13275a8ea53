// Walking from a point to points over the graph: each point joins the network at its nearest edge (the walk
// off the network is counted in straight line), then walks along edges. Pure.
import type { WalkGraph, Snap } from './graph.js';
import { walkDistances, type Source } from './dijkstra.js';

/** How far a point may be from the nearest road and still join the network; farther, reach is straight-line. */
export const MAX_JOIN_M = 250;

/** The two ends of a snapped point's edge, with the metres walked from the point to each. */
export function sourcesOf(g: WalkGraph, s: Snap): Source[] {
  const len = g.edgeLen[s.edge] as number;
  return [
    { node: g.edgeA[s.edge] as number, startM: s.offsetM + s.t * len },
    { node: g.edgeB[s.edge] as number, startM: s.offsetM + (1 - s.t) * len },
  ];
}

/** A point's walk over the network: the node distances from it (to its cutoff) and where it joined. */
export interface Walk {
  from: Snap;
  cutoffM: number;
  nodes: Map<number, number>;
}

export function walkFrom(g: WalkGraph, from: Snap, cutoffM: number): Walk {
  return { from, cutoffM, nodes: walkDistances(g, sourcesOf(g, from), cutoffM) };
}

/** Metres walked from the walk's start to a snapped point, or Infinity beyond the walk's cutoff. */
export function walkTo(g: WalkGraph, w: Walk, to: Snap): number {
  const len = g.edgeLen[to.edge] as number;
  let best = Infinity;
  // Both on one edge: straight along it, without going round by a node.
  if (to.edge === w.from.edge) best = w.from.offsetM + Math.abs(to.t - w.from.t) * len;
  const da = w.nodes.get(g.edgeA[to.edge] as number);
  const db = w.nodes.get(g.edgeB[to.edge] as number);
  if (da !== undefined) best = Math.min(best, da + to.t * len);
  if (db !== undefined) best = Math.min(best, db + (1 - to.t) * len);
  const d = best + to.offsetM;
  return d <= w.cutoffM ? d : Infinity;
}

/** Node ids of a graph by position (the 1e-7° grid nodes are rounded to when built). */
export function nodeIndex(g: WalkGraph): Map<string, number> {
  const out = new Map<string, number>();
  for (let n = 0; n < g.nodeCount; n++) out.set(`${Math.round((g.lon[n] as number) * 1e7)},${Math.round((g.lat[n] as number) * 1e7)}`, n);
  return out;
}

/**
 * A walk on `from` carried over to `to`, a graph built from roads of which only some changed, without walking again:
 * each node by its position, the start's edge by its two ends. For a walk that never came near a changed road
 * (its start farther than its cutoff, plus the join distance, from all of them) every distance is what a new walk
 * would find. Null when a node or the start's edge is gone (the caller walks again).
 */
export function carryWalk(from: WalkGraph, to: WalkGraph, toIndex: Map<string, number>, w: Walk): Walk | null {
  const id = (n: number) => toIndex.get(`${Math.round((from.lon[n] as number) * 1e7)},${Math.round((from.lat[n] as number) * 1e7)}`);
  const a = id(from.edgeA[w.from.edge] as number);
  const b = id(from.edgeB[w.from.edge] as number);
  if (a === undefined || b === undefined) return null;
  let edge = -1;
  for (let k = to.adjStart[a] as number, end = to.adjStart[a + 1] as number; k < end; k++) if (to.adjTo[k] === b) edge = to.adjEdge[k] as number;
  if (edge < 0) return null;
  const nodes = new Map<number, number>();
  for (const [n, d] of w.nodes) {
    const m = id(n);
    if (m === undefined) return null;
    nodes.set(m, d);
  }
  return { from: { edge, t: to.edgeA[edge] === a ? w.from.t : 1 - w.from.t, offsetM: w.from.offsetM }, cutoffM: w.cutoffM, nodes };
}
