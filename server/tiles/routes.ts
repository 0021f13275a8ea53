// OGC API – Tiles (Part 1 Core) on the /ogc collections: tile matrix sets, each collection's vector tileset and its
// Mapbox Vector Tiles. Read access is the items' (server/auth/access.ts, resource ogc.<id>): the same readers, the
// same fields withheld. Tiles are kept in memory and checked against the change log on every request (cache.ts).
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCb } from 'node:zlib';
import type { Context, Hono } from 'hono';
import type { Store } from '../db/store.js';
import type { AppEnv } from '../http/context.js';
import { badRequest, notFound } from '../http/errors.js';
import { stillWanted } from '../http/abandoned.js';
import { BUDGETS } from '../http/budgets.js';
import { assertMayRead, guard, readerOf, withheldFields } from '../auth/access.js';
import { COLLECTION_BY_ID, type CollectionDef } from '../ogc/collections.js';
import { DERIVED } from '../ogc/derived.js';
import { parseItemsQuery } from '../ogc/validate.js';
import { extentOf } from '../ogc/query.js';
import { ChangeClock, ItemsCache, TILE_TABLES, TileCache, type CachedTile } from './cache.js';
import { renderTile, type TileQuery } from './render.js';
import { MAX_ZOOM, TMS_ID, TMS_URI, parseTile, webMercatorQuad } from './tms.js';

export const MVT = 'application/vnd.mapbox-vector-tile';
const JSON_TYPE = 'application/json';
const gzip = promisify(gzipCb);
export const REL_TILESETS_VECTOR = 'http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector';
export const REL_TILING_SCHEMES = 'http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes';
const REL_TILING_SCHEME = 'http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme';
export const TILES_CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt',
  'http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/tms/2.0/conf/tilematrixset',
  'http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixset',
];

/** One change clock and its caches (tiles, item pages) per store (tests open many stores in one process). */
const perStore = new WeakMap<Store, { cache: TileCache; items: ItemsCache; clock: ChangeClock }>();
export function tilesOf(store: Store): { cache: TileCache; items: ItemsCache; clock: ChangeClock } {
  let t = perStore.get(store);
  if (!t) {
    t = { cache: new TileCache(BUDGETS.tileCacheBytes), items: new ItemsCache(BUDGETS.itemsCacheBytes), clock: new ChangeClock(store) };
    perStore.set(store, t);
  }
  return t;
}

function base(c: Context): string {
  return `${new URL(c.req.url).origin}/ogc`;
}

function readable(c: Context<AppEnv>, id: string): CollectionDef {
  const def = COLLECTION_BY_ID.get(id);
  if (!def) throw notFound(`No collection "${id}"; see /ogc/collections`);
  assertMayRead(c, `ogc.${def.id}`);
  return def;
}

/** Property names of the collection the caller may not read, from the access table. */
function withheldFor(c: Context<AppEnv>, def: CollectionDef): Set<string> {
  const prefix = 'features[].properties.';
  return new Set(withheldFields(`ogc.${def.id}`, readerOf(c.get('principal'))).filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length)));
}

/** The items filters (and datetime) narrow a tileset too; paging and bbox mean nothing for a tile. */
function tileQuery(def: CollectionDef, query: Record<string, string[]>): { q: TileQuery; canonical: string; only: Set<string> | null } {
  for (const k of ['limit', 'offset', 'bbox']) if (k in query) throw badRequest(`${k} does not apply to a tile: the tile is the box`);
  const { properties, ...rest } = query;
  const { limit: _l, offset: _o, ...q } = parseItemsQuery(def, rest);
  const canonical = new URLSearchParams(
    Object.keys(query)
      .filter((k) => k !== 'f')
      .sort()
      .map((k) => [k, query[k]?.[0] ?? '']),
  ).toString();
  return { q, canonical, only: properties ? propertyList(def, properties) : null };
}

/** `properties=a,b`: only these properties in the tile (OGC API – Features Part 6's parameter), so a layer that
 *  reads two of twenty fields does not download the rest. Unknown names are 400. */
function propertyList(def: CollectionDef, values: string[]): Set<string> {
  if (values.length > 1) throw badRequest('Query parameter properties is given more than once');
  const names = (values[0] ?? '').split(',').map((n) => n.trim()).filter(Boolean);
  const known = new Set([...def.properties, ...(DERIVED[def.id]?.properties ?? [])].map((p) => p.name));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length) throw badRequest(`Unknown propert${unknown.length > 1 ? 'ies' : 'y'} of ${def.id}: ${unknown.join(', ')}`, { unknown, allowed: [...known] });
  return new Set(names);
}

/** What the reader may not read, plus what the request left out (`properties`). */
function leftOut(withheld: Set<string>, def: CollectionDef, only: Set<string> | null): Set<string> {
  if (!only) return withheld;
  const all = [...def.properties, ...(DERIVED[def.id]?.properties ?? [])].map((p) => p.name);
  return new Set([...withheld, ...all.filter((n) => !only.has(n))]);
}

const geometryDimension: Record<string, number> = {
  enterprises: 0, stations: 0, activities: 0, alliances: 1, roads: 1,
  districts: 2, streets: 2, grids: 2, 'business-districts': 2, buildings: 2, water: 2,
};

function tileset(c: Context<AppEnv>, def: CollectionDef, bbox: [number, number, number, number] | null): object {
  const b = base(c);
  const search = new URL(c.req.url).search;
  const template = `${b}/collections/${def.id}/tiles/${TMS_ID}/{tileMatrix}/{tileRow}/{tileCol}${search}`;
  const withheld = withheldFor(c, def);
  const fields = Object.fromEntries(
    [...def.properties, ...(DERIVED[def.id]?.properties ?? [])].filter((p) => !withheld.has(p.name)).map((p) => [p.name, p.type === 'string[]' || p.type === 'object[]' ? 'String (JSON)' : p.type === 'integer' || p.type === 'number' ? 'Number' : p.type === 'boolean' ? 'Boolean' : 'String']),
  );
  return {
    title: def.title,
    description: def.description,
    dataType: 'vector',
    crs: 'http://www.opengis.net/def/crs/EPSG/0/3857',
    tileMatrixSetURI: TMS_URI,
    // Where the definition is: GDAL's OGCAPI driver before 3.6 reads this member, later ones the tiling-scheme link.
    tileMatrixSetDefinition: `${b}/tileMatrixSets/${TMS_ID}`,
    tileMatrixSetLimits: [],
    ...(bbox ? { boundingBox: { lowerLeft: [bbox[0], bbox[1]], upperRight: [bbox[2], bbox[3]], crs: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84' } } : {}),
    layers: [{ id: def.id, title: def.title, dataType: 'vector', geometryDimension: geometryDimension[def.id] ?? 2, minTileMatrix: '0', maxTileMatrix: String(MAX_ZOOM) }],
    links: [
      { href: `${b}/collections/${def.id}/tiles/${TMS_ID}${search}`, rel: 'self', type: JSON_TYPE, title: `${def.title}: vector tileset` },
      { href: `${b}/tileMatrixSets/${TMS_ID}`, rel: REL_TILING_SCHEME, type: JSON_TYPE, title: TMS_ID },
      { href: `${b}/collections/${def.id}`, rel: 'collection', type: JSON_TYPE, title: def.title },
      { href: template, rel: 'item', type: 'application/vnd.mapbox-vector-tile', templated: true, title: 'Mapbox Vector Tiles' },
    ],
    // TileJSON 3.0 members, so MapLibre reads this document as a vector source's url with no product code.
    tilejson: '3.0.0',
    name: def.title,
    scheme: 'xyz',
    tiles: [`${b}/collections/${def.id}/tiles/${TMS_ID}/{z}/{y}/{x}${search}`],
    minzoom: 0,
    maxzoom: MAX_ZOOM,
    ...(bbox ? { bounds: bbox } : {}),
    vector_layers: [{ id: def.id, description: def.description, minzoom: 0, maxzoom: MAX_ZOOM, fields }],
  };
}

function send(c: Context, body: unknown, cacheControl = 'private, no-cache'): Response {
  return c.body(JSON.stringify(body), 200, { 'Content-Type': JSON_TYPE, 'Cache-Control': cacheControl });
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => bare(t) === bare(etag));
}

export function registerTileRoutes(app: Hono<AppEnv>): void {
  app.get('/tileMatrixSets', guard('ogc.tileMatrixSets'), (c) => {
    const b = base(c);
    return send(c, {
      tileMatrixSets: [{ id: TMS_ID, title: 'Google Maps Compatible for the World', uri: TMS_URI, links: [{ href: `${b}/tileMatrixSets/${TMS_ID}`, rel: 'self', type: JSON_TYPE, title: TMS_ID }] }],
    }, 'public, max-age=86400');
  });

  app.get(`/tileMatrixSets/${TMS_ID}`, guard('ogc.tileMatrixSets'), (c) => send(c, webMercatorQuad(), 'public, max-age=86400'));

  app.get('/collections/:collectionId/tiles', (c) => {
    const def = readable(c, c.req.param('collectionId'));
    const b = base(c);
    return send(c, {
      links: [{ href: `${b}/collections/${def.id}/tiles`, rel: 'self', type: JSON_TYPE, title: `${def.title}: tilesets` }],
      tilesets: [{
        title: def.title,
        dataType: 'vector',
        crs: 'http://www.opengis.net/def/crs/EPSG/0/3857',
        tileMatrixSetURI: TMS_URI,
        links: [
          { href: `${b}/collections/${def.id}/tiles/${TMS_ID}`, rel: 'self', type: JSON_TYPE, title: TMS_ID },
          // The relation GDAL's OGCAPI driver follows from a tileset list to a tileset.
          { href: `${b}/collections/${def.id}/tiles/${TMS_ID}`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/tileset', type: JSON_TYPE, title: TMS_ID },
          { href: `${b}/tileMatrixSets/${TMS_ID}`, rel: REL_TILING_SCHEME, type: JSON_TYPE, title: TMS_ID },
        ],
      }],
    });
  });

  app.get(`/collections/:collectionId/tiles/${TMS_ID}`, async (c) => {
    const def = readable(c, c.req.param('collectionId'));
    tileQuery(def, c.req.queries());
    const extent = await extentOf(c.get('store'), def);
    return send(c, tileset(c, def, extent.bbox));
  });

  app.get(`/collections/:collectionId/tiles/${TMS_ID}/:tileMatrix/:tileRow/:tileCol`, async (c) => {
    const def = readable(c, c.req.param('collectionId'));
    const tile = parseTile(c.req.param('tileMatrix'), c.req.param('tileRow'), c.req.param('tileCol'));
    const { q, canonical, only } = tileQuery(def, c.req.queries());
    const withheld = leftOut(withheldFor(c, def), def, only);
    const store = c.get('store');
    const services = c.get('services');
    const { cache, clock } = tilesOf(store);
    const tables = TILE_TABLES[def.id] ?? null;
    // Read before rendering: a tile kept under this version holds every edit committed before it.
    const read = tables ? await clock.read(tables) : null;
    const version = read ? `${read.version}${DERIVED[def.id] ? `@${services.coverage.today()}` : ''}` : null;
    const key = `${def.id}|${tile.z}/${tile.x}/${tile.y}|${[...withheld].sort().join(',')}|${canonical}`;
    let kept: CachedTile | undefined = version ? cache.get(key, version) : undefined;
    if (!kept) {
      stillWanted(c.req.raw.signal);
      const bytes = await renderTile({ store, services, def, tile, query: q, withheld, ...(read ? { seen: read.head } : {}) });
      const etag = `W/"${createHash('sha1').update(bytes).digest('base64url')}"`;
      kept = { version: version ?? '', bytes, gzip: null, etag };
      if (version) cache.set(key, kept);
    }
    const headers: Record<string, string> = {
      ETag: kept.etag,
      // Internal data, per reader, current with every edit: a browser keeps it but asks each time (304 is cheap).
      'Cache-Control': 'private, no-cache',
      Vary: 'Authorization, Cookie, Accept-Encoding',
    };
    if (etagMatches(c.req.header('if-none-match'), kept.etag)) return c.body(null, 304, headers);
    // An empty tile is 204 No Content (OGC API – Tiles' answer; MapLibre draws nothing and logs nothing).
    if (kept.bytes.byteLength === 0) return c.body(null, 204, headers);
    headers['Content-Type'] = MVT;
    if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
      if (!kept.gzip) {
        kept.gzip = new Uint8Array(await gzip(kept.bytes));
        if (version) cache.set(key, kept);
      }
      headers['Content-Encoding'] = 'gzip';
      return c.body(kept.gzip as Uint8Array<ArrayBuffer>, 200, headers);
    }
    return c.body(kept.bytes as Uint8Array<ArrayBuffer>, 200, headers);
  });
}

/** Links a collection description carries to its tilesets. */
export function tileLinks(b: string, def: CollectionDef): object[] {
  return [{ href: `${b}/collections/${def.id}/tiles`, rel: REL_TILESETS_VECTOR, type: JSON_TYPE, title: `${def.title}: vector tilesets` }];
}
