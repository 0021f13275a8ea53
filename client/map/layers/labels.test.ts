import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { labelBox, placeLabels, textWidth, type Placeable } from './labels';

const overlap = (a: number[], b: number[]) => (a[0] as number) < (b[2] as number) && (b[0] as number) < (a[2] as number) && (a[1] as number) < (b[3] as number) && (b[1] as number) < (a[3] as number);

describe('label placement', () => {
  it('places no two labels over each other, keeps the most important where they collide, and only from their zoom', () => {
    const at: [number, number] = [121.45, 31.23];
    const street: Placeable = { text: '南京东路街道', at, size: 20, priority: 3 };
    const grid: Placeable = { text: '第一网格', at, size: 14, priority: 2, minZoom: 13 };
    const far: Placeable = { text: '第二网格', at: [121.5, 31.23], size: 14, priority: 2, minZoom: 13 };
    expect(placeLabels([grid, street, far], 12)).toEqual([street]);
    expect(placeLabels([grid, street, far], 14)).toEqual([street, far]);
    // Far enough apart at a deep zoom both fit.
    const near: Placeable = { ...grid, at: [121.4504, 31.23] };
    expect(placeLabels([grid, near], 13)).toEqual([grid]);
    expect(placeLabels([grid, near], 18)).toEqual([grid, near]);
  });

  it('never overlaps, whatever the labels (property)', () => {
    const arb = fc.array(
      fc.record({ lon: fc.double({ min: 121.4, max: 121.5, noNaN: true }), lat: fc.double({ min: 31.2, max: 31.26, noNaN: true }), n: fc.integer({ min: 1, max: 8 }), size: fc.integer({ min: 10, max: 24 }), priority: fc.integer({ min: 0, max: 3 }) }),
      { maxLength: 120 },
    );
    fc.assert(
      fc.property(arb, fc.integer({ min: 10, max: 18 }), (raw, zoom) => {
        const labels: Placeable[] = raw.map((r) => ({ text: '网'.repeat(r.n), at: [r.lon, r.lat], size: r.size, priority: r.priority }));
        const placed = placeLabels(labels, zoom);
        const boxes = placed.map((l) => labelBox(l, zoom));
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i] as number[], boxes[j] as number[])).toBe(false);
        // Greedy: every label left out collides with a placed one of at least its priority.
        for (const l of labels) if (!placed.includes(l)) expect(placed.some((p) => p.priority >= l.priority && overlap(labelBox(p, zoom), labelBox(l, zoom)))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps clear of marks already on the map (station icons and badges)', () => {
    const l: Placeable = { text: '南京东路街道', at: [121.45, 31.23], size: 20, priority: 3 };
    const b = labelBox(l, 12);
    expect(placeLabels([l], 12, [[b[0] + 5, b[1] + 5, b[0] + 20, b[1] + 20]])).toEqual([]);
    expect(placeLabels([l], 12, [[b[2] + 1, b[1], b[2] + 30, b[3]]])).toEqual([l]);
  });

  it('measures CJK at one em a character and Latin at about half', () => {
    expect(textWidth('网格', 10)).toBe(20);
    expect(textWidth('ab', 10)).toBe(12);
  });
});
