import { describe, expect, it } from 'vitest';
import { inChina, toWgs84 } from './coords.js';

describe('coordinate systems', () => {
  it('moves GCJ-02 and BD-09 points back onto WGS84 by the expected few hundred metres', () => {
    const wgs: [number, number] = [121.4606, 31.2306];
    expect(toWgs84(...wgs, 'wgs84')).toEqual(wgs);
    const [x, y] = toWgs84(121.4651, 31.2286, 'gcj02');
    // Shanghai's GCJ-02 offset is about +0.0045° lon, -0.0020° lat.
    expect(Math.abs(x - 121.4606)).toBeLessThan(0.0005);
    expect(Math.abs(y - 31.2306)).toBeLessThan(0.0005);
    const [bx, by] = toWgs84(121.4606, 31.2306, 'bd09');
    expect(bx).toBeLessThan(121.4606);
    expect(by).toBeLessThan(31.2306);
  });
  it('knows a swapped pair is not in China', () => {
    expect(inChina(121.46, 31.23)).toBe(true);
    expect(inChina(31.23, 121.46)).toBe(false);
  });
});
