// The topology-preserving snap of a street's grids onto the lattice (ADR 0013), against the street's outline,
// which it never changes: the outline is rounded once, where it enters (street import, start-up), and every grid
// save or revert leaves it as it is. Pure: the server runs it at every entry point of grid boundaries.
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { fromLattice, latticeOf, snapValue } from './lattice.js';

type Pt = [number, number];
type Ring = Position[];

/**
 * How far (lattice steps) a grid corner may lie from another boundary and still be put on it. Rounding moves a
 * point by at most 0.71 steps, so a corner that lay exactly on a neighbour's edge or the outline (a T-junction,
 * as a split or a GIS file leaves them) lies within ~1.42 steps of it once both are rounded.
 */
export const NODE_TOLERANCE = 1.5;

/** Positions this close (degrees) are one point written twice with floating-point noise (4e-15° was seen). */
const SAME_POINT = 1e-9;

export interface KeyedPolygon<K> {
  key: K;
  geometry: Polygon;
}

/**
 * The grids on the lattice, together:
 *  1. positions within 1e-9° of each other become one, then every one is rounded to the lattice: positions
 *     that were (nearly) equal are bit-identical afterwards;
 *  2. a corner within NODE_TOLERANCE of an outline vertex moves onto it; one within NODE_TOLERANCE of an outline
 *     edge moves to the lattice point nearest the edge (whose cell the edge crosses: on it, as the lattice and
 *     GEOS's snap-rounding see it), the same for every grid holding it;
 *  3. every grid edge gets the vertices (other grids', the outline's) lying within NODE_TOLERANCE of it, in order,
 *     so that two grids sharing a stretch of boundary share its vertices;
 *  4. repeated positions are dropped.
 * Idempotent: snapping the result again returns it unchanged. The outline must already be on the lattice.
 */
export function snapGrids<K, G extends KeyedPolygon<K>>(outline: MultiPolygon, grids: G[]): G[] {
  const outlineRings = outline.coordinates.flat().map((r) => r.map(latticeOf));
  const merged = mergeNearlyEqual(grids.map((g) => g.geometry.coordinates));
  let rings = merged.map((poly) => poly.map((r) => dedupe(r.map((p) => latticeOf([snapValue(p[0] as number), snapValue(p[1] as number)])))));
  rings = onOutline(rings, outlineRings);
  for (let pass = 0; pass < 4; pass++) {
    const index = new VertexIndex([...outlineRings, ...rings.flat()], outlineRings.length);
    let inserted = 0;
    let ringId = outlineRings.length;
    rings = rings.map((poly) =>
      poly.map((r) => {
        const out = dedupe(insertVertices(r, ringId++, index));
        inserted += out.length - r.length;
        return out;
      }),
    );
    if (inserted === 0) break;
  }
  return grids.map((g, i) => ({ ...g, geometry: { type: 'Polygon', coordinates: (rings[i] as Pt[][]).map((r) => r.map(([x, y]) => fromLattice(x, y))) } }));
}

/** Step 1: one representative for positions within SAME_POINT of each other (first seen wins). */
function mergeNearlyEqual(polys: Ring[][]): Ring[][] {
  const cell = (v: number) => Math.round(v / SAME_POINT);
  const seen = new Map<string, Position>();
  return polys.map((poly) =>
    poly.map((ring) =>
      ring.map((p) => {
        const k = `${cell(p[0] as number)},${cell(p[1] as number)}`;
        const first = seen.get(k);
        if (first) return first;
        seen.set(k, p);
        return p;
      }),
    ),
  );
}

const dist2ToSegment = (a: Pt, b: Pt, p: Pt): { d2: number; t: number } => {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  const tc = Math.max(0, Math.min(1, t));
  const ex = a[0] + tc * dx - p[0];
  const ey = a[1] + tc * dy - p[1];
  return { d2: ex * ex + ey * ey, t };
};

/** Step 2: corners near the outline onto it (by position, so every grid holding a corner moves it alike). */
function onOutline(rings: Pt[][][], outline: Pt[][]): Pt[][][] {
  const vertices = new Map<string, Pt>();
  for (const r of outline) for (const p of r) vertices.set(`${p[0]},${p[1]}`, p);
  const edges: [Pt, Pt][] = outline.flatMap((r) => r.slice(1).map((b, i) => [r[i] as Pt, b] as [Pt, Pt]));
  const moved = new Map<string, Pt>();
  const tol2 = NODE_TOLERANCE * NODE_TOLERANCE;
  const place = (p: Pt): Pt => {
    const k = `${p[0]},${p[1]}`;
    if (vertices.has(k)) return p;
    const known = moved.get(k);
    if (known) return known;
    let target = p;
    let best = Infinity;
    for (const v of vertices.values()) {
      const d2 = (v[0] - p[0]) ** 2 + (v[1] - p[1]) ** 2;
      if (d2 <= tol2 && d2 < best) {
        best = d2;
        target = v;
      }
    }
    if (best === Infinity) {
      for (const [a, b] of edges) {
        if (p[0] < Math.min(a[0], b[0]) - 2 || p[0] > Math.max(a[0], b[0]) + 2 || p[1] < Math.min(a[1], b[1]) - 2 || p[1] > Math.max(a[1], b[1]) + 2) continue;
        const { d2, t } = dist2ToSegment(a, b, p);
        if (d2 > tol2 || t <= 0 || t >= 1 || d2 >= best) continue;
        best = d2;
        // Already well inside: kept (the snap is idempotent); else the most central lattice point near it.
        target = centralOffset(a, b, p) <= CENTRAL ? p : placeOnEdge(a, b, p, [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
      }
    }
    moved.set(k, target);
    return target;
  };
  return rings.map((poly) => poly.map((r) => dedupe(r.map(place))));
}

/**
 * The lattice point near q (a point of edge a–b) that the edge passes most centrally: the smallest square around
 * it that the edge touches has half-width |cross| / (|dx| + |dy|). GEOS's snap rounding nodes an edge at a vertex
 * whose cell it crosses; an edge grazing the cell's border may be noded at the neighbouring cell instead (where a
 * crossing rounds), so the corner goes where the edge passes well inside its cell.
 */
/** Well inside a cell: GEOS nodes an edge passing this close to a vertex at that vertex. */
const CENTRAL = 0.3;

/** Half-width of the smallest square around c that edge a–b's line touches (lattice steps). */
function centralOffset(a: Pt, b: Pt, c: Pt): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  return Math.abs(dx * (c[1] - a[1]) - dy * (c[0] - a[0])) / (Math.abs(dx) + Math.abs(dy));
}

/** How far along the edge (lattice steps) to look for a lattice point it passes well inside. */
const SEARCH = 100;

/**
 * A corner near edge a–b onto it: the nearest lattice point the edge passes well inside; where the edge runs
 * almost along the lattice and none is near, the corner stays if the edge crosses its cell (as the exact check
 * sees it), else the lattice point the edge passes closest.
 */
function placeOnEdge(a: Pt, b: Pt, p: Pt, q: [number, number]): Pt {
  const c = nearestOnEdge(a, b, q);
  if (centralOffset(a, b, c) <= CENTRAL) return c;
  return centralOffset(a, b, p) <= 0.5 ? p : c;
}

function nearestOnEdge(a: Pt, b: Pt, q: [number, number]): Pt {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  // Walk the edge one column (or row, for a steep edge) at a time, taking the lattice point nearest it in each.
  const alongX = Math.abs(dx) >= Math.abs(dy);
  let best: Pt = [Math.round(q[0]), Math.round(q[1])];
  let bestScore = Infinity;
  for (let k = -SEARCH; k <= SEARCH; k++) {
    const c: Pt = alongX
      ? [Math.round(q[0]) + k, Math.round(a[1] + ((Math.round(q[0]) + k - a[0]) * dy) / dx)]
      : [Math.round(a[0] + ((Math.round(q[1]) + k - a[1]) * dx) / dy), Math.round(q[1]) + k];
    const t = ((c[0] - a[0]) * dx + (c[1] - a[1]) * dy) / len2;
    if (t <= 0 || t >= 1) continue;
    // Central enough first; among those the one nearest the original position.
    const offset = centralOffset(a, b, c);
    const score = (offset <= CENTRAL ? 0 : offset * 1e12) + (c[0] - q[0]) ** 2 + (c[1] - q[1]) ** 2;
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}

function dedupe(r: Pt[]): Pt[] {
  const out: Pt[] = [];
  for (const p of r) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

/** Unique vertices of all rings, sorted by x, each with the rings holding it. */
class VertexIndex {
  readonly xs: number[] = [];
  readonly ys: number[] = [];
  readonly rings: Set<number>[] = [];

  constructor(rings: Pt[][], readonly outlineRings: number) {
    const byKey = new Map<string, { x: number; y: number; rings: Set<number> }>();
    rings.forEach((ring, id) => {
      for (const [x, y] of ring) {
        const k = `${x},${y}`;
        const v = byKey.get(k);
        if (v) v.rings.add(id);
        else byKey.set(k, { x, y, rings: new Set([id]) });
      }
    });
    for (const v of [...byKey.values()].sort((a, b) => a.x - b.x || a.y - b.y)) {
      this.xs.push(v.x);
      this.ys.push(v.y);
      this.rings.push(v.rings);
    }
  }

  lowerBound(x0: number): number {
    let lo = 0;
    let hi = this.xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.xs[mid] as number) < x0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Step 3: the ring with every other ring's vertex lying within NODE_TOLERANCE of one of its edges inserted there. */
function insertVertices(ring: Pt[], ringId: number, index: VertexIndex): Pt[] {
  const out: Pt[] = [];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as Pt;
    out.push(a);
    const b = ring[i + 1];
    if (!b) break;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len2 = dx * dx + dy * dy;
    if (len2 === 0) continue;
    const found: { t: number; p: Pt }[] = [];
    const x0 = Math.min(a[0], b[0]) - NODE_TOLERANCE;
    const x1 = Math.max(a[0], b[0]) + NODE_TOLERANCE;
    const y0 = Math.min(a[1], b[1]) - NODE_TOLERANCE;
    const y1 = Math.max(a[1], b[1]) + NODE_TOLERANCE;
    for (let j = index.lowerBound(x0); j < index.xs.length && (index.xs[j] as number) <= x1; j++) {
      const vy = index.ys[j] as number;
      if (vy < y0 || vy > y1 || index.rings[j]?.has(ringId)) continue;
      const vx = index.xs[j] as number;
      const t = ((vx - a[0]) * dx + (vy - a[1]) * dy) / len2;
      if (t <= 0 || t >= 1) continue;
      const cross = dx * (vy - a[1]) - dy * (vx - a[0]);
      if (cross * cross > NODE_TOLERANCE * NODE_TOLERANCE * len2) continue;
      found.push({ t, p: [vx, vy] });
    }
    found.sort((p, q) => p.t - q.t);
    for (const f of found) out.push(f.p);
  }
  return out;
}

