import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { ringSegments } from './geometry';

const square = (x: number, y: number): Polygon => ({ type: 'Polygon', coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] });

describe('ringSegments', () => {
  it('gives every edge of the rings once, a border two areas share included', () => {
    const segments = ringSegments([square(0, 0), square(1, 0)]);
    // 4 + 4 edges, the shared one (x = 1) once.
    expect(segments).toHaveLength(7);
    const keys = segments.map(([a, b]) => [a, b].map(String).sort().join(' '));
    expect(new Set(keys).size).toBe(7);
    expect(keys).toContain('1,0 1,1');
  });

  it('reads holes and multipolygons, skips repeated points and other geometries', () => {
    const holed: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [1, 1], [2, 1], [2, 2], [1, 1]]] };
    expect(ringSegments([holed])).toHaveLength(4 + 3);
    expect(ringSegments([{ type: 'MultiPolygon', coordinates: [square(0, 0).coordinates, square(5, 5).coordinates] }, { type: 'Point', coordinates: [0, 0] }])).toHaveLength(8);
  });
});
