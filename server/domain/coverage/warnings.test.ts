import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { crossings, DEFAULT_THRESHOLDS, warningOf } from './warnings.js';

const r = (value: number | null) => ({ numerator: 0, denominator: value === null ? 0 : 100, value });
const all = (v: number | null) => ({ partyOrg: r(v), standalone: r(v), work: r(v), union: r(v) });

describe('red, yellow and green warnings', () => {
  it('colours by the thresholds, with the boundary value in the better colour', () => {
    const t = { red: 0.4, yellow: 0.6 };
    expect([0.39, 0.4, 0.59, 0.6, 1].map((v) => warningOf(v, t))).toEqual(['red', 'yellow', 'yellow', 'green', 'green']);
    expect(warningOf(null, t)).toBeNull();
  });
  it('never gets worse as the value rises', () => {
    const rank = { red: 0, yellow: 1, green: 2 } as const;
    fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      return rank[warningOf(lo, DEFAULT_THRESHOLDS.partyOrg) as 'red'] <= rank[warningOf(hi, DEFAULT_THRESHOLDS.partyOrg) as 'red'];
    }));
  });
  it('lists the rates that changed colour, worse or better', () => {
    const c = crossings({ ...all(0.65), partyOrg: r(0.61) }, { ...all(0.65), partyOrg: r(0.58), union: r(0.75) }, DEFAULT_THRESHOLDS);
    expect(c.map((x) => [x.rate, x.from, x.to, x.direction])).toEqual([['partyOrg', 'green', 'yellow', 'worse'], ['union', 'yellow', 'green', 'better']]);
    expect(crossings(all(null), all(0.1), DEFAULT_THRESHOLDS)).toEqual([]);
  });
});
