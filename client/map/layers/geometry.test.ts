import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { boxesMeet, ringSegments, segmentChunks } from './geometry';

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

describe('segmentChunks', () => {
  // A 40 × 40 lattice of unit edges, as a street's grids are: 3,200 segments.
  const lattice: [number[], number[]][] = [];
  for (let x = 0; x < 40; x++) for (let y = 0; y < 40; y++) lattice.push([[x, y], [x + 1, y]], [[x, y], [x, y + 1]]);

  it('puts every segment in exactly one chunk, in its original order, none over the limit', () => {
    const chunks = segmentChunks(lattice as never, 100);
    expect(chunks.every((c) => c.segments.length <= 100)).toBe(true);
    const all = chunks.flatMap((c) => c.segments);
    expect(all).toHaveLength(lattice.length);
    expect(new Set(all).size).toBe(lattice.length);
    for (const c of chunks) {
      const order = c.segments.map((s) => lattice.indexOf(s));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it('gives each chunk the box of its segments, and the chunks are compact (a view meets few of them)', () => {
    const chunks = segmentChunks(lattice as never, 100);
    for (const c of chunks) {
      const xs = c.segments.flatMap((s) => [s[0][0], s[1][0]]) as number[];
      const ys = c.segments.flatMap((s) => [s[0][1], s[1][1]]) as number[];
      expect(c.bbox).toEqual([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
    }
    // A view a tenth of the lattice wide meets only the chunks around it, not a band across the whole lattice.
    const view: [number, number, number, number] = [18, 18, 22, 22];
    const met = chunks.filter((c) => boxesMeet(c.bbox, view));
    expect(met.length).toBeGreaterThan(0);
    expect(met.length).toBeLessThanOrEqual(4);
    expect(met.flatMap((c) => c.segments).length).toBeLessThan(lattice.length / 6);
  });

  it('keeps a small set whole and an empty one empty', () => {
    expect(segmentChunks(lattice.slice(0, 5) as never, 100)).toHaveLength(1);
    expect(segmentChunks([], 100)).toEqual([]);
  });
});

describe('boxesMeet', () => {
  it('is true for overlapping and touching boxes, false for disjoint ones', () => {
    expect(boxesMeet([0, 0, 2, 2], [1, 1, 3, 3])).toBe(true);
    expect(boxesMeet([0, 0, 1, 1], [1, 0, 2, 1])).toBe(true);
    expect(boxesMeet([0, 0, 1, 1], [1.5, 0, 2, 1])).toBe(false);
    expect(boxesMeet([0, 0, 1, 1], [0, 1.5, 1, 2])).toBe(false);
  });
});
