// Hexagonal bins in Web Mercator (EPSG:3857), on the same lattice as PostGIS's ST_HexagonGrid: flat-topped
// hexagons of edge `size`, hexagon (i, j) centred at x = 1.5·size·i, y = √3·size·j, odd columns shifted up by
// half a row. Anchored at the origin, so a hexagon is the same whatever box it was asked for (panning never
// moves them), and a count made here could be made in SQL with ST_HexagonGrid (tests check both agree).

const R = 6_378_137;
const SQRT3 = Math.sqrt(3);
/** Metres of Web Mercator per screen pixel at zoom 0 (256-pixel tiles). */
const M_PER_PX_Z0 = (2 * Math.PI * R) / 256;
/** Hexagons are about this many screen pixels from centre to corner at the zoom asked for. */
export const HEX_PX = 18;
/** Past this zoom hexagons stop shrinking (about 75 m on the ground at Shanghai): a density, not a building. */
export const HEX_MAX_ZOOM = 15;
export const MAX_LAT = 85.051129;

export const mercX = (lon: number): number => (R * lon * Math.PI) / 180;
export const mercY = (lat: number): number => R * Math.log(Math.tan(Math.PI / 4 + (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 360));
export const lonOf = (x: number): number => (x / R) * (180 / Math.PI);
export const latOf = (y: number): number => (2 * Math.atan(Math.exp(y / R)) - Math.PI / 2) * (180 / Math.PI);

/** The hexagon edge (Web Mercator metres) for a map zoom: HEX_PX pixels, no smaller than at HEX_MAX_ZOOM. */
export function hexSize(zoom: number): number {
  return (HEX_PX * M_PER_PX_Z0) / 2 ** Math.min(Math.floor(zoom), HEX_MAX_ZOOM);
}

/** Ties go up (floor(v + 0.5)), the same in every language, so a point on an edge has one hexagon. */
const round = (v: number): number => Math.floor(v + 0.5);

/** The hexagon (ST_HexagonGrid's i, j) holding the Web Mercator point (x, y). */
export function hexOf(x: number, y: number, size: number): [number, number] {
  // Axial coordinates, then the nearest hexagon centre by cube rounding.
  const qf = x / (1.5 * size);
  const rf = y / (SQRT3 * size) - qf / 2;
  const sf = -qf - rf;
  let q = round(qf);
  let r = round(rf);
  const s = round(sf);
  const dq = Math.abs(q - qf);
  const dr = Math.abs(r - rf);
  const ds = Math.abs(s - sf);
  if (dq > dr && dq > ds) q = -r - s;
  else if (dr > ds) r = -q - s;
  // Axial (q, r) → ST_HexagonGrid's column i and row j.
  return [q, r + Math.floor(q / 2)];
}

export function hexCenter(i: number, j: number, size: number): [number, number] {
  return [1.5 * size * i, SQRT3 * size * (j + (Math.abs(i) % 2 === 1 ? 0.5 : 0))];
}

const round7 = (v: number): number => Math.round(v * 1e7) / 1e7;

/** The hexagon's ring in WGS84 (closed, counter-clockwise as RFC 7946 wants, 7 decimals). */
export function hexRing(i: number, j: number, size: number): [number, number][] {
  const [cx, cy] = hexCenter(i, j, size);
  const ring: [number, number][] = [];
  for (let k = 0; k < 6; k++) {
    const a = (k * Math.PI) / 3;
    ring.push([round7(lonOf(cx + size * Math.cos(a))), round7(latOf(cy + size * Math.sin(a)))]);
  }
  ring.push(ring[0] as [number, number]);
  return ring;
}

/** The hexagon's area on the ground in km² (Mercator stretches both axes by 1 / cos(latitude)). */
export function hexAreaKm2(i: number, j: number, size: number): number {
  const lat = (latOf(hexCenter(i, j, size)[1]) * Math.PI) / 180;
  return ((1.5 * SQRT3 * size * size) * Math.cos(lat) ** 2) / 1e6;
}

/** How many hexagons of `size` a WGS84 box spans at most (the budget a request is checked against). */
export function hexesInBox([w, s, e, n]: [number, number, number, number], size: number): number {
  const cols = (mercX(e) - mercX(w)) / (1.5 * size) + 2;
  const rows = (mercY(n) - mercY(s)) / (SQRT3 * size) + 2;
  return Math.ceil(cols) * Math.ceil(rows);
}

export interface HexCount {
  i: number;
  j: number;
  enterprises: number;
  /** Enterprises without a party organisation of their own or a joint one (instructor only, or nothing). */
  uncovered: number;
}

/** Sums weighted points (WGS84) in the box into hexagons of `size`; empty hexagons are left out. */
export function binPoints(points: Iterable<{ lon: number; lat: number; enterprises: number; uncovered: number }>, box: [number, number, number, number], size: number): HexCount[] {
  const [w, s, e, n] = box;
  // A number per hexagon, not a string: a city's 100k buildings are binned on every request.
  const bins = new Map<number, HexCount>();
  for (const p of points) {
    if (p.enterprises <= 0 || p.lon < w || p.lon > e || p.lat < s || p.lat > n) continue;
    const [i, j] = hexOf(mercX(p.lon), mercY(p.lat), size);
    const key = (i + KEY_OFFSET) * KEY_SPAN + (j + KEY_OFFSET);
    const bin = bins.get(key);
    if (bin) {
      bin.enterprises += p.enterprises;
      bin.uncovered += p.uncovered;
    } else bins.set(key, { i, j, enterprises: p.enterprises, uncovered: p.uncovered });
  }
  return [...bins.values()].sort((a, b) => a.i - b.i || a.j - b.j);
}

/** Columns and rows stay within ±2^20 at the smallest hexagons (zoom 15: the world is ~310k columns wide). */
const KEY_OFFSET = 2 ** 20;
const KEY_SPAN = 2 ** 21;
