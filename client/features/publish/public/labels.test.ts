import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clusterPoints, placeLabels, roadLabelAt, type Point } from './labels';

const overlaps = (a: number[], b: number[]) => a[0]! < b[2]! && b[0]! < a[2]! && a[1]! < b[3]! && b[1]! < a[3]!;
const points = fc.array(fc.record({ x: fc.integer({ min: 0, max: 1000 }), y: fc.integer({ min: 0, max: 1000 }), rank: fc.integer({ min: 0, max: 3 }), text: fc.string({ minLength: 1, maxLength: 12 }) }), { maxLength: 40 })
  .map((a) => a.map((p, i): Point => ({ ...p, id: String(i) })));

describe('labels', () => {
  it('never overlap each other nor another station symbol', () => {
    fc.assert(fc.property(points, (ps) => {
      const placed = placeLabels(ps, 12, 6);
      for (let i = 0; i < placed.length; i++) {
        for (let j = i + 1; j < placed.length; j++) expect(overlaps(placed[i]!.box, placed[j]!.box)).toBe(false);
        for (const p of ps) if (p.id !== placed[i]!.id) expect(overlaps(placed[i]!.box, [p.x - 6, p.y - 6, p.x + 6, p.y + 6])).toBe(false);
      }
    }));
  });

  it('places every label where there is room, the most important first', () => {
    const placed = placeLabels([{ id: 'a', x: 0, y: 0, rank: 1, text: '中心' }, { id: 'b', x: 0, y: 0, rank: 2, text: '站' }], 12, 6);
    expect(placed[0]?.id).toBe('b');
    expect(placeLabels([{ id: 'a', x: 0, y: 0, rank: 1, text: '中心' }, { id: 'b', x: 500, y: 0, rank: 1, text: '站' }], 12, 6)).toHaveLength(2);
  });
});

describe('clusters', () => {
  it('keeps every station exactly once, and apart ones apart', () => {
    fc.assert(fc.property(points, fc.integer({ min: 1, max: 300 }), (ps, r) => {
      const cs = clusterPoints(ps, r);
      expect(cs.flatMap((c) => c.ids).sort()).toEqual(ps.map((p) => p.id).sort());
    }));
    expect(clusterPoints([{ id: 'a', x: 0, y: 0, rank: 0, text: '' }, { id: 'b', x: 100, y: 0, rank: 0, text: '' }], 50)).toHaveLength(2);
    expect(clusterPoints([{ id: 'a', x: 0, y: 0, rank: 0, text: '' }, { id: 'b', x: 10, y: 0, rank: 0, text: '' }], 50)).toHaveLength(1);
  });
});

describe('road labels', () => {
  it('sit on the longest segment, upright', () => {
    expect(roadLabelAt([[0, 0], [10, 0], [10, 100]])).toMatchObject({ x: 10, y: 50, angle: 90, length: 100 });
    expect(roadLabelAt([[100, 0], [0, 0]])?.angle).toBeCloseTo(0);
  });
});
