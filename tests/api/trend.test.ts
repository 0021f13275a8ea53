// The monthly trend agrees with the as-of summaries (the as-of engine) at every month end, for a street,
// a grid and a business district, on both stores; bad queries are 400/404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { adminSession, client, officialAuth, type Client } from '../helpers/client.js';

type Rate = { numerator: number; denominator: number; value: number | null };
type Series = { level: string; id: string; name: string; points: { date: string; rates: Record<'partyOrg' | 'standalone' | 'work' | 'union', Rate> }[] };
type Trend = { asOf: string; area: Series; parent: Series | null; siblings: Series[] };

describe.each(storeKinds())('coverage trend on %s', (kind) => {
  let t: TestStore;
  let c: Client;
  const get = async <T>(path: string): Promise<T> => {
    const r = await c.get(path, officialAuth);
    expect(r.status, path).toBe(200);
    return (await r.json()) as T;
  };
  beforeAll(async () => {
    t = await openTestStore(kind);
    c = client(t.services);
  });
  afterAll(() => t?.dispose());

  it('gives 13 month ends ending today for a street, with its district and the district\'s streets', async () => {
    const trend = await get<Trend>('/api/coverage/trend?level=street&id=310106012');
    expect(trend.area.points).toHaveLength(13);
    expect(trend.area.points.at(-1)?.date).toBe(trend.asOf);
    expect(trend.area.points[0]?.date.slice(5, 7)).toBe(trend.asOf.slice(5, 7));
    expect(trend.parent?.level).toBe('district');
    expect(trend.siblings.map((s) => s.id)).toContain('310106012');
    // Time moves forward: the dates ascend.
    const dates = trend.area.points.map((p) => p.date);
    expect([...dates].sort()).toEqual(dates);
  });

  it.each([
    ['street', '310106012'],
    ['grid', '1'],
    ['businessDistrict', '1'],
  ])('agrees with the as-of summary at every month end (%s %s)', async (level, id) => {
    const trend = await get<Trend>(`/api/coverage/trend?level=${level}&id=${id}&months=4`);
    expect(trend.area.points).toHaveLength(5);
    for (const p of trend.area.points) {
      const s = await get<{ rates: Record<string, Rate> }>(`/api/coverage/summary?level=${level}&id=${id}&asOf=${p.date}`);
      for (const k of ['partyOrg', 'standalone', 'work', 'union'] as const) expect(p.rates[k], `${p.date} ${k}`).toEqual(s.rates[k]);
    }
    // The parent's latest point is the parent's summary today.
    if (trend.parent) {
      const ps = await get<{ rates: Record<string, Rate> }>(`/api/coverage/summary?level=${trend.parent.level}&id=${trend.parent.id}`);
      expect(trend.parent.points.at(-1)?.rates.partyOrg).toEqual(ps.rates.partyOrg);
    }
    expect(trend.siblings.every((s) => s.level === level)).toBe(true);
  });

  it('colours a street and its grids by the thresholds, and changing the thresholds (admin, versioned) recolours them', async () => {
    type W = { asOf: string; since: string; areas: { level: string; id: string; rates: Record<string, { rate: Rate; warning: string | null }> }[]; crossed: { id: string; crossings: { rate: string; from: string; to: string }[] }[] };
    const w = await get<W>('/api/coverage/warnings?level=street&id=310106012');
    expect(w.areas[0]?.level).toBe('street');
    expect(w.areas.some((a) => a.level === 'grid') && w.areas.some((a) => a.level === 'businessDistrict')).toBe(true);
    const th = await c.get('/api/coverage/thresholds', officialAuth);
    const etag = th.headers.get('etag') as string;
    const thresholds = (await th.json()) as Record<string, { red: number; yellow: number }>;
    for (const a of w.areas) {
      const v = a.rates.partyOrg?.rate.value ?? null;
      const t0 = thresholds.partyOrg as { red: number; yellow: number };
      expect(a.rates.partyOrg?.warning).toBe(v === null ? null : v < t0.red ? 'red' : v < t0.yellow ? 'yellow' : 'green');
    }
    // Every crossing really is a change of colour between the end of last month and today.
    for (const x of w.crossed) for (const k of x.crossings) expect(k.from).not.toBe(k.to);
    // Officials read; only an admin writes, naming the version read; a stale write is refused.
    const all = { red: 1, yellow: 1 };
    const body = { partyOrg: all, standalone: all, work: all, union: all };
    expect((await c.send('PUT', '/api/coverage/thresholds', body, { ...officialAuth, 'if-match': etag })).status).toBe(403);
    const admin = await adminSession(c);
    expect((await c.send('PUT', '/api/coverage/thresholds', { ...body, partyOrg: { red: 0.9, yellow: 0.1 } }, { ...admin, 'if-match': etag })).status).toBe(400);
    const put = await c.send('PUT', '/api/coverage/thresholds', body, { ...admin, 'if-match': etag });
    expect(put.status).toBe(200);
    expect((await c.send('PUT', '/api/coverage/thresholds', body, { ...admin, 'if-match': etag })).status).toBe(412);
    const red = await get<W>('/api/coverage/warnings?level=street&id=310106012');
    expect(red.areas.filter((a) => a.rates.partyOrg?.rate.value !== null).every((a) => a.rates.partyOrg?.warning === 'red')).toBe(true);
    expect((await c.get('/api/coverage/warnings?level=grid&id=1', officialAuth)).status).toBe(400);
    expect((await c.get('/api/coverage/warnings?level=street&id=999999999', officialAuth)).status).toBe(404);
  });

  it('refuses what it cannot answer', async () => {
    expect((await c.get('/api/coverage/trend?level=building&id=1', officialAuth)).status).toBe(400);
    expect((await c.get('/api/coverage/trend?level=street&id=310106012&months=0', officialAuth)).status).toBe(400);
    expect((await c.get('/api/coverage/trend?level=street&id=310106012&months=x', officialAuth)).status).toBe(400);
    expect((await c.get('/api/coverage/trend?level=grid&id=99999', officialAuth)).status).toBe(404);
    expect((await c.get('/api/coverage/trend?level=street&id=310106012')).status).toBe(401);
  });
});
