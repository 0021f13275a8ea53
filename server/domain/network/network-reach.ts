// Walking distances between stations and buildings over the road network, for the coverage model: the graph is
// built once from the roads, each station's walk (to the search radius) is computed when first asked and kept
// until that station, or the roads, change. Points farther than MAX_JOIN_M from any walkable road are "off the
// network" and the caller falls back to straight-line distance for them. Pure, in memory.
import { buildWalkGraph, snapToGraph, type RoadLine, type Snap, type WalkGraph } from './graph.js';
import { carryWalk, MAX_JOIN_M, nodeIndex, walkFrom, walkTo, type Walk } from './walk.js';

export interface Located {
  id: number;
  lon: number;
  lat: number;
}

export class NetworkReach {
  private graph: WalkGraph | null = null;
  private stationWalks = new Map<number, { at: Located; walk: Walk | null }>();
  private readonly buildingSnaps = new Map<number, Snap | null>();

  constructor(roads: RoadLine[], private readonly cutoffM: number) {
    this.setRoads(roads);
  }

  /** Stations walked over the network since this was made (a road edit re-walks only the stations near it). */
  walksDone = 0;

  /**
   * New roads: a new graph. Joins are found again (a snap is a cheap lookup); a station's walk is carried over to
   * the new graph when `unaffected(station)` says no changed road lies within its walk's reach, else walked again
   * when next asked. Without `unaffected` every walk is dropped.
   */
  setRoads(roads: RoadLine[], unaffected?: (s: Located) => boolean): void {
    const old = this.graph;
    const walks = this.stationWalks;
    this.graph = roads.some((r) => !r.barrier) ? buildWalkGraph(roads) : null;
    this.stationWalks = new Map();
    this.buildingSnaps.clear();
    if (!unaffected || !old || !this.graph) return;
    const index = nodeIndex(this.graph);
    for (const [id, { at, walk }] of walks) {
      if (!walk || !unaffected(at)) continue;
      const carried = carryWalk(old, this.graph, index, walk);
      if (carried) this.stationWalks.set(id, { at, walk: carried });
    }
  }

  get edgeCount(): number {
    return this.graph?.edgeA.length ?? 0;
  }

  forgetStation(id: number): void {
    this.stationWalks.delete(id);
  }

  forgetBuilding(id: number): void {
    this.buildingSnaps.delete(id);
  }

  private buildingSnap(b: Located): Snap | null {
    if (!this.graph) return null;
    let s = this.buildingSnaps.get(b.id);
    if (s === undefined) {
      s = snapToGraph(this.graph, b.lon, b.lat, MAX_JOIN_M);
      this.buildingSnaps.set(b.id, s);
    }
    return s;
  }

  /** The station's walk over the network, or null when it is off the network. */
  walkOf(s: Located): Walk | null {
    if (!this.graph) return null;
    const cached = this.stationWalks.get(s.id);
    if (cached) return cached.walk;
    const snap = snapToGraph(this.graph, s.lon, s.lat, MAX_JOIN_M);
    const walk = snap ? walkFrom(this.graph, snap, this.cutoffM) : null;
    if (walk) this.walksDone++;
    this.stationWalks.set(s.id, { at: { id: s.id, lon: s.lon, lat: s.lat }, walk });
    return walk;
  }

  /** Whether a building joins the network (its reach is walked on roads, not measured in straight line). */
  joins(b: Located): boolean {
    return this.buildingSnap(b) !== null;
  }

  /** Metres walked from a station to a building (Infinity beyond the cutoff), or null if either is off the network. */
  walkM(s: Located, b: Located): number | null {
    const to = this.buildingSnap(b);
    if (!to || !this.graph) return null;
    const w = this.walkOf(s);
    return w ? walkTo(this.graph, w, to) : null;
  }

  get walkGraph(): WalkGraph | null {
    return this.graph;
  }
}
