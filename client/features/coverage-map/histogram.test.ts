import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { histogram } from './histogram';

describe('activity histogram on the time slider', () => {
  it('counts each instant inside the span exactly once', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 * 86_400_000 }), { maxLength: 300 }), fc.integer({ min: 1, max: 60 }), (offsets, bins) => {
        const base = new Date('2025-11-01T00:00:00+08:00').getTime();
        const instants = offsets.map((o) => new Date(base + o).toISOString());
        const inside = offsets.filter((o) => o < 365 * 86_400_000).length;
        const h = histogram(instants, '2025-11-01', '2026-10-31', bins);
        return h.length === bins && h.reduce((a, b) => a + b, 0) === inside;
      }),
    );
  });
  it('puts an activity in the slice of its Beijing date', () => {
    // 2026-01-01 01:00 Beijing is 2025-12-31 17:00 UTC: the second of two slices split at the new year.
    expect(histogram(['2025-12-31T17:00:00Z'], '2025-12-01', '2026-01-31', 2)).toEqual([0, 1]);
  });
});
