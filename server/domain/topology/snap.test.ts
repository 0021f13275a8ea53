import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { isSnapped, snapStreet, snapValue } from './snap.js';
import { partitionDefects } from './partition.js';

const rect = (x0: number, y0: number, x1: number, y1: number): Position[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const poly = (ring: Position[]): Polygon => ({ type: 'Polygon', coordinates: [ring] });
const multi = (ring: Position[]): MultiPolygon => ({ type: 'MultiPolygon', coordinates: [[ring]] });

describe('snapValue', () => {
  it('is idempotent, survives a JSON round trip and moves a value by at most half a step', () => {
    fc.assert(
      fc.property(fc.double({ min: -180, max: 180, noNaN: true }), (v) => {
        const s = snapValue(v);
        expect(snapValue(s)).toBe(s);
        expect(JSON.parse(JSON.stringify(s))).toBe(s);
        expect(Math.abs(s - v)).toBeLessThanOrEqual(0.5e-7 + 1e-13);
        expect(Object.is(s, -0)).toBe(false);
      }),
    );
  });
});

describe('snapStreet', () => {
  // A street of 2×2 cells with full-precision coordinates, as a GIS file gives them, and a T-junction:
  // the right column is one grid whose left edge holds no vertex at the middle row.
  const x = [121.4 + 1.2345e-10, 121.4 + 0.00123456789012, 121.4 + 0.00246913578024];
  const y = [31.20000000098765, 31.20111111111111, 31.20222222222222];
  const street = multi(rect(x[0]!, y[0]!, x[2]!, y[2]!));
  const grids = [
    { key: 'a', geometry: poly(rect(x[0]!, y[0]!, x[1]!, y[1]!)) },
    { key: 'b', geometry: poly(rect(x[0]!, y[1]!, x[1]!, y[2]!)) },
    { key: 'c', geometry: poly([[x[1]!, y[0]!], [x[2]!, y[0]!], [x[2]!, y[2]!], [x[1]!, y[2]!], [x[1]!, y[0]!]]) },
  ];

  it('puts every coordinate on the lattice, inserts T-junction vertices and leaves an exact partition', () => {
    const out = snapStreet({ outline: street, grids });
    expect(isSnapped(out.outline.coordinates.flat())).toBe(true);
    for (const g of out.grids) expect(isSnapped(g.geometry.coordinates)).toBe(true);
    const c = out.grids.find((g) => g.key === 'c')?.geometry.coordinates[0] ?? [];
    expect(c.length).toBe(6); // the middle-row vertex of a and b is now on c's left edge
    expect(partitionDefects(out.outline, out.grids)).toEqual([]);
  });

  it('without the T-junction vertex the exact check finds the unmatched edges', () => {
    const out = snapStreet({ outline: street, grids });
    const c = out.grids.find((g) => g.key === 'c') as { key: string; geometry: Polygon };
    const broken = out.grids.map((g) => (g === c ? { ...g, geometry: poly(rect(snapValue(x[1]!), snapValue(y[0]!), snapValue(x[2]!), snapValue(y[2]!))) } : g));
    // Without the middle vertex the segments still cancel (collinear pieces are cut at it): exact, no defect.
    expect(partitionDefects(out.outline, broken)).toEqual([]);
    // Moving the middle vertex of a/b one step off c's edge is a real (tiny) gap or overlap: found.
    const mid: Position = [snapValue(x[1]!), snapValue(y[1]!)];
    const off: Position = [mid[0]! + 1e-7, mid[1]!];
    const moved = broken.map((g) => (g.key === 'c' ? g : { ...g, geometry: poly((g.geometry.coordinates[0] as Position[]).map((p) => (p[0] === mid[0] && p[1] === mid[1] ? [snapValue(off[0]!), off[1]!] : p))) }));
    expect(partitionDefects(out.outline, moved).length).toBeGreaterThan(0);
  });

  it('is idempotent', () => {
    const once = snapStreet({ outline: street, grids });
    expect(snapStreet(once)).toEqual(once);
  });

  it('random full-precision grid partitions stay exact partitions after snapping (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 100, max: 130, noNaN: true }),
        fc.double({ min: 20, max: 40, noNaN: true }),
        fc.array(fc.double({ min: 0.05, max: 0.95, noNaN: true }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.double({ min: 0.05, max: 0.95, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (x0, y0, fx, fy) => {
          // A rectangle cut into columns, each column cut into rows at its own heights: T-junctions everywhere.
          const w = 0.013;
          const h = 0.011;
          const cols = [0, ...[...new Set(fx)].sort(), 1].map((f) => x0 + f * w);
          const out: { key: number; geometry: Polygon }[] = [];
          for (let i = 0; i + 1 < cols.length; i++) {
            const rows = [0, ...[...new Set(fy.map((f) => (f * (i + 1.37)) % 1))].filter((f) => f > 0.02 && f < 0.98).sort(), 1].map((f) => y0 + f * h);
            for (let j = 0; j + 1 < rows.length; j++) out.push({ key: out.length, geometry: poly(rect(cols[i]!, rows[j]!, cols[i + 1]!, rows[j + 1]!)) });
          }
          const snapped = snapStreet({ outline: multi(rect(x0, y0, x0 + w, y0 + h)), grids: out });
          expect(partitionDefects(snapped.outline, snapped.grids)).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('partitionDefects', () => {
  const street = multi(rect(0, 0, 0.002, 0.001));
  it('accepts an exact tiling in any ring orientation', () => {
    const left = poly(rect(0, 0, 0.001, 0.001));
    const right = poly([...rect(0.001, 0, 0.002, 0.001)].reverse());
    expect(partitionDefects(street, [{ key: 1, geometry: left }, { key: 2, geometry: right }])).toEqual([]);
  });
  it('finds an overlap, a gap and a part outside of any positive area', () => {
    const left = poly(rect(0, 0, 0.001, 0.001));
    expect(partitionDefects(street, [{ key: 1, geometry: left }, { key: 2, geometry: poly(rect(0.0009999, 0, 0.002, 0.001)) }]).length).toBeGreaterThan(0);
    expect(partitionDefects(street, [{ key: 1, geometry: left }, { key: 2, geometry: poly(rect(0.0010001, 0, 0.002, 0.001)) }]).length).toBeGreaterThan(0);
    expect(partitionDefects(street, [{ key: 1, geometry: left }, { key: 2, geometry: poly(rect(0.001, 0, 0.0020001, 0.001)) }]).length).toBeGreaterThan(0);
    expect(partitionDefects(street, [{ key: 1, geometry: left }, { key: 2, geometry: poly(rect(0.001, 0, 0.002, 0.001)) }, { key: 3, geometry: poly(rect(0.001, 0, 0.0011, 0.0001)) }]).length).toBeGreaterThan(0);
  });
  it('refuses coordinates off the lattice', () => {
    expect(() => partitionDefects(street, [{ key: 1, geometry: poly(rect(0, 0, 0.00200000001, 0.001)) }])).toThrow(/snapped/);
  });
});
