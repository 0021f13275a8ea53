// What an official needs to act (issue 15), in a real browser at 1366×768: the layer panel starts folded
// and the camera keeps clear of the open panels; business districts are clickable; the complete 一楼一档
// with its scoped Excel export; publishing saves what was typed. Screenshots: test-results/e2e/official-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerType } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';
import { adminSession, client } from '../helpers/client.js';
import { closeNow } from '../helpers/serve.js';
import { openTestStore, type TestStore } from '../helpers/stores.js';
import { ARTIFACTS, HAS_CHROMIUM, launch, serveApp, signInAsAdmin, trackNetwork, visibleMiddle } from '../helpers/browser.js';

const STREET = '310106012';

describe.runIf(HAS_CHROMIUM)('an official at work, in Chromium', () => {
  let t: TestStore;
  let server: ServerType;
  let base: string;
  let browser: Browser;
  let page: Page;
  let idle: ReturnType<typeof trackNetwork>;
  const settle = async (p: Page = page, ms = 1500) => {
    await idle();
    await p.waitForTimeout(ms);
  };
  /** The middle of the part of the map no panel covers. */
  beforeAll(async () => {
    t = await openTestStore('pglite');
    ({ server, base } = await serveApp(t));
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    idle = trackNetwork(page);
    await signInAsAdmin(page, base);
  });
  afterAll(async () => {
    await browser?.close();
    await closeNow(server);
    await t?.dispose();
  });

  it('flies a found building into the visible middle, clear of the panels (camera padding), and opens it there', async () => {
    await page.waitForSelector('.profile.area [data-rate=partyOrg]');
    expect(await page.locator('.layer-panel.collapsed').count()).toBe(1);
    await page.fill('.search input', '恒隆');
    await page.waitForSelector('.search .results li.active');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.profile.building');
    await settle(page, 2500);
    const [b] = await t.store.read((db) => rows<{ id: number }>(db, sql`SELECT id FROM buildings WHERE name = '恒隆广场'`));
    await page.click('.profile-panel .close');
    await page.waitForSelector('.profile.area');
    const mid = await visibleMiddle(page);
    // The profile panel is open on the right: the visible middle is left of the window's middle.
    expect(mid.x).toBeLessThan(1366 / 2);
    await page.mouse.click(mid.x, mid.y);
    // 恒隆广场 houses a station whose icon sits on it: the click opens that station's file, which links to the building.
    await page.waitForSelector('.profile.station, .profile.building');
    if (await page.locator('.profile.station').count()) await page.click('.profile.station [data-open=building]');
    await page.waitForSelector(`.profile.building[data-building="${b?.id}"]`);
  });

  it('shows the complete 一楼一档: address, floors, kind, manager, 红色物业, 楼委会, instructors, headed tables, and its Excel export', async () => {
    const id = Number(await page.locator('.profile.building').getAttribute('data-building'));
    const [db] = await t.store.read((d) => rows<{ address: string; floors: number }>(d, sql`SELECT address, floors FROM buildings WHERE id = ${id}`));
    expect(await page.locator('.profile.building [data-field=address]').innerText()).toBe(db?.address);
    expect(await page.locator('.profile.building [data-field=floors]').innerText()).toContain(String(db?.floors));
    for (const f of ['propertyManager', 'redProperty', 'buildingCommittee', 'instructors']) expect(await page.locator(`.profile.building [data-field=${f}]`).count()).toBe(1);
    expect(await page.locator('.profile.building table.enterprises thead th').first().innerText()).toBe('企业名称');
    const href = await page.locator('.profile.building a[data-export=enterprises]').getAttribute('href');
    expect(href).toContain(`buildingId=${id}`);
    const res = await page.request.get(`${base}${href}`);
    expect(res.status()).toBe(200);
    expect((await res.body()).subarray(0, 2).toString()).toBe('PK');
    await page.screenshot({ path: `${ARTIFACTS}/official-1366-building.png` });
  });

  it('opens a business district by clicking it on the map', async () => {
    const [bd] = await t.store.read((db) => rows<{ id: number; lon: number; lat: number }>(db, sql`
      SELECT id, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM business_districts
      WHERE NOT EXISTS (SELECT 1 FROM buildings b WHERE ST_DWithin(b.geom::geography, ST_PointOnSurface(business_districts.geom)::geography, 40))
      ORDER BY id LIMIT 1`));
    expect(bd).toBeDefined();
    await page.goto(`${base}/?focus=street:${STREET}&layers=boundaries&at=${bd?.lon.toFixed(5)},${bd?.lat.toFixed(5)},16.5,0,0`);
    await page.waitForSelector('.profile.area');
    await settle(page, 2500);
    const mid = await visibleMiddle(page);
    await page.mouse.click(mid.x, mid.y);
    await page.waitForSelector(`.profile.area[data-area="businessDistrict:${bd?.id}"]`);
  });

  it('publishes what was typed: unsaved text goes out with the publish, the dialog names the public column', async () => {
    const c = client(t.services);
    const admin = await adminSession(c);
    const created = (await (await c.send('POST', '/api/publications', { title: '南京西路街道党建版图', scope: `street:${STREET}` }, admin)).json()) as { id: number; slug: string };
    await page.goto(`${base}/admin/publish`);
    // Other publications may be listed first: open this test's own one.
    await page.locator('.pub-list button', { hasText: `/p/${created.slug}/` }).click();
    await page.waitForSelector('.pub-list button[aria-current=true]');
    await page.waitForSelector('[data-testid=redacted] tbody tr');
    const intro = page.locator('textarea').first();
    await intro.fill('新的简介：欢迎就近使用党群服务站点。');
    await page.waitForSelector('.pub-unsaved');
    let message = '';
    page.once('dialog', (d) => {
      message = d.message();
      void d.accept();
    });
    await page.click('[data-action=publish]');
    await page.waitForSelector('.pub-note');
    expect(message).toContain('公众将看到的内容');
    expect(message).toContain('未保存');
    expect(await intro.inputValue()).toBe('新的简介：欢迎就近使用党群服务站点。');
    const pub = await (await fetch(`${base}/p/${created.slug}/data/publication.json`)).json() as { texts?: { intro?: string } };
    expect(JSON.stringify(pub)).toContain('新的简介');
    const reasons = await page.locator('[data-testid=redacted] tbody td:nth-child(2)').allInnerTexts();
    expect(reasons.join(' ')).not.toMatch(/[a-z]{4,}/);
    await page.screenshot({ path: `${ARTIFACTS}/official-publish.png`, fullPage: true });
  });

  it('links the wall to its tour editor for signed-in staff, and the editor is styled like the rest', async () => {
    await page.goto(`${base}/wall?scope=street:${STREET}`);
    await page.click('[data-nav=tour]');
    await page.waitForSelector('.tour-editor table');
    expect(new URL(page.url()).pathname).toBe('/wall/tour');
    await page.screenshot({ path: `${ARTIFACTS}/official-tour-editor.png` });
  });
});
