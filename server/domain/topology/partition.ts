// The exact check that a street's grids tile its outline (ADR 0013): integer lattice coordinates, exact
// arithmetic, no tolerance and no geometry engine. It is the independent second opinion that must agree with
// PostGIS before a commit.
//
// Why boundaries suffice: orient every ring (outer rings counter-clockwise, holes clockwise) and count each
// directed boundary piece +1 for a grid and -1 for the outline. The sum of the grids' winding numbers minus the
// outline's changes only across pieces whose count is not zero; if none is left it is constant, and 0 far away.
// For valid polygons (PostGIS checks every changed grid) winding numbers are the 0/1 indicators, so every point
// of the street then lies in exactly one grid and no grid leaves it. (The sums of exact areas then agree too:
// area is a sum over directed edges, and cancelled edges contribute nothing.)
//
// Pieces: every segment is cut at each lattice vertex whose "hot pixel" (the 1 × 1 lattice cell around it) the
// segment passes through. That is the lattice's own notion of a point lying on a segment, and the one GEOS's
// snap-rounding overlay uses at the same grid size: a grid corner rounded onto the lattice from a point of an
// outline edge lies in general a fraction of a step beside that edge, yet on it as the lattice sees it.
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { LATTICE, isSnapped, latticeOf } from './lattice.js';

type Pt = [number, number];

export type DefectKind = 'gap' | 'overlap' | 'outside';

export interface PartitionDefect<K> {
  kind: DefectKind;
  /** The offending area, traced from the unmatched boundary pieces (lon/lat, on the lattice). */
  ring: Position[];
  /** Its exact area in lattice steps² (1 step = 1e-7°). */
  areaSteps2: number;
  /** Grids whose boundary bounds it. */
  gridKeys: K[];
}

/** Twice the signed area of a closed ring of lattice points, exactly. */
export function signedArea2(ring: Pt[]): bigint {
  let s = 0n;
  if (ring.length === 0) return s;
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
    return area === 0n || (area > 0n) === (i === 0) ? pts : [...pts].reverse();
  });
}

/** Below this, products of coordinate differences stay exact in doubles (< 2^52). */
const SAFE = 2 ** 25;

/** Sign of (b - a) × (c - a) with c given doubled (hot-pixel corners are half-integers), exactly. */
function orient2(a: Pt, b: Pt, c2x: number, c2y: number): number {
  const dx1 = 2 * (b[0] - a[0]);
  const dy1 = 2 * (b[1] - a[1]);
  const dx2 = c2x - 2 * a[0];
  const dy2 = c2y - 2 * a[1];
  if (Math.abs(dx1) < SAFE && Math.abs(dy1) < SAFE && Math.abs(dx2) < SAFE && Math.abs(dy2) < SAFE) return Math.sign(dx1 * dy2 - dy1 * dx2);
  const v = BigInt(dx1) * BigInt(dy2) - BigInt(dy1) * BigInt(dx2);
  return v === 0n ? 0 : v > 0n ? 1 : -1;
}

/** Whether segment a–b passes through the closed cell of side 1 centred on lattice point v. */
export function crossesPixel(a: Pt, b: Pt, v: Pt): boolean {
  if (Math.max(a[0], b[0]) * 2 < v[0] * 2 - 1 || Math.min(a[0], b[0]) * 2 > v[0] * 2 + 1) return false;
  if (Math.max(a[1], b[1]) * 2 < v[1] * 2 - 1 || Math.min(a[1], b[1]) * 2 > v[1] * 2 + 1) return false;
  let pos = false;
  let neg = false;
  for (const [cx, cy] of [[-1, -1], [1, -1], [1, 1], [-1, 1]] as const) {
    const s = orient2(a, b, v[0] * 2 + cx, v[1] * 2 + cy);
    if (s >= 0) pos = true;
    if (s <= 0) neg = true;
  }
  return pos && neg;
}

interface Piece<K> {
  lo: Pt;
  hi: Pt;
  /** Grids' count minus the outline's, counted in the lo → hi direction. */
  n: number;
  /** The outline's own direction on this piece: +1 lo → hi, -1 hi → lo, 0 not on the outline. */
  outline: number;
  keys: Set<K>;
}

const ptKey = (p: Pt) => `${p[0]},${p[1]}`;

/**
 * The areas where the grids do not tile the outline exactly: empty exactly when they do. Throws when given
 * coordinates off the lattice (a caller that forgot to snap).
 */
export function partitionDefects<K>(outline: MultiPolygon, grids: { key: K; geometry: Polygon }[]): PartitionDefect<K>[] {
  if (!isSnapped(outline.coordinates.flat()) || !grids.every((g) => isSnapped(g.geometry.coordinates))) {
    throw new Error('partitionDefects needs coordinates on the lattice');
  }
  const segments: { a: Pt; b: Pt; weight: 1 | -1; key: K | null }[] = [];
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

  const seen = new Set<string>();
  const vertices: Pt[] = [];
  for (const s of segments) {
    for (const p of [s.a, s.b]) {
      if (!seen.has(ptKey(p))) {
        seen.add(ptKey(p));
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

  const pieces = new Map<string, Piece<K>>();
  for (const s of segments) {
    const x0 = Math.min(s.a[0], s.b[0]) - 1;
    const x1 = Math.max(s.a[0], s.b[0]) + 1;
    const y0 = Math.min(s.a[1], s.b[1]) - 1;
    const y1 = Math.max(s.a[1], s.b[1]) + 1;
    const d: Pt = [s.b[0] - s.a[0], s.b[1] - s.a[1]];
    const along = (p: Pt) => (p[0] - s.a[0]) * d[0] + (p[1] - s.a[1]) * d[1];
    const len2 = along(s.b);
    const cuts: Pt[] = [];
    for (let j = firstAtOrAfter(x0); j < vertices.length && (vertices[j] as Pt)[0] <= x1; j++) {
      const v = vertices[j] as Pt;
      if (v[1] < y0 || v[1] > y1) continue;
      if ((v[0] === s.a[0] && v[1] === s.a[1]) || (v[0] === s.b[0] && v[1] === s.b[1])) continue;
      const t = along(v);
      if (t <= 0 || t >= len2) continue;
      if (crossesPixel(s.a, s.b, v)) cuts.push(v);
    }
    cuts.sort((p, q) => along(p) - along(q));
    const points = [s.a, ...cuts, s.b];
    for (let i = 0; i + 1 < points.length; i++) {
      const p = points[i] as Pt;
      const q = points[i + 1] as Pt;
      const forward = p[0] < q[0] || (p[0] === q[0] && p[1] < q[1]);
      const [lo, hi] = forward ? [p, q] : [q, p];
      const k = `${ptKey(lo)},${ptKey(hi)}`;
      const e = pieces.get(k) ?? { lo, hi, n: 0, outline: 0, keys: new Set<K>() };
      e.n += forward ? s.weight : -s.weight;
      if (s.key === null) e.outline = forward ? 1 : -1;
      else e.keys.add(s.key);
      pieces.set(k, e);
    }
  }
  return traceDefects([...pieces.values()].filter((e) => e.n !== 0));
}

interface Directed<K> {
  from: Pt;
  to: Pt;
  piece: Piece<K>;
}

/**
 * The unmatched pieces form closed cycles (every vertex has as many leaving as arriving): walked into rings, a
 * counter-clockwise ring bounds area counted once too often (an overlap, or a grid outside the outline), a
 * clockwise one area no grid covers (a gap).
 */
function traceDefects<K>(unmatched: Piece<K>[]): PartitionDefect<K>[] {
  const out = new Map<string, Directed<K>[]>();
  for (const e of unmatched) {
    const [from, to] = e.n > 0 ? [e.lo, e.hi] : [e.hi, e.lo];
    for (let i = 0; i < Math.abs(e.n); i++) {
      const list = out.get(ptKey(from)) ?? [];
      list.push({ from, to, piece: e });
      out.set(ptKey(from), list);
    }
  }
  const defects: PartitionDefect<K>[] = [];
  const emit = (edges: Directed<K>[]) => {
    const ring: Pt[] = edges.map((e) => e.from);
    ring.push(ring[0] as Pt);
    const area2 = signedArea2(ring);
    const keys = new Set<K>();
    for (const e of edges) for (const k of e.piece.keys) keys.add(k);
    // Area beyond the outline: the ring runs against the outline's own direction along it.
    const againstOutline = edges.some((e) => e.piece.outline !== 0 && (e.from === e.piece.lo ? 1 : -1) !== e.piece.outline);
    const kind: DefectKind = area2 < 0n ? 'gap' : againstOutline ? 'outside' : 'overlap';
    defects.push({ kind, ring: ring.map((p) => [p[0] / LATTICE, p[1] / LATTICE]), areaSteps2: Math.abs(Number(area2)) / 2, gridKeys: [...keys] });
  };
  for (const [startKey, list] of out) {
    while (list.length > 0) {
      // A walk that comes back to a vertex it passed closes a loop there: each loop is its own ring, so a gap and
      // an overlap that touch at a corner (a moved corner makes both) are two defects with their own areas, not one
      // figure-eight whose signed areas cancel.
      const path: Directed<K>[] = [];
      const startOf = new Map<string, number>([[startKey, 0]]);
      let at = startKey;
      for (let guard = 0; guard < 1_000_000; guard++) {
        const next = out.get(at)?.pop();
        if (!next) break;
        path.push(next);
        at = ptKey(next.to);
        const j = startOf.get(at);
        if (j === undefined) {
          startOf.set(at, path.length);
          continue;
        }
        emit(path.splice(j));
        for (const [k, i] of startOf) if (i > j) startOf.delete(k);
      }
      if (path.length > 0) emit(path);
    }
  }
  return defects;
}
