// One precision for every stored boundary (ADR 0011): coordinates on a lattice of 1e-7° (~1 cm), snapped
// together for a whole street (its outline and all its grids) so that the partition survives the rounding.
// Pure and shared: the server snaps at every entry point, the editor snaps with this same function.
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Lattice steps per degree: coordinates are integers of 1e-7°. */
export const LATTICE = 1e7;

/**
 * The lattice value nearest to v, as the double a GeoJSON parser reads back for its shortest decimal
 * (k / 1e7 is correctly rounded, so snapping is idempotent and survives a JSON or PostGIS round trip).
 * -0 becomes 0 so that equal positions print equally.
 */
export function snapValue(v: number): number {
  const s = Math.round(v * LATTICE) / LATTICE;
  return s === 0 ? 0 : s;
}

export const snapPosition = (p: Position): Position => [snapValue(p[0] as number), snapValue(p[1] as number)];

/** Whether every coordinate of the rings already lies on the lattice. */
export const isSnapped = (rings: Position[][]): boolean => rings.every((r) => r.every((p) => snapValue(p[0] as number) === p[0] && snapValue(p[1] as number) === p[1]));

/** Integer lattice coordinates of a snapped position. */
export const latticeOf = (p: Position): [number, number] => [Math.round((p[0] as number) * LATTICE), Math.round((p[1] as number) * LATTICE)];

export interface KeyedPolygon<K> {
  key: K;
  geometry: Polygon;
}

export interface StreetBoundaries<K> {
  outline: MultiPolygon;
  grids: KeyedPolygon<K>[];
}

/**
 * How far (in lattice steps) a vertex may lie from another ring's edge and still be put on it. Snapping moves a
 * point by at most 0.71 steps, so a vertex that lay exactly on a neighbour's edge (a T-junction, as a split or a
 * GIS file leaves them) lies within ~1.4 steps afterwards.
 */
const NODE_TOLERANCE = 1.5;

type Ring = Position[];

/**
 * Snaps a street's outline and grids together, preserving their topology:
 *  1. every coordinate goes to the nearest lattice point: positions that were equal stay bit-identical;
 *  2. a vertex lying on another ring's edge (within NODE_TOLERANCE) is inserted into that edge, so the two
 *     boundaries share the vertex instead of crossing near it (a T-junction would leave a gap or overlap of
 *     up to edge length × 1 cm once rounded);
 *  3. consecutive duplicate positions are dropped.
 * Idempotent: snapping the result again returns it unchanged.
 */
export function snapStreet<K>(input: StreetBoundaries<K>): StreetBoundaries<K> {
  const outline = input.outline.coordinates.map((poly) => poly.map(snapRing));
  const grids = input.grids.map((g) => g.geometry.coordinates.map(snapRing));
  let nodedOutline = outline;
  let nodedGrids = grids;
  // An inserted vertex bends its edge by up to a step, which can bring another vertex within reach:
  // a few passes reach the fixed point (in practice the first one does).
  for (let pass = 0; pass < 4; pass++) {
    const index = new VertexIndex([...nodedOutline.flat(), ...nodedGrids.flat()]);
    let ringId = 0;
    let inserted = 0;
    const node = (ring: Ring): Ring => {
      const out = dedupe(insertVertices(ring, ringId++, index));
      inserted += out.length - dedupe(ring).length;
      return out;
    };
    nodedOutline = nodedOutline.map((poly) => poly.map(node));
    nodedGrids = nodedGrids.map((poly) => poly.map(node));
    if (inserted === 0) break;
  }
  return {
    outline: { type: 'MultiPolygon', coordinates: nodedOutline },
    grids: input.grids.map((g, i) => ({ ...g, geometry: { type: 'Polygon', coordinates: nodedGrids[i] as Ring[] } })),
  };
}

/** Snaps one polygon on its own (no neighbours to keep in step with): a new street outline, a file's grid. */
export function snapPolygon(p: Polygon): Polygon {
  return { type: 'Polygon', coordinates: p.coordinates.map((r) => dedupe(snapRing(r))) };
}

export function snapMultiPolygon(p: MultiPolygon): MultiPolygon {
  return { type: 'MultiPolygon', coordinates: p.coordinates.map((poly) => poly.map((r) => dedupe(snapRing(r)))) };
}

const snapRing = (r: Ring): Ring => r.map(snapPosition);

function dedupe(r: Ring): Ring {
  const out: Ring = [];
  for (const p of r) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

/** Unique lattice vertices of all rings, sorted by x, each with the rings that hold it. */
class VertexIndex {
  readonly xs: number[] = [];
  readonly ys: number[] = [];
  readonly rings: Set<number>[] = [];

  constructor(rings: Ring[]) {
    const byKey = new Map<string, { x: number; y: number; rings: Set<number> }>();
    rings.forEach((ring, id) => {
      for (const p of ring) {
        const [x, y] = latticeOf(p);
        const k = `${x},${y}`;
        const v = byKey.get(k);
        if (v) v.rings.add(id);
        else byKey.set(k, { x, y, rings: new Set([id]) });
      }
    });
    const sorted = [...byKey.values()].sort((a, b) => a.x - b.x || a.y - b.y);
    for (const v of sorted) {
      this.xs.push(v.x);
      this.ys.push(v.y);
      this.rings.push(v.rings);
    }
  }

  /** Index of the first vertex with x ≥ x0. */
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

/** The ring with every other ring's vertex that lies on one of its edges inserted there, in order along the edge. */
function insertVertices(ring: Ring, ringId: number, index: VertexIndex): Ring {
  const out: Ring = [];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as Position;
    out.push(a);
    const b = ring[i + 1];
    if (!b) break;
    const [ax, ay] = latticeOf(a);
    const [bx, by] = latticeOf(b);
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    if (len2 === 0) continue;
    const found: { t: number; p: Position }[] = [];
    const x0 = Math.min(ax, bx) - NODE_TOLERANCE;
    const x1 = Math.max(ax, bx) + NODE_TOLERANCE;
    const y0 = Math.min(ay, by) - NODE_TOLERANCE;
    const y1 = Math.max(ay, by) + NODE_TOLERANCE;
    for (let j = index.lowerBound(x0); j < index.xs.length && (index.xs[j] as number) <= x1; j++) {
      const vy = index.ys[j] as number;
      if (vy < y0 || vy > y1 || index.rings[j]?.has(ringId)) continue;
      const vx = index.xs[j] as number;
      const t = ((vx - ax) * dx + (vy - ay) * dy) / len2;
      if (t <= 0 || t >= 1) continue;
      // Distance from the edge: |cross| / |edge|.
      const cross = dx * (vy - ay) - dy * (vx - ax);
      if (cross * cross > NODE_TOLERANCE * NODE_TOLERANCE * len2) continue;
      found.push({ t, p: [vx / LATTICE, vy / LATTICE] });
    }
    found.sort((p, q) => p.t - q.t);
    for (const f of found) out.push([snapValue(f.p[0] as number), snapValue(f.p[1] as number)]);
  }
  return out;
}
