// Roads and water as data (issue 16): imported like boundaries from GeoJSON (GCJ-02 and BD-09 converted to WGS84),
// a GBK zipped Shapefile made by GDAL and KML; re-imports change nothing; bad files refused with nothing written;
// served by the OGC API with the demo's hand-drawn network. Against every store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { zipSync } from 'fflate';
import gcoord from 'gcoord';
import { rows } from '../../server/db/store.js';
import { distanceM } from '../../server/domain/coverage/reach.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { adminSession, client, officialAuth, type Client } from '../helpers/client.js';

const run = promisify(execFile);

/** A line along 威海路 in WGS84, in metres-scale steps. */
const WGS_LINE: [number, number][] = [[121.4501, 31.2241], [121.4546, 31.2252], [121.4593, 31.2263], [121.4623, 31.227]];

describe.each(storeKinds())('roads and water (%s)', (kind) => {
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
  const counts = async () => (await q<{ r: number; w: number; a: number }>(sql`SELECT (SELECT count(*) FROM roads)::int AS r, (SELECT count(*) FROM water)::int AS w, (SELECT count(*) FROM audit_log)::int AS a`))[0];
  const lineOf = async (name: string) => {
    const [r] = await q<{ gj: string; coord_source: string | null; class: string; barrier: boolean }>(sql`SELECT ST_AsGeoJSON(geom) AS gj, coord_source, class, barrier FROM roads WHERE name = ${name}`);
    return r ? { ...r, coords: (JSON.parse(r.gj) as { coordinates: number[][][] }).coordinates } : null;
  };

  it('imports GCJ-02 roads (as Amap gives them): every vertex lands within 1 m of its WGS84 place', async () => {
    const gcj = WGS_LINE.map((p) => gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as [number, number]);
    // The offset is hundreds of metres: landing within 1 m proves the conversion, not the absence of one.
    expect(distanceM(gcj[0]![0], gcj[0]![1], WGS_LINE[0]![0], WGS_LINE[0]![1])).toBeGreaterThan(100);
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 道路名称: '导入测试路', 道路等级: '次干道' }, geometry: { type: 'LineString', coordinates: gcj } }] };
    const res = await upload('/api/import/roads', JSON.stringify(fc), 'roads-gcj.geojson', { coords: 'gcj02' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ kind: 'roads', inserted: 1, updated: 0 });
    const road = await lineOf('导入测试路');
    expect(road).toMatchObject({ coord_source: 'gcj02', class: 'secondary', barrier: false });
    const got = road!.coords[0]!;
    expect(got).toHaveLength(WGS_LINE.length);
    got.forEach((p, i) => expect(distanceM(p[0]!, p[1]!, WGS_LINE[i]![0], WGS_LINE[i]![1])).toBeLessThan(1));
    // The same file again changes nothing.
    const again = await upload('/api/import/roads', JSON.stringify(fc), 'roads-gcj.geojson', { coords: 'gcj02' });
    expect(await again.json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
  });

  it('imports BD-09 roads within 1 m too, and gathers features of one named road into one record', async () => {
    const bd = WGS_LINE.map((p) => gcoord.transform([p[0], p[1] + 0.01], gcoord.WGS84, gcoord.BD09) as [number, number]);
    const feature = (coords: [number, number][]) => ({ type: 'Feature', properties: { name: '百度测试路', class: 'footway', barrier: '否' }, geometry: { type: 'LineString', coordinates: coords } });
    const fc = { type: 'FeatureCollection', features: [feature(bd.slice(0, 2)), feature(bd.slice(2))] };
    expect(await (await upload('/api/import/roads', JSON.stringify(fc), 'bd.geojson', { coords: 'bd09' })).json()).toMatchObject({ inserted: 1 });
    const road = await lineOf('百度测试路');
    expect(road?.coords).toHaveLength(2);
    const flat = road!.coords.flat();
    flat.forEach((p, i) => expect(distanceM(p[0]!, p[1]!, WGS_LINE[i]![0], WGS_LINE[i]![1] + 0.01)).toBeLessThan(1));
  });

  it('reads a zipped Shapefile written by GDAL in GBK (Chinese names and classes) and KML water', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roads-shp-'));
    try {
      const src = { type: 'FeatureCollection', features: [
        { type: 'Feature', properties: { 路名: '测试高架路', 等级: '主干道', 高架: '是' }, geometry: { type: 'LineString', coordinates: [[121.45, 31.235], [121.46, 31.236]] } },
        { type: 'Feature', properties: { 路名: '测试支路', 等级: '支路', 高架: '否' }, geometry: { type: 'LineString', coordinates: [[121.45, 31.2345], [121.46, 31.2346]] } },
      ] };
      writeFileSync(join(dir, 'in.geojson'), JSON.stringify(src));
      await run('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=GBK', join(dir, 'roads.shp'), join(dir, 'in.geojson')]);
      const files = Object.fromEntries(readdirSync(dir).filter((f) => f.startsWith('roads.')).map((f) => [f, new Uint8Array(readFileSync(join(dir, f)))]));
      const res = await upload('/api/import/roads', zipSync(files), 'roads-gbk.zip', { mapping: JSON.stringify({ 高架: 'barrier' }) });
      const body = (await res.json()) as { inserted: number; preview: { file: { encoding: string } } };
      expect(res.status).toBe(200);
      expect(body.inserted).toBe(2);
      expect(body.preview.file.encoding.toLowerCase()).toContain('gbk');
      expect(await lineOf('测试高架路')).toMatchObject({ class: 'arterial', barrier: true, coord_source: 'wgs84' });
      expect(await lineOf('测试支路')).toMatchObject({ class: 'branch', barrier: false });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const kml = `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>测试湖</name>
      <ExtendedData><Data name="类型"><value>湖泊</value></Data></ExtendedData>
      <Polygon><outerBoundaryIs><LinearRing><coordinates>121.45,31.23 121.451,31.23 121.451,31.231 121.45,31.231 121.45,31.23</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Document></kml>`;
    const w = await upload('/api/import/water', kml, 'lake.kml');
    expect(w.status).toBe(200);
    const [lake] = await q<{ kind: string }>(sql`SELECT kind FROM water WHERE name = '测试湖'`);
    expect(lake?.kind).toBe('lake');
  });

  it('refuses areas as roads, an unknown class, GCJ-02 outside China and a self-crossing lake with a clear 422, writing nothing', async () => {
    const before = await counts();
    const bad = [
      { properties: { name: 'x', class: 'arterial' }, geometry: { type: 'Polygon', coordinates: [[[121.45, 31.23], [121.451, 31.23], [121.451, 31.231], [121.45, 31.23]]] } },
      { properties: { name: 'y', class: '高速公路桥' }, geometry: { type: 'LineString', coordinates: [[121.45, 31.23], [121.451, 31.23]] } },
      { properties: { name: 'z', class: 'branch' }, geometry: { type: 'LineString', coordinates: [[121.45, 31.23]] } },
    ];
    const res = await upload('/api/import/roads', JSON.stringify({ type: 'FeatureCollection', features: bad.map((f) => ({ type: 'Feature', ...f })) }), 'bad.geojson');
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { details: { issues: { row: number; field: string }[] } } };
    expect(body.error.details.issues.map((i) => [i.row, i.field])).toEqual([[1, 'geometry'], [2, 'class'], [3, 'geometry']]);
    const abroad = { type: 'Feature', properties: { name: 'w', class: 'branch' }, geometry: { type: 'LineString', coordinates: [[2.35, 48.85], [2.36, 48.86]] } };
    expect((await upload('/api/import/roads', JSON.stringify(abroad), 'paris.geojson', { coords: 'gcj02' })).status).toBe(422);
    const bowtie = { type: 'Feature', properties: { name: '蝴蝶湖', kind: 'lake' }, geometry: { type: 'Polygon', coordinates: [[[121.45, 31.23], [121.451, 31.231], [121.451, 31.23], [121.45, 31.231], [121.45, 31.23]]] } };
    const b = await upload('/api/import/water', JSON.stringify(bowtie), 'bowtie.geojson');
    expect(b.status).toBe(422);
    expect(JSON.stringify(await b.json())).toContain('Self-intersection');
    expect(await counts()).toEqual(before);
  });

  it('serves the demo roads and water through the OGC API, filtered by class and barrier', async () => {
    const get = async (path: string) => (await c.get(path, officialAuth)).json() as Promise<{ features: { properties: Record<string, unknown>; geometry: { type: string } }[] }>;
    const arterial = await get('/ogc/collections/roads/items?class=arterial&limit=1000');
    const names = arterial.features.map((f) => f.properties.name);
    expect(names).toEqual(expect.arrayContaining(['南京西路', '延安中路', '中山南路', '新华大街']));
    expect(arterial.features.every((f) => f.properties.class === 'arterial' && f.geometry.type === 'MultiLineString')).toBe(true);
    const barriers = await get('/ogc/collections/roads/items?barrier=true');
    expect(barriers.features.map((f) => f.properties.name)).toContain('延安高架路');
    const water = await get('/ogc/collections/water/items');
    expect(water.features.map((f) => f.properties.name)).toContain('黄浦江');
    expect(water.features.find((f) => f.properties.name === '黄浦江')?.properties.illustrative).toBe(true);
  });
});
