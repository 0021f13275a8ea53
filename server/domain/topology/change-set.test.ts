import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { planChangeSet, type CurrentGrid } from './change-set.js';
import { polygonDefect } from './polygon.js';

const square = (x: number, y: number, s = 1): Polygon => ({ type: 'Polygon', coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]] });
const grids: CurrentGrid[] = [
  { id: 1, code: 'S-G1', name: 'A', version: 3, geometry: square(0, 0) },
  { id: 2, code: 'S-G2', name: 'B', version: 1, geometry: square(1, 0) },
  { id: 3, code: 'S-G3', name: 'C', version: 2, geometry: square(2, 0) },
];

describe('polygonDefect', () => {
  it('accepts a closed ring of three corners', () => expect(polygonDefect(square(0, 0))).toBeNull());
  it.each([
    ['a 2-point ring', { type: 'Polygon', coordinates: [[[0, 0], [1, 1]]] }, /at least 4/],
    ['an unclosed ring', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] }, /not closed/],
    ['a degenerate ring', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0], [1, 0], [0, 0]]] }, /distinct corners/],
    ['1e308', { type: 'Polygon', coordinates: [[[0, 0], [1e308, 0], [1, 1], [0, 0]]] }, /longitude/],
    ['latitude 95', { type: 'Polygon', coordinates: [[[0, 0], [1, 95], [1, 1], [0, 0]]] }, /latitude/],
    ['NaN', { type: 'Polygon', coordinates: [[[0, 0], [Number.NaN, 0], [1, 1], [0, 0]]] }, /finite/],
    ['no rings', { type: 'Polygon', coordinates: [] }, /no rings/],
  ])('rejects %s', (_, p, reason) => expect(polygonDefect(p as Polygon)).toMatch(reason));
});

describe('planChangeSet', () => {
  it('keeps untouched grids, applies updates and adds new grids under new:<index>', () => {
    const plan = planChangeSet(grids, { changes: [{ id: 1, version: 3, geometry: square(0, 0, 0.5) }, { geometry: square(5, 5), name: 'N', code: 'X-1' }] });
    expect(plan.problems).toEqual([]);
    expect(plan.grids.map((g) => [g.key, g.changed])).toEqual([[1, true], [2, false], [3, false], ['new:1', true]]);
    expect(plan.grids[3]).toMatchObject({ id: null, name: 'N', code: 'X-1' });
  });

  it('an update that repeats the stored grid changes nothing', () => {
    const plan = planChangeSet(grids, { changes: [{ id: 2, version: 1, geometry: square(1, 0), name: 'B' }] });
    expect(plan.grids.every((g) => !g.changed)).toBe(true);
  });

  it('a deleted grid gives its area to the receiver', () => {
    const plan = planChangeSet(grids, { changes: [{ id: 3, version: 2, delete: true, giveTo: 2 }] });
    expect(plan.deleted).toEqual([{ id: 3, giveTo: 2 }]);
    expect(plan.grids.find((g) => g.id === 2)).toMatchObject({ absorbs: [3], changed: true });
    expect(plan.grids.some((g) => g.id === 3)).toBe(false);
  });

  it('reports stale versions, and a grid someone else deleted as stale with no current version', () => {
    const plan = planChangeSet(grids, { changes: [{ id: 1, version: 2, geometry: square(0, 0) }, { id: 9, version: 1, geometry: square(9, 9) }] }, new Set([9]));
    expect(plan.stale).toEqual([{ id: 1, version: 2, current: 3 }, { id: 9, version: 1, current: null }]);
    expect(plan.problems).toEqual([]);
  });

  it.each([
    ['an unknown grid', { changes: [{ id: 42, version: 1, geometry: square(0, 0) }] }, 'unknown_grid'],
    ['the same grid twice', { changes: [{ id: 1, version: 3, geometry: square(0, 0) }, { id: 1, version: 3, delete: true as const, giveTo: 2 }] }, 'invalid'],
    ['giving to itself', { changes: [{ id: 1, version: 3, delete: true as const, giveTo: 1 }] }, 'give_to'],
    ['giving to a deleted grid', { changes: [{ id: 1, version: 3, delete: true as const, giveTo: 2 }, { id: 2, version: 1, delete: true as const, giveTo: 3 }] }, 'give_to'],
    ['giving to another street', { changes: [{ id: 1, version: 3, delete: true as const, giveTo: 77 }] }, 'give_to'],
    ['a broken new grid', { changes: [{ geometry: { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 1]]] }, name: 'x' }] }, 'invalid'],
  ])('reports %s', (_, set, kind) => {
    expect(planChangeSet(grids, set).problems.map((p) => p.kind)).toContain(kind);
  });
});
