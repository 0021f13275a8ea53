// The WebMercatorQuad tile matrix set (OGC 17-083r4 / 2DTMS) and tile addressing: pure, tested without I/O.
import { badRequest, notFound } from '../http/errors.js';

export const TMS_ID = 'WebMercatorQuad';
export const TMS_URI = 'http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad';
/** Deepest zoom served: 20 is ~0.15 m per pixel at the equator, finer than any footprint the product holds. */
export const MAX_ZOOM = 20;
/** MVT extent (units per tile side) and the buffer drawn around a tile, in the same units (as ST_AsMVTGeom). */
export const EXTENT = 4096;
export const BUFFER = 64;

const HALF = 20037508.342789244; // π × 6378137: half the Web Mercator world, metres
const CELL0 = 0.28e-3; // the standard rendering pixel, metres

export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

const DIGITS = /^(0|[1-9]\d{0,8})$/;

/**
 * A tile address from the path (tileMatrix, tileRow, tileCol). Not a non-negative decimal, or a row/column outside
 * the matrix: 400. A zoom deeper than MAX_ZOOM: 404 with the limit, as OGC API – Tiles answers a matrix it lacks.
 */
export function parseTile(tileMatrix: string, tileRow: string, tileCol: string): TileAddress {
  for (const [name, v] of [['tileMatrix', tileMatrix], ['tileRow', tileRow], ['tileCol', tileCol]] as const) {
    if (!DIGITS.test(v)) throw badRequest(`${name} must be a non-negative integer, got "${v.slice(0, 40)}"`);
  }
  const z = Number(tileMatrix);
  const y = Number(tileRow);
  const x = Number(tileCol);
  if (z > MAX_ZOOM) throw notFound(`Tile matrix ${z} is not served: WebMercatorQuad tiles go from 0 to ${MAX_ZOOM}`);
  const n = 2 ** z;
  if (y >= n || x >= n) throw badRequest(`At tile matrix ${z}, tileRow and tileCol go from 0 to ${n - 1}`);
  return { z, x, y };
}

/** The tile's bounds in EPSG:3857 metres: [minx, miny, maxx, maxy]. */
export function tileBounds3857({ z, x, y }: TileAddress, margin = 0): [number, number, number, number] {
  const size = (2 * HALF) / 2 ** z;
  const m = size * margin;
  return [-HALF + x * size - m, HALF - (y + 1) * size - m, -HALF + (x + 1) * size + m, HALF - y * size + m];
}

const lon = (mx: number) => (mx / HALF) * 180;
const lat = (my: number) => (Math.atan(Math.exp((my / HALF) * Math.PI)) * 360) / Math.PI - 90;

/** The tile's bounds in WGS84 degrees (CRS84 order), optionally grown by a margin in tile widths. */
export function tileBboxWgs84(t: TileAddress, margin = 0): [number, number, number, number] {
  const [x0, y0, x1, y1] = tileBounds3857(t, margin);
  const clampLat = (v: number) => Math.max(-85.0511287798066, Math.min(85.0511287798066, lat(v)));
  return [Math.max(-180, lon(x0)), clampLat(y0), Math.min(180, lon(x1)), clampLat(y1)];
}

/** The tile holding a WGS84 point at zoom z. */
export function tileOf(lonDeg: number, latDeg: number, z: number): TileAddress {
  const n = 2 ** z;
  const r = (latDeg * Math.PI) / 180;
  const x = Math.floor(((lonDeg + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  const clamp = (v: number) => Math.max(0, Math.min(n - 1, v));
  return { z, x: clamp(x), y: clamp(y) };
}

/** The tile matrix set definition (OGC 2DTMS JSON), levels 0..MAX_ZOOM. */
export function webMercatorQuad(): object {
  const crs = 'http://www.opengis.net/def/crs/EPSG/0/3857';
  return {
    id: TMS_ID,
    title: 'Google Maps Compatible for the World',
    uri: TMS_URI,
    crs,
    // The 1.0 encoding's members too (identifier, supportedCRS, boundingBox corners, topLeftCorner): GDAL before 3.7
    // (Debian 12's 3.6) reads only those, and 2.0 readers ignore them.
    identifier: TMS_ID,
    supportedCRS: crs,
    boundingBox: { type: 'BoundingBoxType', crs, lowerLeft: [-HALF, -HALF], upperRight: [HALF, HALF], lowerCorner: [-HALF, -HALF], upperCorner: [HALF, HALF] },
    orderedAxes: ['E', 'N'],
    wellKnownScaleSet: 'http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible',
    tileMatrices: Array.from({ length: MAX_ZOOM + 1 }, (_, z) => {
      const cellSize = (2 * HALF) / 256 / 2 ** z;
      return {
        id: String(z),
        identifier: String(z),
        topLeftCorner: [-HALF, HALF],
        scaleDenominator: cellSize / CELL0,
        cellSize,
        cornerOfOrigin: 'topLeft',
        pointOfOrigin: [-HALF, HALF],
        tileWidth: 256,
        tileHeight: 256,
        matrixWidth: 2 ** z,
        matrixHeight: 2 ** z,
      };
    }),
  };
}
