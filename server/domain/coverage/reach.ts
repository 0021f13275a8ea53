// Service reach of stations: which buildings each station serves, the nearest station of each type,
// and 5/10/15-minute walking bands. Distances in metres on a local equirectangular projection about
// the pair's mid-latitude (error under 0.1% at the few-km scale of reach; see docs/adr/0004).
import type { BuildingFacts, StationFacts } from './types.js';
import { STATION_TYPES, STATION_TYPE_TERMS, type StationType } from '../vocabulary/index.js';

export interface ReachConfig {
  /** Reach in metres by station type (a centre 1,000 m, a station 500 m, a point 300 m). */
  reachByType: Record<StationType, number>;
  walkingSpeedKmh: number;
  bandsMinutes: number[];
  /** How far to look for the nearest station of a type before reporting none. */
  searchRadiusM: number;
}

export const DEFAULT_REACH_CONFIG: ReachConfig = {
  reachByType: Object.fromEntries(STATION_TYPES.map((t) => [t, STATION_TYPE_TERMS[t].reachM])) as Record<StationType, number>,
  walkingSpeedKmh: 4.5,
  bandsMinutes: [5, 10, 15],
  searchRadiusM: 3000,
};

const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON_EQ = 111_320;

export function distanceM(aLon: number, aLat: number, bLon: number, bLat: number): number {
  const midLat = ((aLat + bLat) / 2) * (Math.PI / 180);
  const dx = (aLon - bLon) * M_PER_DEG_LON_EQ * Math.cos(midLat);
  const dy = (aLat - bLat) * M_PER_DEG_LAT;
  return Math.hypot(dx, dy);
}

export function stationTypes(s: Pick<StationFacts, 'type' | 'alsoTypes'>): string[] {
  return [s.type, ...s.alsoTypes.filter((t) => t !== s.type)];
}

/** A station's own reach_m, else the widest reach of its plaques' types. */
export function stationReachM(s: Pick<StationFacts, 'type' | 'alsoTypes' | 'reachM'>, cfg: ReachConfig): number {
  if (s.reachM != null) return s.reachM;
  return Math.max(...stationTypes(s).map((t) => cfg.reachByType[t as StationType] ?? 0));
}

export interface Nearest {
  stationId: number;
  distanceM: number;
}

export interface BuildingReach {
  /** Stations whose reach includes this building. */
  servedBy: number[];
  served: boolean;
  /** The nearest station of each type, packed (read it with nearestByType / nearestOfType): the pairs
   *  [stationId, distanceM] in STATION_TYPES order, stationId -1 where none is within the search radius. A city has
   *  100,000 buildings and nine types: one array of small integers each instead of nine objects and a record (about
   *  a third of a kilobyte less per building, issue 18 point 7). */
  nearest: readonly number[];
  /** Walking minutes to the nearest station open to the public, and its band (5/10/15), if within the bands. */
  walkMinutes: number | null;
  band: number | null;
  /** Distances walked on the road network (true), or straight-line where no roads reach the building (false). */
  network: boolean;
}

/** Walking distances over roads (server/domain/network's NetworkReach): metres from a station to a building,
 *  Infinity when farther than the search radius on foot, null when either is off the network. */
export interface ReachNetwork {
  walkM(s: StationFacts, b: BuildingFacts): number | null;
  joins(b: BuildingFacts): boolean;
}

const NONE = -1;
/** No station of any type within the search radius: one shared array. */
const NOTHING_NEAR: readonly number[] = Object.freeze(STATION_TYPES.flatMap(() => [NONE, 0]));
const TYPE_INDEX = new Map<string, number>(STATION_TYPES.map((t, i) => [t, i]));

/** The nearest station of `type` within the search radius, if any. */
export function nearestOfType(r: Pick<BuildingReach, 'nearest'>, type: StationType): Nearest | undefined {
  const i = TYPE_INDEX.get(type);
  const stationId = i === undefined ? NONE : (r.nearest[2 * i] ?? NONE);
  return stationId === NONE ? undefined : { stationId, distanceM: r.nearest[2 * (i as number) + 1] as number };
}

/** The nearest station of each type that has one within the search radius. */
export function nearestByType(r: Pick<BuildingReach, 'nearest'>): Partial<Record<StationType, Nearest>> {
  const out: Partial<Record<StationType, Nearest>> = {};
  for (const t of STATION_TYPES) {
    const n = nearestOfType(r, t);
    if (n) out[t] = n;
  }
  return out;
}

/** Stations open only to their building (or members) serve that building alone. */
const publicStation = (s: StationFacts) => s.openTo === 'public';

class StationIndex {
  private readonly cells = new Map<string, StationFacts[]>();
  constructor(private readonly cellDeg: number, stations: StationFacts[]) {
    for (const s of stations) {
      const k = this.key(Math.floor(s.lon / cellDeg), Math.floor(s.lat / cellDeg));
      const list = this.cells.get(k);
      if (list) list.push(s);
      else this.cells.set(k, [s]);
    }
  }
  private key(x: number, y: number): string {
    return `${x}:${y}`;
  }
  around(lon: number, lat: number, radiusM: number): StationFacts[] {
    const ry = Math.ceil(radiusM / M_PER_DEG_LAT / this.cellDeg);
    const rx = Math.ceil(radiusM / (M_PER_DEG_LON_EQ * Math.max(0.2, Math.cos((lat * Math.PI) / 180))) / this.cellDeg);
    const cx = Math.floor(lon / this.cellDeg);
    const cy = Math.floor(lat / this.cellDeg);
    const out: StationFacts[] = [];
    for (let x = cx - rx; x <= cx + rx; x++) {
      for (let y = cy - ry; y <= cy + ry; y++) {
        const list = this.cells.get(this.key(x, y));
        if (list) out.push(...list);
      }
    }
    return out;
  }
}

export function openStations(stations: StationFacts[], asOf: string): StationFacts[] {
  return stations.filter((s) => s.openedOn === null || s.openedOn <= asOf);
}

export function computeReach(buildings: BuildingFacts[], stations: StationFacts[], cfg: ReachConfig, asOf: string, network?: ReachNetwork): Map<number, BuildingReach> {
  const open = openStations(stations, asOf);
  const index = new StationIndex(0.01, open);
  // A station inside a building serves that building wherever its point was drawn.
  const inBuildingOf = new Map<number, StationFacts[]>();
  for (const s of open) if (s.buildingId !== null) inBuildingOf.set(s.buildingId, [...(inBuildingOf.get(s.buildingId) ?? []), s]);
  const out = new Map<number, BuildingReach>();
  const metresPerMinute = (cfg.walkingSpeedKmh * 1000) / 60;
  for (const b of buildings) {
    const servedBy: number[] = [];
    // [stationId, rounded metres] per type, in STATION_TYPES order; made only when a station is near.
    let nearest: number[] | null = null;
    // Unrounded distances: comparing against the rounded ones picks the wrong station.
    const nearestRawM = new Map<number, number>();
    let nearestPublic = Infinity;
    const candidates = new Set([...index.around(b.lon, b.lat, cfg.searchRadiusM), ...(inBuildingOf.get(b.id) ?? [])]);
    for (const s of candidates) {
      const inBuilding = s.buildingId !== null && s.buildingId === b.id;
      if (!publicStation(s) && !inBuilding) continue;
      // On foot over roads where both join the network (a river without a bridge is not crossed), else straight.
      const d = inBuilding ? 0 : (network?.walkM(s, b) ?? distanceM(b.lon, b.lat, s.lon, s.lat));
      if (d > cfg.searchRadiusM) continue; // the cells searched reach a little beyond the radius
      if (inBuilding || d <= stationReachM(s, cfg)) servedBy.push(s.id);
      for (const t of stationTypes(s)) {
        const i = TYPE_INDEX.get(t);
        if (i === undefined) continue;
        nearest ??= [...NOTHING_NEAR];
        const cur = nearest[2 * i] as number;
        const curM = nearestRawM.get(i) ?? Infinity;
        if (cur === NONE || d < curM || (d === curM && s.id < cur)) {
          nearest[2 * i] = s.id;
          nearest[2 * i + 1] = Math.round(d);
          nearestRawM.set(i, d);
        }
      }
      if (publicStation(s) && d < nearestPublic) nearestPublic = d;
    }
    const walkMinutes = Number.isFinite(nearestPublic) ? Math.round((nearestPublic / metresPerMinute) * 10) / 10 : null;
    const band = walkMinutes === null ? null : (cfg.bandsMinutes.find((m) => walkMinutes <= m) ?? null);
    servedBy.sort((x, y) => x - y);
    out.set(b.id, { servedBy, served: servedBy.length > 0, nearest: nearest ?? NOTHING_NEAR, walkMinutes, band, network: network?.joins(b) ?? false });
  }
  return out;
}
