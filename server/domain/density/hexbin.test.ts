import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { binPoints, hexAreaKm2, hexCenter, hexOf, hexRing, hexSize, latOf, lonOf, mercX, mercY } from './hexbin.js';

const dist2 = (a: [number, number], b: [number, number]) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;

describe('hexagonal bins (ST_HexagonGrid lattice)', () => {
  it('puts a point in the hexagon whose centre is nearest (no nearer centre among the neighbours)', () => {
    fc.assert(
      fc.property(fc.double({ min: -2e7, max: 2e7, noNaN: true }), fc.double({ min: -2e7, max: 2e7, noNaN: true }), fc.constantFrom(50, 86, 300, 2752, 10_000), (x, y, size) => {
        const [i, j] = hexOf(x, y, size);
        const mine = dist2([x, y], hexCenter(i, j, size));
        for (let di = -2; di <= 2; di++) for (let dj = -2; dj <= 2; dj++) {
          // A tie (a point on an edge) may go either way; anything nearer by more than rounding is wrong.
          if (dist2([x, y], hexCenter(i + di, j + dj, size)) < mine - 1e-6 * size * size) return false;
        }
        return true;
      }),
      { numRuns: 5000 },
    );
  });

  it('numbers hexagons as ST_HexagonGrid does (odd columns half a row up)', () => {
    expect(hexCenter(0, 0, 1000)).toEqual([0, 0]);
    expect(hexCenter(0, 1, 1000)[1]).toBeCloseTo(1732.0508, 3);
    expect(hexCenter(1, 0, 1000)[1]).toBeCloseTo(866.0254, 3);
    expect(hexCenter(-1, -1, 1000)[1]).toBeCloseTo(-866.0254, 3);
    expect(hexOf(1500, 866, 1000)).toEqual([1, 0]);
    expect(hexOf(-1500, -866, 1000)).toEqual([-1, -1]);
    expect(hexOf(3000, 1732, 1000)).toEqual([2, 1]);
  });

  it('draws a closed counter-clockwise ring around its centre', () => {
    const size = hexSize(12);
    const ring = hexRing(5000, 3000, size);
    expect(ring).toHaveLength(7);
    expect(ring[6]).toEqual(ring[0]);
    let twice = 0;
    for (let k = 0; k < 6; k++) twice += (ring[k]![0] * ring[k + 1]![1]) - (ring[k + 1]![0] * ring[k]![1]);
    expect(twice).toBeGreaterThan(0);
    const [cx, cy] = hexCenter(5000, 3000, size);
    for (const [lon, lat] of ring.slice(0, 6)) expect(Math.sqrt(dist2([mercX(lon), mercY(lat)], [cx, cy]))).toBeCloseTo(size, 0);
  });

  it('sizes hexagons by zoom down to a floor, and measures them on the ground', () => {
    expect(hexSize(10)).toBeCloseTo(4 * hexSize(12), 6);
    expect(hexSize(15)).toBe(hexSize(18));
    expect(hexSize(12.9)).toBe(hexSize(12));
    // At 31°N a Mercator metre is cos(31°) ground metres each way.
    const [i, j] = hexOf(mercX(121.45), mercY(31.23), hexSize(12));
    const km2 = hexAreaKm2(i, j, hexSize(12));
    const flat = (1.5 * Math.sqrt(3) * hexSize(12) ** 2) / 1e6;
    expect(km2 / flat).toBeCloseTo(Math.cos((31.23 * Math.PI) / 180) ** 2, 2);
    expect(lonOf(mercX(121.45))).toBeCloseTo(121.45, 9);
    expect(latOf(mercY(31.23))).toBeCloseTo(31.23, 9);
  });

  it('counts every weighted point in the box once, and nothing outside it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ lon: fc.double({ min: 121.3, max: 121.6, noNaN: true }), lat: fc.double({ min: 31.1, max: 31.35, noNaN: true }), enterprises: fc.nat(30), uncovered: fc.nat(30) }), { maxLength: 300 }),
        fc.integer({ min: 9, max: 16 }),
        (raw, zoom) => {
          const pts = raw.map((p) => ({ ...p, uncovered: Math.min(p.uncovered, p.enterprises) }));
          const box: [number, number, number, number] = [121.35, 31.15, 121.55, 31.3];
          const inBox = pts.filter((p) => p.lon >= box[0] && p.lon <= box[2] && p.lat >= box[1] && p.lat <= box[3]);
          const bins = binPoints(pts, box, hexSize(zoom));
          const sum = (xs: { enterprises: number; uncovered: number }[], k: 'enterprises' | 'uncovered') => xs.reduce((s, x) => s + x[k], 0);
          return sum(bins, 'enterprises') === sum(inBox, 'enterprises') && sum(bins, 'uncovered') === sum(inBox, 'uncovered')
            && bins.every((b) => b.enterprises > 0) && new Set(bins.map((b) => `${b.i}:${b.j}`)).size === bins.length;
        },
      ),
      { numRuns: 300 },
    );
  });
});
