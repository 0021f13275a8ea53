// OGC API – Tiles at /ogc: every collection's Mapbox Vector Tiles decode (with a real vector-tile parser) to the
// features and properties the items endpoint returns for the tile's box, for each reader the access table knows;
// an edit is in the next tile (never a stale one); ETag/304, gzip; bad addresses are 4xx. Both drivers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import type { Feature, FeatureCollection, Position } from 'geojson';
import { sql } from 'drizzle-orm';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { rows } from '../../server/db/store.js';
import { COLLECTIONS } from '../../server/ogc/collections.js';
import { BUFFER, EXTENT, MAX_ZOOM, tileBboxWgs84, tileOf, type TileAddress } from '../../server/tiles/tms.js';
import { renderInDatabase, renderWithVtPbf } from '../../server/tiles/render.js';
import { tilesOf } from '../../server/tiles/routes.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { client, displayAuth, officialAuth, type Client } from '../helpers/client.js';

const MVT = 'application/vnd.mapbox-vector-tile';
type Props = Record<string, unknown>;

function decode(buf: ArrayBuffer, layer: string): Map<string, { props: Props; type: number }> {
  const out = new Map<string, { props: Props; type: number }>();
  if (buf.byteLength === 0) return out;
  const vt = new VectorTile(new PbfReader(new Uint8Array(buf)));
  expect(Object.keys(vt.layers)).toEqual([layer]);
  const l = vt.layers[layer];
  if (!l) return out;
  expect(l.extent).toBe(EXTENT);
  for (let i = 0; i < l.length; i++) {
    const f = l.feature(i);
    const props = { ...f.properties } as Props;
    const key = f.id !== undefined ? String(f.id) : String(props.code);
    out.set(key, { props, type: f.type });
  }
  return out;
}

/** What a feature's properties look like in a tile: no nulls (MVT has none). */
function asTile(p: Props | null): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(p ?? {})) {
    if (v === null || v === undefined) continue;
    out[k] = v;
  }
  return out;
}

function firstPosition(f: Feature): Position {
  const g = f.geometry as { coordinates: unknown };
  let c: unknown = g.coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return c as Position;
}

describe.each(storeKinds())('OGC API – Tiles on %s', (kind) => {
  let t: TestStore;
  let c: Client;
  const tileUrl = (id: string, a: TileAddress, q = '') => `/ogc/collections/${id}/tiles/WebMercatorQuad/${a.z}/${a.y}/${a.x}${q}`;
  /** Every item of the collection in a box, all pages. */
  const items = async (id: string, bbox: number[], auth: Record<string, string>): Promise<Map<string, Feature>> => {
    const out = new Map<string, Feature>();
    for (let offset = 0; ; offset += 1000) {
      const res = await c.get(`/ogc/collections/${id}/items?bbox=${bbox.join(',')}&limit=1000&offset=${offset}`, auth);
      expect(res.status).toBe(200);
      const fc = (await res.json()) as FeatureCollection & { numberMatched: number };
      for (const f of fc.features) out.set(String(f.id), f);
      if (offset + 1000 >= fc.numberMatched) return out;
    }
  };
  /** A zoom-14 tile holding the collection's first feature. */
  const tileWithData = async (id: string): Promise<TileAddress> => {
    const fc = (await (await c.get(`/ogc/collections/${id}/items?limit=1`, officialAuth)).json()) as FeatureCollection;
    const [lon, lat] = firstPosition(fc.features[0] as Feature) as [number, number];
    return tileOf(lon, lat, 14);
  };

  beforeAll(async () => {
    t = await openTestStore(kind);
    c = client(t.services);
  }, 120_000);
  afterAll(() => t?.dispose());

  it('publishes WebMercatorQuad, the tilesets and their links, and the Tiles conformance classes', async () => {
    const tms = (await (await c.get('/ogc/tileMatrixSets/WebMercatorQuad')).json()) as { id: string; tileMatrices: { id: string; matrixWidth: number }[] };
    expect(tms.id).toBe('WebMercatorQuad');
    expect(tms.tileMatrices).toHaveLength(MAX_ZOOM + 1);
    expect(tms.tileMatrices[14]).toMatchObject({ id: '14', matrixWidth: 2 ** 14 });
    const list = (await (await c.get('/ogc/tileMatrixSets')).json()) as { tileMatrixSets: { id: string }[] };
    expect(list.tileMatrixSets.map((s) => s.id)).toEqual(['WebMercatorQuad']);
    const conf = (await (await c.get('/ogc/conformance')).json()) as { conformsTo: string[] };
    expect(conf.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt');
    const landing = (await (await c.get('/ogc')).json()) as { links: { rel: string; href: string }[] };
    expect(landing.links.find((l) => l.rel === 'http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes')?.href).toMatch(/\/ogc\/tileMatrixSets$/);

    const coll = (await (await c.get('/ogc/collections/buildings', officialAuth)).json()) as { links: { rel: string; href: string }[] };
    const tilesets = coll.links.find((l) => l.rel === 'http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector');
    expect(tilesets?.href).toMatch(/\/ogc\/collections\/buildings\/tiles$/);
    const sets = (await (await c.get('/ogc/collections/buildings/tiles', officialAuth)).json()) as { tilesets: { links: { rel: string; href: string }[] }[] };
    const self = sets.tilesets[0]?.links.find((l) => l.rel === 'self')?.href as string;
    const meta = (await (await c.get(new URL(self).pathname, officialAuth)).json()) as {
      tileMatrixSetURI: string; tiles: string[]; links: { rel: string; href: string; type?: string }[]; vector_layers: { id: string; fields: Record<string, string> }[];
    };
    expect(meta.tileMatrixSetURI).toBe('http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad');
    expect(meta.links.find((l) => l.rel === 'item')?.href).toMatch(/\/tiles\/WebMercatorQuad\/\{tileMatrix\}\/\{tileRow\}\/\{tileCol\}$/);
    expect(meta.tiles[0]).toMatch(/\/tiles\/WebMercatorQuad\/\{z\}\/\{y\}\/\{x\}$/);
    expect(meta.vector_layers[0]?.id).toBe('buildings');
    expect(Object.keys(meta.vector_layers[0]?.fields ?? {})).toEqual(expect.arrayContaining(['name', 'partyOrgRate', 'propertyManager']));
    // The display token's tileset does not list what it cannot read.
    const shown = (await (await c.get('/ogc/collections/buildings/tiles/WebMercatorQuad', displayAuth)).json()) as { vector_layers: { fields: Record<string, string> }[] };
    expect(Object.keys(shown.vector_layers[0]?.fields ?? {})).not.toContain('propertyManager');
  });

  it.each(COLLECTIONS.map((d) => d.id))('a %s tile holds the features and properties items returns for its box', async (id) => {
    const tile = await tileWithData(id);
    const res = await c.get(tileUrl(id, tile), officialAuth);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(MVT);
    const got = decode(await res.arrayBuffer(), id);
    // Every item inside the tile is in it; everything in it is an item of the tile grown by its buffer.
    const inside = await items(id, tileBboxWgs84(tile), officialAuth);
    const buffered = await items(id, tileBboxWgs84(tile, BUFFER / EXTENT), officialAuth);
    expect(inside.size).toBeGreaterThan(0);
    for (const key of inside.keys()) expect(got.has(key), `${id} ${key} in the tile`).toBe(true);
    for (const key of got.keys()) expect(buffered.has(key), `${id} ${key} is an item of the tile`).toBe(true);
    for (const [key, f] of got) {
      const item = buffered.get(key) as Feature;
      // Arrays and objects are JSON text in a tile (spacing is the database's): compared as what they say.
      const parsed = Object.fromEntries(Object.entries(f.props).map(([k, v]) => [k, typeof item.properties?.[k] === 'object' ? JSON.parse(v as string) : v]));
      expect(parsed, `${id} ${key}`).toEqual(asTile(item.properties));
      const dim = item.geometry.type.includes('Point') ? 1 : item.geometry.type.includes('LineString') ? 2 : 3;
      expect(f.type).toBe(dim);
    }
  });

  it('gives each reader the fields it may read on items: display gets places without people, staff get the records', async () => {
    const tile = await tileWithData('stations');
    const withPhone = (await t.store.read((db) => rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM stations WHERE phone IS NOT NULL`)))[0]?.n ?? 0;
    const staff = decode(await (await c.get(tileUrl('stations', tile), officialAuth)).arrayBuffer(), 'stations');
    const wall = decode(await (await c.get(tileUrl('stations', tile), displayAuth)).arrayBuffer(), 'stations');
    expect([...wall.keys()]).toEqual([...staff.keys()]);
    for (const f of wall.values()) expect(f.props).not.toHaveProperty('phone');
    if (withPhone > 0) expect([...staff.values()].some((f) => 'phone' in f.props)).toBe(true);
    const b = await tileWithData('buildings');
    for (const f of decode(await (await c.get(tileUrl('buildings', b), displayAuth)).arrayBuffer(), 'buildings').values()) {
      expect(f.props).not.toHaveProperty('propertyManager');
      expect(f.props).toHaveProperty('enterprises');
    }
    const e = await tileWithData('enterprises');
    expect((await c.get(tileUrl('enterprises', e), displayAuth)).status).toBe(403);
    expect((await c.get(tileUrl('enterprises', e))).status).toBe(401);
    expect((await c.get(tileUrl('buildings', b))).status).toBe(401);
    expect((await c.get('/ogc/collections/alliances/tiles/WebMercatorQuad', displayAuth)).status).toBe(403);
    const staffE = decode(await (await c.get(tileUrl('enterprises', e), officialAuth)).arrayBuffer(), 'enterprises');
    expect([...staffE.values()].some((f) => typeof f.props.uscc === 'string' && typeof f.props.partyCoverage === 'string')).toBe(true);
  });

  it('never serves a stale tile: an edit is in the very next tile, with a new ETag', async () => {
    const tile = await tileWithData('stations');
    const first = await c.get(tileUrl('stations', tile), officialAuth);
    const etag = first.headers.get('etag') as string;
    const before = decode(await first.arrayBuffer(), 'stations');
    const [id] = [...before.keys()];
    // Served again unchanged: same ETag.
    expect((await c.get(tileUrl('stations', tile), officialAuth)).headers.get('etag')).toBe(etag);
    await t.store.write((tx) => tx.execute(sql`UPDATE stations SET name = name || '（已改）' WHERE id = ${Number(id)}`));
    const second = await c.get(tileUrl('stations', tile), officialAuth);
    expect(second.headers.get('etag')).not.toBe(etag);
    expect(decode(await second.arrayBuffer(), 'stations').get(id as string)?.props.name).toMatch(/（已改）$/);

    // A coverage figure a building tile carries follows an edit to another table (an enterprise deregistered).
    const b = await tileWithData('buildings');
    const tiled = decode(await (await c.get(tileUrl('buildings', b), officialAuth)).arrayBuffer(), 'buildings');
    const [bid, bf] = [...tiled.entries()].find(([, f]) => Number(f.props.enterprises) > 0) as [string, { props: Props }];
    await t.store.write((tx) => tx.execute(sql`UPDATE enterprises SET deregistered_on = '2020-01-01' WHERE id = (SELECT min(id) FROM enterprises WHERE building_id = ${Number(bid)} AND deregistered_on IS NULL)`));
    const after = decode(await (await c.get(tileUrl('buildings', b), officialAuth)).arrayBuffer(), 'buildings');
    expect(after.get(bid)?.props.enterprises).toBe(Number(bf.props.enterprises) - 1);

    // Activities are kept too (their rows are in the change log): an edit still shows in the next tile.
    const a = await tileWithData('activities');
    const act = await c.get(tileUrl('activities', a), officialAuth);
    const actTag = act.headers.get('etag') as string;
    expect((await c.get(tileUrl('activities', a), officialAuth)).headers.get('etag')).toBe(actTag);
    const [aid] = [...decode(await act.arrayBuffer(), 'activities').keys()];
    await t.store.write((tx) => tx.execute(sql`UPDATE activities SET participants = participants + 7 WHERE id = ${Number(aid)}`));
    const act2 = await c.get(tileUrl('activities', a), officialAuth);
    expect(act2.headers.get('etag')).not.toBe(actTag);
  });

  it('never serves a stale page of outlines: kept item pages follow an edit, and each reader keeps its own fields', async () => {
    const page = async (id: string, auth: Record<string, string>) => {
      const res = await c.get(`/ogc/collections/${id}/items?limit=1000`, auth);
      expect(res.status).toBe(200);
      return (await res.json()) as FeatureCollection & { numberMatched: number; numberReturned: number; timeStamp: string; links: { rel: string }[] };
    };
    const kept = tilesOf(t.store).items;
    const first = await page('grids', officialAuth);
    const hits = kept.stats.hits;
    const again = await page('grids', officialAuth);
    expect(kept.stats.hits).toBe(hits + 1);
    expect(again.features).toEqual(first.features);
    expect(again.numberMatched).toBe(first.numberMatched);
    expect(again.numberReturned).toBe(first.features.length);
    expect(again.links.map((l) => l.rel)).toEqual(first.links.map((l) => l.rel));
    const id = first.features[0]?.id as number;
    await t.store.write((tx) => tx.execute(sql`UPDATE grids SET name = name || '（已改）' WHERE id = ${id}`));
    const after = await page('grids', officialAuth);
    expect(after.features.find((f) => f.id === id)?.properties?.name).toMatch(/（已改）$/);
    // Stations' phones: the wall display's page never gets them, even when an official's page is kept.
    const staff = await page('stations', officialAuth);
    const wall = await page('stations', displayAuth);
    for (const f of wall.features) expect(f.properties).not.toHaveProperty('phone');
    expect(wall.features.map((f) => f.id)).toEqual(staff.features.map((f) => f.id));
    // Items with coverage figures (buildings) are never kept: they follow every table.
    const entries = kept.entries;
    await page('buildings', officialAuth);
    expect(kept.entries).toBe(entries);
  });

  it('answers If-None-Match with 304, gzips when asked, and marks tiles private', async () => {
    const tile = await tileWithData('buildings');
    const res = await c.get(tileUrl('buildings', tile), officialAuth);
    const plain = new Uint8Array(await res.arrayBuffer());
    const etag = res.headers.get('etag') as string;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(res.headers.get('vary')).toContain('Authorization');
    const again = await c.get(tileUrl('buildings', tile), { ...officialAuth, 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    const zipped = await c.get(tileUrl('buildings', tile), { ...officialAuth, 'accept-encoding': 'gzip, deflate' });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    const body = new Uint8Array(await zipped.arrayBuffer());
    expect(body.byteLength).toBeLessThan(plain.byteLength);
    expect(new Uint8Array(gunzipSync(body))).toEqual(plain);
  });

  it.runIf(kind === 'postgres').each(['buildings', 'roads', 'water', 'stations', 'grids'])('on PostgreSQL, the portable cut (PGlite\'s) draws %s as ST_AsMVTGeom does', async (id) => {
    const def = COLLECTIONS.find((d) => d.id === id) as (typeof COLLECTIONS)[number];
    const tile = await tileWithData(id);
    const input = { store: t.store, services: t.services, def, tile, query: { filters: {} }, withheld: new Set<string>() };
    const shape = (bytes: Uint8Array) => {
      const out = new Map<string, { props: Props; rings: { area: number; box: number[] }[] }>();
      const l = new VectorTile(new PbfReader(bytes)).layers[id];
      for (let i = 0; i < (l?.length ?? 0); i++) {
        const f = (l as NonNullable<typeof l>).feature(i);
        const rings = f.loadGeometry().map((r) => {
          let area = 0;
          for (let j = 0, k = r.length - 1; j < r.length; k = j++) area += ((r[k] as { x: number }).x * (r[j] as { y: number }).y) - ((r[j] as { x: number }).x * (r[k] as { y: number }).y);
          const xs = r.map((p) => p.x);
          const ys = r.map((p) => p.y);
          return { area: area / 2, box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] };
        });
        out.set(String(f.id ?? f.properties.code), { props: { ...f.properties } as Props, rings });
      }
      return out;
    };
    const postgis = shape(await renderInDatabase(input));
    const portable = shape(await renderWithVtPbf(input));
    expect(postgis.size).toBeGreaterThan(0);
    expect([...portable.keys()].sort()).toEqual([...postgis.keys()].sort());
    for (const [key, a] of postgis) {
      const b = portable.get(key) as typeof a;
      expect(b.props, key).toEqual(a.props);
      // Outer rings wind the same way (positive area); outlines agree to a unit or two of 4096.
      expect(b.rings.length, key).toBe(a.rings.length);
      a.rings.forEach((r, i) => {
        const q = b.rings[i] as (typeof a.rings)[number];
        expect(Math.sign(q.area), key).toBe(Math.sign(r.area));
        q.box.forEach((v, j) => expect(Math.abs(v - (r.box[j] as number)), key).toBeLessThanOrEqual(2));
      });
    }
  });

  it('an empty tile is 204; the collection filters narrow a tile', async () => {
    const empty = await c.get(tileUrl('buildings', { z: 14, x: 0, y: 0 }), officialAuth);
    expect(empty.status).toBe(204);
    expect(empty.headers.get('etag')).toBeTruthy();
    const tile = await tileWithData('buildings');
    const all = decode(await (await c.get(tileUrl('buildings', tile), officialAuth)).arrayBuffer(), 'buildings');
    const street = [...all.values()][0]?.props.streetCode as string;
    const some = decode(await (await c.get(tileUrl('buildings', tile, `?streetCode=${street}`), officialAuth)).arrayBuffer(), 'buildings');
    expect(some.size).toBeGreaterThan(0);
    for (const f of some.values()) expect(f.props.streetCode).toBe(street);
    expect([...all.values()].filter((f) => f.props.streetCode === street).length).toBe(some.size);
  });

  it('properties= keeps only the named properties (derived ones too), never what the reader may not read', async () => {
    const tile = await tileWithData('enterprises');
    const all = decode(await (await c.get(tileUrl('enterprises', tile), officialAuth)).arrayBuffer(), 'enterprises');
    const res = await c.get(tileUrl('enterprises', tile, '?properties=employees,partyCoverage'), officialAuth);
    expect(res.status).toBe(200);
    const some = decode(await res.arrayBuffer(), 'enterprises');
    expect([...some.keys()].sort()).toEqual([...all.keys()].sort());
    for (const [id, f] of some) {
      const full = all.get(id)?.props ?? {};
      expect(f.props).toEqual(Object.fromEntries(Object.entries(full).filter(([k]) => k === 'employees' || k === 'partyCoverage')));
    }
    expect([...some.values()].some((f) => typeof f.props.partyCoverage === 'string')).toBe(true);
    // A display token reads stations without their phone, whatever it asks for.
    const st = await tileWithData('stations');
    const shown = decode(await (await c.get(tileUrl('stations', st, '?properties=name,phone'), displayAuth)).arrayBuffer(), 'stations');
    expect(shown.size).toBeGreaterThan(0);
    for (const f of shown.values()) expect(Object.keys(f.props)).toEqual(['name']);
    // And still no enterprise tiles at all.
    expect((await c.get(tileUrl('enterprises', tile, '?properties=employees'), displayAuth)).status).toBe(403);
  });

  it.each([
    ['/ogc/collections/enterprises/tiles/WebMercatorQuad/14/0/0?properties=employees,salary', 400],
    ['/ogc/collections/buildings/tiles/WebMercatorQuad/abc/0/0', 400],
    ['/ogc/collections/buildings/tiles/WebMercatorQuad/-1/0/0', 400],
    ['/ogc/collections/buildings/tiles/WebMercatorQuad/1.5/0/0', 400],
    ['/ogc/collections/buildings/tiles/WebMercatorQuad/3/8/0', 400],
    ['/ogc/collections/buildings/tiles/WebMercatorQuad/3/0/8', 400],
    ['/ogc/collections/buildings/tiles/WebMercatorQuad/99999999999/0/0', 400],
    [`/ogc/collections/buildings/tiles/WebMercatorQuad/${MAX_ZOOM + 1}/0/0`, 404],
    ['/ogc/collections/buildings/tiles/WebMercatorQuad/14/0/0?limit=5', 400],
    ['/ogc/collections/buildings/tiles/WebMercatorQuad/14/0/0?kind=castle', 400],
    ['/ogc/collections/nothing/tiles/WebMercatorQuad/14/0/0', 404],
    ['/ogc/collections/buildings/tiles/WorldCRS84Quad/1/0/0', 404],
    ['/ogc/tileMatrixSets/WorldCRS84Quad', 404],
  ])('%s → %i with a message', async (path, status) => {
    const res = await c.get(path, officialAuth);
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message.length).toBeGreaterThan(5);
  });
});
