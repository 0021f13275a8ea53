// Search finds areas (districts, streets, grids, business districts, by name and code) as well as buildings,
// stations and enterprises, on both drivers; an area comes with a point inside it and its extent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';
import type { SearchResult } from '../../server/search/contract.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { adminSession, client, type Client } from '../helpers/client.js';

describe.each(storeKinds())('search on %s', (kind) => {
  let t: TestStore;
  let c: Client;
  let admin: Record<string, string>;
  const find = async (q: string, limit = 20) => {
    const r = await c.get(`/api/search?q=${encodeURIComponent(q)}&limit=${limit}`, admin);
    expect(r.status).toBe(200);
    return ((await r.json()) as { results: SearchResult[] }).results;
  };
  const inside = (r: SearchResult) => {
    const [w, s, e, n] = r.bbox as [number, number, number, number];
    return r.lon >= w && r.lon <= e && r.lat >= s && r.lat <= n;
  };
  beforeAll(async () => {
    t = await openTestStore(kind);
    c = client(t.services);
    admin = await adminSession(c);
  });
  afterAll(() => t?.dispose());

  it('finds a street by part of its name or by its code, with its district, a point inside it and its extent', async () => {
    const [first] = await find('小东门');
    expect(first).toMatchObject({ type: 'street', id: '310101017', name: '小东门街道', address: '黄浦区', streetCode: '310101017', buildingId: null });
    expect(inside(first as SearchResult)).toBe(true);
    expect((await find('310101017'))[0]).toMatchObject({ type: 'street', id: '310101017' });
  });

  it('finds a district first among places named like it, by name or code', async () => {
    expect((await find('黄浦'))[0]).toMatchObject({ type: 'district', id: '310101', name: '黄浦区', streetCode: null, address: null });
    expect((await find('310101'))[0]).toMatchObject({ type: 'district', id: '310101' });
  });

  it('finds every grid of a name, each said where it is (district · street)', async () => {
    const [g] = await t.store.read((db) =>
      rows<{ name: string; n: number }>(db, sql`SELECT name, count(*)::int AS n FROM grids GROUP BY name ORDER BY count(*) DESC, name LIMIT 1`),
    );
    if (!g) throw new Error('the demo has no grids');
    const grids = (await find(g.name, 50)).filter((r) => r.type === 'grid' && r.name === g.name);
    expect(grids).toHaveLength(g.n);
    const expected = await t.store.read((db) =>
      rows<{ id: string; place: string }>(db, sql`SELECT g.id::text AS id, concat_ws(' · ', d.name, s.name) AS place FROM grids g JOIN streets s ON s.code = g.street_code LEFT JOIN districts d ON d.code = s.district_code WHERE g.name = ${g.name}`),
    );
    expect(grids.map((r) => [r.id, r.address]).sort()).toEqual(expected.map((e) => [e.id, e.place]).sort());
    for (const r of grids) expect(inside(r)).toBe(true);
  });

  it('finds a business district, and still finds buildings, stations and enterprises (things carry no extent)', async () => {
    const [bd] = await t.store.read((db) => rows<{ id: number; name: string }>(db, sql`SELECT id, name FROM business_districts ORDER BY id LIMIT 1`));
    const [b] = await t.store.read((db) => rows<{ id: number; name: string }>(db, sql`SELECT id, name FROM buildings ORDER BY id LIMIT 1`));
    const [e] = await t.store.read((db) => rows<{ id: number; uscc: string }>(db, sql`SELECT id, uscc FROM enterprises WHERE uscc IS NOT NULL ORDER BY id LIMIT 1`));
    if (!bd || !b || !e) throw new Error('demo data missing');
    expect(await find(bd.name)).toContainEqual(expect.objectContaining({ type: 'businessDistrict', id: String(bd.id) }));
    const building = (await find(b.name)).find((r) => r.type === 'building' && r.id === String(b.id));
    expect(building).toMatchObject({ buildingId: b.id, bbox: null });
    expect((await find(e.uscc))[0]).toMatchObject({ type: 'enterprise', id: String(e.id), bbox: null });
  });

  it('puts a name equal to the query before names that merely start with it (恒隆广场 the building before 恒隆广场商圈)', async () => {
    const [first, second] = await find('恒隆广场');
    expect(first).toMatchObject({ type: 'building', name: '恒隆广场' });
    expect(second).toMatchObject({ type: 'businessDistrict', name: '恒隆广场商圈' });
  });

  it('takes % and _ literally', async () => {
    expect(await find('%')).toEqual([]);
    expect(await find('_')).toEqual([]);
  });
});
