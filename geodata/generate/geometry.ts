// Small planar helpers for drawing the demo territory in lon/lat (areas here are a few km across).
import type { Polygon, Position } from 'geojson';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Rng } from './random.js';

const M_PER_DEG_LAT = 110_540;
const mPerDegLon = (lat: number): number => 111_320 * Math.cos((lat * Math.PI) / 180);

export const round7 = (v: number): number => Math.round(v * 1e7) / 1e7;
export const pos = (lon: number, lat: number): Position => [round7(lon), round7(lat)];

/** Moves a point by metres east/north. */
export function offset([lon, lat]: Position, east: number, north: number): Position {
  return pos((lon as number) + east / mPerDegLon(lat as number), (lat as number) + north / M_PER_DEG_LAT);
}

export function closeRing(ring: Position[]): Position[] {
  const [first] = ring;
  return first ? [...ring, first] : ring;
}

/** A rotated rectangle footprint, counter-clockwise, centred on c. */
export function rectangle(c: Position, width: number, depth: number, angleDeg: number): Polygon {
  const a = (angleDeg * Math.PI) / 180;
  const corners = [
    [-width / 2, -depth / 2],
    [width / 2, -depth / 2],
    [width / 2, depth / 2],
    [-width / 2, depth / 2],
  ].map(([x, y]) => offset(c, (x as number) * Math.cos(a) - (y as number) * Math.sin(a), (x as number) * Math.sin(a) + (y as number) * Math.cos(a)));
  return { type: 'Polygon', coordinates: [closeRing(corners)] };
}

/** An irregular, convex-ish n-gon (counter-clockwise) of roughly the given radius. */
export function blob(c: Position, radius: number, n: number, rng: Rng): Polygon {
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    const r = radius * rng.range(0.8, 1.15);
    ring.push(offset(c, r * Math.cos(t), r * Math.sin(t)));
  }
  return { type: 'Polygon', coordinates: [closeRing(ring)] };
}

export function distanceM(a: Position, b: Position): number {
  const lat = ((a[1] as number) + (b[1] as number)) / 2;
  const dx = ((a[0] as number) - (b[0] as number)) * mPerDegLon(lat);
  const dy = ((a[1] as number) - (b[1] as number)) * M_PER_DEG_LAT;
  return Math.hypot(dx, dy);
}

export function polygonContains(poly: Polygon, p: Position): boolean {
  return booleanPointInPolygon(p, poly, { ignoreBoundary: true });
}

export function bounds(poly: Polygon): [number, number, number, number] {
  const ring = poly.coordinates[0] as Position[];
  const xs = ring.map((p) => p[0] as number);
  const ys = ring.map((p) => p[1] as number);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Planar shoelace area of a closed ring in square degrees: positive when counter-clockwise. */
export function ringSignedArea(ring: Position[]): number {
  let a = 0;
  for (let k = 0; k + 1 < ring.length; k++) {
    const [x0, y0] = ring[k] as [number, number];
    const [x1, y1] = ring[k + 1] as [number, number];
    a += x0 * y1 - x1 * y0;
  }
  return a / 2;
}
