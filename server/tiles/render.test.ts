// The pure parts of the tile renderer, without I/O: ring orientation and array literals.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Polygon } from 'geojson';
import { arrayLiteral, vtFeature } from './render.js';

/** Twice the surveyor's area in tile units (x right, y down), as @mapbox/vector-tile's classifyRings reads it. */
const area2 = (r: number[][]) => {
  let a = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const [xi, yi] = r[i] as [number, number];
    const [xj, yj] = r[j] as [number, number];
    a += (xj - xi) * (yi + yj);
  }
  return a;
};

const square = (x: number, y: number, w: number) => [[x, y], [x + w, y], [x + w, y + w], [x, y + w], [x, y]];

describe('vtFeature', () => {
  it('winds every exterior ring positive and every hole negative (MVT 2.1), whichever way the cut left them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 20, max: 1000 }), fc.boolean(), fc.boolean(), (x, y, w, flipOuter, flipHole) => {
        const outer = square(x, y, w);
        const hole = square(x + w / 4, y + w / 4, w / 2);
        const g: Polygon = { type: 'Polygon', coordinates: [flipOuter ? outer.reverse() : outer, flipHole ? hole.reverse() : hole] };
        const f = vtFeature(g, 7, { a: 1 }, 2);
        expect(f?.type).toBe(3);
        const rings = f?.geometry as number[][][];
        expect(rings).toHaveLength(2);
        expect(area2(rings[0] as number[][])).toBeGreaterThan(0);
        expect(area2(rings[1] as number[][])).toBeLessThan(0);
      }),
    );
  });

  it('keeps the source geometry kind: a polygon cut down to a line is no feature; points and lines pass', () => {
    expect(vtFeature({ type: 'LineString', coordinates: [[0, 0], [5, 5]] }, 1, {}, 2)).toBeNull();
    expect(vtFeature({ type: 'Point', coordinates: [3, 4] }, 1, {}, 0)).toMatchObject({ id: 1, type: 1, geometry: [[3, 4]] });
    expect(vtFeature({ type: 'MultiLineString', coordinates: [[[0, 0], [1, 1]], [[2, 2]]] }, undefined, {}, 1)).toEqual({ type: 2, geometry: [[[0, 0], [1, 1]]], tags: {} });
  });
});

describe('arrayLiteral', () => {
  it('writes numbers, booleans, nulls and quoted strings as PostgreSQL reads an array', () => {
    expect(arrayLiteral([1, 2.5, null, undefined])).toBe('{1,2.5,NULL,NULL}');
    expect(arrayLiteral([true, false])).toBe('{true,false}');
    expect(arrayLiteral(['own', 'a "b"', 'c\\d', 'NULL'])).toBe('{"own","a \\"b\\"","c\\\\d","NULL"}');
    expect(arrayLiteral([])).toBe('{}');
  });
});
