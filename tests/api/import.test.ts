// Import of rosters and boundaries through the API, against every store: mapping, the report per row and
// column, all-or-nothing writes with one audit row, idempotent re-imports, placement by name, address and
// (GCJ-02) coordinates, and bad files refused with a clear 4xx while the database stays exactly as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { zipSync, strToU8 } from 'fflate';
import gcoord from 'gcoord';
import writeXlsxFile from 'write-excel-file/node';
import { readSheet } from 'read-excel-file/node';
import { rows } from '../../server/db/store.js';
import { makeUscc } from '../../geodata/generate/uscc.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { BASE, adminSession, client, officialAuth, type Client } from '../helpers/client.js';

const FIX = 'tests/fixtures/import';
const TABLES = ['enterprises', 'organisations', 'organisation_coverage', 'instructors', 'instructor_assignments', 'stations', 'activities', 'buildings', 'business_districts', 'streets', 'grids', 'audit_log'];
const uscc = (n: number) => makeUscc('310106', 700_000 + n);
/** A USCC whose check character is wrong. */
const badCheck = (code: string) => code.slice(0, 17) + (code[17] === '0' ? '1' : '0');

/** 200 MB of zeros compresses to about 200 KB; made once for both drivers (compressing takes seconds). */
let bombs: { bomb: Uint8Array; shpBomb: Uint8Array } | undefined;
const zipBombs = () =>
  (bombs ??= {
    bomb: zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/worksheets/sheet1.xml': new Uint8Array(200 * 1024 * 1024) }, { level: 1 }),
    shpBomb: zipSync({ 'a.shp': new Uint8Array(200 * 1024 * 1024), 'a.dbf': new Uint8Array(10) }, { level: 1 }),
  });

describe.each(storeKinds())('import (%s)', (kind) => {
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
  const snapshot = async () => {
    const out: Record<string, number> = {};
    for (const table of TABLES) out[table] = (await q<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0]?.n ?? -1;
    out.changeLog = Number((await q<{ m: string | null }>(sql`SELECT max(id)::text AS m FROM change_log`))[0]?.m ?? 0);
    out.versions = (await q<{ s: number }>(sql`SELECT (SELECT sum(version) FROM enterprises) + (SELECT sum(version) FROM organisations) + (SELECT sum(version) FROM stations) + (SELECT sum(version) FROM buildings) AS s`))[0]?.s ?? -1;
    return out;
  };
  const upload = (path: string, file: Blob | Uint8Array | string, name: string, fields: Record<string, string> = {}, headers = admin) => {
    const form = new FormData();
    form.set('file', file instanceof Blob ? file : new Blob([file as BlobPart]), name);
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return c.app.request(`${BASE}${path}`, { method: 'POST', body: form, headers });
  };
  interface StoredGrid { code: string; name: string; street_code: string; gj: string }
  const streetGrids = (street: string) => q<StoredGrid>(sql`SELECT code, name, street_code, ST_AsGeoJSON(geom, 15) AS gj FROM grids WHERE street_code = ${street} ORDER BY id`);
  const gridFeature = (x: StoredGrid) => ({ type: 'Feature', properties: { 网格编码: x.code, 网格名称: x.name, 所属街道: x.street_code }, geometry: JSON.parse(x.gj) as unknown });
  const preview = (kindPath: string, file: Blob | Uint8Array | string, name: string, fields: Record<string, string> = {}) => upload(`/api/import/${kindPath}/preview`, file, name, fields);
  const accept = (kindPath: string, file: Blob | Uint8Array | string, name: string, fields: Record<string, string> = {}) => upload(`/api/import/${kindPath}`, file, name, fields);
  interface Issue { row: number; column: string; field: string; code: string; value?: string; message?: string }
  interface Preview { mapping: { column: string; field: string | null }[]; issues: Issue[]; counts: Record<string, number>; file: { encoding: string | null; format: string } }
  interface Result { inserted: number; updated: number; unchanged: number; skipped: number; linksAdded?: number }

  const BOM = '\uFEFF';
  const enterpriseCsv = (rowsText: string[]) => `${BOM}统一社会信用代码,企业名称,所在楼宇,地址,经度,纬度,从业人员数,党员数,行业,所有制,注册日期\r\n${rowsText.join('\r\n')}\r\n`;

  it('serves an Excel template per roster kind with Chinese headers, to admins only', async () => {
    const res = await c.get('/api/import/templates/enterprises.xlsx', admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const sheet = await readSheet(Buffer.from(await res.arrayBuffer()));
    expect(sheet[0]).toEqual(expect.arrayContaining(['统一社会信用代码', '企业名称', '所在楼宇', '经度', '纬度', '坐标系', '从业人员数', '党员数', '工会会员数', '行业', '经济类型', '成立日期']));
    for (const k of ['organisations', 'instructors', 'stations', 'activities']) expect((await c.get(`/api/import/templates/${k}.xlsx`, admin)).status).toBe(200);
    expect((await c.get('/api/import/templates/castles.xlsx', admin)).status).toBe(400);
    expect((await c.get('/api/import/templates/enterprises.xlsx', officialAuth)).status).toBe(403);
    expect((await c.get('/api/import/templates/enterprises.xlsx')).status).toBe(401);
  });

  it('reports every bad row and column, writes nothing on preview, and refuses to accept a file with invalid rows', async () => {
    const before = await snapshot();
    const csv = enterpriseCsv([
      `${uscc(1)},甲公司,恒隆广场,,,,35,3,软件,民营,2020-05-01`,
      `${badCheck(uscc(2))},乙公司,恒隆广场,,,,10,0,软件,民营,2020-05-01`,
      `${uscc(3)},丙公司,恒隆广场,,,,三十,0,软件,民营,2020-05-01`,
      `${uscc(4)},丁公司,恒隆广场,,,,10,0,软件,民营,2020-13-45`,
      `${uscc(5)},戊公司,,,31.23,121.46,10,0,软件,民营,2020-05-01`,
      `${uscc(6)},己公司,不存在的大厦,,,,10,0,软件,民营,2020-05-01`,
      `${uscc(7)},庚公司,恒隆广场,,,,10,0,软件,地下钱庄,2020-05-01`,
      `${uscc(8)},,恒隆广场,,,,10,0,软件,民营,2020-05-01`,
      `${uscc(9)},辛公司,恒隆广场,,,,10,0,软件,民营,2020-05-01`,
      `${uscc(9)},壬公司,张园,,,,10,0,软件,民营,2020-05-01`,
    ]);
    const res = await preview('enterprises', csv, 'bad.csv');
    expect(res.status).toBe(200);
    const p = (await res.json()) as Preview;
    expect(p.file.encoding).toBe('utf-8-bom');
    expect(p.mapping.find((m) => m.column === '所有制')?.field).toBe('ownership');
    expect(p.mapping.find((m) => m.column === '注册日期')?.field).toBe('registeredOn');
    const at = (row: number) => p.issues.filter((i) => i.row === row).map((i) => `${i.column}:${i.code}`);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual(['统一社会信用代码:bad_uscc']);
    expect(at(4)).toEqual(['从业人员数:not_number']);
    expect(at(5)).toEqual(['注册日期:bad_date']);
    expect(at(6)).toContain('纬度:bad_coordinates');
    expect(at(7)).toEqual(['所在楼宇:unknown_building']);
    expect(at(8)).toEqual(['所有制:bad_value']);
    expect(at(9)).toEqual(['企业名称:required']);
    expect(at(10)).toEqual(['统一社会信用代码:duplicate_uscc']);
    expect(at(11)).toEqual(['统一社会信用代码:duplicate_uscc']);
    expect(p.counts).toMatchObject({ rows: 10, valid: 1, invalid: 9, insert: 1 });
    expect(await snapshot()).toEqual(before);
    const refused = await accept('enterprises', csv, 'bad.csv');
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { code: string; details: Preview } }).error.details.issues.length).toBeGreaterThan(8);
    expect(await snapshot()).toEqual(before);
  });

  it('writes all valid rows in one transaction with one audit row, placed by name, address or GCJ-02 coordinates; the same file again changes nothing', async () => {
    const [hl] = await q<{ id: number; street_code: string; grid_id: number; address: string }>(sql`SELECT id, street_code, grid_id, address FROM buildings WHERE name = '恒隆广场'`);
    const [target] = await q<{ id: number; name: string; x: number; y: number; street_code: string; grid_id: number }>(
      sql`SELECT id, name, street_code, grid_id, ST_X(ST_PointOnSurface(geom)) AS x, ST_Y(ST_PointOnSurface(geom)) AS y FROM buildings WHERE GeometryType(geom) = 'POLYGON' AND name <> '恒隆广场' ORDER BY id LIMIT 1`,
    );
    if (!hl || !target) throw new Error('demo buildings missing');
    const [gx, gy] = gcoord.transform([target.x, target.y], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    const csv = enterpriseCsv([
      `${uscc(21)},上海一号科技有限公司,恒 隆 广 场,,,,120,12,软件,民营,2019/3/1`,
      `${uscc(22)},上海二号贸易有限公司,,上海市静安区${hl.address.replace(/(\d+)/, (d) => d.replace(/\d/g, (x) => String.fromCharCode(0xff10 + Number(x))))}15楼,,,40,2,批发零售,外资,2021年7月8日`,
      `${uscc(23)},上海三号咨询有限公司,,,${gx.toFixed(7)},${gy.toFixed(7)},9,0,商务服务,国有,20180102`,
      `${badCheck(uscc(24))},坏代码公司,恒隆广场,,,,1,0,软件,民营,2020-01-01`,
    ]);
    const before = await snapshot();
    const res = await accept('enterprises', csv, 'roster.csv', { coords: 'gcj02', skipInvalid: 'true' });
    expect(res.status).toBe(200);
    expect((await res.json()) as Result).toMatchObject({ inserted: 3, updated: 0, unchanged: 0, skipped: 1 });
    const after = await snapshot();
    expect(after.enterprises).toBe((before.enterprises ?? 0) + 3);
    expect(after.audit_log).toBe((before.audit_log ?? 0) + 1);
    const got = await q<{ uscc: string; building_id: number; street_code: string; grid_id: number; coord_source: string | null; registered_on: string; version: number }>(
      sql`SELECT uscc, building_id, street_code, grid_id, coord_source, registered_on::text, version FROM enterprises WHERE uscc IN (${uscc(21)}, ${uscc(22)}, ${uscc(23)}) ORDER BY uscc`,
    );
    expect(got.map((g) => [g.building_id, g.street_code, g.grid_id, g.coord_source, g.registered_on])).toEqual([
      [hl.id, hl.street_code, hl.grid_id, null, '2019-03-01'],
      [hl.id, hl.street_code, hl.grid_id, null, '2021-07-08'],
      [target.id, target.street_code, target.grid_id, 'gcj02', '2018-01-02'],
    ]);
    // The GCJ-02 point was converted back to (about) the footprint's WGS84 point.
    const [pt] = await q<{ d: number }>(sql`SELECT ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(${target.x}, ${target.y}), 4326)::geography) AS d FROM enterprises WHERE uscc = ${uscc(23)}`);
    expect(pt?.d).toBeLessThan(2);
    const [audit] = await q<{ action: string; entity: string; actor: string }>(sql`SELECT action, entity, actor FROM audit_log ORDER BY id DESC LIMIT 1`);
    expect(audit).toEqual({ action: 'import', entity: 'enterprises', actor: 'user:admin' });

    const again = await accept('enterprises', csv, 'roster.csv', { coords: 'gcj02', skipInvalid: 'true' });
    expect((await again.json()) as Result).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    expect(await snapshot()).toEqual(after);

    // One changed figure: one update, one version bump, nothing else.
    const changed = csv.replace(`${uscc(21)},上海一号科技有限公司,恒 隆 广 场,,,,120`, `${uscc(21)},上海一号科技有限公司,恒 隆 广 场,,,,130`);
    expect((await (await accept('enterprises', changed, 'roster.csv', { coords: 'gcj02', skipInvalid: 'true' })).json()) as Result).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
    const [e21] = await q<{ employees: number; version: number }>(sql`SELECT employees, version FROM enterprises WHERE uscc = ${uscc(21)}`);
    expect(e21).toEqual({ employees: 130, version: 2 });
  });

  it('reads GBK CSV as Excel in China saves it, and XLSX with a title row above the headers', async () => {
    const res = await accept('enterprises', readFileSync(`${FIX}/enterprises-gbk.csv`), 'gbk.csv');
    expect(res.status).toBe(200);
    expect(((await res.json()) as Result & { preview: Preview }).preview.file.encoding).toBe('gb18030');
    const names = await q<{ name: string }>(sql`SELECT name FROM enterprises WHERE uscc IN ('913101060000Y6G90F', '913101060000Y6GA0G') ORDER BY uscc`);
    expect(names.map((n) => n.name)).toEqual(['上海甲乙软件有限公司', '上海丙丁咨询有限公司']);

    const xlsx = await writeXlsxFile([
      [{ value: '南京西路街道企业名录(2025年)' }],
      ['USCC', 'Name', 'Building', 'Employees', 'Industry', 'Ownership', 'Registered on'].map((value) => ({ value })),
      [{ value: uscc(31) }, { value: 'Shanghai Four Ltd' }, { value: '恒隆广场' }, { value: 50 }, { value: '金融' }, { value: 'foreign' }, { value: new Date('2022-02-03'), format: 'yyyy-mm-dd' }],
    ] as never).toBuffer();
    const p = await accept('enterprises', new Uint8Array(xlsx), 'roster.xlsx');
    expect(p.status).toBe(200);
    expect((await p.json()) as Result).toMatchObject({ inserted: 1 });
    const [e] = await q<{ registered_on: string; ownership: string }>(sql`SELECT registered_on::text, ownership FROM enterprises WHERE uscc = ${uscc(31)}`);
    expect(e).toEqual({ registered_on: '2022-02-03', ownership: 'foreign' });
  });

  it('lets the user map columns the detector does not know; unmapped required columns are a 422 with the mapping', async () => {
    const csv = `信用码,单位,楼,人数,行业,所有制,成立日期\r\n${uscc(41)},映射公司,恒隆广场,12,软件,民营,2020-01-01\r\n`;
    const before = await snapshot();
    const res = await preview('enterprises', csv, 'm.csv');
    expect(res.status).toBe(422);
    const err = (await res.json()) as { error: { code: string; details: { problems: { field: string }[]; mapping: unknown[] } } };
    expect(err.error.code).toBe('unprocessable');
    expect(err.error.details.problems.map((p) => p.field).sort()).toEqual(['employees', 'name', 'uscc']);
    expect(err.error.details.mapping).toHaveLength(7);
    const mapping = JSON.stringify({ 信用码: 'uscc', 单位: '企业名称', 楼: 'building', 人数: 'employees' });
    const ok = await preview('enterprises', csv, 'm.csv', { mapping });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as Preview).counts).toMatchObject({ valid: 1, insert: 1 });
    expect((await preview('enterprises', csv, 'm.csv', { mapping: '{not json' })).status).toBe(400);
    expect((await preview('enterprises', csv, 'm.csv', { mapping: JSON.stringify({ 人数: 'salary' }) })).status).toBe(422);
    expect(await snapshot()).toEqual(before);
  });

  it('imports organisations with the enterprises they cover, instructors, stations and activities, idempotently', async () => {
    const [bldg] = await q<{ name: string; street_code: string }>(sql`SELECT name, street_code FROM buildings WHERE name = '恒隆广场'`);
    const street = bldg?.street_code as string;
    const orgCsv = `组织名称,组织类别,所在楼宇,党员数,成立日期,覆盖企业\r\n导入联合党支部,联合党支部,恒隆广场,9,2022-01-01,${uscc(21)}、${uscc(22)};${uscc(23)}\r\n导入工会,工会,恒隆广场,30,2022-02-01,${uscc(21)}\r\n未知企业党支部,党支部,恒隆广场,3,2022-02-01,${uscc(99)}\r\n`;
    const r1 = await accept('organisations', orgCsv, 'orgs.csv', { skipInvalid: 'true' });
    expect(r1.status).toBe(200);
    expect((await r1.json()) as Result).toMatchObject({ inserted: 2, skipped: 1, linksAdded: 4 });
    const [org] = await q<{ formation: string; street_code: string; n: number }>(sql`SELECT o.formation, o.street_code, (SELECT count(*)::int FROM organisation_coverage c WHERE c.organisation_id = o.id) AS n FROM organisations o WHERE name = '导入联合党支部'`);
    expect(org).toEqual({ formation: 'joint', street_code: street, n: 3 });
    const snap = await snapshot();
    expect((await (await accept('organisations', orgCsv, 'orgs.csv', { skipInvalid: 'true' })).json()) as Result).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, linksAdded: 0 });
    expect(await snapshot()).toEqual(snap);

    const instCsv = `姓名,类别,所属街道,联系电话,联系企业\r\n导入指导员,党建指导员,南京西路街道,13800000000,${uscc(21)}、${uscc(22)}\r\n`;
    expect((await (await accept('instructors', instCsv, 'i.csv')).json()) as Result).toMatchObject({ inserted: 1, linksAdded: 2 });
    expect((await (await accept('instructors', instCsv, 'i.csv')).json()) as Result).toMatchObject({ inserted: 0, unchanged: 1, linksAdded: 0 });

    const stCsv = `阵地名称,阵地类型,加挂牌子,所在楼宇,楼层,面积(平方米),服务内容,开放对象\r\n导入白领驿家,白领驿家,职工之家、妈咪小屋,恒隆广场,5F,120.5,政策咨询、志愿服务,本楼宇\r\n`;
    expect((await (await accept('stations', stCsv, 's.csv')).json()) as Result).toMatchObject({ inserted: 1 });
    const [st] = await q<{ also_types: string[]; services: string[]; street_code: string; grid_id: number | null; area_m2: string }>(sql`SELECT also_types, services, street_code, grid_id, area_m2::text FROM stations WHERE name = '导入白领驿家'`);
    expect(st).toMatchObject({ also_types: ['workers_home', 'mothers_room'], services: ['policy_advice', 'volunteering'], street_code: street, area_m2: '120.5' });
    expect(st?.grid_id).not.toBeNull();
    expect((await (await accept('stations', stCsv, 's.csv')).json()) as Result).toMatchObject({ unchanged: 1 });

    const actCsv = `活动名称,活动类型,活动时间,参与人数,组织单位,活动阵地\r\n导入主题党日,主题党日,2025-03-01 14:30,25,导入联合党支部,导入白领驿家\r\n`;
    expect((await (await accept('activities', actCsv, 'a.csv')).json()) as Result).toMatchObject({ inserted: 1 });
    const [act] = await q<{ held: string; street_code: string }>(sql`SELECT to_char(held_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS held, street_code FROM activities WHERE title = '导入主题党日'`);
    expect(act).toEqual({ held: '2025-03-01 14:30', street_code: street });
    const snap2 = await snapshot();
    expect((await (await accept('activities', actCsv, 'a.csv')).json()) as Result).toMatchObject({ inserted: 0, unchanged: 1 });
    expect(await snapshot()).toEqual(snap2);
  });

  it('imports building footprints from a zipped Shapefile whose .cpg says CP936, with the Chinese text intact', async () => {
    const zip = readFileSync(`${FIX}/buildings-gbk-shp.zip`);
    const p = (await (await preview('buildings', zip, 'b.zip')).json()) as Preview;
    expect(p.file.format).toBe('shapefile');
    expect(p.mapping.map((m) => [m.column, m.field])).toEqual([['楼宇名称', 'name'], ['地址', 'address'], ['层数', 'floors']]);
    expect(p.counts).toMatchObject({ valid: 1, insert: 1 });
    const r = await accept('buildings', zip, 'b.zip');
    expect((await r.json()) as Result).toMatchObject({ inserted: 1 });
    const [b] = await q<{ address: string; floors: number; street_code: string; grid_id: number | null }>(sql`SELECT address, floors, street_code, grid_id FROM buildings WHERE name = '测试大厦(示意)'`);
    expect(b).toMatchObject({ address: '南京西路9999号(示意)', floors: 12, street_code: '310106012' });
    expect(b?.grid_id).not.toBeNull();
    const snap = await snapshot();
    expect((await (await accept('buildings', zip, 'b.zip')).json()) as Result).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    expect(await snapshot()).toEqual(snap);
  });

  it('imports business districts from GeoJSON and KML, and reports invalid geometry before PostGIS stores it', async () => {
    const ring = [[121.4540, 31.2200], [121.4560, 31.2200], [121.4560, 31.2215], [121.4540, 31.2215], [121.4540, 31.2200]];
    const bowtie = [[121.4540, 31.2200], [121.4560, 31.2215], [121.4560, 31.2200], [121.4540, 31.2215], [121.4540, 31.2200]];
    const fc = { type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { 商圈名称: '导入商圈', 所属街道: '310106012' }, geometry: { type: 'Polygon', coordinates: [ring] } },
      { type: 'Feature', properties: { 商圈名称: '蝴蝶商圈', 所属街道: '310106012' }, geometry: { type: 'Polygon', coordinates: [bowtie] } },
      { type: 'Feature', properties: { 商圈名称: '开口商圈', 所属街道: '310106012' }, geometry: { type: 'Polygon', coordinates: [ring.slice(0, 4)] } },
    ] };
    const p = (await (await preview('business-districts', JSON.stringify(fc), 'bd.geojson')).json()) as Preview;
    expect(p.issues.map((i) => [i.row, i.code])).toEqual([[2, 'bad_geometry'], [3, 'bad_geometry']]);
    const before = await snapshot();
    expect((await accept('business-districts', JSON.stringify(fc), 'bd.geojson')).status).toBe(422);
    expect(await snapshot()).toEqual(before);
    expect((await (await accept('business-districts', JSON.stringify(fc), 'bd.geojson', { skipInvalid: 'true' })).json()) as Result).toMatchObject({ inserted: 1, skipped: 2 });

    const kml = `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>KML商圈</name><ExtendedData><Data name="所属街道"><value>南京西路街道</value></Data></ExtendedData><Polygon><outerBoundaryIs><LinearRing><coordinates>${ring.map(([x, y]) => `${(x as number) + 0.004},${y}`).join(' ')}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Document></kml>`;
    const k = await accept('business-districts', kml, 'bd.kml');
    expect(k.status).toBe(200);
    expect((await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM business_districts WHERE name = 'KML商圈' AND street_code = '310106012'`))[0]?.n).toBe(1);
  });

  it('sends grids through the grid editor service: a file that no longer tiles the street is refused', async () => {
    const [g] = await q<{ code: string; name: string; street_code: string; gj: string }>(sql`SELECT code, name, street_code, ST_AsGeoJSON(geom) AS gj FROM grids WHERE street_code = '310106012' ORDER BY id LIMIT 1`);
    if (!g) throw new Error('no grid');
    const geom = JSON.parse(g.gj) as { coordinates: number[][][] };
    // Shrink the grid towards its first vertex: the street gets a gap.
    const [x0, y0] = geom.coordinates[0]?.[0] as [number, number];
    const shrunk = { type: 'Polygon', coordinates: [geom.coordinates[0]?.map(([x, y]) => [x0 + ((x as number) - x0) * 0.8, y0 + ((y as number) - y0) * 0.8])] };
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 网格编码: g.code, 网格名称: g.name, 所属街道: g.street_code }, geometry: shrunk }] };
    const before = await snapshot();
    const p = (await (await preview('grids', JSON.stringify(fc), 'g.geojson')).json()) as Preview;
    expect(p.issues.some((i) => i.code === 'bad_geometry')).toBe(true);
    const res = await accept('grids', JSON.stringify(fc), 'g.geojson');
    expect([409, 422]).toContain(res.status);
    expect(await snapshot()).toEqual(before);
    // The street's grids as they are: nothing to do, nothing written.
    const all = await streetGrids('310106012');
    const ok = await accept('grids', JSON.stringify({ type: 'FeatureCollection', features: all.map((x) => gridFeature(x)) }), 'g.geojson');
    expect(ok.status).toBe(200);
    expect((await ok.json()) as Result).toMatchObject({ inserted: 0, updated: 0, unchanged: all.length });
    expect(await snapshot()).toEqual(before);
  });

  it('a grid file without one of its street\'s grids says so in the preview and is refused, naming it', async () => {
    const all = await streetGrids('310106012');
    const [gone, ...rest] = all as [StoredGrid, ...StoredGrid[]];
    const file = JSON.stringify({ type: 'FeatureCollection', features: rest.map((x) => gridFeature(x)) });
    const before = await snapshot();
    const p = (await (await preview('grids', file, 'partial.geojson')).json()) as Preview;
    expect(p.counts).toMatchObject({ valid: rest.length, unchanged: rest.length });
    expect(p.issues.filter((i) => i.code === 'missing_grid').map((i) => i.value)).toEqual([gone.code]);
    expect(p.issues.find((i) => i.code === 'missing_grid')?.message).toContain('refused');
    const res = await accept('grids', file, 'partial.geojson');
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(gone.code);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses, per row, a USCC the database would refuse: characters 3–8 are the region code, digits only', async () => {
    // Passes the GB 32100 check character, but its region code holds a letter.
    const lettered = '91A10106MA1K4LXX03';
    const before = await snapshot();
    const p = (await (await preview('enterprises', enterpriseCsv([`${lettered},字母区划公司,恒隆广场,,,,10,0,软件,民营,2020-05-01`]), 'u.csv')).json()) as Preview;
    expect(p.issues.map((i) => `${i.row}:${i.column}:${i.code}`)).toEqual(['2:统一社会信用代码:bad_uscc']);
    expect(p.counts).toMatchObject({ valid: 0, invalid: 1 });
    const res = await accept('enterprises', enterpriseCsv([`${lettered},字母区划公司,恒隆广场,,,,10,0,软件,民营,2020-05-01`, `${uscc(61)},数字区划公司,恒隆广场,,,,10,0,软件,民营,2020-05-01`]), 'u.csv', { skipInvalid: 'true' });
    expect(res.status).toBe(200);
    expect((await res.json()) as Result).toMatchObject({ inserted: 1, skipped: 1 });
    const orgs = (await (await preview('organisations', `组织名称,组织类别,所在楼宇,成立日期,覆盖企业\r\n字母覆盖党支部,党支部,恒隆广场,2022-01-01,${uscc(61)}、${lettered}\r\n`, 'o.csv')).json()) as Preview;
    expect(orgs.issues.map((i) => `${i.row}:${i.code}`)).toEqual(['2:bad_uscc']);
    expect((await snapshot()).enterprises).toBe((before.enterprises ?? 0) + 1);
  });

  it('checks date order against the stored record when the file leaves the end date blank (enterprises and organisations)', async () => {
    const head = `${BOM}统一社会信用代码,企业名称,所在楼宇,从业人员数,行业,所有制,成立日期,注销日期\r\n`;
    expect((await accept('enterprises', `${head}${uscc(62)},注销公司,恒隆广场,10,软件,民营,2010-01-01,2015-01-01\r\n`, 'd.csv')).status).toBe(200);
    const later = `${head}${uscc(62)},注销公司,恒隆广场,10,软件,民营,2016-01-01,\r\n`;
    const before = await snapshot();
    const p = (await (await preview('enterprises', later, 'd.csv')).json()) as Preview;
    expect(p.issues.map((i) => `${i.row}:${i.column}:${i.code}`)).toEqual(['2:注销日期:date_order']);
    expect(p.counts).toMatchObject({ rows: 1, valid: 0, invalid: 1, update: 0 });
    const refused = await accept('enterprises', later, 'd.csv');
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { details: Preview } }).error.details.issues.map((i) => i.code)).toEqual(['date_order']);
    expect((await accept('enterprises', later, 'd.csv', { skipInvalid: 'true' })).status).toBe(422);
    expect(await snapshot()).toEqual(before);
    // Giving a later end date as well is fine.
    expect((await (await accept('enterprises', `${head}${uscc(62)},注销公司,恒隆广场,10,软件,民营,2016-01-01,2017-01-01\r\n`, 'd.csv')).json()) as Result).toMatchObject({ updated: 1 });

    const orgHead = '组织名称,组织类别,所在楼宇,成立日期,撤销日期\r\n';
    expect((await accept('organisations', `${orgHead}撤销党支部,党支部,恒隆广场,2010-01-01,2015-01-01\r\n`, 'o.csv')).status).toBe(200);
    const orgLater = `${orgHead}撤销党支部,党支部,恒隆广场,2016-01-01,\r\n`;
    const snap = await snapshot();
    const op = (await (await preview('organisations', orgLater, 'o.csv')).json()) as Preview;
    expect(op.issues.map((i) => `${i.row}:${i.column}:${i.code}`)).toEqual(['2:撤销日期:date_order']);
    expect((await accept('organisations', orgLater, 'o.csv')).status).toBe(422);
    expect(await snapshot()).toEqual(snap);
  });

  it('rounds a station area to the 0.1 m² the database keeps, so the same file again changes nothing', async () => {
    const csv = `阵地名称,阵地类型,所在楼宇,面积(平方米)\r\n面积驿站,职工之家,恒隆广场,85.25\r\n`;
    expect((await (await accept('stations', csv, 'a.csv')).json()) as Result).toMatchObject({ inserted: 1 });
    const [st] = await q<{ area_m2: string }>(sql`SELECT area_m2::text FROM stations WHERE name = '面积驿站'`);
    expect(st?.area_m2).toBe('85.3');
    const snap = await snapshot();
    expect((await (await accept('stations', csv, 'a.csv')).json()) as Result).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    expect(await snapshot()).toEqual(snap);
    // Under 0.05 m² rounds to nothing: out of range, not a database error.
    const tiny = (await (await preview('stations', csv.replace('85.25', '0.04'), 'a.csv')).json()) as Preview;
    expect(tiny.issues.map((i) => i.code)).toEqual(['out_of_range']);
  });

  it('imports new grids with the codes of the file, matched within their street: the same file again changes nothing', async () => {
    // Split one grid of the street in two along its centroid's meridian: the old grid keeps the west half.
    const [g] = await q<{ code: string; name: string; street_code: string; a: string; b: string }>(sql`
      WITH g AS (SELECT id, code, name, street_code, geom, ST_MakeEnvelope(ST_XMin(geom) - 1, ST_YMin(geom) - 1, ST_X(ST_Centroid(geom)), ST_YMax(geom) + 1, 4326) AS env
                 FROM grids WHERE street_code = '310106012')
      SELECT code, name, street_code, ST_AsGeoJSON(ST_Intersection(geom, env), 15) AS a, ST_AsGeoJSON(ST_Difference(geom, env), 15) AS b FROM g
      WHERE GeometryType(ST_Intersection(geom, env)) = 'POLYGON' AND GeometryType(ST_Difference(geom, env)) = 'POLYGON' ORDER BY id LIMIT 1`);
    if (!g) throw new Error('no grid to split');
    const feature = (code: string, name: string, geometry: string) => ({ type: 'Feature', properties: { 网格编码: code, 网格名称: name, 所属街道: g.street_code }, geometry: JSON.parse(geometry) as unknown });
    // A grid file holds the street's whole grid set: the others as they are.
    const others = (await streetGrids('310106012')).filter((x) => x.code !== g.code).map((x) => gridFeature(x));
    const file = JSON.stringify({ type: 'FeatureCollection', features: [feature(g.code, g.name, g.a), feature('310106012-IMP1', '导入网格', g.b), ...others] });
    const p = (await (await preview('grids', file, 'split.geojson')).json()) as Preview;
    expect(p.counts).toMatchObject({ valid: 2 + others.length, insert: 1, update: 1, unchanged: others.length });
    expect(p.issues).toEqual([]);
    const res = await accept('grids', file, 'split.geojson');
    expect(res.status).toBe(200);
    // The cut ends on a neighbour's edge: the snap puts that corner into the neighbour too (a T-junction noded,
    // ADR 0013), so the neighbour is written as well; the result counts what was written.
    expect((await res.json()) as Result).toMatchObject({ inserted: 1, updated: 2, unchanged: others.length - 1 });
    expect((await q<{ street_code: string }>(sql`SELECT street_code FROM grids WHERE code = '310106012-IMP1'`)).map((r) => r.street_code)).toEqual(['310106012']);
    const snap = await snapshot();
    // The street's file as now stored (the neighbour the split line meets gained that vertex when it was saved).
    const saved = JSON.stringify({ type: 'FeatureCollection', features: (await streetGrids('310106012')).map((x) => gridFeature(x)) });
    const again = await accept('grids', saved, 'split.geojson');
    expect(again.status).toBe(200);
    expect((await again.json()) as Result).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 + others.length });
    expect(await snapshot()).toEqual(snap);

    // A code of another street's grid is not that grid: it is a new grid here, and its code is taken.
    const [other] = await q<{ code: string; street_code: string }>(sql`SELECT code, street_code FROM grids WHERE street_code <> '310106012' ORDER BY id LIMIT 1`);
    if (other) {
      const stolen = JSON.stringify({ type: 'FeatureCollection', features: [{ ...feature(other.code, '借用编码', g.b) }] });
      const sp = (await (await preview('grids', stolen, 'stolen.geojson')).json()) as Preview;
      expect(sp.counts).toMatchObject({ insert: 1, update: 0 });
      expect([409, 422]).toContain((await accept('grids', stolen, 'stolen.geojson')).status);
      expect(await snapshot()).toEqual(snap);
    }
  });

  it('refuses a street outline its grids no longer tile, and reports why in the preview', async () => {
    const [s] = await q<{ code: string; name: string; gj: string }>(sql`SELECT code, name, ST_AsGeoJSON(geom, 15) AS gj FROM streets WHERE code = '310106012'`);
    if (!s) throw new Error('no street');
    const geom = JSON.parse(s.gj) as { type: string; coordinates: number[][][][] };
    const [x0, y0] = geom.coordinates[0]?.[0]?.[0] as [number, number];
    const shrunk = { type: 'MultiPolygon', coordinates: geom.coordinates.map((poly) => poly.map((ring) => ring.map(([x, y]) => [x0 + ((x as number) - x0) * 0.9, y0 + ((y as number) - y0) * 0.9]))) };
    const file = (geometry: unknown, code = s.code, name = s.name) => JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 街道代码: code, 街道名称: name }, geometry }] });
    const before = await snapshot();
    const p = (await (await preview('streets', file(shrunk), 's.geojson')).json()) as Preview;
    expect(p.issues.length).toBeGreaterThan(0);
    expect(p.issues.every((i) => i.row === 1 && i.code === 'bad_geometry')).toBe(true);
    expect(p.counts).toMatchObject({ valid: 0, invalid: 1 });
    const res = await accept('streets', file(shrunk), 's.geojson');
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { message: string; details: { problems: { kind: string }[] } } };
    expect(body.error.details.problems.some((x) => x.kind === 'outside')).toBe(true);
    expect(await snapshot()).toEqual(before);
    // The outline as it is: nothing to do.
    expect((await (await accept('streets', file(JSON.parse(s.gj)), 's.geojson')).json()) as Result).toMatchObject({ unchanged: 1 });

    // An outline over half of an existing street is refused in its preview, naming that street.
    const [sx0, sy0, sx1] = [Math.min(...geom.coordinates.flat(2).map((c) => c[0] as number)), Math.min(...geom.coordinates.flat(2).map((c) => c[1] as number)), Math.max(...geom.coordinates.flat(2).map((c) => c[0] as number))];
    const mid = (sx0 + sx1) / 2;
    const half = { type: 'MultiPolygon', coordinates: [[[[mid, sy0 - 0.01], [sx1 + 0.01, sy0 - 0.01], [sx1 + 0.01, sy0 + 0.05], [mid, sy0 + 0.05], [mid, sy0 - 0.01]]]] };
    const op = (await (await preview('streets', file(half, '310106997', '重叠街道'), 'o.geojson')).json()) as Preview;
    // (It may lie over a neighbour too: the issue names the street it overlaps most.)
    expect(op.issues.map((i) => `${i.row}:${i.code}`)).toContain('1:street_overlap');
    expect(op.counts).toMatchObject({ valid: 0, invalid: 1 });
    expect((await accept('streets', file(half, '310106997', '重叠街道'), 'o.geojson')).status).toBe(422);
    expect(await snapshot()).toEqual(before);

    // A street without grids has nothing to tile: its outline may change freely.
    const square = (d: number) => ({ type: 'MultiPolygon', coordinates: [[[[121.60, 31.10], [121.60 + d, 31.10], [121.60 + d, 31.10 + d], [121.60, 31.10 + d], [121.60, 31.10]]]] });
    expect((await (await accept('streets', file(square(0.01), '310106998', '导入测试街道'), 'n.geojson')).json()) as Result).toMatchObject({ inserted: 1 });
    expect((await (await accept('streets', file(square(0.02), '310106998', '导入测试街道'), 'n.geojson')).json()) as Result).toMatchObject({ updated: 1 });
  });

  describe('bad files get a clear 4xx and write nothing', () => {
    let before: Record<string, number>;
    beforeAll(async () => {
      before = await snapshot();
    });
    const expectError = async (res: Response, status: number, pattern?: RegExp) => {
      expect(res.status).toBe(status);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toMatch(/^[a-z_]+$/);
      if (pattern) expect(body.error.message).toMatch(pattern);
      expect(await snapshot()).toEqual(before);
    };

    it('wrong or missing headers', async () => {
      await expectError(await accept('enterprises', 'foo,bar\r\n1,2\r\n', 'x.csv'), 422, /uscc/);
      await expectError(await accept('enterprises', `${BOM}统一社会信用代码,企业名称\r\n${uscc(51)},x\r\n`, 'x.csv'), 422, /employees/);
      await expectError(await accept('enterprises', '', 'x.csv'), 400, /empty/);
    });
    it('text in number columns', async () => {
      await expectError(await accept('enterprises', enterpriseCsv([`${uscc(52)},文本公司,恒隆广场,,,,很多,若干,软件,民营,2020-01-01`]), 'x.csv', { skipInvalid: 'true' }), 422, /no valid rows/);
    });
    it('a 50 MB file', async () => {
      const big = new Uint8Array(50 * 1024 * 1024).fill(0x41);
      await expectError(await accept('enterprises', big, 'big.csv'), 413);
    });
    it('a zip bomb, as .xlsx and as a zipped shapefile', { timeout: 180_000 }, async () => {
      const { bomb, shpBomb } = zipBombs();
      expect(bomb.length).toBeLessThan(1024 * 1024);
      await expectError(await accept('enterprises', bomb, 'bomb.xlsx'), 413);
      await expectError(await accept('buildings', shpBomb, 'bomb.zip'), 413);
    });
    it('a shapefile zip without .dbf', async () => {
      await expectError(await accept('buildings', readFileSync(`${FIX}/buildings-no-dbf.zip`), 'b.zip'), 400, /\.dbf/);
    });
    it('broken XML', async () => {
      await expectError(await accept('business-districts', '<kml><Document><Placemark></Document></kml>', 'x.kml'), 400, /Broken XML/);
      await expectError(await accept('business-districts', '{"type": "FeatureCollection", "features": [', 'x.geojson'), 400, /JSON/);
    });
    it('a NUL character anywhere in a CSV, in UTF-8 past the first 8 KB or in UTF-16', async () => {
      const filler = Array.from({ length: 300 }, (_, i) => `${uscc(100 + i)},填充公司${i},恒隆广场,,,,10,0,软件,民营,2020-05-01`);
      await expectError(await accept('enterprises', enterpriseCsv([...filler, `${uscc(99)},空\u0000字符公司,恒隆广场,,,,10,0,软件,民营,2020-05-01`]), 'nul.csv', { skipInvalid: 'true' }), 400, /NUL/);
      const text = `统一社会信用代码,企业名称,所在楼宇,从业人员数,行业,所有制,注册日期\r\n${uscc(98)},空\u0000字符公司,恒隆广场,10,软件,民营,2020-05-01\r\n`;
      const utf16 = new Uint8Array([0xff, 0xfe, ...[...text].flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8])]);
      await expectError(await accept('enterprises', utf16, 'nul16.csv'), 400, /NUL/);
      await expectError(await preview('enterprises', utf16, 'nul16.csv'), 400, /NUL/);
      const square = [[121.4540, 31.2200], [121.4560, 31.2200], [121.4560, 31.2215], [121.4540, 31.2215], [121.4540, 31.2200]];
      const fc = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 商圈名称: '空\u0000商圈', 所属街道: '310106012' }, geometry: { type: 'Polygon', coordinates: [square] } }] });
      await expectError(await accept('business-districts', fc, 'nul.geojson'), 400, /NUL/);
    });
    it('the wrong kind of request or file, or caller', async () => {
      const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
      await expectError(await accept('enterprises', ole, 'old.xls'), 415);
      await expectError(await accept('enterprises', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'x.png'), 415);
      await expectError(await c.send('POST', '/api/import/enterprises', { file: 'x' }, admin), 415);
      await expectError(await upload('/api/import/enterprises', 'x', 'x.csv', {}, officialAuth), 403);
      await expectError(await upload('/api/import/enterprises', 'x', 'x.csv', {}, { cookie: admin.cookie as string }), 403);
      await expectError(await upload('/api/import/castles', 'x', 'x.csv'), 400);
      const noFile = new FormData();
      noFile.set('coords', 'gcj02');
      await expectError(await c.app.request(`${BASE}/api/import/enterprises`, { method: 'POST', body: noFile, headers: admin }), 400);
    });
  });

  it('documents the endpoints in the OpenAPI document', async () => {
    const doc = (await (await c.get('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/import/{kind}/preview', '/api/import/{kind}', '/api/import/templates/{file}']));
  });
});
