// Gaps are scoped to what is selected: a district's list holds only that district's buildings (the city-wide
// ranking restricted to it, in the same order), and a district wall's top gaps come from its own streets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';
import type { Gap } from '../../server/domain/coverage/gaps.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { adminSession, client, type Client } from '../helpers/client.js';
import { TEST_DISPLAY_TOKEN } from '../helpers/constants.js';

describe.each(storeKinds())('district-scoped gaps on %s', (kind) => {
  let t: TestStore;
  let c: Client;
  let admin: Record<string, string>;
  let districtOf: Map<string, string>;
  const gaps = async (query: string) => {
    const r = await c.get(`/api/coverage/gaps?${query}`, admin);
    expect(r.status).toBe(200);
    return ((await r.json()) as { gaps: Gap[] }).gaps;
  };
  beforeAll(async () => {
    t = await openTestStore(kind);
    c = client(t.services);
    admin = await adminSession(c);
    const streets = await t.store.read((db) => rows<{ code: string; district: string }>(db, sql`SELECT code, district_code AS district FROM streets`));
    districtOf = new Map(streets.map((s) => [s.code, s.district]));
  });
  afterAll(() => t?.dispose());

  it("each district's gaps are the city's ranking restricted to its streets, nothing from elsewhere", async () => {
    const districts = [...new Set(districtOf.values())].sort();
    expect(districts.length).toBeGreaterThan(1);
    const city = await gaps('level=building&kind=party&limit=500');
    let seen = 0;
    for (const d of districts) {
      const scoped = await gaps(`level=building&kind=party&limit=500&districtCode=${d}`);
      for (const g of scoped) expect(districtOf.get(g.streetCode), `${g.name} in ${d}`).toBe(d);
      const expected = city.filter((g) => districtOf.get(g.streetCode) === d);
      expect(scoped.map((g) => g.id)).toEqual(expected.map((g) => g.id));
      seen += scoped.length;
    }
    expect(seen).toBe(city.length);
    // The top five of a district are its own, even where the city's top five are elsewhere.
    for (const d of districts) {
      const top = await gaps(`level=building&kind=party&limit=5&districtCode=${d}`);
      expect(top.map((g) => g.id)).toEqual(city.filter((g) => districtOf.get(g.streetCode) === d).slice(0, 5).map((g) => g.id));
    }
  });

  it('the whole city is one area (全市): its figures add up its districts, which are its children', async () => {
    const get = async (level: string, id: string) => {
      const r = await c.get(`/api/coverage/summary?level=${level}&id=${id}`, admin);
      expect(r.status).toBe(200);
      return (await r.json()) as { enterprises: number; employees: number; children?: { level: string; id: string; enterprises: number }[]; rates: { partyOrg: { numerator: number } } };
    };
    const city = await get('city', 'all');
    const districts = [...new Set(districtOf.values())].sort();
    expect((city.children ?? []).map((ch) => `${ch.level}:${ch.id}`).sort()).toEqual(districts.map((d) => `district:${d}`));
    const each = await Promise.all(districts.map((d) => get('district', d)));
    expect(city.enterprises).toBe(each.reduce((a, d) => a + d.enterprises, 0));
    expect(city.employees).toBe(each.reduce((a, d) => a + d.employees, 0));
    expect(city.rates.partyOrg.numerator).toBe(each.reduce((a, d) => a + d.rates.partyOrg.numerator, 0));
  });

  it('a district code that is not six digits is 400; an unknown district has no gaps', async () => {
    expect((await c.get('/api/coverage/gaps?level=building&kind=party&districtCode=31', admin)).status).toBe(400);
    expect(await gaps('level=building&kind=party&districtCode=999999')).toEqual([]);
  });

  it("a district wall's top gaps are the district's", async () => {
    const d = districtOf.get('310106012') as string;
    const r = await c.get(`/api/wall/summary?scope=district:${d}`, { authorization: `Bearer ${TEST_DISPLAY_TOKEN}` });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { topGaps: { streetCode: string }[] };
    const expected = (await gaps(`level=building&kind=party&limit=8&districtCode=${d}`)).length;
    expect(body.topGaps).toHaveLength(expected);
    expect(expected).toBeGreaterThan(0);
    for (const g of body.topGaps) expect(districtOf.get(g.streetCode)).toBe(d);
  });
});
