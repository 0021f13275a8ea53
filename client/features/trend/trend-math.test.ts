import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { changePp, pathOf, positions, rankAmong, yRange } from './trend-math';

const series = (id: string, v: number | null) => ({ level: 'grid' as const, id, name: id, points: [{ date: '2026-11-30', rates: { partyOrg: { numerator: 0, denominator: 0, value: v }, standalone: { numerator: 0, denominator: 0, value: v }, work: { numerator: 0, denominator: 0, value: v }, union: { numerator: 0, denominator: 0, value: v } } }] });

describe('trend chart helpers', () => {
  it('keeps every point inside the box', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }), { minLength: 1, maxLength: 40 }), (vals) => {
        const b = { width: 200, height: 40, pad: 3 };
        return positions(vals, yRange(vals), b).every((p) => p === null || (p.x >= b.pad - 0.1 && p.x <= b.width - b.pad + 0.1 && p.y >= b.pad - 0.1 && p.y <= b.height - b.pad + 0.1));
      }),
    );
  });
  it('lifts the pen over unknown months', () => {
    expect(pathOf([{ x: 0, y: 1 }, null, { x: 2, y: 3 }, { x: 3, y: 3 }])).toBe('M0,1M2,3L3,3');
  });
  it('measures the change in percentage points', () => {
    expect(changePp([0.4, 0.45, 0.473])).toBe(7.3);
    expect(changePp([null, 0.5, 0.4])).toBe(-10);
    expect(changePp([null, null])).toBeNull();
  });
  it('ranks among siblings, unknown last', () => {
    const s = [series('a', 0.5), series('b', 0.7), series('c', null), series('d', 0.6)];
    expect(rankAmong(s, 'a', 'partyOrg')).toEqual({ rank: 3, of: 4 });
    expect(rankAmong(s, 'c', 'partyOrg')).toEqual({ rank: 4, of: 4 });
    expect(rankAmong(s, 'x', 'partyOrg')).toBeNull();
  });
});
