// Walking bands as areas: for each band (5/10/15 minutes by default) the places within that walk of the nearest
// station, merged across stations (one outline per band). Pure, no I/O.
//
// A place is inside a band exactly when a building standing there would be counted in it (coverage/reach.ts):
// a place joins the network at its nearest road edge within MAX_JOIN_M (the walk off the road counted in straight
// line) and walks on from there, as the stations' walks went; a station off the network, or a place off it, is
// measured in straight line. So the drawn band and the counted band are one rule, and a river crossed only by a
// far bridge cuts the band even where its straight-line circle would reach over.
//
// The walk is sampled on a square grid of cellM metres (a local equirectangular frame about the region's middle),
// and each band's outline is traced through the samples (contour.ts): the outline is within a cell of the exact one.
import type { Position } from 'geojson';
import type { WalkGraph } from './graph.js';
import type { Walk } from './walk.js';
import { contour, type GridPolygon } from './contour.js';

const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON_EQ = 111_320;

export interface IsoSource {
  lon: number;
  lat: number;
  /** The station's walk over the network; null when it is off the network (its band is a straight-line circle). */
  walk: Walk | null;
}

export interface IsochroneInput {
  graph: WalkGraph | null;
  sources: IsoSource[];
  /** Each band's walk in metres. */
  bandsM: number[];
  /** The region to draw, [west, south, east, north]; nothing outside it is drawn. */
  bbox: [number, number, number, number];
  cellM: number;
  /** How far a place may be from a road and still join the network (walk.ts MAX_JOIN_M). */
  joinM: number;
}

export interface BandArea {
  metres: number;
  /** MultiPolygon coordinates (lon, lat), empty when no place is within the band. */
  polygons: Position[][][];
}

/** The grid the walk is sampled on: sample (i, j) at x = i·cellM east and y = j·cellM north of the region's corner. */
interface Frame {
  lon0: number;
  lat0: number;
  mLon: number;
  nx: number;
  ny: number;
  cellM: number;
}

function frameOf(bbox: [number, number, number, number], cellM: number): Frame {
  const [w, s, e, n] = bbox;
  const mLon = M_PER_DEG_LON_EQ * Math.cos((((s + n) / 2) * Math.PI) / 180);
  return { lon0: w, lat0: s, mLon, cellM, nx: Math.floor(((e - w) * mLon) / cellM) + 1, ny: Math.floor(((n - s) * M_PER_DEG_LAT) / cellM) + 1 };
}

/** Samples a bbox of cellM cells would take: the caller keeps it within its budget by choosing cellM. */
export function sampleCount(bbox: [number, number, number, number], cellM: number): number {
  const f = frameOf(bbox, cellM);
  return f.nx * f.ny;
}

/** The region's walk to the nearest source at every sample, in metres (Infinity: beyond every band). */
export function walkField(input: IsochroneInput): { frame: Frame; field: Float32Array } {
  const f = frameOf(input.bbox, input.cellM);
  const { nx, ny, cellM, mLon } = f;
  const x = (lon: number) => (lon - f.lon0) * mLon;
  const y = (lat: number) => (lat - f.lat0) * M_PER_DEG_LAT;
  const widest = Math.max(0, ...input.bandsM);
  const size = nx * ny;
  // Straight-line walks: from every source (for places off the network) and from the sources off the network only
  // (for places on it, which walk on roads from the others).
  const straightAll = new Float32Array(size).fill(Infinity);
  const straightOff = new Float32Array(size).fill(Infinity);
  for (const s of input.sources) {
    const sx = x(s.lon);
    const sy = y(s.lat);
    const [i0, i1, j0, j1] = span(sx - widest, sx + widest, sy - widest, sy + widest, f);
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        const ex = i * cellM - sx;
        const ey = j * cellM - sy;
        const d = Math.sqrt(ex * ex + ey * ey);
        const k = j * nx + i;
        if (d < (straightAll[k] as number)) straightAll[k] = d;
        if (!s.walk && d < (straightOff[k] as number)) straightOff[k] = d;
      }
    }
  }
  const g = input.graph;
  if (!g) return { frame: f, field: straightAll };
  // Where each sample joins the network: its nearest edge within joinM (lowest edge id on a tie, as snapToGraph).
  const joinOff = new Float32Array(size).fill(Infinity);
  const joinEdge = new Int32Array(size).fill(-1);
  const joinT = new Float32Array(size);
  const pad = input.joinM;
  for (let e = 0; e < g.edgeA.length; e++) {
    const a = g.edgeA[e] as number;
    const b = g.edgeB[e] as number;
    const ax = x(g.lon[a] as number);
    const ay = y(g.lat[a] as number);
    const bx = x(g.lon[b] as number);
    const by = y(g.lat[b] as number);
    const [i0, i1, j0, j1] = span(Math.min(ax, bx) - pad, Math.max(ax, bx) + pad, Math.min(ay, by) - pad, Math.max(ay, by) + pad, f);
    if (i0 > i1 || j0 > j1) continue;
    const dx = bx - ax;
    const dy = by - ay;
    const l2 = dx * dx + dy * dy;
    const pad2 = pad * pad;
    // Squared distances in the loop (the hot one: every sample near every edge); the root only when kept.
    for (let j = j0; j <= j1; j++) {
      const py = j * cellM;
      for (let i = i0; i <= i1; i++) {
        const px = i * cellM;
        const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l2));
        const ex = ax + t * dx - px;
        const ey = ay + t * dy - py;
        const d2 = ex * ex + ey * ey;
        const k = j * nx + i;
        const cur = joinOff[k] as number;
        if (d2 <= pad2 && d2 < cur * cur) {
          joinOff[k] = Math.sqrt(d2);
          joinEdge[k] = e;
          joinT[k] = t;
        }
      }
    }
  }
  // The walk to each node from the nearest source on the network, and the sources that joined mid-edge (a place on
  // the same edge walks straight along it, as walkTo does).
  const best = new Float64Array(g.nodeCount).fill(Infinity);
  const onEdge = new Map<number, { t: number; offsetM: number }[]>();
  for (const s of input.sources) {
    if (!s.walk) continue;
    for (const [n, d] of s.walk.nodes) if (d < (best[n] as number)) best[n] = d;
    const list = onEdge.get(s.walk.from.edge) ?? [];
    list.push({ t: s.walk.from.t, offsetM: s.walk.from.offsetM });
    onEdge.set(s.walk.from.edge, list);
  }
  const field = new Float32Array(size);
  for (let k = 0; k < size; k++) {
    const e = joinEdge[k] as number;
    if (e < 0) {
      field[k] = straightAll[k] as number;
      continue;
    }
    const len = g.edgeLen[e] as number;
    const t = joinT[k] as number;
    let d = Math.min((best[g.edgeA[e] as number] as number) + t * len, (best[g.edgeB[e] as number] as number) + (1 - t) * len);
    for (const s of onEdge.get(e) ?? []) d = Math.min(d, s.offsetM + Math.abs(t - s.t) * len);
    const v = Math.min(d + (joinOff[k] as number), straightOff[k] as number);
    field[k] = v <= widest ? v : Infinity;
  }
  return { frame: f, field };
}

/** Sample index ranges covering a box in frame metres, clipped to the grid (empty when i0 > i1 or j0 > j1). */
function span(x0: number, x1: number, y0: number, y1: number, f: Frame): [number, number, number, number] {
  return [Math.max(0, Math.ceil(x0 / f.cellM)), Math.min(f.nx - 1, Math.floor(x1 / f.cellM)), Math.max(0, Math.ceil(y0 / f.cellM)), Math.min(f.ny - 1, Math.floor(y1 / f.cellM))];
}

/** One area per band, narrowest first, each the union over every source (one outline per band). */
export function isochroneBands(input: IsochroneInput): BandArea[] {
  const { frame: f, field } = walkField(input);
  const toLonLat = ([i, j]: [number, number]): Position => [
    Math.round((f.lon0 + (i * f.cellM) / f.mLon) * 1e6) / 1e6,
    Math.round((f.lat0 + (j * f.cellM) / M_PER_DEG_LAT) * 1e6) / 1e6,
  ];
  return [...input.bandsM].sort((a, b) => a - b).map((metres) => ({
    metres,
    polygons: contour(field, f.nx, f.ny, metres, f.cellM).map((p: GridPolygon) => p.map((ring) => ring.map(toLonLat))),
  }));
}
