// The grid editor in a real browser: a shared vertex dragged with the mouse moves in both grids, a
// problem shows on the map and in the list (and undo clears it), the preview shows the impact, the save
// lands, and after a reload the API has the same new coordinate in both grids. No console errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerType } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import type { Polygon, Position } from 'geojson';
import { closeNow } from '../helpers/serve.js';
import { openTestStore, type TestStore } from '../helpers/stores.js';
import { ARTIFACTS, HAS_CHROMIUM, launch, serveApp, trackNetwork, watchConsole } from '../helpers/browser.js';
import { TEST_ADMIN_PASSWORD } from '../helpers/constants.js';

const STREET = '310106012';

interface EditorGrids {
  street: { geometry: { type: string; coordinates: unknown } };
  grids: { id: number; name: string; version: number; geometry: Polygon }[];
}

const same = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];
const ringOf = (g: { geometry: Polygon }) => (g.geometry.coordinates[0] ?? []).slice(0, -1);

describe.runIf(HAS_CHROMIUM)('grid editor in Chromium', () => {
  let t: TestStore;
  let server: ServerType;
  let base: string;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let idle: ReturnType<typeof trackNetwork>;
  let before: EditorGrids;
  let pair: { a: number; b: number; vertex: Position };

  const editorData = async (): Promise<EditorGrids> => (await (await page.request.get(`${base}/api/streets/${STREET}/grid-editor`)).json()) as EditorGrids;

  /** Screen position of a coordinate, through the editor's test hook. */
  const screenOf = async (p: Position): Promise<{ x: number; y: number }> => {
    const box = await page.locator('[data-testid=editor-map]').boundingBox();
    if (!box) throw new Error('no map box');
    const q = await page.evaluate(([lng, lat]) => window.__gridEditor?.map.project([lng as number, lat as number]), p);
    if (!q) throw new Error('no test hook');
    return { x: box.x + q.x, y: box.y + q.y };
  };

  const drag = async (from: { x: number; y: number }, dx: number, dy: number) => {
    await page.mouse.move(from.x, from.y);
    await page.waitForTimeout(150);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) {
      await page.mouse.move(from.x + (dx * i) / 12, from.y + (dy * i) / 12);
      await page.waitForTimeout(20);
    }
    await page.mouse.up();
    await page.waitForTimeout(400);
  };

  const selectGrid = async (id: number) => {
    await page.click(`.grid-list [data-grid="g:${id}"]`);
    await page.waitForSelector(`.selected-grid[data-selected="g:${id}"]`);
    await page.waitForTimeout(1200); // the map flies to the grid
  };

  beforeAll(async () => {
    t = await openTestStore('pglite');
    ({ server, base } = await serveApp(t));
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    errors = watchConsole(page);
    idle = trackNetwork(page);
  });
  afterAll(async () => {
    await browser?.close();
    await closeNow(server);
    await t?.dispose();
  });

  it('opens the street with its grids labelled and the partition clean', async () => {
    await page.goto(base);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', TEST_ADMIN_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=map] canvas');
    await page.goto(`${base}/edit?street=${STREET}`);
    await page.waitForSelector('[data-testid=editor-map] canvas');
    await page.waitForSelector('.grid-label');
    await page.waitForSelector('.ge-problems[data-count="0"]');
    await idle();
    before = await editorData();
    expect(await page.locator('.grid-label').count()).toBe(before.grids.length);
    // A vertex shared by exactly two grids and not on the street outline.
    const outline = JSON.stringify(before.street.geometry.coordinates);
    for (const a of before.grids)
      for (const v of ringOf(a)) {
        const holders = before.grids.filter((g) => ringOf(g).some((q) => same(q, v)));
        if (holders.length === 2 && !outline.includes(`[${v[0]},${v[1]}]`) && !pair) pair = { a: a.id, b: (holders.find((g) => g.id !== a.id) as { id: number }).id, vertex: v };
      }
    expect(pair).toBeTruthy();
    expect(new URL(page.url()).searchParams.get('street')).toBe(STREET);
  });

  it('shows a problem when a grid leaves the street, and undo (Ctrl+Z) clears it', async () => {
    await selectGrid(pair.a);
    const a = before.grids.find((g) => g.id === pair.a) as EditorGrids['grids'][number];
    const outline = JSON.stringify(before.street.geometry.coordinates);
    const onOutline = ringOf(a).find((v) => outline.includes(`[${v[0]},${v[1]}]`)) as Position;
    const n = ringOf(a).length;
    const c: Position = [ringOf(a).reduce((s, v) => s + (v[0] as number) / n, 0), ringOf(a).reduce((s, v) => s + (v[1] as number) / n, 0)];
    const from = await screenOf(onOutline);
    const centre = await screenOf(c);
    // Pull the outline vertex away from the grid's centre: part of the grid now lies outside the street.
    const len = Math.hypot(from.x - centre.x, from.y - centre.y);
    await drag(from, ((from.x - centre.x) / len) * 60, ((from.y - centre.y) / len) * 60);
    await page.waitForSelector('.ge-problems .problem[data-kind=outside]');
    expect(await page.isDisabled('[data-control=save]')).toBe(true);
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${ARTIFACTS}/grid-editor-problem.png` });
    await page.keyboard.press('Control+z');
    await page.waitForSelector('.ge-problems[data-count="0"]');
  });

  it('drags a shared vertex, previews the impact and saves', async () => {
    await selectGrid(pair.a);
    const from = await screenOf(pair.vertex);
    await drag(from, 45, 30);
    await page.waitForSelector('.ge-problems[data-count="0"]');
    await page.waitForSelector('[data-testid=impact]', { timeout: 30_000 });
    expect(await page.locator('.ge-save').innerText()).toMatch(/1|2/);
    await page.fill('.ge-save textarea', 'e2e: 移动共用顶点');
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${ARTIFACTS}/grid-editor-preview.png` });
    expect(await page.isEnabled('[data-control=save]')).toBe(true);
    await page.click('[data-control=save]');
    await page.waitForSelector('.notice', { timeout: 30_000 });
    await page.waitForSelector('.ge-save[data-state=idle]');
  });

  it('after a reload, the boundary moved in both grids (the same new coordinate in each)', async () => {
    await page.reload();
    await page.waitForSelector('.grid-label');
    await idle();
    const after = await editorData();
    const a = after.grids.find((g) => g.id === pair.a) as EditorGrids['grids'][number];
    const b = after.grids.find((g) => g.id === pair.b) as EditorGrids['grids'][number];
    expect(ringOf(a).some((q) => same(q, pair.vertex))).toBe(false);
    expect(ringOf(b).some((q) => same(q, pair.vertex))).toBe(false);
    const old = new Set(before.grids.flatMap((g) => ringOf(g).map((q) => `${q[0]},${q[1]}`)));
    const fresh = ringOf(a).filter((q) => !old.has(`${q[0]},${q[1]}`));
    expect(fresh).toHaveLength(1);
    expect(ringOf(b).some((q) => same(q, fresh[0] as Position))).toBe(true);
    expect(a.version).toBeGreaterThan((before.grids.find((g) => g.id === pair.a) as { version: number }).version);
    // The OGC API sees the same.
    const ogc = (await (await page.request.get(`${base}/ogc/collections/grids/items?limit=100`)).json()) as { features: { id: number | string; geometry: Polygon }[] };
    for (const id of [pair.a, pair.b]) {
      const f = ogc.features.find((x) => Number(x.id) === id || String(x.id).endsWith(`.${id}`));
      if (f) expect(JSON.stringify(f.geometry.coordinates)).toContain(`[${fresh[0]?.[0]},${fresh[0]?.[1]}]`);
    }
  });

  it('lists the save in the history and shows that version on the map', async () => {
    await page.waitForSelector('.ge-history [data-history]');
    expect(await page.locator('.ge-history').innerText()).toContain('e2e: 移动共用顶点');
    await page.locator('.ge-history [data-history] button.link').first().click();
    await page.waitForSelector('.ge-history li.open [data-control=revert]');
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${ARTIFACTS}/grid-editor-history.png` });
    expect(errors).toEqual([]);
  });
});
