// Walks EVERY GET route of the app (as the app itself lists them) as each kind of reader, with real demo ids in
// the path, and checks what comes back against the access table: per-enterprise and personal data (names,
// codes, addresses, contact persons, phones, per-enterprise figures) reach staff only; a wall display token gets
// figures and places; an anonymous caller gets the public service only. Admin must get 200 everywhere the walk
// goes, so a new route without real parameters here fails instead of passing on a 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';
import { COLLECTIONS } from '../../server/ogc/collections.js';
import { createApiToken } from '../../server/auth/service.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { client, displayAuth, officialAuth, type Client } from '../helpers/client.js';
import { privateStrings, type PrivateStrings } from './publications-scan.js';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { tileOf } from '../../server/tiles/tms.js';
import { jpegWithGps } from '../helpers/exif-jpeg.js';

const STREET = '310106012';
/** Keys that only a per-enterprise record has. */
const ENTERPRISE_KEYS = new Set(['uscc', 'partyCoverage', 'unionCoverage', 'noOrgReason', 'contactPerson', 'contactPhone', 'reasons']);
/** Routes that are public by design (the service, its documentation, the caller's own session, published pages). */
const PUBLIC = [/^\/api\/health$/, /^\/api\/docs/, /^\/api\/openapi\.json$/, /^\/api\/config$/, /^\/api\/auth\/(session|me)$/, /^\/ogc(\/conformance|\/api)?$/, /^\/ogc\/tileMatrixSets/, /^\/p\//];

const DESCRIPTIONS = ['/api/openapi.json', '/ogc/api'];

type Role = 'anonymous' | 'display' | 'official' | 'editor-here' | 'editor-elsewhere' | 'admin';
const STAFF: Role[] = ['official', 'editor-here', 'editor-elsewhere', 'admin'];

interface Walked {
  template: string;
  url: string;
}

function keysIn(value: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysIn(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      // An empty array of a withheld field says nothing.
      if (!(Array.isArray(v) && v.length === 0)) out.add(k);
      keysIn(v, out);
    }
  }
  return out;
}

/** Property keys of a Mapbox Vector Tile's features. */
function tileKeys(bytes: ArrayBuffer): Set<string> {
  const out = new Set<string>();
  if (bytes.byteLength === 0) return out;
  const tile = new VectorTile(new PbfReader(new Uint8Array(bytes)));
  for (const layer of Object.values(tile.layers)) for (let i = 0; i < layer.length; i++) for (const k of Object.keys(layer.feature(i).properties)) out.add(k);
  return out;
}

async function bodyOf(res: Response): Promise<string> {
  if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    // The event stream never ends: its first message is what a reader gets.
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const { value } = await reader.read();
    await reader.cancel();
    return new TextDecoder().decode(value);
  }
  return res.text();
}

describe.each(storeKinds())('every GET route as every reader, on %s', (kind) => {
  let t: TestStore;
  let c: Client;
  let priv: PrivateStrings;
  const auth: Record<Role, Record<string, string>> = {
    anonymous: {},
    display: displayAuth,
    official: officialAuth,
    'editor-here': {},
    'editor-elsewhere': {},
    admin: {},
  };
  const walked: Walked[] = [];

  beforeAll(async () => {
    t = await openTestStore(kind);
    c = client(t.services);
    const token = async (role: 'editor' | 'admin', streetCodes: string[]) =>
      ({ authorization: `Bearer ${(await createApiToken(t.store, 'test', null, { name: `walk-${role}-${streetCodes.join()}`, role, streetCodes })).token}` });
    const other = (await t.store.read((db) => rows<{ code: string }>(db, sql`SELECT code FROM streets WHERE code <> ${STREET} ORDER BY code LIMIT 1`)))[0]?.code as string;
    auth['editor-here'] = await token('editor', [STREET]);
    auth['editor-elsewhere'] = await token('editor', [other]);
    auth.admin = await token('admin', []);
    // Internal-record fields the demo leaves empty: fill some, so the walk can look for them.
    await t.store.write((tx) => tx.execute(sql`
      UPDATE enterprises SET address = '哨兵路' || id || '号内部地址', contact_person = '哨兵联系人' || id, contact_phone = '1390000' || lpad(id::text, 4, '0')
      WHERE id IN (SELECT id FROM enterprises WHERE street_code = ${STREET} ORDER BY id LIMIT 20)`));
    priv = await privateStrings(t);
    const pub = await c.send('POST', '/api/publications', { title: '走查', scope: `street:${STREET}` }, auth.admin);
    expect(pub.status).toBe(201);
    const publicationId = ((await pub.json()) as { id: number }).id;

    const first = async (table: string, where = sql`TRUE`) =>
      (await t.store.read((db) => rows<{ id: string }>(db, sql`SELECT id::text AS id FROM ${sql.raw(table)} WHERE ${where} ORDER BY id LIMIT 1`)))[0]?.id;
    const building = (await t.store.read((db) =>
      rows<{ id: string }>(db, sql`SELECT building_id::text AS id FROM enterprises WHERE street_code = ${STREET} AND contact_person IS NOT NULL ORDER BY id LIMIT 1`)))[0]?.id as string;
    const gridChange = await first('grid_change_sets');
    const station = await first('stations');
    const tableOf: Record<string, string> = { 'business-districts': 'business_districts', districts: 'districts', water: 'water' };
    const featureIds: Record<string, string> = {};
    // A zoom-15 tile over each collection's first feature, so its tile route answers with data.
    const tiles: Record<string, string> = {};
    for (const def of COLLECTIONS) {
      const res = await c.get(`/ogc/collections/${def.id}/items?limit=1`, auth.admin);
      const fc = (await res.json()) as { features: { id: string | number; geometry: { coordinates: unknown } }[] };
      featureIds[def.id] = String(fc.features[0]?.id ?? (await first(tableOf[def.id] ?? def.id)));
      let p: unknown = fc.features[0]?.geometry.coordinates;
      while (Array.isArray(p) && Array.isArray(p[0])) p = p[0];
      const [lon, lat] = (p as number[] | undefined) ?? [121.45, 31.23];
      const tile = tileOf(lon as number, lat as number, 15);
      tiles[def.id] = `${tile.z}/${tile.y}/${tile.x}`;
    }
    // A station photo, so its route answers 200 to admin (uploads are a write: their rules are tested in station-photos.test.ts).
    const photoStation = (await first('stations', sql`street_code = ${STREET}`)) as string;
    const put = await c.app.request(`http://test.local/api/stations/${photoStation}/photo`, { method: 'PUT', body: jpegWithGps(64, 48) as BodyInit, headers: { 'content-type': 'image/jpeg', ...auth.admin } });
    expect(put.status).toBe(200);
    const enterpriseName = (await t.store.read((db) => rows<{ name: string }>(db, sql`SELECT name FROM enterprises ORDER BY id LIMIT 1`)))[0]?.name ?? '';

    const queries: Record<string, string> = {
      '/api/coverage/summary': `level=street&id=${STREET}`,
      '/api/coverage/trend': `level=street&id=${STREET}`,
      '/api/coverage/warnings': `level=street&id=${STREET}`,
      '/api/coverage/gaps': `level=building&kind=party&streetCode=${STREET}&limit=50`,
      '/api/coverage/bands': `level=street&id=${STREET}`,
      '/api/coverage/bands/polygons': `level=street&id=${STREET}`,
      '/api/density/hexagons': 'bbox=121.40,31.19,121.52,31.26&zoom=13',
      '/api/search': `q=${encodeURIComponent(enterpriseName.slice(0, 4))}`,
      '/api/wall/summary': `scope=street:${STREET}`,
      '/api/wall/tour': `scope=street:${STREET}`,
      '/api/export/:collection': 'format=geojson',
      '/ogc/collections/:collectionId/items': 'limit=1000',
      '/api/stations': `streetCode=${STREET}`,
    };
    const fill = (template: string): string[] => {
      if (template.includes(':collectionId') || template.includes(':collection')) {
        return COLLECTIONS.flatMap((def) =>
          fill(template.replace(/:collection(Id)?/, def.id).replace(':featureId', encodeURIComponent(featureIds[def.id] ?? '1')).replace(':tileMatrix/:tileRow/:tileCol', tiles[def.id] as string)),
        );
      }
      const path = template
        .replace(':streetCode', STREET)
        .replace(/^\/api\/coverage\/buildings\/:id$/, `/api/coverage/buildings/${building}`)
        .replace(/^\/api\/coverage\/stations\/:id\/bands$/, `/api/coverage/stations/${station}/bands`)
        .replace(/^\/api\/coverage\/stations\/:id\/bands\/polygons$/, `/api/coverage/stations/${station}/bands/polygons`)
        .replace(/^\/api\/publications\/:id/, `/api/publications/${publicationId}`)
        .replace(/^\/api\/stations\/:id/, `/api/stations/${photoStation}`)
        .replace(/grid-history\/:id/, `grid-history/${gridChange ?? 1}`)
        .replace(':file', 'enterprises.xlsx')
        .replace(':name', 'swagger-ui.css')
        .replace(/\/\*$/, `/walk/`);
      return [path];
    };
    const templates = [...new Set(c.app.routes.filter((r) => r.method === 'GET').map((r) => r.path))];
    for (const template of templates) {
      for (const path of fill(template)) {
        const pattern = Object.keys(queries).find((q) => new RegExp(`^${q.replace(/:\w+/g, '[^/]+')}$`).test(path) || q === template);
        walked.push({ template, url: pattern ? `${path}?${queries[pattern]}` : path });
      }
    }
  }, 180_000);
  afterAll(async () => {
    await t?.dispose();
  });

  it('walks every GET route the app has, and admin gets 200 on each', async () => {
    const templates = new Set(walked.map((w) => w.template));
    // The main routes of every router, so an empty walk cannot pass.
    for (const must of ['/api/stations', '/api/stations/:id/photo', '/api/coverage/buildings/:id', '/api/density/hexagons', '/api/search', '/api/export/:collection', '/api/events', '/api/wall/summary', '/ogc/collections/:collectionId/items/:featureId', '/ogc/collections/:collectionId/tiles/WebMercatorQuad/:tileMatrix/:tileRow/:tileCol']) {
      expect(templates).toContain(must);
    }
    const failures: string[] = [];
    for (const w of walked) {
      const res = await c.get(w.url, auth.admin);
      await bodyOf(res);
      // Published pages need a published map: they answer 404 here, and the publication tests cover them.
      // A draft's export.zip needs a published version (409 until then).
      const expected = w.template.startsWith('/p/') || (w.template.includes('grid-history/:id') && res.status === 404) ? [200, 301, 404] : w.template.endsWith('/export.zip') ? [409] : [200];
      if (!expected.includes(res.status)) failures.push(`${w.url} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it.each<Role>(['anonymous', 'display'])('%s gets no per-enterprise or personal data from any route', async (role) => {
    const leaks: string[] = [];
    for (const w of walked) {
      const res = await c.get(w.url, auth[role]);
      if ((res.headers.get('content-type') ?? '') === 'application/vnd.mapbox-vector-tile') {
        // A vector tile: its strings are scanned like any body, its property keys like JSON keys.
        if (role === 'anonymous') leaks.push(`${w.url}: anonymous got a tile`);
        const bytes = await res.arrayBuffer();
        const text = new TextDecoder().decode(bytes);
        for (const s of priv.scanned) if (text.includes(s.value)) leaks.push(`${w.url}: ${s.kind} ${s.value}`);
        for (const k of tileKeys(bytes)) if (ENTERPRISE_KEYS.has(k) || ['propertyManager', 'phone'].includes(k)) leaks.push(`${w.url}: tile field ${k}`);
        continue;
      }
      const text = await bodyOf(res);
      if (role === 'anonymous' && res.status === 200 && !PUBLIC.some((p) => p.test(w.url.split('?')[0] as string))) leaks.push(`${w.url}: anonymous got 200`);
      if (res.status !== 200) continue;
      for (const s of priv.scanned) if (text.includes(s.value)) leaks.push(`${w.url}: ${s.kind} ${s.value}`);
      // The API's own descriptions name every field in their schemas: documentation, not data.
      if ((res.headers.get('content-type') ?? '').includes('json') && !DESCRIPTIONS.includes(w.url)) {
        const keys = keysIn(JSON.parse(text), new Set());
        for (const k of keys) if (ENTERPRISE_KEYS.has(k)) leaks.push(`${w.url}: field ${k}`);
      }
    }
    expect(leaks.slice(0, 40)).toEqual([]);
  }, 300_000);

  it('the display token gets the figures a wall shows: area summaries, the wall, places, and a building without its enterprises', async () => {
    const building = walked.find((w) => w.template === '/api/coverage/buildings/:id') as Walked;
    for (const url of [`/api/wall/summary?scope=street:${STREET}`, `/api/coverage/summary?level=street&id=${STREET}`, '/ogc/collections/buildings/items?limit=5', building.url]) {
      expect((await c.get(url, displayAuth)).status, url).toBe(200);
    }
    const file = (await (await c.get(building.url, displayAuth)).json()) as { summary: { enterprises: number }; enterprises: unknown[]; organisations: unknown[]; instructors: unknown[] };
    expect(file.summary.enterprises).toBeGreaterThan(0);
    expect(file.enterprises).toEqual([]);
    expect(file.organisations).toEqual([]);
    expect(file.instructors).toEqual([]);
    for (const url of ['/ogc/collections/enterprises/items', '/api/search?q=a', '/api/export/buildings', `/api/streets/${STREET}/grid-editor`]) {
      expect((await c.get(url, displayAuth)).status, url).toBe(403);
    }
  });

  it.each<Role>(STAFF)('%s reads the per-enterprise records (names, contacts) of any street', async (role) => {
    const building = walked.find((w) => w.template === '/api/coverage/buildings/:id') as Walked;
    const file = (await (await c.get(building.url, auth[role])).json()) as { enterprises: { name: string }[] };
    expect(file.enterprises.length).toBeGreaterThan(0);
    const items = await c.get(`/ogc/collections/enterprises/items?streetCode=${STREET}&limit=5`, auth[role]);
    expect(items.status).toBe(200);
    const fc = (await items.json()) as { features: { properties: Record<string, unknown> }[] };
    expect(fc.features[0]?.properties.contactPerson).toMatch(/^哨兵联系人/);
    expect((await c.get(`/api/search?q=${encodeURIComponent(file.enterprises[0]?.name.slice(0, 4) ?? '')}`, auth[role])).status).toBe(200);
  });
});
