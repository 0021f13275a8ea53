import { describe, it, expect } from 'vitest';
import { createRng, type Rng } from './random.js';

const draw = (rng: Rng, n: number, f: (r: Rng) => number = (r) => r.next()): number[] => Array.from({ length: n }, () => f(rng));

describe('createRng: determinism', () => {
  it('the same seed gives the same sequence', () => {
    expect(draw(createRng(20250321), 1_000)).toEqual(draw(createRng(20250321), 1_000));
  });

  it('the same seed gives the same sequence through every method', () => {
    const run = (rng: Rng) => [
      rng.next(),
      rng.int(1, 6),
      rng.range(-5, 5),
      rng.chance(0.5),
      rng.pick(['a', 'b', 'c']),
      rng.logNormal(10, 0.5),
      rng.next(),
    ];
    expect(run(createRng(7))).toEqual(run(createRng(7)));
  });

  it('different seeds give different sequences', () => {
    expect(draw(createRng(1), 20)).not.toEqual(draw(createRng(2), 20));
    expect(draw(createRng(0), 20)).not.toEqual(draw(createRng(1), 20));
  });

  it('two generators do not share state', () => {
    const a = createRng(99);
    const b = createRng(99);
    const first = a.next();
    a.next();
    a.next();
    expect(b.next()).toBe(first);
  });

  it('a sequence does not repeat its values in the short run', () => {
    const xs = draw(createRng(123), 1_000);
    expect(new Set(xs).size).toBe(xs.length);
  });

  it('the seed is taken as an unsigned 32-bit integer', () => {
    expect(draw(createRng(-1), 10)).toEqual(draw(createRng(0xffffffff), 10));
    expect(draw(createRng(2 ** 32 + 5), 10)).toEqual(draw(createRng(5), 10));
  });
});

describe('createRng: ranges', () => {
  it('next() is in [0, 1) and roughly uniform', () => {
    const xs = draw(createRng(42), 20_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((a, x) => a + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    // Each tenth of [0, 1) gets about a tenth of the draws.
    const bins = new Array<number>(10).fill(0);
    for (const x of xs) {
      const k = Math.floor(x * 10);
      bins[k] = (bins[k] ?? 0) + 1;
    }
    for (const b of bins) expect(b).toBeGreaterThan(1_700);
  });

  it('range(min, max) stays within [min, max)', () => {
    const rng = createRng(5);
    for (const [min, max] of [[0, 1], [-5, 5], [121.4, 121.5], [-40, 40], [100, 100.000001]] as const) {
      for (const x of draw(rng, 2_000, (r) => r.range(min, max))) {
        expect(x).toBeGreaterThanOrEqual(min);
        expect(x).toBeLessThan(max);
      }
    }
  });

  it('range(min, min) is min', () => {
    expect(createRng(1).range(3, 3)).toBe(3);
  });

  it('int(min, max) is an integer within both bounds, and reaches both', () => {
    const xs = draw(createRng(11), 5_000, (r) => r.int(3, 20));
    expect(xs.every((x) => Number.isInteger(x) && x >= 3 && x <= 20)).toBe(true);
    expect(Math.min(...xs)).toBe(3);
    expect(Math.max(...xs)).toBe(20);
    expect(new Set(xs).size).toBe(18);
  });

  it('int with negative bounds, and int(n, n) is n', () => {
    const xs = draw(createRng(12), 2_000, (r) => r.int(-2, 2));
    expect([...new Set(xs)].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2]);
    expect(draw(createRng(13), 50, (r) => r.int(7, 7)).every((x) => x === 7)).toBe(true);
  });

  it('int over a wide range stays within bounds', () => {
    const xs = draw(createRng(14), 2_000, (r) => r.int(0, 99_999_999));
    expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x <= 99_999_999)).toBe(true);
  });

  it('chance(0) is never, chance(1) is always, chance(p) is about p', () => {
    const rng = createRng(21);
    expect(draw(rng, 1_000, (r) => Number(r.chance(0))).every((x) => x === 0)).toBe(true);
    expect(draw(rng, 1_000, (r) => Number(r.chance(1))).every((x) => x === 1)).toBe(true);
    const hits = draw(rng, 10_000, (r) => Number(r.chance(0.3))).reduce((a, x) => a + x, 0);
    expect(hits).toBeGreaterThan(2_800);
    expect(hits).toBeLessThan(3_200);
  });

  it('pick returns every item of the list and nothing else', () => {
    const items = ['a', 'b', 'c', 'd'] as const;
    const rng = createRng(31);
    const seen = new Set(Array.from({ length: 500 }, () => rng.pick(items)));
    expect([...seen].sort()).toEqual([...items]);
  });

  it('pick from a one-item list is that item, from an empty list throws', () => {
    expect(createRng(1).pick(['only'])).toBe('only');
    expect(() => createRng(1).pick([])).toThrow(/empty/);
  });

  it('logNormal is positive with about the given median', () => {
    const xs = draw(createRng(41), 10_001, (r) => r.logNormal(18, 1.05)).sort((a, b) => a - b);
    expect(xs[0]).toBeGreaterThan(0);
    const median = xs[5_000] as number;
    expect(median).toBeGreaterThan(16);
    expect(median).toBeLessThan(20);
  });

  it('logNormal with sigma 0 is the median exactly', () => {
    expect(draw(createRng(2), 10, (r) => r.logNormal(5, 0)).every((x) => x === 5)).toBe(true);
  });
});
