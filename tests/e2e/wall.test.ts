// The wall display in a real browser at 1920×1080 and 3840×2160: fits, shows the API's figures, tours,
// and picks up an edit made elsewhere through the event stream.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/app.js';
import type { ServerType } from '@hono/node-server';
import { closeNow, serveOnLoopback } from '../helpers/serve.js';
import type { Browser, Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';
import { openTestStore, type TestStore } from '../helpers/stores.js';
import { ARTIFACTS, HAS_CHROMIUM, launch, serveApp, watchConsole } from '../helpers/browser.js';
import { TEST_DISPLAY_TOKEN } from '../helpers/constants.js';
import { adminSession, client } from '../helpers/client.js';

interface Summary { totals: { rates: Record<string, { numerator: number; denominator: number; value: number | null }> }; stations: number; activitiesThisMonth: { count: number; participants: number } }

/** Failed responses, console errors and the wall's status changes: said when a live-update check fails in CI. */
function watchTraffic(page: Page): string[] {
  const seen: string[] = [];
  page.on('response', (r) => r.status() >= 400 && seen.push(`${r.status()} ${new URL(r.url()).pathname}`));
  page.on('requestfailed', (r) => seen.push(`failed ${new URL(r.url()).pathname}: ${r.failure()?.errorText ?? ''}`));
  page.on('console', (m) => m.type() === 'error' && seen.push(`console: ${m.text()}`));
  return seen;
}

async function waitLive(page: Page, seen: string[], timeout = 30_000): Promise<void> {
  await page.waitForSelector('[data-status=live]', { timeout }).catch(async (err: unknown) => {
    const status = await page.locator('[data-status]').getAttribute('data-status').catch(() => 'none');
    throw new Error(`${String(err)}\nstatus: ${status}; what the page saw: ${seen.join(' | ') || 'nothing failed'}`);
  });
}

describe.runIf(HAS_CHROMIUM)('wall display in Chromium', () => {
  let t: TestStore;
  let server: ServerType;
  let base: string;
  let browser: Browser;
  const pages: Page[] = [];
  const scope = 'street:310106012';
  const wallUrl = (speed = 1) => `${base}/wall?scope=${scope}&token=${TEST_DISPLAY_TOKEN}&speed=${speed}`;
  const apiSummary = async (): Promise<Summary> =>
    (await (await fetch(`${base}/api/wall/summary?scope=${scope}`, { headers: { authorization: `Bearer ${TEST_DISPLAY_TOKEN}` } })).json()) as Summary;
  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

  beforeAll(async () => {
    t = await openTestStore('pglite');
    ({ server, base } = await serveApp(t));
  });
  // A browser per test: software-rendered 4K pages leave Chromium's GPU process backlogged on two busy cores,
  // and the next page in the same browser then never drew (the live-update tests failed in CI, nothing pending
  // on the server).
  beforeEach(async () => {
    browser = await launch();
  });
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((p) => p.close().catch(() => undefined)));
    await browser?.close();
  });
  afterAll(async () => {
    await closeNow(server);
    await t?.dispose();
  });

  it.each([
    [1920, 1080],
    [3840, 2160],
    [3840, 1080],
  ])('at %i×%i: no login, no scrollbars, nothing cut off, KPI figures equal the API, legible sizes', async (width, height) => {
    const page = await browser.newPage({ viewport: { width, height } });
    pages.push(page);
    const errors = watchConsole(page);
    await page.goto(wallUrl());
    await page.waitForSelector('[data-kpi=partyOrg]');
    await page.waitForSelector('[data-status=live]');
    // The picture of a drawn wall: its map says when (software WebGL's first shader compiles block the page for
    // seconds on busy cores, and a screenshot taken then times out).
    await page.waitForSelector('[data-testid=wall-map][data-drawn=true]', { timeout: 90_000 });
    await page.waitForTimeout(1000);
    await page.screenshot({ path: `${ARTIFACTS}/wall-${width}x${height}.png`, timeout: 60_000 });
    const fit = await page.evaluate(() => {
      const doc = document.documentElement;
      const boxes = [...document.querySelectorAll('.wall-header, .kpi, .board, .wall-map')].map((e) => e.getBoundingClientRect());
      return {
        scrollW: doc.scrollWidth, scrollH: doc.scrollHeight, w: innerWidth, h: innerHeight,
        outside: boxes.filter((b) => b.left < -1 || b.top < -1 || b.right > innerWidth + 1 || b.bottom > innerHeight + 1).length,
        boxes: boxes.length,
        kpiPx: parseFloat(getComputedStyle(document.querySelector('[data-kpi=partyOrg]') as Element).fontSize),
        labelPx: parseFloat(getComputedStyle(document.querySelector('.kpi-label') as Element).fontSize),
        zoom: parseFloat(getComputedStyle(document.querySelector('[data-testid=wall]') as Element).zoom || '1'),
      };
    });
    expect(fit.scrollW).toBeLessThanOrEqual(fit.w);
    expect(fit.scrollH).toBeLessThanOrEqual(fit.h);
    expect(fit.boxes).toBeGreaterThan(8);
    expect(fit.outside).toBe(0);
    // At the 1080p design size: KPI figures ≥ 40 px, labels ≥ 16 px (scaled up on bigger walls).
    expect(fit.kpiPx).toBeGreaterThanOrEqual(40);
    expect(fit.labelPx).toBeGreaterThanOrEqual(16);
    const api = await apiSummary();
    for (const k of ['partyOrg', 'standalone', 'work', 'union']) {
      expect(await page.locator(`[data-kpi=${k}]`).innerText(), k).toBe(pct(api.totals.rates[k]?.value ?? null));
    }
    expect(await page.locator('[data-kpi=stations]').innerText()).toBe(String(api.stations));
    expect(await page.locator('[data-kpi=activities]').innerText()).toBe(String(api.activitiesThisMonth.count));
    // Readable without asking: a legend, each rate's twelve months, the activity feed and station list, units on gap figures.
    await page.waitForSelector('[data-spark=partyOrg]');
    expect(await page.locator('.kpi-spark').count()).toBe(4);
    expect(await page.locator('[data-testid=wall-legend] .legend-stations li').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-board=feed] li').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-board=stations] li').count()).toBeGreaterThan(0);
    await page.waitForSelector('[data-board=warnings] [data-section=crossed]');
    expect(await page.locator('[data-nav=tour]').count()).toBe(0); // the tour editor link is for signed-in staff only
    for (const v of await page.locator('.board.gaps .val').allInnerTexts()) expect(v).toMatch(/^[\d,]+\s*名职工$/);
    // No name cut short: every ranking and gap name shows whole (wrapped if long).
    const cut = await page.evaluate(() => [...document.querySelectorAll('.board .name, .orgs li span')].filter((e) => e.scrollWidth > e.clientWidth + 1).length);
    expect(cut).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('tours the business districts and grids, and pauses when touched', async () => {
    // No night window: the tour is quiet at night (22:00–07:00 Beijing time by default), and this test runs at any hour.
    const c = client(t.services);
    const admin = await adminSession(c);
    const res = await c.get(`/api/wall/tour?scope=${scope}`, admin);
    const tour = (await res.json()) as { schedule: Record<string, string> };
    const saved = await c.send('PUT', `/api/wall/tour?scope=${scope}`, { ...tour, schedule: { ...tour.schedule, nightStart: '00:00', nightEnd: '00:00' } }, { ...admin, 'if-match': res.headers.get('etag') ?? '"0"' });
    expect(saved.status, await saved.clone().text()).toBe(200);
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    try {
      await page.goto(wallUrl(6)); // 12 s dwell ÷ 6 = 2 s a step
      await page.waitForSelector('.callout[data-step]');
      const first = await page.locator('.callout').getAttribute('data-step');
      await page.waitForFunction((s) => document.querySelector('.callout')?.getAttribute('data-step') !== s, first, { timeout: 10_000, polling: 100 });
      await page.screenshot({ path: `${ARTIFACTS}/wall-tour.png` });
      await page.mouse.move(500, 500);
      await page.mouse.move(520, 520);
      await page.waitForTimeout(300);
      expect(await page.locator('.tour-state').innerText()).toContain('暂停');
      const held = await page.locator('.callout').getAttribute('data-step');
      await page.waitForTimeout(4500); // more than two dwells
      expect(await page.locator('.callout').getAttribute('data-step')).toBe(held);
    } finally {
      await page.close();
    }
  });

  it('shows an edit made through the API within 5 seconds, without reloading', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    pages.push(page);
    const seen = watchTraffic(page);
    await page.goto(wallUrl());
    await waitLive(page, seen);
    // Hold the tour still: on two cores, software-rendered camera flights would compete with what is measured here.
    await page.mouse.move(300, 300);
    // The map's first draw: software WebGL compiles each shader on first use, blocking the page for seconds on two
    // busy cores (measured: 6–20 s of getProgramParameter). An edit arriving then waits for it, which is not what
    // is measured here.
    await page.waitForSelector('[data-testid=wall-map][data-drawn=true]', { timeout: 60_000 });
    await page.waitForTimeout(500);
    const before = await page.locator('[data-kpi=partyOrg]').innerText();
    const navigations: string[] = [];
    page.on('framenavigated', (f) => navigations.push(f.url()));
    const [e] = await t.store.read((db) =>
      rows<{ id: number }>(db, sql`SELECT e.id FROM enterprises e WHERE e.street_code = '310106012' AND e.deregistered_on IS NULL
        AND NOT EXISTS (SELECT 1 FROM organisation_coverage oc WHERE oc.enterprise_id = e.id) ORDER BY e.employees DESC LIMIT 8`),
    );
    // Several enterprises gain an organisation, enough to move the rate's first decimal.
    const ids = (await t.store.read((db) =>
      rows<{ id: number }>(db, sql`SELECT e.id FROM enterprises e WHERE e.street_code = '310106012' AND e.deregistered_on IS NULL
        AND NOT EXISTS (SELECT 1 FROM organisation_coverage oc WHERE oc.enterprise_id = e.id) ORDER BY e.id LIMIT 12`),
    )).map((r) => r.id);
    expect(e).toBeDefined();
    const started = Date.now();
    await t.store.write(async (tx) => {
      await tx.execute(sql`INSERT INTO organisations (id, name, kind, formation, street_code, founded_on, source) VALUES (910001, '测试联合党支部', 'joint_party_branch', 'joint', '310106012', '2020-01-01', 'test')`);
      for (const id of ids) await tx.execute(sql`INSERT INTO organisation_coverage (organisation_id, enterprise_id, since) VALUES (910001, ${id}, '2020-01-01')`);
    });
    // Poll on a timer, not on animation frames: software-rendered frames would delay the check, not the wall.
    await page.waitForFunction((b) => document.querySelector('[data-kpi=partyOrg]')?.textContent !== b, before, { timeout: 5_000, polling: 100 })
      .catch((err: unknown) => { throw new Error(`${String(err)}\nwhat the page saw: ${seen.join(' | ') || 'nothing failed'}`); });
    const took = Date.now() - started;
    const api = await apiSummary();
    expect(await page.locator('[data-kpi=partyOrg]').innerText()).toBe(pct(api.totals.rates.partyOrg?.value ?? null));
    expect(navigations).toEqual([]);
    console.log(`edit reached the wall in ${took} ms`);
    await page.close();
  });

  it('warns when the connection is lost and reconnects by itself after the server restarts', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    pages.push(page);
    const seen = watchTraffic(page);
    await page.goto(wallUrl());
    await waitLive(page, seen);
    await page.mouse.move(300, 300);
    // As above: the first software-rendered draw blocks the page for seconds; the warning is measured after it, and
    // polled on a timer so that a slow frame delays the check, not the warning (CI stop 29: shown, but seen too late).
    await page.waitForSelector('[data-testid=wall-map][data-drawn=true]', { timeout: 60_000 });
    const port = Number(new URL(base).port);
    await closeNow(server);
    await page.waitForFunction(() => document.querySelector('[data-status=disconnected]') !== null, undefined, { timeout: 20_000, polling: 250 });
    await page.screenshot({ path: `${ARTIFACTS}/wall-disconnected.png` });
    const app = createApp(t.services, { distDir: inject('clientDist') });
    ({ server } = await serveOnLoopback(app.fetch, port));
    await page.waitForFunction(() => document.querySelector('[data-status=live]') !== null, undefined, { timeout: 30_000, polling: 250 });
  });
});
