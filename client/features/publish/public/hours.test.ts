import { describe, expect, it } from 'vitest';
import { openNow, parseHours } from './hours';

// 2026-07-01 is a Wednesday; times given in Beijing time (+08:00).
const at = (iso: string) => new Date(iso);

describe('hours', () => {
  it('parses every format in the demo data', () => {
    for (const t of ['周一至周日 9:00-21:00', '工作日 8:30-19:00', '周一至周六 9:00-20:00', '每日 8:00-20:00', '每日 9:30-18:00', '工作日 9:00-18:00', '周一至周六 9:00-17:00']) {
      expect(parseHours(t), t).not.toBeNull();
    }
    expect(parseHours('工作日 8:30-19:00')).toEqual([{ days: [1, 2, 3, 4, 5], ranges: [[510, 1140]] }]);
    expect(parseHours('周五至周日 10:00-22:00')?.[0]?.days).toEqual([5, 6, 0]);
  });

  it('tells open from closed in Beijing time', () => {
    expect(openNow('工作日 8:30-19:00', at('2026-07-01T08:30:00+08:00'))).toBe(true);
    expect(openNow('工作日 8:30-19:00', at('2026-07-01T19:00:00+08:00'))).toBe(false);
    expect(openNow('工作日 8:30-19:00', at('2026-07-04T10:00:00+08:00'))).toBe(false);
    expect(openNow('周一至周六 9:00-20:00', at('2026-07-04T10:00:00+08:00'))).toBe(true);
    expect(openNow('周一至周六 9:00-20:00', at('2026-07-05T10:00:00+08:00'))).toBe(false);
    expect(openNow('每日 8:00-20:00', at('2026-07-05T01:00:00Z'))).toBe(true);
    expect(openNow('工作日 9:00-12:00，13:30-17:00', at('2026-07-01T12:30:00+08:00'))).toBe(false);
    expect(openNow('工作日 9:00-12:00；周六 9:00-12:00', at('2026-07-04T10:00:00+08:00'))).toBe(true);
  });

  it('says unknown rather than guessing', () => {
    expect(openNow(null, new Date())).toBeNull();
    expect(openNow('预约开放', new Date())).toBeNull();
  });
});
