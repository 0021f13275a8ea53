// Point collections (stations, enterprises, activities) read from the server's vector tiles (OGC API – Tiles): every
// tile the box touches at the view's level, decoded to GeoJSON and merged by id (a point near an edge is in the
// neighbour's buffer too). Complete in view at any size: a tile over the server's feature budget (413) is read as its
// four children instead. One collection for the whole view, so the map can cluster stations and bin enterprises
// across tile edges (a tile layer sees one tile at a time).
import { MVTLoader } from '@loaders.gl/mvt';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { ApiError, getBearerToken } from './http';
import { childrenOf, pointTileLevel, tilesCovering, type TileXYZ } from './tile-grid';

type BBox = [number, number, number, number];
type Props = Record<string, unknown>;

/** Deepest level a too-full tile is split to (a tile that deep over budget is a data problem, shown as an error). */
const SPLIT_MAX = 18;
/** Decoded tiles kept by URL and ETag: a pan back re-validates (304 from the browser's cache) without decoding again. */
const KEEP = 400;
const decoded = new Map<string, { etag: string; features: Feature<Point, Props>[] }>();

function keep(url: string, etag: string, features: Feature<Point, Props>[]): void {
  decoded.delete(url);
  decoded.set(url, { etag, features });
  if (decoded.size > KEEP) decoded.delete(decoded.keys().next().value as string);
}

async function readTile(collection: string, t: TileXYZ, search: string, signal?: AbortSignal): Promise<Feature<Point, Props>[]> {
  const token = getBearerToken();
  const url = `/ogc/collections/${collection}/tiles/WebMercatorQuad/${t.z}/${t.y}/${t.x}${search}`;
  const res = await fetch(url, { credentials: 'same-origin', headers: token ? { authorization: `Bearer ${token}` } : {}, signal });
  if (res.status === 204) return [];
  if (res.status === 413 && t.z < SPLIT_MAX) {
    const parts = await Promise.all(childrenOf(t).map((c) => readTile(collection, c, search, signal)));
    return parts.flat();
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(res.status, body?.error?.code ?? 'error', body?.error?.message ?? res.statusText);
  }
  const etag = res.headers.get('etag') ?? '';
  const key = `${token ?? ''}|${url}`;
  const hit = decoded.get(key);
  if (etag && hit?.etag === etag) return hit.features;
  const buf = await res.arrayBuffer();
  const features = MVTLoader.parseSync(buf, { mvt: { shape: 'geojson', coordinates: 'wgs84', tileIndex: t } }) as unknown as Feature<Point, Props>[];
  // The loader names the layer in each feature's properties; nothing of ours is called that.
  for (const f of features) delete f.properties.layerName;
  if (etag) keep(key, etag, features);
  return features;
}

/**
 * Every point of `collection` in the box, from the tiles of the zoom's level (`query`: the items filters, e.g.
 * datetime). `props` turns a tile's properties (no nulls, arrays as JSON text) into what the layers read.
 */
export async function tilePoints<P>(
  collection: string,
  bbox: BBox,
  zoom: number,
  opts: { query?: Record<string, string>; props: (p: Props) => P; signal?: AbortSignal },
): Promise<FeatureCollection<Point, P>> {
  const q = new URLSearchParams(opts.query ?? {}).toString();
  const tiles = tilesCovering(bbox, pointTileLevel(zoom));
  const parts = await Promise.all(tiles.map((t) => readTile(collection, t, q ? `?${q}` : '', opts.signal)));
  const byId = new Map<unknown, Feature<Point, P>>();
  for (const part of parts) for (const f of part) if (!byId.has(f.id)) byId.set(f.id, { type: 'Feature', id: f.id, geometry: f.geometry, properties: opts.props(f.properties) });
  return { type: 'FeatureCollection', features: [...byId.values()] };
}

/** A tile value that was a JSON array (MVT has no arrays). */
export const jsonArray = (v: unknown): string[] => {
  if (Array.isArray(v)) return v as string[];
  if (typeof v !== 'string') return [];
  try {
    const a = JSON.parse(v) as unknown;
    return Array.isArray(a) ? (a as string[]) : [];
  } catch {
    return [];
  }
};
/** A tile number that may be absent (MVT has no null). */
export const numberOrNull = (v: unknown): number | null => (typeof v === 'number' ? v : null);
