// The walking graph: road centre lines noded where they cross or touch, as typed arrays (compressed adjacency).
// Pure, no I/O. Barriers (elevated roads, railways) are not walked and make no junctions: a street that passes
// under a viaduct crosses it only along itself. Walking ignores one-way flags (pedestrians walk both ways).
// Intersections are found in lon/lat: an equirectangular projection is affine per latitude band, so where two
// segments meet is the same in either; lengths are measured in metres (distanceM).
import type { Position } from 'geojson';
import { distanceM } from '../coverage/reach.js';

export interface RoadLine {
  id: number;
  barrier: boolean;
  lines: Position[][];
}

export interface WalkGraph {
  nodeCount: number;
  lon: Float64Array;
  lat: Float64Array;
  /** Edge i joins edgeA[i] and edgeB[i] (undirected), edgeLen[i] metres long, part of road edgeRoad[i]. */
  edgeA: Int32Array;
  edgeB: Int32Array;
  edgeLen: Float64Array;
  edgeRoad: Int32Array;
  /** Adjacency: node n's neighbours are adjTo[adjStart[n] .. adjStart[n+1]) over edges adjEdge[...]. */
  adjStart: Int32Array;
  adjTo: Int32Array;
  adjEdge: Int32Array;
  /** Grid index of edges for snapping points: cell key → edge ids. */
  cellDeg: number;
  cells: Map<number, number[]>;
}

/** Ends closer than this to another line are joined to it (hand-drawn roads stop short of the road they meet). */
const JOIN_TOLERANCE_DEG = 1e-5; // about 1 m
const CELL_DEG = 0.002; // about 200 m: a few segments per cell in a city
const cellKey = (x: number, y: number): number => (x + 200_000) * 400_000 + (y + 200_000);

interface Seg {
  ax: number; ay: number; bx: number; by: number;
  road: number;
  /** Where this segment is cut: parameter (0..1) and the point, computed once and shared with the other segment. */
  cuts: [number, number, number][];
}

function cellsOf(s: Pick<Seg, 'ax' | 'ay' | 'bx' | 'by'>, cell: number, pad: number): number[] {
  const x0 = Math.floor((Math.min(s.ax, s.bx) - pad) / cell);
  const x1 = Math.floor((Math.max(s.ax, s.bx) + pad) / cell);
  const y0 = Math.floor((Math.min(s.ay, s.by) - pad) / cell);
  const y1 = Math.floor((Math.max(s.ay, s.by) + pad) / cell);
  const out: number[] = [];
  for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) out.push(cellKey(x, y));
  return out;
}

/** Parameter along a-b of the point nearest p, clamped to the segment, and the distance (degrees) to it. */
function project(ax: number, ay: number, bx: number, by: number, px: number, py: number): { t: number; d: number } {
  const dx = bx - ax;
  const dy = by - ay;
  const l2 = dx * dx + dy * dy;
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l2));
  return { t, d: Math.hypot(ax + t * dx - px, ay + t * dy - py) };
}

/** Where two segments meet: cuts on both (proper crossings, T-junctions and ends within the tolerance). */
function meet(s: Seg, o: Seg): void {
  const rx = s.bx - s.ax;
  const ry = s.by - s.ay;
  const qx = o.bx - o.ax;
  const qy = o.by - o.ay;
  const den = rx * qy - ry * qx;
  if (den !== 0) {
    const t = ((o.ax - s.ax) * qy - (o.ay - s.ay) * qx) / den;
    const u = ((o.ax - s.ax) * ry - (o.ay - s.ay) * rx) / den;
    if (t > 0 && t < 1 && u > 0 && u < 1) {
      const x = s.ax + t * rx;
      const y = s.ay + t * ry;
      s.cuts.push([t, x, y]);
      o.cuts.push([u, x, y]);
      return;
    }
  }
  // An end of one touching (or nearly touching) the other: the end moves onto the line it meets, so both name
  // the same node.
  const ends: [Seg, Seg, number][] = [[s, o, 0], [s, o, 1], [o, s, 0], [o, s, 1]];
  for (const [from, to, t] of ends) {
    const px = t === 0 ? from.ax : from.bx;
    const py = t === 0 ? from.ay : from.by;
    const p = project(to.ax, to.ay, to.bx, to.by, px, py);
    if (p.d > JOIN_TOLERANCE_DEG) continue;
    // Ends that meet ends keep the first segment's point; an end on a line's middle moves onto it.
    const onEnd = p.t === 0 || p.t === 1;
    const x = onEnd ? (p.t === 0 ? to.ax : to.bx) : to.ax + p.t * (to.bx - to.ax);
    const y = onEnd ? (p.t === 0 ? to.ay : to.by) : to.ay + p.t * (to.by - to.ay);
    to.cuts.push([p.t, x, y]);
    from.cuts.push([t, x, y]);
  }
}

/** Builds the walking graph of the walkable roads. Deterministic: the same roads give the same graph. */
export function buildWalkGraph(roads: RoadLine[]): WalkGraph {
  const segs: Seg[] = [];
  for (const r of [...roads].sort((a, b) => a.id - b.id)) {
    if (r.barrier) continue;
    for (const line of r.lines) {
      for (let i = 1; i < line.length; i++) {
        const a = line[i - 1] as Position;
        const b = line[i] as Position;
        if (a[0] === b[0] && a[1] === b[1]) continue;
        const [ax, ay, bx, by] = [a[0] as number, a[1] as number, b[0] as number, b[1] as number];
        segs.push({ ax, ay, bx, by, road: r.id, cuts: [[0, ax, ay], [1, bx, by]] });
      }
    }
  }
  // Candidate pairs share a cell of the grid.
  const grid = new Map<number, number[]>();
  segs.forEach((s, i) => {
    for (const k of cellsOf(s, CELL_DEG, JOIN_TOLERANCE_DEG)) {
      const list = grid.get(k);
      if (list) list.push(i);
      else grid.set(k, [i]);
    }
  });
  const seen = new Set<number>();
  for (const list of grid.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x] as number;
        const j = list[y] as number;
        const pair = i < j ? i * segs.length + j : j * segs.length + i;
        if (seen.has(pair)) continue;
        seen.add(pair);
        meet(segs[i] as Seg, segs[j] as Seg);
      }
    }
  }
  // Nodes: positions rounded to 1e-7 degrees (1 cm), shared by every segment that reaches them.
  const nodeIds = new Map<string, number>();
  const lon: number[] = [];
  const lat: number[] = [];
  const node = (x: number, y: number): number => {
    const rx = Math.round(x * 1e7);
    const ry = Math.round(y * 1e7);
    const k = `${rx},${ry}`;
    let id = nodeIds.get(k);
    if (id === undefined) {
      id = lon.length;
      nodeIds.set(k, id);
      lon.push(rx / 1e7);
      lat.push(ry / 1e7);
    }
    return id;
  };
  const ea: number[] = [];
  const eb: number[] = [];
  const el: number[] = [];
  const er: number[] = [];
  const edgeKeys = new Set<string>();
  for (const s of segs) {
    // Sorted by parameter; of several points at one parameter (an end moved onto another line) the last wins,
    // which is the moved one: the segment's own end was pushed first.
    const byT = new Map<number, [number, number]>();
    for (const [t, x, y] of s.cuts) byT.set(t, [x, y]);
    const cuts = [...byT.entries()].sort((a, b) => a[0] - b[0]);
    let prev = node(...(cuts[0] as [number, [number, number]])[1]);
    for (let i = 1; i < cuts.length; i++) {
      const cur = node(...(cuts[i] as [number, [number, number]])[1]);
      if (cur !== prev) {
        const k = prev < cur ? `${prev}:${cur}` : `${cur}:${prev}`;
        // Two roads drawn over each other give one edge.
        if (!edgeKeys.has(k)) {
          edgeKeys.add(k);
          ea.push(prev);
          eb.push(cur);
          el.push(distanceM(lon[prev] as number, lat[prev] as number, lon[cur] as number, lat[cur] as number));
          er.push(s.road);
        }
      }
      prev = cur;
    }
  }
  return finish(lon, lat, ea, eb, el, er);
}

function finish(lon: number[], lat: number[], ea: number[], eb: number[], el: number[], er: number[]): WalkGraph {
  const n = lon.length;
  const m = ea.length;
  const deg = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) {
    deg[(ea[i] as number) + 1]!++;
    deg[(eb[i] as number) + 1]!++;
  }
  for (let i = 0; i < n; i++) deg[i + 1]! += deg[i] as number;
  const adjStart = deg;
  const fill = adjStart.slice(0, n);
  const adjTo = new Int32Array(2 * m);
  const adjEdge = new Int32Array(2 * m);
  for (let i = 0; i < m; i++) {
    const a = ea[i] as number;
    const b = eb[i] as number;
    adjTo[fill[a]!] = b;
    adjEdge[fill[a]!++] = i;
    adjTo[fill[b]!] = a;
    adjEdge[fill[b]!++] = i;
  }
  const g: WalkGraph = {
    nodeCount: n, lon: Float64Array.from(lon), lat: Float64Array.from(lat),
    edgeA: Int32Array.from(ea), edgeB: Int32Array.from(eb), edgeLen: Float64Array.from(el), edgeRoad: Int32Array.from(er),
    adjStart, adjTo, adjEdge, cellDeg: 0.001, cells: new Map(),
  };
  for (let i = 0; i < m; i++) {
    const s = { ax: g.lon[ea[i] as number] as number, ay: g.lat[ea[i] as number] as number, bx: g.lon[eb[i] as number] as number, by: g.lat[eb[i] as number] as number };
    for (const k of cellsOf(s, g.cellDeg, 0)) {
      const list = g.cells.get(k);
      if (list) list.push(i);
      else g.cells.set(k, [i]);
    }
  }
  return g;
}

/** Where a point joins the network: the nearest point of the nearest edge, t along it from edgeA, offsetM away. */
export interface Snap {
  edge: number;
  t: number;
  offsetM: number;
}

/** The nearest edge within maxM metres of a point, or null when the network does not come that close. */
export function snapToGraph(g: WalkGraph, lon: number, lat: number, maxM: number): Snap | null {
  const cosLat = Math.max(0.2, Math.cos((lat * Math.PI) / 180));
  const ry = Math.ceil(maxM / 110_574 / g.cellDeg);
  const rx = Math.ceil(maxM / (111_320 * cosLat) / g.cellDeg);
  const cx = Math.floor(lon / g.cellDeg);
  const cy = Math.floor(lat / g.cellDeg);
  let best: Snap | null = null;
  const tried = new Set<number>();
  for (let x = cx - rx; x <= cx + rx; x++) {
    for (let y = cy - ry; y <= cy + ry; y++) {
      for (const e of g.cells.get(cellKey(x, y)) ?? []) {
        if (tried.has(e)) continue;
        tried.add(e);
        const a = g.edgeA[e] as number;
        const b = g.edgeB[e] as number;
        // Project in a local metric frame so that "nearest" is nearest on the ground.
        const p = project((g.lon[a] as number) * cosLat, g.lat[a] as number, (g.lon[b] as number) * cosLat, g.lat[b] as number, lon * cosLat, lat);
        const px = (g.lon[a] as number) + p.t * ((g.lon[b] as number) - (g.lon[a] as number));
        const py = (g.lat[a] as number) + p.t * ((g.lat[b] as number) - (g.lat[a] as number));
        const d = distanceM(lon, lat, px, py);
        if (d <= maxM && (!best || d < best.offsetM || (d === best.offsetM && e < best.edge))) best = { edge: e, t: p.t, offsetM: d };
      }
    }
  }
  return best;
}
