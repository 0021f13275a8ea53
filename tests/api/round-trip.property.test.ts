// Property: any roster a street office could type (Chinese text with full-width punctuation, quotes, commas and
// formula-like starts; coordinates in WGS84, GCJ-02 or BD-09) goes in as typed, and from then on export → import
// → export is identity: 0 inserted, 0 updated, no version moves, the same CSV. On every store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import gcoord from 'gcoord';
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';
import { makeUscc } from '../../geodata/generate/uscc.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { adminSession, client, type Client } from '../helpers/client.js';

const CHARS = [...'党建云谷科技集团有限公司上海内蒙古草原数据服务中心南京西路静安', ...'（）《》“”‘’，、。：；！？【】—…　', ...'ABCxyz019', ...'ＡＢＣ１２３', ...',"\'-=+ '];
const text = (min: number, max: number) =>
  fc.array(fc.constantFrom(...CHARS), { minLength: min, maxLength: max }).map((a) => a.join('').trim()).filter((s) => s.length >= min);
const SYSTEMS = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;
const PLAZA: [number, number] = [121.4522, 31.2295];

const enterprise = fc.record({
  name: text(2, 30),
  reason: fc.option(text(1, 40), { nil: null }),
  contact: fc.option(text(1, 10), { nil: null }),
  employees: fc.integer({ min: 0, max: 5000 }),
  system: fc.constantFrom(...(Object.keys(SYSTEMS) as (keyof typeof SYSTEMS)[])),
  dx: fc.integer({ min: -800, max: 800 }),
  dy: fc.integer({ min: -800, max: 800 }),
});

const csvCell = (v: string | number | null) => (v === null ? '' : `"${String(v).replaceAll('"', '""')}"`);

let run = 0;

describe.each(storeKinds())('round trip of random rosters (%s)', (kind) => {
  let t: TestStore;
  let c: Client;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await openTestStore(kind);
    c = client(t.services);
    admin = await adminSession(c);
  });
  afterAll(() => t?.dispose());

  const q = <T,>(query: ReturnType<typeof sql>) => t.store.read((db) => rows<T>(db, query));
  const upload = async (bytes: Uint8Array | string, name: string) => {
    const res = await c.upload('/api/import/enterprises', bytes, name, admin, { skipInvalid: 'false' });
    return { status: res.status, body: (await res.json()) as { inserted: number; updated: number; unchanged: number } };
  };
  const exportLines = async (codes: Set<string>) => {
    const csv = await (await c.get('/api/export/enterprises?format=csv', admin)).text();
    const lines = csv.split('\r\n');
    const uscc = (lines[0] as string).replace(/^\uFEFF/, '').split(',').indexOf('uscc');
    // Rows are one line each unless a cell holds a line break, which the generator never types.
    return { header: lines[0] as string, rows: lines.slice(1).filter((l) => codes.has(l.split(',')[uscc] ?? '')) };
  };

  it('goes in as typed and comes back out unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(enterprise, { minLength: 1, maxLength: 4 }), async (list) => {
        run++;
        const codes = list.map((_, i) => makeUscc('310106', 900_000 + run * 10 + i));
        const typed = list.map((e) => {
          const wgs: [number, number] = [PLAZA[0] + e.dx * 1e-6, PLAZA[1] + e.dy * 1e-6];
          const [x, y] = (e.system === 'wgs84' ? wgs : gcoord.transform(wgs, gcoord.WGS84, SYSTEMS[e.system])) as [number, number];
          return { ...e, lon: Number(x.toFixed(6)), lat: Number(y.toFixed(6)) };
        });
        const roster = [
          '统一社会信用代码,企业名称,所属楼宇,经度,纬度,坐标系,职工人数（人）,行业,企业性质,成立日期,未建组织原因,联系人',
          ...typed.map((e, i) => [codes[i] as string, e.name, '恒隆广场', e.lon, e.lat, e.system, e.employees, '软件', '私营', '2020-01-01', e.reason, e.contact].map(csvCell).join(',')),
        ].join('\r\n');
        const first = await upload(`\uFEFF${roster}\r\n`, 'roster.csv');
        expect(first.status, JSON.stringify(first.body).slice(0, 600)).toBe(200);
        expect(first.body).toMatchObject({ inserted: list.length });
        const stored = await q<{ uscc: string; name: string; no_org_reason: string | null; contact_person: string | null; coord_source: string; source_lon: number; source_lat: number }>(
          sql`SELECT uscc, name, no_org_reason, contact_person, coord_source, source_lon, source_lat FROM enterprises WHERE uscc IN (${sql.join(codes.map((x) => sql`${x}`), sql`, `)}) ORDER BY uscc`,
        );
        expect(stored).toEqual(
          typed.map((e, i) => ({ uscc: codes[i], name: e.name, no_org_reason: e.reason, contact_person: e.contact, coord_source: e.system, source_lon: e.lon, source_lat: e.lat })).sort((a, b) => String(a.uscc).localeCompare(String(b.uscc))),
        );

        const set = new Set(codes);
        const exported = await exportLines(set);
        expect(exported.rows).toHaveLength(list.length);
        const versions = await q(sql`SELECT uscc, version FROM enterprises WHERE uscc IN (${sql.join(codes.map((x) => sql`${x}`), sql`, `)}) ORDER BY uscc`);
        const again = await upload(`${[exported.header, ...exported.rows].join('\r\n')}\r\n`, 'export.csv');
        expect(again.status, JSON.stringify(again.body).slice(0, 600)).toBe(200);
        expect(again.body).toMatchObject({ inserted: 0, updated: 0, unchanged: list.length });
        expect(await q(sql`SELECT uscc, version FROM enterprises WHERE uscc IN (${sql.join(codes.map((x) => sql`${x}`), sql`, `)}) ORDER BY uscc`)).toEqual(versions);
        expect(await exportLines(set)).toEqual(exported);
      }),
      { numRuns: 4 },
    );
  }, 600_000);
});
