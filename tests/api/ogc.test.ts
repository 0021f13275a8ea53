// OGC API – Features Part 1 Core at /ogc, against every store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';
import { COLLECTIONS } from '../../server/ogc/collections.js';
import { ringSignedArea } from '../../geodata/generate/geometry.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { client, displayAuth, officialAuth, type Client } from '../helpers/client.js';

type Page = FeatureCollection & { numberMatched: number; numberReturned: number; links: { href: string; rel: string; type: string }[] };


describe.each(storeKinds())('OGC API – Features on %s', (kind) => {
  let t: TestStore;
  let c: Client;
  const get = (path: string, headers: Record<string, string> = {}) => c.get(path, { ...officialAuth, ...headers });
  beforeAll(async () => {
    t = await openTestStore(kind);
    c = client(t.services);
  });
  afterAll(() => t?.dispose());

  it('landing page links the API definition, conformance and collections', async () => {
    const res = await c.get('/ogc', { accept: '*/*' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = (await res.json()) as { links: { rel: string; type: string; href: string }[] };
    const rels = Object.fromEntries(body.links.map((l) => [l.rel, l]));
    expect(rels['service-desc']?.type).toBe('application/vnd.oai.openapi+json;version=3.0');
    expect(rels['conformance']?.href).toMatch(/\/ogc\/conformance$/);
    expect(rels['data']?.href).toMatch(/\/ogc\/collections$/);
  });

  it('declares the core, GeoJSON and OpenAPI 3.0 conformance classes', async () => {
    const body = (await (await c.get('/ogc/conformance')).json()) as { conformsTo: string[] };
    expect(body.conformsTo).toEqual(expect.arrayContaining([
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
    ]));
  });

  it('lists every collection with spatial extents, and temporal ones where they apply', async () => {
    const body = (await (await get('/ogc/collections')).json()) as { collections: { id: string; extent: { spatial: { bbox: number[][] }; temporal?: unknown }; links: { rel: string; type: string }[] }[] };
    expect(body.collections.map((x) => x.id)).toEqual([
      'districts', 'streets', 'grids', 'business-districts', 'buildings', 'enterprises', 'stations', 'activities', 'alliances', 'roads', 'water',
    ]);
    for (const col of body.collections) {
      const [bbox] = col.extent.spatial.bbox;
      expect(bbox, col.id).toHaveLength(4);
      expect(col.links.find((l) => l.rel === 'items')?.type).toBe('application/geo+json');
    }
    expect(body.collections.find((x) => x.id === 'activities')?.extent.temporal).toBeDefined();
  });

  it('internal collections need a session or token: anonymous gets 401', async () => {
    for (const path of ['/ogc/collections', '/ogc/collections/buildings', '/ogc/collections/enterprises/items', '/ogc/collections/enterprises/items/1']) {
      const res = await c.get(path);
      expect(res.status, path).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
    expect((await c.get('/ogc/collections', { authorization: 'Bearer wrong-token' })).status).toBe(401);
  });

  it('pages items with limit/offset and typed next/prev links, numberMatched equal to the table', async () => {
    const [count] = await t.store.read((db) => rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM buildings`));
    const first = (await (await get('/ogc/collections/buildings/items?limit=50')).json()) as Page;
    expect(first.numberMatched).toBe(count?.n);
    expect(first.numberReturned).toBe(50);
    const next = first.links.find((l) => l.rel === 'next');
    expect(next?.type).toBe('application/geo+json');
    expect(first.links.find((l) => l.rel === 'prev')).toBeUndefined();
    const url = new URL(next?.href ?? '');
    const second = (await (await get(url.pathname + url.search)).json()) as Page;
    expect(second.features[0]?.id).not.toBe(first.features[0]?.id);
    expect(second.links.find((l) => l.rel === 'prev')?.type).toBe('application/geo+json');
    const ids = new Set<unknown>();
    let path: string | null = '/ogc/collections/buildings/items?limit=40';
    while (path) {
      const page = (await (await get(path)).json()) as Page;
      page.features.forEach((f) => ids.add(f.id));
      const n = page.links.find((l) => l.rel === 'next');
      path = n ? new URL(n.href).pathname + new URL(n.href).search : null;
    }
    expect(ids.size).toBe(count?.n);
  });

  it('clamps limit to the maximum instead of failing', async () => {
    const body = (await (await get('/ogc/collections/enterprises/items?limit=100000')).json()) as Page;
    expect(body.numberReturned).toBe(1000);
  });

  it('answers items as application/geo+json, RFC 7946: CCW exteriors, ≤7 decimals, no crs member', async () => {
    const res = await get('/ogc/collections/grids/items?limit=100', { accept: '*/*' });
    expect(res.headers.get('content-type')).toBe('application/geo+json');
    const text = await res.text();
    expect(text).not.toMatch(/"crs"/);
    expect(text).not.toMatch(/\d\.\d{8,}/);
    const body = JSON.parse(text) as FeatureCollection<Polygon>;
    for (const f of body.features) expect(ringSignedArea(f.geometry.coordinates[0] as Position[])).toBeGreaterThan(0);
  });

  it('filters by bbox, streetCode and gridId as declared', async () => {
    const njxl = (await (await get('/ogc/collections/buildings/items?streetCode=310106012&limit=1000')).json()) as Page;
    expect(njxl.numberMatched).toBeGreaterThan(50);
    expect(njxl.features.every((f) => f.properties?.streetCode === '310106012')).toBe(true);
    const bbox = (await (await get('/ogc/collections/buildings/items?bbox=121.44,31.21,121.47,31.24&limit=1000')).json()) as Page;
    expect(bbox.numberMatched).toBeGreaterThanOrEqual(njxl.numberMatched);
    expect(bbox.features.every((f) => (f.properties?.streetCode as string).startsWith('3101'))).toBe(true);
    const gridId = njxl.features[0]?.properties?.gridId as number;
    const inGrid = (await (await get(`/ogc/collections/enterprises/items?gridId=${gridId}&limit=1000`)).json()) as Page;
    expect(inGrid.numberMatched).toBeGreaterThan(0);
    expect(inGrid.features.every((f) => f.properties?.gridId === gridId)).toBe(true);
    const e = inGrid.features[0] as Feature;
    for (const key of ['buildingId', 'gridId', 'streetCode', 'employees', 'partyMembers']) expect(e.properties).toHaveProperty(key);
  });

  it('filters activities by datetime interval', async () => {
    const all = (await (await get('/ogc/collections/activities/items?limit=1')).json()) as Page;
    const month = (await (await get('/ogc/collections/activities/items?datetime=2026-03-01/2026-03-31&limit=1000')).json()) as Page;
    expect(month.numberMatched).toBeGreaterThan(0);
    expect(month.numberMatched).toBeLessThan(all.numberMatched);
    for (const f of month.features) {
      const at = f.properties?.heldAt as string;
      expect(at >= '2026-03-01' && at < '2026-04-01').toBe(true);
    }
  });

  it('returns single features, and 404 for unknown ones and unknown collections', async () => {
    const street = await get('/ogc/collections/streets/items/310106012');
    expect(street.status).toBe(200);
    expect(((await street.json()) as Feature).properties?.name).toBe('南京西路街道');
    expect((await get('/ogc/collections/buildings/items/1')).status).toBe(200);
    expect((await get('/ogc/collections/buildings/items/99999999')).status).toBe(404);
    expect((await get('/ogc/collections/buildings/items/abc')).status).toBe(404);
    expect((await get('/ogc/collections/nope/items')).status).toBe(404);
  });

  it('keeps per-enterprise records from the wall display token, but gives it the rest', async () => {
    expect((await c.get('/ogc/collections/enterprises/items?limit=1', displayAuth)).status).toBe(403);
    expect((await c.get('/ogc/collections/enterprises/items/1', displayAuth)).status).toBe(403);
    expect((await c.get('/ogc/collections/buildings/items?limit=1', displayAuth)).status).toBe(200);
  });

  it('rejects unknown query parameters with 400', async () => {
    const res = await get('/ogc/collections/buildings/items?colour=red');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('colour');
  });

  it('declares every filter of every collection in its OpenAPI document', async () => {
    const doc = (await (await c.get('/ogc/api')).json()) as { paths: Record<string, { get: { parameters: { name?: string; $ref?: string }[] } }> };
    for (const def of COLLECTIONS) {
      const params = doc.paths[`/collections/${def.id}/items`]?.get.parameters ?? [];
      const names = params.map((p) => p.name ?? p.$ref?.split('/').pop());
      expect(names, def.id).toEqual(expect.arrayContaining(['limit', 'offset', 'bbox', ...def.filters.map((f) => f.name)]));
    }
  });
});
