// Files as street offices make them, written by other tools than ours (a stdlib-Python xlsx with a title row,
// blank rows and everyday headers; a GBK shapefile from ogr2ogr whose .cpg says UTF-8; an encrypted workbook
// container): stored text is what was typed, headers with units and map-service hints are understood, unknown
// columns are reported, row numbers are the spreadsheet's, and the small defects of issue 19 stay fixed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';
import { makeUscc } from '../../geodata/generate/uscc.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { adminSession, client, type Client } from '../helpers/client.js';

const FIX = 'tests/fixtures/import';
const spec = JSON.parse(readFileSync(`${FIX}/roster-everyday.json`, 'utf8')) as { rows: Record<string, (string | number | null)[]> };
const cell = (row: number, col: number) => spec.rows[String(row)]?.[col];

interface Issue { row: number; column: string; field: string; code: string; severity?: string }
interface Preview {
  mapping: { column: string; field: string | null; coordSystem?: string }[];
  unknownColumns: string[];
  issues: Issue[];
  counts: Record<string, number>;
  file: { encoding: string | null; format: string; headerRow: number };
}

describe.each(storeKinds())('faithful import (%s)', (kind) => {
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

  it('reads an everyday xlsx from another writer: headers with units and 高德 hints, text as typed, spreadsheet row numbers', async () => {
    const xlsx = readFileSync(`${FIX}/roster-everyday.xlsx`);
    const res = await upload('/api/import/enterprises/preview', xlsx, '企业名录.xlsx');
    expect(res.status).toBe(200);
    const p = (await res.json()) as Preview;
    expect(p.file.headerRow).toBe(3);
    const field = (column: string) => p.mapping.find((m) => m.column === column);
    expect(field('所属楼宇')?.field).toBe('building');
    expect(field('职工人数（人）')?.field).toBe('employees');
    expect(field('党员数（名）')?.field).toBe('partyMembers');
    expect(field('企业性质')?.field).toBe('ownership');
    expect(field('企业地址')?.field).toBe('address');
    expect(field('联系人')?.field).toBe('contactPerson');
    expect(field('联系电话')?.field).toBe('contactPhone');
    expect(field('经度（高德）')).toMatchObject({ field: 'lon', coordSystem: 'gcj02' });
    expect(field('纬度（高德）')).toMatchObject({ field: 'lat', coordSystem: 'gcj02' });
    expect(p.unknownColumns).toEqual(['序号', '备注']);
    // Excel rows: data on 4, 6, 7, 9 (5 and 8 are blank).
    expect(p.issues.map((i) => [i.row, i.code, i.severity ?? 'error'])).toEqual([
      [7, 'bad_uscc', 'error'],
      [9, 'far_from_building', 'warning'],
    ]);
    expect(p.counts).toMatchObject({ rows: 4, valid: 3, invalid: 1, insert: 3 });

    const acc = await upload('/api/import/enterprises', xlsx, '企业名录.xlsx', { skipInvalid: 'true' });
    expect(acc.status).toBe(200);
    expect(await acc.json()).toMatchObject({ inserted: 3, updated: 0, skipped: 1 });
    const got = await q<{ uscc: string; name: string; no_org_reason: string | null; address: string | null; contact_person: string | null; contact_phone: string | null; coord_source: string | null; source_lon: number | null; source_lat: number | null; registered_on: string; building: string }>(
      sql`SELECT e.uscc, e.name, e.no_org_reason, e.address, e.contact_person, e.contact_phone, e.coord_source, e.source_lon, e.source_lat, e.registered_on::text, b.name AS building
          FROM enterprises e JOIN buildings b ON b.id = e.building_id WHERE e.uscc IN (${cell(4, 1)}, ${cell(6, 1)}, ${cell(9, 1)}) ORDER BY e.uscc`,
    );
    const by = new Map(got.map((g) => [g.uscc, g]));
    // Names are official records: full-width brackets, quotes and letters stay as typed.
    expect(by.get(String(cell(4, 1)))).toMatchObject({
      name: '内蒙古草原云（集团）科技有限公司', address: '南京西路１２６６号　３５楼', contact_person: '王小明', contact_phone: '021-6288 0001',
      coord_source: 'gcj02', source_lon: cell(4, 5), source_lat: cell(4, 6), registered_on: '2020-01-01', building: '恒隆广场',
    });
    expect(by.get(String(cell(6, 1)))).toMatchObject({ name: '上海“云朵”咨询有限公司', no_org_reason: '员工较少，暂不具备条件；已纳入联合支部工作覆盖', coord_source: null, source_lon: null, building: '兴业太古汇', registered_on: '2021-07-08' });
    expect(by.get(String(cell(9, 1)))).toMatchObject({ name: 'ＡＢＣ国际贸易（上海）有限公司', building: '恒隆广场', coord_source: 'gcj02' });

    // The same file again: nothing written, no version moves.
    const versions = await q<{ s: number }>(sql`SELECT sum(version)::int AS s FROM enterprises`);
    expect(await (await upload('/api/import/enterprises', xlsx, '企业名录.xlsx', { skipInvalid: 'true' })).json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    expect(await q(sql`SELECT sum(version)::int AS s FROM enterprises`)).toEqual(versions);
  });

  it('numbers CSV rows as Excel shows them (blank rows counted, header on row 3) and reads Excel date serials in CSV', async () => {
    const csv = [
      '\uFEFF南京西路街道企业名录,,,,,,,',
      '',
      '统一社会信用代码,企业名称,所在楼宇,从业人员数,行业,所有制,注册日期,备注',
      `${makeUscc('310106', 820_001)},甲,恒隆广场,5,软件,私营,43831,`,
      ',,,,,,,',
      '',
      `${makeUscc('310106', 820_001)},乙,恒隆广场,5,软件,私营,不是日期,x`,
    ].join('\r\n');
    const p = (await (await upload('/api/import/enterprises/preview', csv, 'r.csv')).json()) as Preview;
    expect(p.file.headerRow).toBe(3);
    expect(p.unknownColumns).toEqual(['备注']);
    const at = (row: number) => p.issues.filter((i) => i.row === row).map((i) => i.code).sort();
    expect(at(4)).toEqual(['duplicate_uscc']);
    expect(at(7)).toEqual(['bad_date', 'duplicate_uscc']);
  });

  it('names a password-protected workbook as such (not "old .xls"), and refuses a CSV holding a NUL with 400', async () => {
    const enc = await upload('/api/import/enterprises/preview', readFileSync(`${FIX}/password-protected.xlsx`), 'secret.xlsx');
    expect(enc.status).toBe(400);
    expect(((await enc.json()) as { error: { message: string } }).error.message).toMatch(/password-protected/);
    const nul = await upload('/api/import/enterprises/preview', '统一社会信用代码,企业名称\r\n1\u0000,2\r\n', 'nul.csv');
    expect(nul.status).toBe(400);
    expect(((await nul.json()) as { error: { message: string } }).error.message).toMatch(/NUL/);
  });

  it('refuses a boundary file with a property nested 5,000 deep with 400 (not 500), for preview and import', async () => {
    const square = [[121.45, 31.22], [121.451, 31.22], [121.451, 31.221], [121.45, 31.221], [121.45, 31.22]];
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const fc = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"商圈名称":"深","所属街道":"310106012","x":${deep}},"geometry":${JSON.stringify({ type: 'Polygon', coordinates: [square] })}}]}`;
    for (const path of ['/api/import/business-districts/preview', '/api/import/business-districts']) {
      const res = await upload(path, fc, 'deep.geojson');
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/nested deeper/);
    }
  });

  it('reads a GBK shapefile (ogr2ogr) whose .cpg wrongly says UTF-8 by its bytes', async () => {
    const zip = readFileSync(`${FIX}/buildings-gbk-cpg-says-utf8.zip`);
    const p = (await (await upload('/api/import/buildings/preview', zip, 'b.zip')).json()) as Preview;
    expect(p.mapping.map((m) => [m.column, m.field])).toEqual([['楼宇名称', 'name'], ['地址', 'address'], ['层数', 'floors']]);
    expect(p.file.encoding).toBe('gbk');
    expect(await (await upload('/api/import/buildings', zip, 'b.zip')).json()).toMatchObject({ inserted: 1 });
    expect(await q(sql`SELECT address FROM buildings WHERE name = '测试云谷大厦（示意）'`)).toEqual([{ address: '威海路888号（示意）' }]);
  });

  it('re-previewing unchanged streets says unchanged, never "update −1"', async () => {
    const res = await c.get('/api/export/streets?format=geojson', admin);
    const fc = (await res.json()) as { features: unknown[] };
    const p = (await (await upload('/api/import/streets/preview', JSON.stringify(fc), 'streets.geojson')).json()) as Preview;
    expect(p.counts).toMatchObject({ insert: 0, update: 0, unchanged: fc.features.length, invalid: 0 });
  });
});
