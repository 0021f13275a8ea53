// Walking distances between stations and buildings over the road network, for the coverage model: the graph is
// built once from the roads, each station's walk (to the search radius) is computed when first asked and kept
// until that station, or the roads, change. Points farther than MAX_JOIN_M from any walkable road are "off the
// network" and the caller falls back to straight-line distance for them. Pure, in memory.
import { buildWalkGraph, snapToGraph, type RoadLine, type Snap, type WalkGraph } from './graph.js';
import { MAX_JOIN_M, walkFrom, walkTo, type Walk } from './walk.js';

export interface Located {
  id: number;
  lon: number;
  lat: number;
}

export class NetworkReach {
  private graph: WalkGraph | null = null;
  private readonly stationWalks = new Map<number, Walk | null>();
  private readonly buildingSnaps = new Map<number, Snap | null>();

  constructor(roads: RoadLine[], private readonly cutoffM: number) {
    this.setRoads(roads);
  }

  /** New roads: a new graph; every cached walk and join refers to the old one. */
  setRoads(roads: RoadLine[]): void {
    this.graph = roads.some((r) => !r.barrier) ? buildWalkGraph(roads) : null;
    this.stationWalks.clear();
    this.buildingSnaps.clear();
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
    let w = this.stationWalks.get(s.id);
    if (w === undefined) {
      const snap = snapToGraph(this.graph, s.lon, s.lat, MAX_JOIN_M);
      w = snap ? walkFrom(this.graph, snap, this.cutoffM) : null;
      this.stationWalks.set(s.id, w);
    }
    return w;
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
