import { describe, expect, it } from 'vitest';
import { isNight, nextStep, wallFrame, type TourStep } from './tour';

const step = (id: string, enabled = true): TourStep => ({ level: 'grid', id, name: id, dwellSeconds: 10, enabled });

describe('wall tour rules', () => {
  it('moves to the next enabled step, wrapping, and reports none', () => {
    const steps = [step('a'), step('b', false), step('c')];
    expect(nextStep(steps, 0)).toBe(2);
    expect(nextStep(steps, 2)).toBe(0);
    expect(nextStep(steps, -1)).toBe(0);
    expect(nextStep([step('x', false)], 0)).toBe(-1);
    expect(nextStep([step('only')], 0)).toBe(0);
  });

  it('knows the night window, across midnight or not', () => {
    const s = { nightStart: '22:00', nightEnd: '07:00', nightMode: 'quiet' as const };
    expect(isNight(23 * 60, s)).toBe(true);
    expect(isNight(3 * 60, s)).toBe(true);
    expect(isNight(7 * 60, s)).toBe(false);
    expect(isNight(12 * 60, s)).toBe(false);
    expect(isNight(13 * 60, { ...s, nightStart: '12:00', nightEnd: '14:00' })).toBe(true);
    expect(isNight(13 * 60, { ...s, nightStart: '08:00', nightEnd: '08:00' })).toBe(false);
  });

  it('scales the 1920×1080 design to 16:9, 4K and 32:9 walls without cutting anything off', () => {
    expect(wallFrame(1920, 1080)).toEqual({ width: 1920, height: 1080, scale: 1 });
    expect(wallFrame(3840, 2160)).toEqual({ width: 1920, height: 1080, scale: 2 });
    expect(wallFrame(7680, 2160)).toEqual({ width: 3840, height: 1080, scale: 2 });
    const narrow = wallFrame(1600, 1200);
    expect(narrow.width).toBe(1920);
    expect(narrow.height * narrow.scale).toBeLessThanOrEqual(1200);
  });
});
