// Geometry helpers shared by the topology rules: rounding to the store's 7 decimals, ring clean-up,
// areas in m², and the boolean operations of @turf/turf wrapped so that a degenerate input gives
// null instead of an exception (the editor must survive any intermediate shape).
import { area, difference, featureCollection, intersect, polygon as turfPolygon, multiPolygon as turfMulti, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { snapPosition, snapValue } from '../../../../server/domain/topology/lattice';

export type Areal = Polygon | MultiPolygon;

/**
 * The store's one lattice (1e-7°, ~1 cm; ADR 0013), by the server's own function: the editor receives lattice
 * coordinates and rounds new ones exactly as the server does, so equal means identical on both sides.
 */
export const round7 = (v: number): number => snapValue(v);
export const roundPos = (p: Position): Position => snapPosition(p);
export const samePos = (a: Position, b: Position): boolean => a[0] === b[0] && a[1] === b[1];
export const posKey = (p: Position): string => `${p[0]},${p[1]}`;

/** Rounds, drops repeated consecutive positions and closes the ring. */
export function cleanRing(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const r = roundPos(p);
    const last = out[out.length - 1];
    if (!last || !samePos(last, r)) out.push(r);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && out.length > 1 && samePos(first, last)) out.pop();
  if (first) out.push(first);
  return out;
}

export function cleanPolygon(p: Polygon): Polygon {
  return { type: 'Polygon', coordinates: p.coordinates.map(cleanRing) };
}

export function polygonsOf(g: Areal | null | undefined): Polygon[] {
  if (!g) return [];
  if (g.type === 'Polygon') return [g];
  return g.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
}

export function toAreal(polys: Polygon[]): Areal | null {
  if (polys.length === 0) return null;
  if (polys.length === 1) return polys[0] as Polygon;
  return { type: 'MultiPolygon', coordinates: polys.map((p) => p.coordinates) };
}

const feature = (g: Areal): Feature<Areal> => (g.type === 'Polygon' ? turfPolygon(g.coordinates) : turfMulti(g.coordinates));

export function areaM2(g: Areal | null | undefined): number {
  if (!g) return 0;
  try {
    return area(g);
  } catch {
    return 0;
  }
}

function safe(f: () => Feature<Areal> | null): Areal | null {
  try {
    return f()?.geometry ?? null;
  } catch {
    return null;
  }
}

export const intersectGeom = (a: Areal, b: Areal): Areal | null => safe(() => intersect(featureCollection([feature(a), feature(b)])));
export const differenceGeom = (a: Areal, b: Areal): Areal | null => safe(() => difference(featureCollection([feature(a), feature(b)])));
export function unionGeoms(gs: Areal[]): Areal | null {
  if (gs.length === 0) return null;
  if (gs.length === 1) return gs[0] as Areal;
  return safe(() => union(featureCollection(gs.map(feature))));
}

export type BBox = [number, number, number, number];
export function bboxOf(g: Areal): BBox {
  const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of polygonsOf(g))
    for (const ring of poly.coordinates)
      for (const [x, y] of ring as [number, number][]) {
        if (x < b[0]) b[0] = x;
        if (y < b[1]) b[1] = y;
        if (x > b[2]) b[2] = x;
        if (y > b[3]) b[3] = y;
      }
  return b;
}
export const bboxesTouch = (a: BBox, b: BBox, pad = 0): boolean =>
  a[0] <= b[2] + pad && b[0] <= a[2] + pad && a[1] <= b[3] + pad && b[1] <= a[3] + pad;

/** Metres per degree at a latitude: good enough for snapping distances inside a street a few km wide. */
export function metresPerDegree(lat: number): { x: number; y: number } {
  return { x: 111_320 * Math.cos((lat * Math.PI) / 180), y: 110_540 };
}

/** Rounds a polygon result of a boolean operation and keeps only rings that still enclose something. */
export function tidy(p: Polygon): Polygon | null {
  const [outer, ...holes] = p.coordinates.map(cleanRing);
  if (!outer || outer.length < 4) return null;
  return { type: 'Polygon', coordinates: [outer, ...holes.filter((r) => r.length >= 4)] };
}

/** Local planar frame (metres) around a latitude, for distances between nearby points. */
export function planar(lat: number): (p: Position) => [number, number] {
  const m = metresPerDegree(lat);
  return (p) => [(p[0] as number) * m.x, (p[1] as number) * m.y];
}

/** Distance (in the frame's units) from p to the segment ab, and the parameter t of the closest point. */
export function segmentDistance(p: [number, number], a: [number, number], b: [number, number]): { d: number; t: number } {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  const x = a[0] + t * dx - p[0];
  const y = a[1] + t * dy - p[1];
  return { d: Math.hypot(x, y), t };
}

/**
 * The point of the 7-decimal grid near p that lies closest to the segment ab (ties: closest to p).
 * A new vertex on a long locked edge (the street outline) cannot sit exactly on it: rounding alone
 * leaves it up to ~0.7 cm off, and along a 600 m edge that is a sliver of gap or overlap above the
 * 1 m² tolerance. Searching the lattice cells around p brings it within a fraction of a millimetre.
 */
export function latticeOnSegment(p: Position, a: Position, b: Position, reach = 4): Position {
  const f = planar(p[1] as number);
  const fa = f(a);
  const fb = f(b);
  const fp = f(p);
  const dx = fb[0] - fa[0];
  const dy = fb[1] - fa[1];
  const len = Math.hypot(dx, dy);
  const r = roundPos(p);
  if (len === 0) return r;
  let best = r;
  let bestLine = Infinity;
  let bestNear = Infinity;
  for (let i = -reach; i <= reach; i++)
    for (let j = -reach; j <= reach; j++) {
      const q: Position = [round7((r[0] as number) + i * 1e-7), round7((r[1] as number) + j * 1e-7)];
      const fq = f(q);
      const t = ((fq[0] - fa[0]) * dx + (fq[1] - fa[1]) * dy) / (len * len);
      if (t <= 0 || t >= 1) continue;
      const line = Math.abs((fq[0] - fa[0]) * dy - (fq[1] - fa[1]) * dx) / len;
      const near = Math.hypot(fq[0] - fp[0], fq[1] - fp[1]);
      if (line < bestLine - 1e-9 || (Math.abs(line - bestLine) <= 1e-9 && near < bestNear)) {
        best = q;
        bestLine = line;
        bestNear = near;
      }
    }
  return best;
}

/** Every edge [a, b] of every ring of an areal geometry. */
export function* edgesOf(g: Areal): Generator<[Position, Position]> {
  for (const poly of polygonsOf(g))
    for (const ring of poly.coordinates)
      for (let i = 0; i + 1 < ring.length; i++) yield [ring[i] as Position, ring[i + 1] as Position];
}

/** Distance in metres from a point to the boundary of an areal geometry. */
export function distanceToBoundaryM(p: Position, g: Areal): number {
  const f = planar(p[1] as number);
  const q = f(p);
  let best = Infinity;
  for (const [a, b] of edgesOf(g)) best = Math.min(best, segmentDistance(q, f(a), f(b)).d);
  return best;
}
