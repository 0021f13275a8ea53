// Walking bands as areas for the map (issue 16 point 5): an area's bands — every public station whose widest band
// reaches the area, merged, one MultiPolygon per band — and one station's own. Answered in the coverage worker from
// today's model (its walking graph and the stations' walks it already keeps), and cached there until a road, a
// station, a building, an area or the reach setting changes (host.ts). The sampling grid's cell grows with the
// region so that one answer stays within BUDGETS.isochroneSamples.
import type { MultiPolygon } from 'geojson';
import { BUDGETS } from '../http/budgets.js';
import { isochroneBands, sampleCount, type BandArea } from '../domain/network/isochrone.js';
import { MAX_JOIN_M } from '../domain/network/walk.js';
import type { NetworkReach } from '../domain/network/network-reach.js';
import { openStations, type ReachConfig } from '../domain/coverage/reach.js';
import { buildingsOf, metresPerMinute } from '../domain/coverage/bands.js';
import { areaKey } from '../domain/coverage/model.js';
import type { CoverageView } from '../domain/coverage/view.js';
import type { Level, StationFacts } from '../domain/coverage/types.js';

export interface BandAreas {
  type: 'FeatureCollection';
  features: { type: 'Feature'; properties: { minutes: number; metres: number }; geometry: MultiPolygon }[];
  speedKmh: number;
  /** Side of the sampling grid's cells in metres: outlines are within a cell of the exact walk. */
  cellM: number;
  /** Public stations drawn, and how many of them join the road network (the others are straight-line circles). */
  stations: number;
  stationsOnRoads: number;
  /** 'network': every station walks on roads; 'straight': none does (no roads loaded there); 'mixed': some. */
  method: 'network' | 'straight' | 'mixed';
}

/** The finest cell (metres): finer adds samples, not truth (roads are hand-drawn to a few metres). */
const MIN_CELL_M = 10;
const M_PER_DEG_LAT = 110_574;

type Box = [number, number, number, number];

/** A box grown by metres on every side. */
function grow([w, s, e, n]: Box, m: number): Box {
  const dLat = m / M_PER_DEG_LAT;
  const dLon = m / (111_320 * Math.max(0.2, Math.cos((((s + n) / 2) * Math.PI) / 180)));
  return [w - dLon, s - dLat, e + dLon, n + dLat];
}

/**
 * Stations grouped so that stations whose bands could touch share a group (their boxes of `m` metres overlap), each
 * group with the box its bands can cover, clipped to `clip`. Bands of different groups never overlap, so each band's
 * MultiPolygon is the groups' polygons together.
 */
function clusters(stations: StationFacts[], m: number, clip: Box | null): { stations: StationFacts[]; box: Box }[] {
  const boxes = stations.map((s) => grow([s.lon, s.lat, s.lon, s.lat], m));
  const parent = stations.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i] as number)));
  // Candidates by a hash of cells as large as a box: overlapping boxes lie in the same or neighbouring cells.
  const cell = new Map<string, number[]>();
  const size = Math.max(1e-9, ...boxes.map((b) => b[3] - b[1]));
  const sizeLon = Math.max(1e-9, ...boxes.map((b) => b[2] - b[0]));
  const key = (x: number, y: number) => `${x}:${y}`;
  stations.forEach((s, i) => {
    const x = Math.floor(s.lon / sizeLon);
    const y = Math.floor(s.lat / size);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const j of cell.get(key(x + dx, y + dy)) ?? []) {
          const [a, b] = [boxes[i] as Box, boxes[j] as Box];
          if (a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]) parent[root(i)] = root(j);
        }
      }
    }
    cell.set(key(x, y), [...(cell.get(key(x, y)) ?? []), i]);
  });
  const groups = new Map<number, { stations: StationFacts[]; box: Box }>();
  stations.forEach((s, i) => {
    const b = boxes[i] as Box;
    const g = groups.get(root(i));
    if (!g) groups.set(root(i), { stations: [s], box: [...b] });
    else {
      g.stations.push(s);
      g.box = [Math.min(g.box[0], b[0]), Math.min(g.box[1], b[1]), Math.max(g.box[2], b[2]), Math.max(g.box[3], b[3])];
    }
  });
  const out = [...groups.values()].map((g) => ({ stations: g.stations, box: clip ? ([Math.max(g.box[0], clip[0]), Math.max(g.box[1], clip[1]), Math.min(g.box[2], clip[2]), Math.min(g.box[3], clip[3])] as Box) : g.box }));
  return out.filter((g) => g.box[0] < g.box[2] && g.box[1] < g.box[3]);
}

function draw(v: Pick<CoverageView, 'asOf'>, stations: StationFacts[], region: Box | null, cfg: ReachConfig, network: NetworkReach | undefined): BandAreas {
  const minutes = [...cfg.bandsMinutes].sort((a, b) => a - b);
  const perMinute = metresPerMinute(cfg);
  const widest = Math.max(0, ...minutes) * perMinute;
  const open = openStations(stations, v.asOf).filter((s) => s.openTo === 'public');
  // Stations whose widest band reaches the region, and the box their bands can cover within it.
  const reach = region ? grow(region, widest) : null;
  const drawn = reach ? open.filter((s) => s.lon >= reach[0] && s.lon <= reach[2] && s.lat >= reach[1] && s.lat <= reach[3]) : [];
  // Stations far apart (two cities of one territory) are drawn on grids of their own: one box over both would be
  // mostly empty and force coarse cells.
  const groups = clusters(drawn, widest + MIN_CELL_M, reach);
  let cellM = MIN_CELL_M;
  const samples = (c: number) => groups.reduce((n, g) => n + sampleCount(g.box, c), 0);
  while (samples(cellM) > BUDGETS.isochroneSamples) cellM *= 1.25;
  cellM = Math.round(cellM * 10) / 10;
  const bandsM = minutes.map((m) => m * perMinute);
  const polygons: BandArea['polygons'][] = minutes.map(() => []);
  let onRoads = 0;
  for (const g of groups) {
    const sources = g.stations.map((s) => ({ lon: s.lon, lat: s.lat, walk: network?.walkOf(s) ?? null }));
    onRoads += sources.filter((s) => s.walk).length;
    const areas = isochroneBands({ graph: network?.walkGraph ?? null, sources, bandsM, bbox: g.box, cellM, joinM: MAX_JOIN_M });
    areas.forEach((a, i) => polygons[i]?.push(...a.polygons));
  }
  return {
    type: 'FeatureCollection',
    features: minutes.map((m, i) => ({
      type: 'Feature',
      properties: { minutes: m, metres: Math.round(m * perMinute) },
      geometry: { type: 'MultiPolygon', coordinates: polygons[i] ?? [] },
    })),
    speedKmh: cfg.walkingSpeedKmh,
    cellM,
    stations: drawn.length,
    stationsOnRoads: onRoads,
    method: onRoads === 0 ? 'straight' : onRoads === drawn.length ? 'network' : 'mixed',
  };
}

/** An area's bands (null: no such area). An area without buildings has no extent, so nothing is drawn. */
export function areaBandAreas(v: Pick<CoverageView, 'asOf' | 'areas' | 'children' | 'buildings'> & { stationList(): readonly StationFacts[] }, level: Level, id: string, cfg: ReachConfig, network?: NetworkReach): BandAreas | null {
  const key = areaKey(level, id);
  if (!v.areas.has(key)) return null;
  let region: Box | null = null;
  for (const b of buildingsOf(v, key)) {
    const f = v.buildings.get(b);
    if (!f) continue;
    region = region ? [Math.min(region[0], f.lon), Math.min(region[1], f.lat), Math.max(region[2], f.lon), Math.max(region[3], f.lat)] : [f.lon, f.lat, f.lon, f.lat];
  }
  return draw(v, [...v.stationList()], region, cfg, network);
}

/** One station's own bands (drawn even if it is not open to the public: its profile shows where it reaches). */
export function stationBandAreas(v: Pick<CoverageView, 'asOf'>, s: StationFacts, cfg: ReachConfig, network?: NetworkReach): BandAreas {
  return draw(v, [{ ...s, openTo: 'public', openedOn: null }], [s.lon, s.lat, s.lon, s.lat], cfg, network);
}
