// An exact check that a street's grids tile its outline, over snapped (lattice) coordinates, with no tolerance
// and no geometry engine: the independent second opinion that must agree with PostGIS before a commit.
//
// Why boundaries suffice: give every ring its orientation (outer rings counter-clockwise, holes clockwise) and
// count each directed boundary segment +1 for a grid and -1 for the outline. The sum of the grids' winding
// numbers minus the outline's is a function whose boundary is exactly the segments with a non-zero count; if
// none is left it is constant, and 0 far away. For valid polygons (PostGIS checks validity) winding numbers
// are the 0/1 indicators, so every point of the street lies in exactly one grid and no grid leaves it.
// Segments are first cut at every vertex lying on them (exact integer collinearity), so that two boundaries
// sharing a stretch count the same pieces.
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { latticeOf, isSnapped, LATTICE } from './snap.js';

export interface EdgeDefect<K> {
  /** The piece of boundary that is not matched (lon/lat). */
  from: Position;
  to: Position;
  /** Grids whose boundary holds the piece (none: only the outline has it, i.e. a gap along the outline). */
  gridKeys: K[];
  onOutline: boolean;
  /** Grids' count minus the outline's: +1 an unmatched grid edge, -1 an uncovered outline edge, 2 two grids on the same side. */
  net: number;
}

type Pt = [number, number];

interface Segment<K> {
  a: Pt;
  b: Pt;
  weight: 1 | -1;
  key: K | null;
}

/** Twice the signed area of a ring of lattice points, exactly. */
function signedArea2(ring: Pt[]): bigint {
  let s = 0n;
  const [ox, oy] = ring[0] as Pt;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i] as Pt;
    const [x2, y2] = ring[i + 1] as Pt;
    s += BigInt(x1 - ox) * BigInt(y2 - oy) - BigInt(x2 - ox) * BigInt(y1 - oy);
  }
  return s;
}

function orientedRings(poly: Position[][]): Pt[][] {
  return poly.map((ring, i) => {
    const pts = ring.map(latticeOf);
    const area = signedArea2(pts);
    const wantPositive = i === 0;
    return (area > 0n) === wantPositive || area === 0n ? pts : [...pts].reverse();
  });
}

const LIMIT = 2 ** 25;
/** Cross product of (b - a) × (c - a), exact: doubles while the factors are small, BigInt beyond. */
function cross(a: Pt, b: Pt, c: Pt): number {
  const dx1 = b[0] - a[0];
  const dy1 = b[1] - a[1];
  const dx2 = c[0] - a[0];
  const dy2 = c[1] - a[1];
  if (Math.abs(dx1) < LIMIT && Math.abs(dy1) < LIMIT && Math.abs(dx2) < LIMIT && Math.abs(dy2) < LIMIT) return dx1 * dy2 - dy1 * dx2;
  const v = BigInt(dx1) * BigInt(dy2) - BigInt(dy1) * BigInt(dx2);
  return v === 0n ? 0 : v > 0n ? 1 : -1;
}

/**
 * Pieces of boundary that do not cancel: empty exactly when the grids tile the outline. Throws when given
 * coordinates off the lattice (a caller that forgot to snap).
 */
export function partitionDefects<K>(outline: MultiPolygon, grids: { key: K; geometry: Polygon }[]): EdgeDefect<K>[] {
  if (!isSnapped(outline.coordinates.flat()) || !grids.every((g) => isSnapped(g.geometry.coordinates))) {
    throw new Error('partitionDefects needs snapped coordinates');
  }
  const segments: Segment<K>[] = [];
  const add = (rings: Pt[][], weight: 1 | -1, key: K | null) => {
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i] as Pt;
        const b = ring[i + 1] as Pt;
        if (a[0] !== b[0] || a[1] !== b[1]) segments.push({ a, b, weight, key });
      }
    }
  };
  for (const poly of outline.coordinates) add(orientedRings(poly), -1, null);
  for (const g of grids) add(orientedRings(g.geometry.coordinates), 1, g.key);

  // Every distinct vertex, sorted by x then y, to find those lying on a segment.
  const seen = new Set<string>();
  const vertices: Pt[] = [];
  for (const s of segments) {
    for (const p of [s.a, s.b]) {
      const k = `${p[0]},${p[1]}`;
      if (!seen.has(k)) {
        seen.add(k);
        vertices.push(p);
      }
    }
  }
  vertices.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const firstAtOrAfter = (x: number) => {
    let lo = 0;
    let hi = vertices.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((vertices[mid] as Pt)[0] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const net = new Map<string, { a: Pt; b: Pt; n: number; keys: Set<K>; outline: boolean }>();
  for (const s of segments) {
    const [x0, x1] = [Math.min(s.a[0], s.b[0]), Math.max(s.a[0], s.b[0])];
    const [y0, y1] = [Math.min(s.a[1], s.b[1]), Math.max(s.a[1], s.b[1])];
    const cuts: Pt[] = [];
    for (let j = firstAtOrAfter(x0); j < vertices.length && (vertices[j] as Pt)[0] <= x1; j++) {
      const v = vertices[j] as Pt;
      if (v[1] < y0 || v[1] > y1) continue;
      if ((v[0] === s.a[0] && v[1] === s.a[1]) || (v[0] === s.b[0] && v[1] === s.b[1])) continue;
      if (cross(s.a, s.b, v) === 0) cuts.push(v);
    }
    const d: Pt = [s.b[0] - s.a[0], s.b[1] - s.a[1]];
    cuts.sort((p, q) => (p[0] - s.a[0]) * d[0] + (p[1] - s.a[1]) * d[1] - ((q[0] - s.a[0]) * d[0] + (q[1] - s.a[1]) * d[1]));
    const points = [s.a, ...cuts, s.b];
    for (let i = 0; i + 1 < points.length; i++) {
      const p = points[i] as Pt;
      const q = points[i + 1] as Pt;
      // One key per undirected piece; direction becomes the sign.
      const forward = p[0] < q[0] || (p[0] === q[0] && p[1] < q[1]);
      const [lo, hi] = forward ? [p, q] : [q, p];
      const k = `${lo[0]},${lo[1]},${hi[0]},${hi[1]}`;
      const e = net.get(k) ?? { a: lo, b: hi, n: 0, keys: new Set<K>(), outline: false };
      e.n += forward ? s.weight : -s.weight;
      if (s.key === null) e.outline = true;
      else e.keys.add(s.key);
      net.set(k, e);
    }
  }
  const toPos = (p: Pt): Position => [p[0] / LATTICE, p[1] / LATTICE];
  return [...net.values()]
    .filter((e) => e.n !== 0)
    .map((e) => ({ from: toPos(e.a), to: toPos(e.b), gridKeys: [...e.keys], onOutline: e.outline, net: e.n }));
}
