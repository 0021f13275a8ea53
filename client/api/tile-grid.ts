// Which WebMercatorQuad tiles cover a box, and at which level the map reads point collections. Pure.

export interface TileXYZ {
  z: number;
  x: number;
  y: number;
}

type BBox = [number, number, number, number];

/** Web Mercator's latitude limit: the square world of the tile matrix set. */
const MAX_LAT = 85.0511287798066;

/** Fractional tile column and row of a position at level z (row 0 at the top). */
export function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const phi = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
  const x = ((lon + 180) / 360) * n;
  const y = ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n;
  return [x, y];
}

/** Every tile of level z the box touches, row by row. */
export function tilesCovering([w, s, e, n]: BBox, z: number): TileXYZ[] {
  const last = 2 ** z - 1;
  const clamp = (v: number) => Math.max(0, Math.min(last, Math.floor(v)));
  const [x0, y0] = tileOf(w, n, z);
  const [x1, y1] = tileOf(e, s, z);
  const out: TileXYZ[] = [];
  for (let y = clamp(y0); y <= clamp(y1); y++) for (let x = clamp(x0); x <= clamp(x1); x++) out.push({ z, x, y });
  return out;
}

/** The four tiles one level deeper that make up a tile. */
export const childrenOf = ({ z, x, y }: TileXYZ): TileXYZ[] => [
  { z: z + 1, x: 2 * x, y: 2 * y },
  { z: z + 1, x: 2 * x + 1, y: 2 * y },
  { z: z + 1, x: 2 * x, y: 2 * y + 1 },
  { z: z + 1, x: 2 * x + 1, y: 2 * y + 1 },
];

/** Tiles are read one level above the view's whole zoom, between these: a 512-px view at zoom z spans about
 *  2–3 × 2 tiles of level z, and the box asked for (the view padded by half on each side) 5 × 3 of them, so a
 *  level up it is 6–12 tiles instead of 24–30. Points are small (a tile holds a few hundred stations where level z
 *  held a few dozen) and the embedded database answers one request at a time: fewer requests, same points. */
export const POINT_TILE_MIN = 8;
export const POINT_TILE_MAX = 16;
export const pointTileLevel = (zoom: number): number => Math.max(POINT_TILE_MIN, Math.min(POINT_TILE_MAX, Math.floor(zoom) - 1));
