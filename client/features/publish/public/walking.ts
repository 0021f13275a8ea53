// Walking distances from the visitor to every station over the publication's own roads (the same walking
// graph the internal reach uses, server/domain/network), loaded only once a position is known. A station or
// visitor farther than MAX_JOIN_M from any road, or a publication without roads, gets the straight line,
// and the page says which it is.
import type { PublicSnapshot } from '../../../../server/publications/contract';
import { buildWalkGraph, snapToGraph } from '../../../../server/domain/network/graph';
import { MAX_JOIN_M, walkFrom, walkTo } from '../../../../server/domain/network/walk';
import { distanceM } from './geo';

export interface WalkEstimate {
  metres: number;
  /** True when measured along roads; false for the straight line. */
  byRoad: boolean;
}

/** No walk is computed beyond this: a public page is about stations within reach on foot. */
const CUTOFF_M = 8000;

export function walkingDistances(data: PublicSnapshot, from: { lon: number; lat: number }): Map<string, WalkEstimate> {
  const out = new Map<string, WalkEstimate>();
  const straight = (s: { lon: number; lat: number }) => distanceM(from.lon, from.lat, s.lon, s.lat);
  const roads = (data.roads ?? []).map((r, i) => ({ id: i + 1, barrier: r.barrier, lines: r.geometry.coordinates }));
  const graph = roads.length ? buildWalkGraph(roads) : null;
  const start = graph ? snapToGraph(graph, from.lon, from.lat, MAX_JOIN_M) : null;
  const walk = graph && start ? walkFrom(graph, start, CUTOFF_M) : null;
  for (const s of data.stations) {
    const line = straight(s);
    const to = graph && walk ? snapToGraph(graph, s.lon, s.lat, MAX_JOIN_M) : null;
    // Closer than both walks to the road together: no road is needed (same building, same courtyard).
    const direct = !start || !to || line <= start.offsetM + to.offsetM;
    const road = graph && walk && to && !direct ? walkTo(graph, walk, to) : Infinity;
    // A road walk is never shorter than the straight line; a shorter one is a snapping artefact.
    out.set(s.id, Number.isFinite(road) ? { metres: Math.max(road, line), byRoad: true } : { metres: line, byRoad: false });
  }
  return out;
}
