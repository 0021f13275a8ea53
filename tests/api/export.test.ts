// Export of every collection as GeoJSON, CSV and XLSX, with counts equal to the database's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inflateRawSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';
import { COLLECTIONS } from '../../server/ogc/collections.js';
import { toCsv } from '../../server/export/formats.js';
import { guardFormula } from '../../server/domain/formula-guard.js';
import { openTestStore, type TestStore } from '../helpers/stores.js';
import { client, displayAuth, officialAuth, type Client } from '../helpers/client.js';

/** Reads one file out of a zip (XLSX is a zip) through its central directory, without a library. */
function unzipEntry(buf: Buffer, name: string): string | null {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) return null;
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n--) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    if (buf.subarray(p + 46, p + 46 + nameLen).toString() === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString();
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  return null;
}

describe('export', () => {
  let t: TestStore;
  let c: Client;
  beforeAll(async () => {
    t = await openTestStore('pglite');
    c = client(t.services);
  });
  afterAll(() => t?.dispose());

  it.each(COLLECTIONS.map((d) => d.id))('exports %s as GeoJSON and CSV with every row', async (id) => {
    const table = id.replace('-', '_');
    const [db] = await t.store.read((d) => rows<{ n: number }>(d, sql.raw(`SELECT count(*)::int AS n FROM ${table} WHERE geom IS NOT NULL`)));
    const geo = await c.get(`/api/export/${id}?format=geojson`, officialAuth);
    expect(geo.status).toBe(200);
    expect(geo.headers.get('content-disposition')).toContain(`${id}-`);
    expect(((await geo.json()) as { features: unknown[] }).features).toHaveLength(db?.n ?? -1);
    const csv = Buffer.from(await (await c.get(`/api/export/${id}?format=csv`, officialAuth)).arrayBuffer());
    // A UTF-8 byte-order mark first, so Excel reads the Chinese text as UTF-8.
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.subarray(3, 6).toString()).toBe('id,');
  });

  it('exports enterprises as CSV rows and XLSX sheets with Chinese text intact', async () => {
    const [db] = await t.store.read((d) => rows<{ n: number; name: string }>(d, sql`SELECT count(*)::int AS n, min(name) AS name FROM enterprises`));
    const csv = await (await c.get('/api/export/enterprises?format=csv', officialAuth)).text();
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength((db?.n ?? 0) + 1);
    expect(lines[0]).toContain('partyCoverage');
    expect(csv).toContain(db?.name ?? '');
    const xlsx = Buffer.from(await (await c.get('/api/export/enterprises?format=xlsx', officialAuth)).arrayBuffer());
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
    const sheet = unzipEntry(xlsx, 'xl/worksheets/sheet1.xml') ?? '';
    const shared = unzipEntry(xlsx, 'xl/sharedStrings.xml') ?? '';
    expect((sheet.match(/<row /g) ?? []).length).toBe((db?.n ?? 0) + 1);
    expect(sheet + shared).toContain(db?.name ?? '');
  });

  it('exports only what the collection filters select (a building, a grid, a street), and refuses unknown filters', async () => {
    const [b] = await t.store.read((d) => rows<{ id: number; grid: number; n: number; g: number; s: number }>(d, sql`
      SELECT e.building_id AS id, min(e.grid_id) AS grid, count(*)::int AS n,
             (SELECT count(*)::int FROM buildings x WHERE x.grid_id = min(e.grid_id)) AS g,
             (SELECT count(*)::int FROM grids x WHERE x.street_code = '310106012') AS s
      FROM enterprises e WHERE e.geom IS NOT NULL GROUP BY e.building_id ORDER BY count(*) DESC LIMIT 1`));
    const count = async (path: string) => ((await (await c.get(path, officialAuth)).json()) as { features: { properties: Record<string, unknown> }[] }).features;
    const inBuilding = await count(`/api/export/enterprises?format=geojson&buildingId=${b?.id}`);
    expect(inBuilding).toHaveLength(b?.n ?? -1);
    expect(inBuilding.every((f) => f.properties.buildingId === b?.id)).toBe(true);
    expect(await count(`/api/export/buildings?format=geojson&gridId=${b?.grid}`)).toHaveLength(b?.g ?? -1);
    expect(await count('/api/export/grids?format=geojson&streetCode=310106012')).toHaveLength(b?.s ?? -1);
    const xlsx = await c.get(`/api/export/enterprises?format=xlsx&buildingId=${b?.id}`, officialAuth);
    expect(xlsx.status).toBe(200);
    expect((await c.get('/api/export/enterprises?format=csv&castle=1', officialAuth)).status).toBe(400);
    expect((await c.get('/api/export/enterprises?format=csv&buildingId=abc', officialAuth)).status).toBe(400);
  });

  it('neutralises spreadsheet formulas and refuses bad requests', async () => {
    expect(guardFormula('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(toCsv([{ type: 'Feature', id: 1, geometry: { type: 'Point', coordinates: [1, 2] }, properties: { name: '+1,"x"' } }])).toContain(`"'+1,""x"""`);
    expect((await c.get('/api/export/castles?format=csv', officialAuth)).status).toBe(400);
    expect((await c.get('/api/export/buildings?format=pdf', officialAuth)).status).toBe(400);
    expect((await c.get('/api/export/buildings?format=csv')).status).toBe(401);
    expect((await c.get('/api/export/enterprises?format=csv', displayAuth)).status).toBe(403);
  });
});
