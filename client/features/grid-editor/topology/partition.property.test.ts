// Property: random small moves of interior shared vertices of a lattice partition (the demo's jittered
// lattice streets) keep the partition exact, as long as every affected ring stays simple and inside
// the street. That is the whole point of moving shared vertices instead of single grids' coordinates.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Polygon, Position } from 'geojson';
import { latticeStreet } from '../../../../geodata/generate/lattice';
import { createRng } from '../../../../geodata/generate/random';
import { areaM2, differenceGeom, intersectGeom, kinkPoints, moveSharedVertex, holders, roundPos, samePos, unionGeoms, type EditGrid } from './index';
import { booleanPointInPolygon, point } from '@turf/turf';

const { outline, cells } = latticeStreet({ bbox: [121.432, 31.205, 121.458, 31.2193], columns: 3, rows: 3 }, createRng(7));
const START: EditGrid[] = cells.map((c, i) => ({ key: `g:${i}`, id: i, version: 1, code: null, name: `${i}`, geometry: c.polygon }));
const STREET_AREA = areaM2(outline);
const onOutline = (p: Position) => (outline.coordinates[0] as Position[]).some((q) => samePos(p, q));

/** Vertices held by two or more grids and not on the outline (moving those keeps the outline fixed). */
const INTERIOR: Position[] = (() => {
  const seen = new Map<string, Position>();
  for (const g of START) for (const p of g.geometry.coordinates[0] as Position[]) seen.set(`${p[0]},${p[1]}`, p);
  return [...seen.values()].filter((p) => !onOutline(p) && holders(START, p).length >= 2);
})();

const move = fc.record({ vertex: fc.nat({ max: INTERIOR.length - 1 }), dx: fc.double({ min: -40, max: 40, noNaN: true }), dy: fc.double({ min: -40, max: 40, noNaN: true }) });

function apply(grids: EditGrid[], moves: { vertex: number; dx: number; dy: number }[]): EditGrid[] | null {
  let gs = grids;
  // Track where each interior vertex is now (moves compose).
  const at = INTERIOR.map((p) => p);
  for (const m of moves) {
    const from = at[m.vertex] as Position;
    const lat = from[1] as number;
    const to: Position = [(from[0] as number) + m.dx / (111_320 * Math.cos((lat * Math.PI) / 180)), lat + m.dy / 110_540];
    const next = moveSharedVertex(gs, from, to);
    const rounded = roundPos(to);
    if (holders(next, rounded).length < 2) return null;
    // Valid moves only: every ring simple, the vertex inside the street.
    if (next.some((g) => kinkPoints(g.geometry).length > 0)) return null;
    if (!booleanPointInPolygon(point(rounded), outline)) return null;
    at[m.vertex] = rounded;
    gs = next;
  }
  return gs;
}

describe('moving shared vertices keeps the partition exact (fast-check)', () => {
  it('has interior shared vertices to move', () => {
    expect(INTERIOR.length).toBeGreaterThan(8);
  });

  it('union = street, no overlap, no gap after random valid moves', () => {
    fc.assert(
      fc.property(fc.array(move, { minLength: 1, maxLength: 6 }), (moves) => {
        const gs = apply(START, moves);
        fc.pre(gs !== null);
        const grids = gs as EditGrid[];
        const union = unionGeoms(grids.map((g) => g.geometry));
        expect(Math.abs(areaM2(union) - STREET_AREA) / STREET_AREA).toBeLessThan(1e-6);
        expect(areaM2(differenceGeom(outline, union as Polygon))).toBeLessThan(STREET_AREA * 1e-9);
        for (let i = 0; i < grids.length; i++)
          for (let j = i + 1; j < grids.length; j++) expect(areaM2(intersectGeom((grids[i] as EditGrid).geometry, (grids[j] as EditGrid).geometry))).toBeLessThan(STREET_AREA * 1e-9);
        // And the grids' areas add up to the street: nothing counted twice.
        const sum = grids.reduce((s, g) => s + areaM2(g.geometry), 0);
        expect(Math.abs(sum - STREET_AREA) / STREET_AREA).toBeLessThan(1e-6);
      }),
      { numRuns: 150, seed: 20260630 },
    );
  });
});
