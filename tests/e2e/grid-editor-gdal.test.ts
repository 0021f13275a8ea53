// The 200-grid street from a GDAL-made Shapefile, through the editor in a real browser (issue 12 points 5 and 7):
// it opens with no problems, a corner dragged with the mouse saves, and only the four grids holding that corner
// change (every other grid keeps its version and its exact boundary).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerType } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import type { Polygon, Position } from 'geojson';
import { closeNow } from '../helpers/serve.js';
import { openTestStore, type TestStore } from '../helpers/stores.js';
import { adminSession, client, type Client } from '../helpers/client.js';
import { ARTIFACTS, HAS_CHROMIUM, launch, serveApp, signInAsAdmin, trackNetwork, watchConsole } from '../helpers/browser.js';
import { GDAL_STREET, HAS_GDAL, gdalStreetFile, shapefileOfCells } from '../helpers/gdal-street.js';
import { dragOn, screenOfOn, selectGridOn } from '../helpers/grid-editor-page.js';

interface Grid { id: number; code: string; version: number; geometry: Polygon }

describe.runIf(HAS_CHROMIUM && HAS_GDAL)('a 200-grid GDAL street in the grid editor, in Chromium', () => {
  let t: TestStore;
  let c: Client;
  let admin: Record<string, string>;
  let server: ServerType;
  let base: string;
  let browser: Browser;
  let page: Page;
  const state = async () => ((await (await c.get(`/api/streets/${GDAL_STREET}/grid-editor`, admin)).json()) as { grids: Grid[] });
  const upload = (path: string, file: Uint8Array | string, name: string) => c.upload(path, file, name, admin);

  beforeAll(async () => {
    t = await openTestStore('pglite');
    c = client(t.services);
    admin = await adminSession(c);
    expect((await upload('/api/import/streets', gdalStreetFile(), 'street.geojson')).status).toBe(200);
    const res = await upload('/api/import/grids', await shapefileOfCells(), 'cells.zip');
    expect(res.status, await res.clone().text()).toBe(200);
    ({ server, base } = await serveApp(t));
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await signInAsAdmin(page, base);
  });
  afterAll(async () => {
    await browser?.close();
    await closeNow(server);
    await t?.dispose();
  });

  it('opens with no problems; a dragged corner saves and changes only the four grids holding it', async () => {
    const errors = watchConsole(page);
    const idle = trackNetwork(page);
    const before = await state();
    expect(before.grids).toHaveLength(200);
    await page.goto(`${base}/edit?street=${GDAL_STREET}`);
    await page.waitForSelector('[data-testid=editor-map] canvas');
    await idle(500, 15_000);
    await page.waitForSelector('.ge-problems[data-count="0"]');
    await page.screenshot({ path: `${ARTIFACTS}/grid-editor-gdal-200.png` });

    const byCode = new Map(before.grids.map((g) => [g.code, g]));
    const cell = (r: number, col: number) => byCode.get(`${GDAL_STREET}-R${r}C${col}`) as Grid;
    const corner = cell(4, 9).geometry.coordinates[0]?.[2] as Position;
    const holders = before.grids.filter((g) => g.geometry.coordinates[0]?.some((p) => p[0] === corner[0] && p[1] === corner[1])).map((g) => g.code).sort();
    expect(holders).toHaveLength(4);

    await selectGridOn(page, cell(4, 9).id);
    await dragOn(page, await screenOfOn(page, corner), 14, -9);
    await page.waitForSelector('.ge-problems[data-count="0"]');
    await page.waitForSelector('[data-testid=impact]', { timeout: 60_000 });
    await page.fill('.ge-save textarea', 'e2e: 200 格街道移动一个角点');
    await page.click('[data-control=save]');
    await page.waitForSelector('.notice', { timeout: 60_000 });
    await page.waitForSelector('.ge-save[data-state=idle]');
    await page.screenshot({ path: `${ARTIFACTS}/grid-editor-gdal-200-saved.png` });

    const after = await state();
    const old = new Map(before.grids.map((g) => [g.id, g]));
    const changed = after.grids.filter((g) => g.version !== old.get(g.id)?.version).map((g) => g.code).sort();
    expect(changed).toEqual(holders);
    for (const g of after.grids) if (!changed.includes(g.code)) expect(JSON.stringify(g.geometry)).toBe(JSON.stringify(old.get(g.id)?.geometry));
    expect(errors).toEqual([]);
  });
});
