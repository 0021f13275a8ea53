// Stations, activities and enterprises as GIS point layers: the OGC API's own GeoJSON imported back changes
// nothing; a Shapefile written by GDAL (GBK attributes, GCJ-02 points) and a KML of placemarks import like a
// spreadsheet; an outline layer is refused in one sentence and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { zipSync } from 'fflate';
import gcoord from 'gcoord';
import { rows } from '../../server/db/store.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { adminSession, client, type Client } from '../helpers/client.js';
import { HAS_GDAL, OGR2OGR } from '../helpers/gdal-street.js';

const run = promisify(execFile);
const STREET = '310106012';

interface Preview {
  counts: { rows: number; valid: number; invalid: number; insert: number; update: number; unchanged: number };
  issues: { row: number; code: string; message: string; severity?: string }[];
  mapping: { column: string; field: string | null }[];
  file: { format: string; encoding: string | null; headerRow: number };
}

/** Metres between two WGS84 points (equirectangular; exact enough within a city). */
const metres = (a: [number, number], b: [number, number]) =>
  Math.hypot((a[0] - b[0]) * 111_320 * Math.cos((a[1] * Math.PI) / 180), (a[1] - b[1]) * 110_574);

describe.each(storeKinds())('GIS point layers as rosters (%s)', (kind) => {
  let t: TestStore;
  let c: Client;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await openTestStore(kind);
    c = client(t.services);
    admin = await adminSession(c);
  });
  afterAll(() => t?.dispose());

  const q = <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => t.store.read((db) => rows<T>(db, query));
  const upload = (path: string, file: Uint8Array | string, name: string, fields: Record<string, string> = {}) => c.upload(path, file, name, admin, fields);

  it.each(['stations', 'activities', 'enterprises'])('imports the OGC API\'s own %s GeoJSON back unchanged', async (collection) => {
    const res = await c.get(`/ogc/collections/${collection}/items?limit=10000`, admin);
    expect(res.status).toBe(200);
    const items = await res.text();
    const n = (JSON.parse(items) as { features: unknown[] }).features.length;
    expect(n).toBeGreaterThan(0);
    const pv = await upload(`/api/import/${collection}/preview`, items, `${collection}.geojson`);
    const p = (await pv.json()) as Preview;
    expect(pv.status, JSON.stringify(p).slice(0, 500)).toBe(200);
    expect(p.file).toMatchObject({ format: 'geojson', headerRow: 0 });
    expect(p.issues.filter((i) => i.severity !== 'warning')).toEqual([]);
    expect(p.counts).toMatchObject({ rows: n, valid: n, invalid: 0, insert: 0, update: 0, unchanged: n });
    const before = await q<{ v: string }>(sql.raw(`SELECT string_agg(id || ':' || version, ',' ORDER BY id) AS v FROM ${collection}`));
    const acc = await upload(`/api/import/${collection}`, items, `${collection}.geojson`);
    expect(acc.status).toBe(200);
    expect(await acc.json()).toMatchObject({ inserted: 0, updated: 0 });
    expect(await q(sql.raw(`SELECT string_agg(id || ':' || version, ',' ORDER BY id) AS v FROM ${collection}`))).toEqual(before);
  });

  it.skipIf(!HAS_GDAL)('imports stations from a Shapefile written by GDAL in GBK with GCJ-02 points, within 1 m', async () => {
    const wgs: [number, number][] = [[121.4561, 31.2271], [121.4589, 31.2283]];
    const gcj = wgs.map((p) => gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as [number, number]);
    const dir = mkdtempSync(join(tmpdir(), 'stations-shp-'));
    try {
      const src = { type: 'FeatureCollection', features: [
        { type: 'Feature', properties: { 名称: '测试职工驿站甲', 类型: '职工驿站', 街道: STREET, 开放时间: '周一至周五 9:00-17:00' }, geometry: { type: 'Point', coordinates: gcj[0] } },
        { type: 'Feature', properties: { 名称: '测试爱心妈咪小屋', 类型: '爱心妈咪小屋', 街道: STREET, 开放时间: null }, geometry: { type: 'Point', coordinates: gcj[1] } },
      ] };
      writeFileSync(join(dir, 'in.geojson'), JSON.stringify(src));
      await run(OGR2OGR, ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=GBK', join(dir, 'st.shp'), join(dir, 'in.geojson')]);
      const files = Object.fromEntries(readdirSync(dir).filter((f) => f.startsWith('st.')).map((f) => [f, new Uint8Array(readFileSync(join(dir, f)))]));
      const pv = await upload('/api/import/stations/preview', zipSync(files), '驿站.zip', { coords: 'gcj02' });
      const p = (await pv.json()) as Preview;
      expect(pv.status, JSON.stringify(p).slice(0, 500)).toBe(200);
      expect(p.file.format).toBe('shapefile');
      expect(p.file.encoding?.toLowerCase()).toContain('gbk');
      expect(p.counts).toMatchObject({ rows: 2, invalid: 0, insert: 2 });
      const res = await upload('/api/import/stations', zipSync(files), '驿站.zip', { coords: 'gcj02' });
      expect(res.status).toBe(200);
      const got = await q<{ name: string; type: string; lon: number; lat: number; coord_source: string }>(
        sql`SELECT name, type, ST_X(geom) AS lon, ST_Y(geom) AS lat, coord_source FROM stations WHERE name LIKE '测试%' ORDER BY name DESC`,
      );
      expect(got.map((g) => [g.name, g.type, g.coord_source])).toEqual([['测试职工驿站甲', 'workers_post', 'gcj02'], ['测试爱心妈咪小屋', 'mothers_room', 'gcj02']]);
      got.forEach((g, i) => expect(metres([g.lon, g.lat], wgs[i] as [number, number])).toBeLessThan(1));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('imports stations from KML placemarks (name and extended data)', async () => {
    const kml = `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>
      <Placemark><name>测试职工书屋</name><ExtendedData><Data name="类型"><value>职工书屋</value></Data><Data name="街道"><value>${STREET}</value></Data></ExtendedData>
      <Point><coordinates>121.4572,31.2266,0</coordinates></Point></Placemark></Document></kml>`;
    const res = await upload('/api/import/stations', kml, 'books.kml');
    expect(res.status, await res.clone().text()).toBe(200);
    const [s] = await q<{ type: string; lon: number }>(sql`SELECT type, ST_X(geom) AS lon FROM stations WHERE name = '测试职工书屋'`);
    expect(s).toMatchObject({ type: 'workers_library' });
    expect(s?.lon).toBeCloseTo(121.4572, 7);
  });

  it('refuses an outline layer as stations in one sentence, writing nothing', async () => {
    const [{ n: before }] = (await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM stations`)) as [{ n: number }];
    const items = await (await c.get('/ogc/collections/buildings/items?limit=5', admin)).text();
    const res = await upload('/api/import/stations', items, 'buildings.geojson');
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Feature 1 is a (Multi)?Polygon.*points/);
    expect(await q(sql`SELECT count(*)::int AS n FROM stations`)).toEqual([{ n: before }]);
  });
});
