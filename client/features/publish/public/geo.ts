// Small geometry for the public page and the poster: distances and a local projection (no map library).
import type { PublicSnapshot } from '../../../../server/publications/contract';

const R = 6_371_008.8;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in metres. */
export function distanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const a = Math.sin(rad(lat2 - lat1) / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

export function formatDistance(m: number, locale: string): string {
  if (m < 1000) return locale === 'en' ? `${Math.round(m)} m` : `${Math.round(m)} 米`;
  const km = (m / 1000).toFixed(m < 10_000 ? 1 : 0);
  return locale === 'en' ? `${km} km` : `${km} 公里`;
}

/**
 * An equirectangular projection around the publication's centre, in metres (east, north → x, -y).
 * At a street's size its distortion is far below what a 示意 map shows.
 */
export interface Projection {
  project(lon: number, lat: number): [number, number];
  /** Metres per projected unit (1: the projection is in metres). */
  width: number;
  height: number;
  minX: number;
  minY: number;
}

export function projectionFor(bbox: PublicSnapshot['bbox']): Projection {
  const [w, s, e, n] = bbox;
  const lat0 = (s + n) / 2;
  const lon0 = (w + e) / 2;
  const kx = (Math.PI / 180) * R * Math.cos(rad(lat0));
  const ky = (Math.PI / 180) * R;
  const project = (lon: number, lat: number): [number, number] => [(lon - lon0) * kx, -(lat - lat0) * ky];
  const [minX, minY] = project(w, n);
  const [maxX, maxY] = project(e, s);
  return { project, width: Math.max(1, maxX - minX), height: Math.max(1, maxY - minY), minX, minY };
}

/** SVG path data of polygon rings (Polygon or MultiPolygon coordinates). */
export function ringsPath(coords: number[][][] | number[][][][], proj: Projection): string {
  const polys = (typeof coords[0]?.[0]?.[0] === 'number' ? [coords] : coords) as number[][][][];
  return polys
    .flatMap((poly) => poly.map((ring) => ring.map(([x, y], i) => {
      const [px, py] = proj.project(x as number, y as number);
      return `${i ? 'L' : 'M'}${px.toFixed(1)} ${py.toFixed(1)}`;
    }).join('') + 'Z'))
    .join('');
}

/** A point inside-ish a polygon for its label: the vertex average of the outer ring. */
export function labelPoint(coords: number[][][]): [number, number] {
  const ring = coords[0] ?? [];
  const n = Math.max(1, ring.length - 1);
  let x = 0, y = 0;
  for (let i = 0; i < n; i++) { x += ring[i]?.[0] ?? 0; y += ring[i]?.[1] ?? 0; }
  return [x / n, y / n];
}

/** A colour for a coverage percentage: light to dark green; grey when withheld. */
export function rateColor(v: number | null): string {
  if (v === null) return '#e9ecef';
  const steps = ['#f1f8e9', '#c5e1a5', '#9ccc65', '#689f38', '#33691e'];
  return steps[Math.min(4, Math.floor(v / 20))] as string;
}

export const RATE_STEPS: [string, string][] = [['#f1f8e9', '0–19%'], ['#c5e1a5', '20–39%'], ['#9ccc65', '40–59%'], ['#689f38', '60–79%'], ['#33691e', '80–100%']];
