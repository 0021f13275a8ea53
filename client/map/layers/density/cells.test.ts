import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { densityCells, densityClass } from './cells';

describe('enterprise density cells', () => {
  it('counts every point once, in a cell that contains it', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 121.4, max: 121.5, noNaN: true }), fc.double({ min: 31.2, max: 31.25, noNaN: true })), { maxLength: 200 }), (pts) => {
        const cells = densityCells(pts, 250);
        if (cells.reduce((s, c) => s + c.count, 0) !== pts.length) return false;
        return pts.every(([x, y]) => cells.some((c) => x >= (c.polygon[0]?.[0] as number) && x < (c.polygon[1]?.[0] as number) && y >= (c.polygon[0]?.[1] as number) && y < (c.polygon[2]?.[1] as number)));
      }),
    );
  });
  it('gathers neighbouring buildings into one cell instead of one per building', () => {
    // Two buildings 60 m apart.
    const cells = densityCells([[121.45, 31.2301], [121.45, 31.2301], [121.4506, 31.2301]], 250);
    expect(cells.length).toBeLessThanOrEqual(2);
  });
  it('classes counts by the legend breaks', () => {
    expect([0, 1, 4, 5, 19, 20, 49, 50, 500].map(densityClass)).toEqual([-1, 0, 0, 1, 2, 3, 3, 4, 4]);
  });
});
