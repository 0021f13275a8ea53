// Walking bands (5/10/15 minutes by default, the configured bandsMinutes) counted for an area and for one
// station: how many buildings and workers are within each band's walk of a station, and how many are not.
// Bands are cumulative ("within 10 minutes" includes "within 5"). Walks are on the road network where the
// building joins it and straight-line elsewhere; how many were measured in straight line is counted, so the
// reader can be told. Pure: reads the coverage view (or the given buildings), no I/O.
import { distanceM, type BuildingReach, type ReachConfig, type ReachNetwork } from './reach.js';
import type { BuildingFacts, StationFacts } from './types.js';
import { areaKey } from './model.js';
import type { CoverageView } from './view.js';

export interface BandCount {
  minutes: number;
  /** The band's walk in metres at the configured speed. */
  metres: number;
  buildings: number;
  workers: number;
  /** Workers of the area (or near the station) not within this band: the band's unserved. */
  workersUnserved: number;
  buildingsUnserved: number;
}

export interface Bands {
  speedKmh: number;
  buildings: number;
  workers: number;
  bands: BandCount[];
  /** Buildings (and their workers) measured in straight line: no road within reach of them. */
  straightBuildings: number;
  straightWorkers: number;
}

type BandConfig = Pick<ReachConfig, 'bandsMinutes' | 'walkingSpeedKmh'>;

export const metresPerMinute = (cfg: Pick<ReachConfig, 'walkingSpeedKmh'>): number => (cfg.walkingSpeedKmh * 1000) / 60;

/** Walking minutes as the coverage model rounds them (one decimal). */
export const minutesOf = (metres: number, cfg: Pick<ReachConfig, 'walkingSpeedKmh'>): number => Math.round((metres / metresPerMinute(cfg)) * 10) / 10;

interface Tally {
  workers: number;
  minutes: number | null;
  network: boolean;
}

function count(items: Iterable<Tally>, cfg: BandConfig): Bands {
  const minutes = [...cfg.bandsMinutes].sort((a, b) => a - b);
  const bands: BandCount[] = minutes.map((m) => ({ minutes: m, metres: Math.round(m * metresPerMinute(cfg)), buildings: 0, workers: 0, workersUnserved: 0, buildingsUnserved: 0 }));
  const out: Bands = { speedKmh: cfg.walkingSpeedKmh, buildings: 0, workers: 0, bands, straightBuildings: 0, straightWorkers: 0 };
  for (const it of items) {
    out.buildings++;
    out.workers += it.workers;
    if (!it.network) {
      out.straightBuildings++;
      out.straightWorkers += it.workers;
    }
    for (const b of bands) {
      if (it.minutes !== null && it.minutes <= b.minutes) {
        b.buildings++;
        b.workers += it.workers;
      }
    }
  }
  for (const b of bands) {
    b.workersUnserved = out.workers - b.workers;
    b.buildingsUnserved = out.buildings - b.buildings;
  }
  return out;
}

/** The building ids of an area, from its children down (a business district lists its own buildings). */
export function buildingsOf(v: Pick<CoverageView, 'areas' | 'children'>, key: string): number[] {
  const out: number[] = [];
  const stack = [key];
  while (stack.length) {
    const k = stack.pop() as string;
    const a = v.areas.get(k);
    if (!a) continue;
    if (a.level === 'building') out.push(Number(a.id));
    else for (const c of v.children.get(k) ?? []) stack.push(c);
  }
  return out;
}

/** Workers of a building: the employees of its operating enterprises (the counts every rate uses). */
const workersOf = (v: Pick<CoverageView, 'counts'>, id: number): number => v.counts.get(areaKey('building', id))?.employees ?? 0;

/** An area's buildings and workers by the walk to their nearest public station (its reach's walkMinutes). */
export function areaBands(v: Pick<CoverageView, 'areas' | 'children' | 'counts' | 'reach'>, key: string, cfg: BandConfig): Bands | null {
  if (!v.areas.has(key)) return null;
  const ids = buildingsOf(v, key);
  return count(
    ids.map((id) => {
      const r: BuildingReach | undefined = v.reach.get(id);
      return { workers: workersOf(v, id), minutes: r?.walkMinutes ?? null, network: r?.network ?? false };
    }),
    cfg,
  );
}

export interface StationBands extends Bands {
  stationId: number;
  /** Whether the station joins the road network (its walks are on roads). */
  network: boolean;
}

/** One station's own bands: the buildings (and their workers) within each band's walk of it. A walk is never
 *  shorter than the straight line, so only buildings within the widest band in straight line are walked. */
export function stationBands(s: StationFacts, buildings: Iterable<BuildingFacts>, workers: (id: number) => number, cfg: BandConfig, network?: ReachNetwork & { walkOf?(s: StationFacts): unknown }): StationBands {
  const widest = Math.max(0, ...cfg.bandsMinutes) * metresPerMinute(cfg);
  const stationOnRoads = network?.walkOf ? network.walkOf(s) !== null : false;
  const items: Tally[] = [];
  for (const b of buildings) {
    const line = distanceM(s.lon, s.lat, b.lon, b.lat);
    const inside = s.buildingId !== null && s.buildingId === b.id;
    if (line > widest && !inside) continue;
    const walked = inside ? 0 : (network?.walkM(s, b) ?? null);
    const metres = walked ?? line;
    items.push({ workers: workers(b.id), minutes: Number.isFinite(metres) ? minutesOf(metres, cfg) : null, network: inside || walked !== null });
  }
  return { stationId: s.id, network: stationOnRoads, ...count(items, cfg) };
}

/** stationBands over a coverage view's buildings and workers. */
export function stationBandsIn(v: Pick<CoverageView, 'buildings' | 'counts'>, s: StationFacts, cfg: BandConfig, network?: ReachNetwork & { walkOf?(s: StationFacts): unknown }): StationBands {
  return stationBands(s, v.buildings.values(), (id) => workersOf(v, id), cfg, network);
}
