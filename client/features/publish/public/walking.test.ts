import { describe, expect, it } from 'vitest';
import type { PublicSnapshot } from '../../../../server/publications/contract';
import { walkingDistances } from './walking';
import { distanceM } from './geo';

// An L of two roads; stations beside them.
const data = {
  roads: [
    { name: '东西路', class: 'secondary', barrier: false, geometry: { type: 'MultiLineString', coordinates: [[[121.44, 31.22], [121.46, 31.22]]] } },
    { name: '南北路', class: 'secondary', barrier: false, geometry: { type: 'MultiLineString', coordinates: [[[121.46, 31.22], [121.46, 31.24]]] } },
  ],
  stations: [
    { id: 'corner-far', lon: 121.4602, lat: 31.235 },
    { id: 'near', lon: 121.4401, lat: 31.2201 },
  ],
} as unknown as PublicSnapshot;

describe('walking distances', () => {
  it('walk the roads round the corner, never shorter than the straight line', () => {
    const from = { lon: 121.445, lat: 31.2201 };
    const w = walkingDistances(data, from);
    const far = w.get('corner-far');
    expect(far?.byRoad).toBe(true);
    const line = distanceM(from.lon, from.lat, 121.4602, 31.235);
    expect(far?.metres).toBeGreaterThan(line * 1.2);
  });

  it('take the straight line, labelled so, without roads or where no road is needed', () => {
    expect(walkingDistances({ ...data, roads: [] }, { lon: 121.445, lat: 31.2201 }).get('near')?.byRoad).toBe(false);
    const same = walkingDistances(data, { lon: 121.44011, lat: 31.22011 }).get('near');
    expect(same?.byRoad).toBe(false);
    expect(same?.metres).toBeLessThan(5);
  });
});
