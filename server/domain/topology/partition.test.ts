import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { partitionDefects } from './partition.js';
import { LATTICE, snapPosition } from './lattice.js';

const X0 = 1_214_000_000;
const Y0 = 312_000_000;
const pos = (x: number, y: number): Position => [(X0 + x) / LATTICE, (Y0 + y) / LATTICE];
const rect = (x0: number, y0: number, x1: number, y1: number): Position[] => [pos(x0, y0), pos(x1, y0), pos(x1, y1), pos(x0, y1), pos(x0, y0)];
const poly = (ring: Position[]): Polygon => ({ type: 'Polygon', coordinates: [ring] });
const outlineOf = (ring: Position[]): MultiPolygon => ({ type: 'MultiPolygon', coordinates: [[ring]] });

/** Whether a closed lattice ring is simple: no two edges meet except adjacent ones at their shared corner (exact,
 *  in lattice steps). A grid that is not (a bow-tie, a spike) is refused as invalid before any partition check. */
function simpleRing(ring: Position[]): boolean {
  const p = ring.map((q) => [Math.round((q[0] as number) * LATTICE) - X0, Math.round((q[1] as number) * LATTICE) - Y0] as [number, number]);
  const n = p.length - 1;
  const orient = (a: number[], b: number[], c: number[]) => Math.sign(((b[0] as number) - (a[0] as number)) * ((c[1] as number) - (a[1] as number)) - ((b[1] as number) - (a[1] as number)) * ((c[0] as number) - (a[0] as number)));
  const onSeg = (a: number[], b: number[], c: number[]) => Math.min(a[0] as number, b[0] as number) <= (c[0] as number) && (c[0] as number) <= Math.max(a[0] as number, b[0] as number) && Math.min(a[1] as number, b[1] as number) <= (c[1] as number) && (c[1] as number) <= Math.max(a[1] as number, b[1] as number);
  const meet = (a: number[], b: number[], c: number[], d: number[]) => {
    const [o1, o2, o3, o4] = [orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)];
    if (o1 !== o2 && o3 !== o4) return true;
    return (o1 === 0 && onSeg(a, b, c)) || (o2 === 0 && onSeg(a, b, d)) || (o3 === 0 && onSeg(c, d, a)) || (o4 === 0 && onSeg(c, d, b));
  };
  for (let i = 0; i < n; i++) {
    const [a, b] = [p[i] as number[], p[i + 1] as number[]];
    if (a[0] === b[0] && a[1] === b[1]) return false;
    for (let j = i + 1; j < n; j++) {
      const [c, d] = [p[j] as number[], p[j + 1] as number[]];
      const adjacent = j === i + 1 || (i === 0 && j === n - 1);
      if (!adjacent) {
        if (meet(a, b, c, d)) return false;
      } else if (orient(a, b, j === i + 1 ? d : c) === 0) {
        // Adjacent edges folding back on each other (a spike) overlap along a line.
        const [shared, x, y] = j === i + 1 ? [b, a, d] : [a, b, c];
        const dot = ((x[0] as number) - (shared[0] as number)) * ((y[0] as number) - (shared[0] as number)) + ((x[1] as number) - (shared[1] as number)) * ((y[1] as number) - (shared[1] as number));
        if (dot > 0) return false;
      }
    }
  }
  return true;
}

/**
 * A rectangle cut into columns, each column into cells; a cell's side ring holds every corner of the neighbouring
 * column that lies on it (as a noded partition does), so the neighbours share vertices and T-junctions are noded.
 */
function columns(xs: number[], ys: number[][], h: number): { key: number; geometry: Polygon }[] {
  const out: { key: number; geometry: Polygon }[] = [];
  for (let c = 0; c + 1 < xs.length; c++) {
    const [xa, xb] = [xs[c] as number, xs[c + 1] as number];
    const cuts = ys[c] as number[];
    const left = c > 0 ? (ys[c - 1] as number[]) : [];
    const right = c + 2 < xs.length ? (ys[c + 1] as number[]) : [];
    const bounds = [0, ...cuts, h];
    for (let r = 0; r + 1 < bounds.length; r++) {
      const [ya, yb] = [bounds[r] as number, bounds[r + 1] as number];
      const east = right.filter((y) => y > ya && y < yb && !cuts.includes(y)).sort((a, b) => a - b);
      const west = left.filter((y) => y > ya && y < yb && !cuts.includes(y)).sort((a, b) => b - a);
      const ring = [pos(xa, ya), pos(xb, ya), ...east.map((y) => pos(xb, y)), pos(xb, yb), pos(xa, yb), ...west.map((y) => pos(xa, y)), pos(xa, ya)];
      out.push({ key: out.length, geometry: poly(ring) });
    }
  }
  return out;
}

const W = 40_000;
const H = 30_000;
const sortedDistinct = (n: number, max: number) => fc.uniqueArray(fc.integer({ min: 1, max: max - 1 }), { minLength: 0, maxLength: n }).map((a) => a.sort((p, q) => p - q));
const partitionArb = sortedDistinct(5, W).chain((inner) => {
  const xs = [0, ...inner, W];
  return fc.array(sortedDistinct(4, H), { minLength: xs.length - 1, maxLength: xs.length - 1 }).map((ys) => ({ xs, ys }));
});
const OUTLINE = outlineOf(rect(0, 0, W, H));

describe('partitionDefects', () => {
  it('finds nothing wrong with any partition of a rectangle into columns of cells (T-junctions noded)', () => {
    fc.assert(fc.property(partitionArb, ({ xs, ys }) => {
      expect(partitionDefects(OUTLINE, columns(xs, ys, H))).toEqual([]);
    }), { numRuns: 200 });
  });

  it('finds every perturbation of one grid\'s corner as a gap, overlap or part outside, with its exact area', () => {
    const arb = fc.tuple(partitionArb, fc.nat(), fc.nat(), fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }));
    fc.assert(fc.property(arb, ([{ xs, ys }, gi, vi, dx, dy]) => {
      fc.pre(dx !== 0 || dy !== 0);
      const grids = columns(xs, ys, H);
      const g = grids[gi % grids.length] as { key: number; geometry: Polygon };
      const ring = g.geometry.coordinates[0] as Position[];
      const i = vi % (ring.length - 1);
      const prev = ring[(i + ring.length - 2) % (ring.length - 1)] as Position;
      const at = ring[i] as Position;
      const next = ring[(i + 1) % (ring.length - 1)] as Position;
      const moved = snapPosition([(at[0] as number) + dx / LATTICE, (at[1] as number) + dy / LATTICE]);
      // A move along a straight side (both neighbours on one line with the corner) keeps the area: not a defect.
      const collinear = (prev[0] === at[0] && at[0] === next[0] && moved[0] === at[0]) || (prev[1] === at[1] && at[1] === next[1] && moved[1] === at[1]);
      fc.pre(!collinear);
      const newRing = ring.map((p, j) => (j === i || (i === 0 && j === ring.length - 1) ? moved : p));
      // A move that makes the ring cross itself yields an invalid polygon, refused before the partition is checked.
      fc.pre(simpleRing(newRing));
      const perturbed = grids.map((x) => (x === g ? { ...x, geometry: poly(newRing) } : x));
      const defects = partitionDefects(OUTLINE, perturbed);
      expect(defects.length).toBeGreaterThan(0);
      // Every defect ring that does not cross itself carries its exact, positive area. A moved edge that crosses a
      // neighbour's edge between lattice points traces one self-crossing ring (a gap and an overlap whose signed
      // areas may cancel): still a defect, so the layout is still refused.
      for (const d of defects) if (simpleRing(d.ring)) expect(d.areaSteps2).toBeGreaterThan(0);
    }), { numRuns: 300 });
  });

  it('reports a notch of half a square metre as a gap with its area, and a grid beyond the outline as outside', () => {
    // 1 step ≈ 1.1 cm × 0.95 cm: a notch of 100 × 50 steps is about half a square metre.
    const a = poly([pos(0, 0), pos(20_000, 0), pos(20_000, 10_000), pos(20_000 - 100, 10_000), pos(20_000 - 100, 10_050), pos(20_000, 10_050), pos(20_000, H), pos(0, H), pos(0, 0)]);
    const b = poly(rect(20_000, 0, W, H));
    const gaps = partitionDefects(OUTLINE, [{ key: 'a', geometry: a }, { key: 'b', geometry: b }]);
    expect(gaps.map((d) => [d.kind, d.areaSteps2, d.gridKeys.sort()])).toEqual([['gap', 5000, ['a', 'b']]]);
    const wide = poly(rect(20_000, 0, W + 10, H));
    const outside = partitionDefects(OUTLINE, [{ key: 'a', geometry: poly(rect(0, 0, 20_000, H)) }, { key: 'b', geometry: wide }]);
    expect(outside.map((d) => [d.kind, d.areaSteps2])).toEqual([['outside', 10 * H]]);
    const over = partitionDefects(OUTLINE, [{ key: 'a', geometry: poly(rect(0, 0, 20_010, H)) }, { key: 'b', geometry: b }]);
    expect(over.map((d) => [d.kind, d.areaSteps2])).toEqual([['overlap', 10 * H]]);
  });

  it('a corner rounded onto the lattice from a point of a slanted outline edge lies on it as the lattice sees it', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 3, max: 99_999 }), fc.integer({ min: 1, max: 99_999 }), (t, ex, ey) => {
      // The outline: a triangle with one slanted edge; the grids: split by a line from a point of that edge.
      const a: Position = pos(0, 0);
      const b: Position = pos(ex, 0);
      const c: Position = pos(0, ey);
      const onEdge = snapPosition([(b[0] as number) + ((c[0] as number) - (b[0] as number)) * (t / 1000), (b[1] as number) + ((c[1] as number) - (b[1] as number)) * (t / 1000)]);
      fc.pre(onEdge[0] !== b[0] && onEdge[0] !== c[0] && onEdge[0] !== a[0] && onEdge[1] !== a[1]);
      const g1 = poly([a, b, onEdge, a]);
      const g2 = poly([a, onEdge, c, a]);
      expect(partitionDefects(outlineOf([a, b, c, a]), [{ key: 1, geometry: g1 }, { key: 2, geometry: g2 }])).toEqual([]);
    }), { numRuns: 200 });
  });

  it('refuses coordinates off the lattice', () => {
    expect(() => partitionDefects(OUTLINE, [{ key: 1, geometry: poly([[121.400000001, 31.2], ...rect(0, 0, W, H).slice(1, -1), [121.400000001, 31.2]]) }])).toThrow(/lattice/);
  });
});
