// Roster imports run in their own thread (server/import/worker.ts): while a 50,000-row preview is read, checked and
// planned, the request thread keeps answering; a thread that dies answers 503 and the next import starts a new one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { adminSession, client, type Client } from '../helpers/client.js';
import { importThread } from '../../server/import/off-thread.js';
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';

/** A roster of n enterprises on the demo's 南京西路街道 (USCCs malformed on purpose: every row is checked and reported). */
function roster(n: number): string {
  const lines = ['统一社会信用代码,企业名称,从业人员数,行业,经济类型,成立日期,所属街道'];
  for (let i = 0; i < n; i++) lines.push(`X${String(i).padStart(17, '0')},测试企业${i}有限公司,${i % 300},软件和信息技术服务业,私营企业,2020-01-01,南京西路街道`);
  return lines.join('\n');
}

describe.each(storeKinds())('roster imports in their own thread on %s', (kind) => {
  let t: TestStore;
  let c: Client;
  let admin: Record<string, string>;
  const preview = (csv: string) => c.upload('/api/import/enterprises/preview', csv, 'roster.csv', admin);
  beforeAll(async () => {
    t = await openTestStore(kind);
    c = client(t.services);
    admin = await adminSession(c);
  });
  afterAll(() => t?.dispose());

  it('reads, checks and plans a 50,000-row preview in the import thread, answering other requests meanwhile', { timeout: 300_000 }, async () => {
    const thread = importThread(t.store, 30);
    if (!thread) throw new Error('the store has no import thread');
    const before = thread.stats.answered;
    let previewDone = false;
    const big = preview(roster(50_000)).then(async (r) => {
      previewDone = true;
      return r;
    });
    // Answered one after another while the preview runs: on the request thread they would wait behind it.
    const answeredDuring: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      expect((await c.get('/ogc')).status).toBe(200);
      answeredDuring.push(!previewDone);
    }
    const r = await big;
    expect(r.status).toBe(200);
    const body = (await r.json()) as { counts: { rows: number; invalid: number } };
    expect(body.counts).toMatchObject({ rows: 50_000, invalid: 50_000 });
    expect(answeredDuring).toEqual([true, true, true, true, true]);
    // The answer came from the import thread, not from this one (where the work would hold every request).
    expect(thread.stats.answered).toBe(before + 1);
  });

  it('a thread that dies mid-preview answers 503 with nothing written; the next preview runs in a new thread', { timeout: 300_000 }, async () => {
    const thread = importThread(t.store, 30);
    if (!thread) throw new Error('the store has no import thread');
    const dying = preview(roster(20_000));
    // Let the request reach the thread, then stop it.
    await new Promise((res) => setTimeout(res, 200));
    await thread.close();
    const r = await dying;
    expect(r.status).toBe(503);
    expect(((await r.json()) as { error: { message: string } }).error.message).toBeTruthy();
    const started = thread.stats.started;
    const again = await preview(roster(10));
    expect(again.status).toBe(200);
    expect(thread.stats.started).toBe(started + 1);
    expect(((await again.json()) as { counts: { rows: number } }).counts.rows).toBe(10);
  });

  it('imports a road network in the import thread too, many rows per statement: 1,201 new roads all written', { timeout: 300_000 }, async () => {
    const thread = importThread(t.store, 30);
    if (!thread) throw new Error('the store has no import thread');
    const before = thread.stats.answered;
    // A 1,201-line footpath grid near 南京西路 (more than two insert batches), each road named, one class.
    const features = Array.from({ length: 1201 }, (_, i) => ({
      type: 'Feature',
      properties: { name: `测试步道${i}`, class: '步行' },
      geometry: { type: 'LineString', coordinates: [[121.45 + (i % 40) * 0.0002, 31.225 + Math.floor(i / 40) * 0.0002], [121.4502 + (i % 40) * 0.0002, 31.225 + Math.floor(i / 40) * 0.0002]] },
    }));
    const file = JSON.stringify({ type: 'FeatureCollection', features });
    const pv = await c.upload('/api/import/roads/preview', file, 'paths.geojson', admin);
    expect(pv.status, await pv.clone().text()).toBe(200);
    expect(((await pv.json()) as { counts: { valid: number } }).counts.valid).toBe(1201);
    const res = await c.upload('/api/import/roads', file, 'paths.geojson', admin);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ kind: 'roads', inserted: 1201, updated: 0 });
    // Both answers came from the import thread.
    expect(thread.stats.answered).toBe(before + 2);
    const [n] = await t.store.read((db) => rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM roads WHERE name LIKE '测试步道%' AND class = 'footway'`));
    expect(n?.n).toBe(1201);
  });

  it('imports building footprints in the import thread: the file is parsed, checked and written there', { timeout: 300_000 }, async () => {
    const thread = importThread(t.store, 30);
    if (!thread) throw new Error('the store has no import thread');
    const before = thread.stats.answered;
    // 600 small squares inside 南京西路街道 (placed in their street by PostGIS), and one bow-tie that is refused.
    const square = (x: number, y: number) => [[[x, y], [x + 0.00005, y], [x + 0.00005, y + 0.00005], [x, y + 0.00005], [x, y]]];
    const features = Array.from({ length: 600 }, (_, i) => ({
      type: 'Feature',
      properties: { name: `线程测试楼${i}` },
      geometry: { type: 'Polygon', coordinates: square(121.452 + (i % 30) * 0.0001, 31.2275 + Math.floor(i / 30) * 0.0001) },
    }));
    features.push({ type: 'Feature', properties: { name: '蝴蝶楼' }, geometry: { type: 'Polygon', coordinates: [[[121.452, 31.226], [121.4521, 31.2261], [121.4521, 31.226], [121.452, 31.2261], [121.452, 31.226]]] } });
    const file = JSON.stringify({ type: 'FeatureCollection', features });
    const pv = await c.upload('/api/import/buildings/preview', file, 'footprints.geojson', admin);
    expect(pv.status, await pv.clone().text()).toBe(200);
    expect(((await pv.json()) as { counts: { valid: number; invalid: number } }).counts).toMatchObject({ valid: 600, invalid: 1 });
    const res = await c.upload('/api/import/buildings', file, 'footprints.geojson', admin, { skipInvalid: 'true' });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ kind: 'buildings', inserted: 600, skipped: 1 });
    expect(thread.stats.answered).toBe(before + 2);
    const [n] = await t.store.read((db) => rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM buildings WHERE name LIKE '线程测试楼%' AND street_code = '310106012'`));
    expect(n?.n).toBe(600);
  });

  it('a file the importer refuses keeps its status and report across the thread', async () => {
    const r = await preview('统一社会信用代码,企业名称\n');
    expect(r.status).toBe(422);
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/Required columns are missing|no data rows/);
  });
});
