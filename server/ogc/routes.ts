// OGC API – Features Part 1 Core at /ogc.
import { stillWanted } from '../http/abandoned.js';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../http/context.js';
import { ApiError, notFound } from '../http/errors.js';
import { assertMayRead, guard, readerOf, redactFor, withheldFields } from '../auth/access.js';
import { COLLECTIONS, COLLECTION_BY_ID, type CollectionDef } from './collections.js';
import { extentOf, getItem, listItems } from './query.js';
import { ogcOpenApi } from './openapi.js';
import { parseItemsQuery } from './validate.js';
import type { ItemsQuery } from './query.js';
import { DERIVED } from './derived.js';
import { REL_TILING_SCHEMES, TILES_CONFORMANCE, registerTileRoutes, tileLinks, tilesOf } from '../tiles/routes.js';
import { TILE_TABLES, type CachedItems } from '../tiles/cache.js';

const GEOJSON = 'application/geo+json';
const JSON_TYPE = 'application/json';
const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0';
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  ...TILES_CONFORMANCE,
];

function base(c: Context): string {
  return `${new URL(c.req.url).origin}/ogc`;
}

/** JSON answers any Accept that allows it (including a bare or wildcard Accept); anything else is 406. */
function negotiate(c: Context, produces: string): void {
  const accept = c.req.header('accept');
  if (!accept) return;
  const ok = accept.split(',').some((part) => {
    const type = (part.split(';')[0] ?? '').trim().toLowerCase();
    return type === '*/*' || type === 'application/*' || type === produces || type === JSON_TYPE || type.endsWith('+json') || type === 'text/html';
  });
  if (!ok) throw new ApiError(406, 'not_acceptable', `This resource is available as ${produces} (or application/json)`);
}

function send(c: Context, body: unknown, type: string): Response {
  return c.body(JSON.stringify(body), 200, { 'Content-Type': type });
}

function readable(c: Context<AppEnv>, id: string): CollectionDef {
  const def = COLLECTION_BY_ID.get(id);
  if (!def) throw notFound(`No collection "${id}"; see /ogc/collections`);
  assertMayRead(c, `ogc.${def.id}`);
  return def;
}

async function describe(c: Context<AppEnv>, def: CollectionDef): Promise<object> {
  const b = base(c);
  const extent = await extentOf(c.get('store'), def);
  return {
    id: def.id,
    title: def.title,
    description: def.description,
    itemType: 'feature',
    crs: [CRS84],
    extent: {
      spatial: { bbox: extent.bbox ? [extent.bbox] : [], crs: CRS84 },
      ...(extent.interval ? { temporal: { interval: [extent.interval], trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian' } } : {}),
    },
    links: [
      { href: `${b}/collections/${def.id}`, rel: 'self', type: JSON_TYPE, title: def.title },
      { href: `${b}/collections/${def.id}/items`, rel: 'items', type: GEOJSON, title: `${def.title} (GeoJSON)` },
      ...tileLinks(b, def),
    ],
  };
}

export const ogcRoutes = new Hono<AppEnv>();

ogcRoutes.get('/', (c) => {
  negotiate(c, JSON_TYPE);
  const b = base(c);
  return send(c, {
    title: '党建版图 Party-Building Territory Map',
    description: 'OGC API – Features and – Tiles (Mapbox Vector Tiles) for districts, streets, grids, business districts, buildings, enterprises, stations, activities, alliances, roads and water.',
    links: [
      { href: b, rel: 'self', type: JSON_TYPE, title: 'This document' },
      { href: `${b}/api`, rel: 'service-desc', type: OPENAPI_TYPE, title: 'The API definition' },
      { href: `${new URL(c.req.url).origin}/api/docs`, rel: 'service-doc', type: 'text/html', title: 'The API documentation' },
      { href: `${b}/conformance`, rel: 'conformance', type: JSON_TYPE, title: 'Conformance classes' },
      { href: `${b}/collections`, rel: 'data', type: JSON_TYPE, title: 'Feature collections' },
      { href: `${b}/tileMatrixSets`, rel: REL_TILING_SCHEMES, type: JSON_TYPE, title: 'Tile matrix sets' },
    ],
  }, JSON_TYPE);
});

ogcRoutes.get('/conformance', (c) => {
  negotiate(c, JSON_TYPE);
  return send(c, { conformsTo: CONFORMANCE }, JSON_TYPE);
});

ogcRoutes.get('/api', (c) => {
  negotiate(c, OPENAPI_TYPE);
  return send(c, ogcOpenApi(base(c)), OPENAPI_TYPE);
});

ogcRoutes.use('/collections', guard('ogc.collections'));
ogcRoutes.use('/collections/*', guard('ogc.collections'));

// OGC API – Tiles: tile matrix sets (public) and every collection's vector tiles (read as its items).
registerTileRoutes(ogcRoutes);

ogcRoutes.get('/collections', async (c) => {
  negotiate(c, JSON_TYPE);
  const b = base(c);
  const collections = [];
  for (const def of COLLECTIONS) collections.push(await describe(c, def));
  return send(c, { links: [{ href: `${b}/collections`, rel: 'self', type: JSON_TYPE, title: 'Collections' }], collections }, JSON_TYPE);
});

ogcRoutes.get('/collections/:collectionId', async (c) => {
  negotiate(c, JSON_TYPE);
  return send(c, await describe(c, readable(c, c.req.param('collectionId'))), JSON_TYPE);
});

ogcRoutes.get('/collections/:collectionId/items', async (c) => {
  negotiate(c, GEOJSON);
  const def = readable(c, c.req.param('collectionId'));
  const q = parseItemsQuery(def, c.req.queries());
  // A map viewport left before its turn came: not queried (issue 18 point 2).
  stillWanted(c.req.raw.signal);
  const page = await itemsPage(c, def, q);
  const url = new URL(c.req.url);
  const pageUrl = (offset: number) => {
    const u = new URL(`${base(c)}/collections/${def.id}/items`);
    url.searchParams.forEach((v, k) => k !== 'offset' && k !== 'limit' && u.searchParams.append(k, v));
    u.searchParams.set('limit', String(q.limit));
    u.searchParams.set('offset', String(offset));
    return u.toString();
  };
  const links = [
    { href: pageUrl(q.offset), rel: 'self', type: GEOJSON, title: 'This page' },
    { href: `${base(c)}/collections/${def.id}`, rel: 'collection', type: JSON_TYPE, title: def.title },
  ];
  if (q.offset + page.numberReturned < page.numberMatched) links.push({ href: pageUrl(q.offset + q.limit), rel: 'next', type: GEOJSON, title: 'Next page' });
  if (q.offset > 0) links.push({ href: pageUrl(Math.max(0, q.offset - q.limit)), rel: 'prev', type: GEOJSON, title: 'Previous page' });
  // The features are JSON already (kept pages are); the rest of the answer is this request's.
  const rest = JSON.stringify({ numberMatched: page.numberMatched, numberReturned: page.numberReturned, timeStamp: new Date().toISOString(), links });
  return c.body(`{"type":"FeatureCollection","features":${page.featuresJson},${rest.slice(1)}`, 200, { 'Content-Type': GEOJSON });
});

/**
 * One page of items as this reader may see it. Pages of collections whose rows follow only their own tables (the
 * outlines every map load asks for) are kept per reader's withheld fields under the change log's version of those
 * tables, read before the query: an edit committed before the request is always in its answer.
 */
async function itemsPage(c: Context<AppEnv>, def: CollectionDef, q: ItemsQuery): Promise<CachedItems> {
  const store = c.get('store');
  const tables = TILE_TABLES[def.id];
  const keep = Array.isArray(tables) && !DERIVED[def.id];
  const { items, clock } = tilesOf(store);
  const version = keep ? await clock.version(tables) : null;
  const key = `${def.id}|${JSON.stringify(q)}|${withheldFields(`ogc.${def.id}`, readerOf(c.get('principal'))).join(',')}`;
  const kept = version ? items.get(key, version) : undefined;
  if (kept) return kept;
  const { features, numberMatched } = await listItems(store, def, q);
  stillWanted(c.req.raw.signal);
  await DERIVED[def.id]?.apply(features, c.get('services'));
  const page: CachedItems = {
    version: version ?? '',
    featuresJson: JSON.stringify(redactFor(c, `ogc.${def.id}`, { features }).features),
    numberMatched,
    numberReturned: features.length,
  };
  if (version) items.set(key, page);
  return page;
}

ogcRoutes.get('/collections/:collectionId/items/:featureId', async (c) => {
  negotiate(c, GEOJSON);
  const def = readable(c, c.req.param('collectionId'));
  const raw = c.req.param('featureId');
  const id = def.idType === 'integer' ? (/^\d{1,9}$/.test(raw) ? Number(raw) : null) : raw.length <= 64 && !raw.includes('\0') ? raw : null;
  const feature = id === null ? null : await getItem(c.get('store'), def, id);
  if (!feature) throw notFound(`No feature "${raw}" in ${def.id}`);
  await DERIVED[def.id]?.apply([feature], c.get('services'));
  // The access table names fields of a collection's features; a single feature is redacted as a collection of one.
  redactFor(c, `ogc.${def.id}`, { features: [feature] });
  const b = base(c);
  return send(c, {
    ...feature,
    links: [
      { href: `${b}/collections/${def.id}/items/${encodeURIComponent(raw)}`, rel: 'self', type: GEOJSON, title: 'This feature' },
      { href: `${b}/collections/${def.id}`, rel: 'collection', type: JSON_TYPE, title: def.title },
    ],
  }, GEOJSON);
});
