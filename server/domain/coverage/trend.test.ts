import { describe, expect, it } from 'vitest';
import { monthEnds } from './trend.js';

describe('month ends', () => {
  it('gives the last day of each earlier month, then today', () => {
    expect(monthEnds('2026-03-15', 3)).toEqual(['2025-12-31', '2026-01-31', '2026-02-28', '2026-03-15']);
    expect(monthEnds('2024-03-01', 1)).toEqual(['2024-02-29', '2024-03-01']);
    expect(monthEnds('2026-11-30', 12)).toHaveLength(13);
    expect(monthEnds('2026-11-30', 12)[0]).toBe('2025-11-30');
  });
});
