import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { snapGrids } from './snap.js';
import { partitionDefects } from './partition.js';
import { LATTICE, snapRing } from './lattice.js';
import { bilinearMesh } from './mesh.js';

const X0 = 121.44;
const Y0 = 31.2;
// Cuts at least 1/50 apart (cells of ~20 m), placed off any round number.
const cuts = (n: number) => fc.tuple(fc.uniqueArray(fc.integer({ min: 1, max: 49 }), { minLength: 1, maxLength: n }), fc.double({ min: 0, max: 0.3, noNaN: true })).map(([a, e]) => [0, ...a.sort((p, q) => p - q).map((k) => (k + e) / 50), 1]);
const quad = fc.tuple(...Array.from({ length: 8 }, () => fc.integer({ min: -2000, max: 2000 })));
const meshArb = fc.tuple(quad, cuts(5), cuts(5)).map(([q, ss, ts]) => {
  const corner = (i: number, bx: number, by: number): Position => [X0 + bx + (q[i] as number) / LATTICE, Y0 + by + (q[i + 1] as number) / LATTICE];
  return bilinearMesh(corner(0, 0, 0), corner(2, 0.01, 0.0007), corner(4, 0.0093, 0.008), corner(6, -0.0004, 0.0085), ss, ts);
});
const outlineOf = (ring: Position[]): MultiPolygon => ({ type: 'MultiPolygon', coordinates: [[snapRing(ring)]] });
const flat = (gs: { geometry: Polygon }[]) => gs.map((g) => g.geometry.coordinates.flat().map((p) => `${p[0]},${p[1]}`));

describe('snapGrids', () => {
  it('puts a full-precision partition on the lattice so that it is exact, keeping shared corners identical; again changes nothing', () => {
    fc.assert(fc.property(meshArb, (mesh) => {
      const outline = outlineOf(mesh.outline);
      const snapped = snapGrids(outline, mesh.cells);
      expect(partitionDefects(outline, snapped)).toEqual([]);
      expect(snapGrids(outline, snapped)).toEqual(snapped);
    }), { numRuns: 150 });
  });

  it('a corner moved in every grid holding it changes those grids only', () => {
    fc.assert(fc.property(meshArb, fc.integer({ min: -300, max: 300 }), fc.integer({ min: -300, max: 300 }), (mesh, dx, dy) => {
      const outline = outlineOf(mesh.outline);
      const stored = snapGrids(outline, mesh.cells);
      const cols = Math.max(...mesh.cells.map((c) => c.col)) + 1;
      const rows = Math.max(...mesh.cells.map((c) => c.row)) + 1;
      fc.pre(cols > 1 && rows > 1);
      // The corner shared by the four cells around the first interior mesh point.
      const corner = (stored[0] as { geometry: Polygon }).geometry.coordinates[0]?.[2] as Position;
      const to: Position = [(corner[0] as number) + dx / LATTICE, (corner[1] as number) + dy / LATTICE].map((v) => Math.round(v * LATTICE) / LATTICE);
      const holders = stored.filter((g) => g.geometry.coordinates[0]?.some((p) => p[0] === corner[0] && p[1] === corner[1]));
      expect(holders.length).toBe(4);
      const edited = stored.map((g) => (holders.includes(g) ? { ...g, geometry: { type: 'Polygon' as const, coordinates: g.geometry.coordinates.map((r) => r.map((p) => (p[0] === corner[0] && p[1] === corner[1] ? to : p))) } } : g));
      const out = snapGrids(outline, edited);
      const before = flat(stored);
      const changed = flat(out).flatMap((g, i) => (JSON.stringify(g) === JSON.stringify(before[i]) ? [] : [i]));
      // Moving it onto a neighbour's edge would node that neighbour too: not in this range of moves.
      expect(changed.every((i) => holders.includes(stored[i] as never))).toBe(true);
    }), { numRuns: 100 });
  });

  it('nodes a T-junction and makes corners 4e-15° apart one', () => {
    const outline = outlineOf([[X0, Y0], [X0 + 0.002, Y0], [X0 + 0.002, Y0 + 0.001], [X0, Y0 + 0.001], [X0, Y0]]);
    const mid = X0 + 0.00123456789;
    const a: Polygon = { type: 'Polygon', coordinates: [[[X0, Y0], [mid, Y0], [mid, Y0 + 0.001], [X0, Y0 + 0.001], [X0, Y0]]] };
    // b's west side has no vertex at the middle; c's corner lies on it, with noise on the shared one.
    const b: Polygon = { type: 'Polygon', coordinates: [[[mid + 4e-15, Y0], [X0 + 0.002, Y0], [X0 + 0.002, Y0 + 0.0005], [mid, Y0 + 0.0005], [mid, Y0], [mid + 4e-15, Y0]].slice(0, 4).concat([[mid + 4e-15, Y0 + 0.0005], [mid + 4e-15, Y0]])] };
    const c: Polygon = { type: 'Polygon', coordinates: [[[mid, Y0 + 0.0005], [X0 + 0.002, Y0 + 0.0005], [X0 + 0.002, Y0 + 0.001], [mid, Y0 + 0.001], [mid, Y0 + 0.0005]]] };
    const out = snapGrids(outline, [{ key: 'a', geometry: a }, { key: 'b', geometry: b }, { key: 'c', geometry: c }]);
    expect(partitionDefects(outline, out)).toEqual([]);
    expect(out[0]?.geometry.coordinates[0]?.length).toBe(6);
  });
});
