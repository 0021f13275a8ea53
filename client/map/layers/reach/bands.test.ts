import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon, distance, point } from '@turf/turf';
import { mergedBands } from './bands';

describe('merged walking bands', () => {
  const stations: [number, number][] = [[121.45, 31.23], [121.452, 31.23], [121.47, 31.24]];
  const bands = mergedBands(stations, [15, 5, 10], 4.5);
  it('gives one area per band, narrowest first, with its distance', () => {
    expect(bands.map((b) => [b.minutes, b.metres])).toEqual([[5, 375], [10, 750], [15, 1125]]);
  });
  it('holds exactly the places within the band of some station (away from the polygon edge)', () => {
    for (const b of bands) {
      for (const [lon, lat] of [[121.451, 31.231], [121.46, 31.235], [121.48, 31.25], [121.44, 31.22]] as [number, number][]) {
        const nearest = Math.min(...stations.map((s) => distance(point(s), point([lon, lat]), { units: 'meters' })));
        if (Math.abs(nearest - b.metres) < 20) continue;
        expect(booleanPointInPolygon(point([lon, lat]), b.area as never), `${b.minutes} min at ${lon},${lat}`).toBe(nearest < b.metres);
      }
    }
  });
  it('merges overlapping circles into one outline', () => {
    // The first two stations are 190 m apart: their 5-minute circles overlap into one polygon.
    expect(bands[0]?.area?.geometry.type === 'Polygon' || (bands[0]?.area?.geometry.coordinates.length ?? 0) < 3).toBe(true);
    expect(mergedBands([], [5], 4.5)[0]?.area).toBeNull();
  });
});
