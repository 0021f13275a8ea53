// Walking bands as merged areas: the union of every public station's circle of a band's radius, so the
// map shows one outline per band (where a 10-minute walk reaches) instead of a stack of circles.
import { circle, featureCollection, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';

export interface Band { minutes: number; metres: number; area: Feature<Polygon | MultiPolygon> | null }

export function mergedBands(stations: [number, number][], bandsMinutes: number[], walkingSpeedKmh: number, steps = 48): Band[] {
  const metresPerMinute = (walkingSpeedKmh * 1000) / 60;
  return [...bandsMinutes].sort((a, b) => a - b).map((minutes) => {
    const metres = Math.round(minutes * metresPerMinute);
    const circles = stations.map((c) => circle(c, metres / 1000, { steps, units: 'kilometers' }));
    let area: Feature<Polygon | MultiPolygon> | null = null;
    if (circles.length === 1) area = circles[0] as Feature<Polygon>;
    else if (circles.length > 1) area = union(featureCollection(circles));
    return { minutes, metres, area };
  });
}
