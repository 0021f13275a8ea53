import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rollingWindow } from './rolling';

describe('rolling window of the wall lists', () => {
  it('shows everything, unmoved, when it fits', () => {
    expect(rollingWindow([1, 2, 3], 7, 4)).toEqual([1, 2, 3]);
  });
  it('wraps around the end', () => {
    expect(rollingWindow([1, 2, 3, 4, 5], 3, 3)).toEqual([4, 5, 1]);
  });
  it('always shows `size` distinct items, and every item within one full turn', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: -100, max: 100 }), (n, size, tick) => {
      const items = Array.from({ length: n }, (_, i) => i);
      const w = rollingWindow(items, tick, size);
      expect(w.length).toBe(Math.min(n, size));
      expect(new Set(w).size).toBe(w.length);
      const seen = new Set<number>();
      for (let k = 0; k < n; k++) rollingWindow(items, tick + k, size).forEach((x) => seen.add(x));
      expect(seen.size).toBe(n);
    }));
  });
});
