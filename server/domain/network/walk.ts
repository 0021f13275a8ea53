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
