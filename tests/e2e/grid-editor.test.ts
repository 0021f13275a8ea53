// The grid editor in a real browser: a shared vertex dragged with the mouse moves in both grids, a
// problem shows on the map and in the list (and undo clears it), the preview shows the impact, the save
// lands, and after a reload the API has the same new coordinate in both grids. No console errors.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import { ARTIFACTS, HAS_CHROMIUM, signInAsAdmin, watchConsole } from '../helpers/browser.js';
import { browserSession } from '../helpers/browser-session.js';
import { dragOn, screenOfOn, selectGridOn, type Pt } from '../helpers/grid-editor-page.js';

const STREET = '310106012';

interface EditorGrids {
  street: { geometry: { type: string; coordinates: unknown } };
  grids: { id: number; name: string; version: number; geometry: Polygon }[];
}

const same = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];
const ringOf = (g: { geometry: Polygon }) => (g.geometry.coordinates[0] ?? []).slice(0, -1);

describe.runIf(HAS_CHROMIUM)('grid editor in Chromium', () => {
  const s = browserSession();
  let before: EditorGrids;
  let pair: { a: number; b: number; vertex: Position };

  const editorData = async (): Promise<EditorGrids> => (await (await s.page.request.get(`${s.base}/api/streets/${STREET}/grid-editor`)).json()) as EditorGrids;

  const screenOf = (pos: Position) => screenOfOn(s.page, pos);
  const drag = (from: Pt, dx: number, dy: number) => dragOn(s.page, from, dx, dy);
  const selectGrid = (id: number) => selectGridOn(s.page, id);

  it('opens the street with its grids labelled and the partition clean', async () => {
    await signInAsAdmin(s.page, s.base);
    await s.page.goto(`${s.base}/edit?street=${STREET}`);
    await s.page.waitForSelector('[data-testid=editor-map] canvas');
    await s.page.waitForSelector('.grid-label');
    await s.page.waitForSelector('.ge-problems[data-count="0"]');
    await s.idle();
    before = await editorData();
    expect(await s.page.locator('.grid-label').count()).toBe(before.grids.length);
    // A vertex shared by exactly two grids and not on the street outline.
    const outline = JSON.stringify(before.street.geometry.coordinates);
    for (const a of before.grids)
      for (const v of ringOf(a)) {
        const holders = before.grids.filter((g) => ringOf(g).some((q) => same(q, v)));
        if (holders.length === 2 && !outline.includes(`[${v[0]},${v[1]}]`) && !pair) pair = { a: a.id, b: (holders.find((g) => g.id !== a.id) as { id: number }).id, vertex: v };
      }
    expect(pair).toBeTruthy();
    expect(new URL(s.page.url()).searchParams.get('street')).toBe(STREET);
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
    await s.page.waitForSelector('.ge-problems .problem[data-kind=outside]');
    expect(await s.page.isDisabled('[data-control=save]')).toBe(true);
    await s.page.waitForTimeout(500);
    await s.page.screenshot({ path: `${ARTIFACTS}/grid-editor-problem.png` });
    await s.page.keyboard.press('Control+z');
    await s.page.waitForSelector('.ge-problems[data-count="0"]');
  });

  it('drags a shared vertex, previews the impact and saves', async () => {
    await selectGrid(pair.a);
    const from = await screenOf(pair.vertex);
    await drag(from, 45, 30);
    await s.page.waitForSelector('.ge-problems[data-count="0"]');
    await s.page.waitForSelector('[data-testid=impact]', { timeout: 30_000 });
    expect(await s.page.locator('.ge-save').innerText()).toMatch(/1|2/);
    await s.page.fill('.ge-save textarea', 'e2e: 移动共用顶点');
    await s.page.waitForTimeout(400);
    await s.page.screenshot({ path: `${ARTIFACTS}/grid-editor-preview.png` });
    expect(await s.page.isEnabled('[data-control=save]')).toBe(true);
    await s.page.click('[data-control=save]');
    await s.page.waitForSelector('.notice', { timeout: 30_000 });
    await s.page.waitForSelector('.ge-save[data-state=idle]');
    // No outline of the boundary as it was before the drag is left drawn (it stayed as a white line).
    await s.page.waitForSelector('[data-testid=editor-map][data-focus=off]');
    await s.page.waitForTimeout(400);
    await s.page.screenshot({ path: `${ARTIFACTS}/grid-editor-saved.png` });
  });

  it('after a reload, the boundary moved in both grids (the same new coordinate in each)', async () => {
    await s.page.reload();
    await s.page.waitForSelector('.grid-label');
    await s.idle();
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
    const ogc = (await (await s.page.request.get(`${s.base}/ogc/collections/grids/items?limit=100`)).json()) as { features: { id: number | string; geometry: Polygon }[] };
    for (const id of [pair.a, pair.b]) {
      const f = ogc.features.find((x) => Number(x.id) === id || String(x.id).endsWith(`.${id}`));
      if (f) expect(JSON.stringify(f.geometry.coordinates)).toContain(`[${fresh[0]?.[0]},${fresh[0]?.[1]}]`);
    }
  });

  it('lists the save in the history and shows that version on the map', async () => {
    await s.page.waitForSelector('.ge-history [data-history]');
    expect(await s.page.locator('.ge-history').innerText()).toContain('e2e: 移动共用顶点');
    await s.page.locator('.ge-history [data-history] button.link').first().click();
    await s.page.waitForSelector('.ge-history li.open [data-control=revert]');
    await s.page.waitForTimeout(800);
    await s.page.screenshot({ path: `${ARTIFACTS}/grid-editor-history.png` });
    expect(s.errors).toEqual([]);
  });
});

// The other tools, each from the street as seeded (reverted through the API before every test): draw,
// split, merge, delete giving the area away, the one-click fixes, revert from history, two editors
// (412 → reload and re-apply) and GeoJSON upload. Driven with the mouse on the map and the panels;
// outcomes asserted through the API.
type Grid = EditorGrids['grids'][number];
interface FullEditor extends EditorGrids {
  street: { geometry: Polygon | MultiPolygon };
  buildings: { id: number; gridId: number | null }[];
}
interface History {
  items: { id: number; note: string | null; revertOf: number | null; changes: { gridId: number; action: string; giveTo?: number }[] }[];
}

/** Area of the street not covered by the grids plus area of the grids outside the street or overlapping (m²). */
function partitionError(street: Polygon | MultiPolygon, grids: Polygon[]): { gap: number; outside: number; overlap: number } {
  const s = street.type === 'Polygon' ? turf.polygon(street.coordinates) : turf.multiPolygon(street.coordinates);
  const all = turf.union(turf.featureCollection(grids.map((g) => turf.polygon(g.coordinates))));
  const gap = all ? turf.difference(turf.featureCollection([s, all])) : s;
  const outside = all ? turf.difference(turf.featureCollection([all, s])) : null;
  const sum = grids.reduce((n, g) => n + turf.area(turf.polygon(g.coordinates)), 0);
  return { gap: gap ? turf.area(gap) : 0, outside: outside ? turf.area(outside) : 0, overlap: sum - (all ? turf.area(all) : 0) };
}

describe.runIf(HAS_CHROMIUM)('grid editor tools in Chromium', () => {
  const s = browserSession();
  let seeded: FullEditor;

  const editorOf = async (p: Page = s.page): Promise<FullEditor> => (await (await p.request.get(`${s.base}/api/streets/${STREET}/grid-editor`)).json()) as FullEditor;
  const historyOf = async (): Promise<History> => (await (await s.page.request.get(`${s.base}/api/streets/${STREET}/grid-history`)).json()) as History;
  const grid = (d: EditorGrids, id: number): Grid => {
    const g = d.grids.find((x) => x.id === id);
    if (!g) throw new Error(`no grid ${id}`);
    return g;
  };
  const expectExactPartition = (d: FullEditor) => {
    const e = partitionError(d.street.geometry, d.grids.map((g) => g.geometry));
    expect(e.gap).toBeLessThan(1);
    expect(e.outside).toBeLessThan(1);
    expect(Math.abs(e.overlap)).toBeLessThan(1);
  };

  const login = (p: Page) => signInAsAdmin(p, s.base);
  const openEditor = async (p: Page = s.page) => {
    await p.goto(`${s.base}/edit?street=${STREET}`);
    await p.waitForSelector('[data-testid=editor-map] canvas');
    await p.waitForSelector('.grid-label');
    await p.waitForSelector('.ge-problems[data-count="0"]');
    await p.waitForSelector('.ge-history ol, .ge-history .muted');
    await p.waitForTimeout(600);
  };
  /** Back to the seeded grids: revert the street to before its first change set, through the API. */
  const reset = async () => {
    const { items } = await historyOf();
    const first = items[items.length - 1];
    if (first) {
      const session = (await (await s.page.request.get(`${s.base}/api/auth/session`)).json()) as { user: { csrfToken: string } };
      const { grids } = await editorData();
      const r = await s.page.request.post(`${s.base}/api/streets/${STREET}/grid-history/${first.id}/revert`, {
        data: { state: 'before', note: 'e2e reset', base: grids.map((g) => ({ id: g.id, version: g.version })) },
        headers: { 'x-csrf-token': session.user.csrfToken },
      });
      expect(r.status(), await r.text()).toBe(200);
    }
    const now = await editorData();
    expect(now.grids.map((g) => [g.id, JSON.stringify(g.geometry.coordinates)])).toEqual(seeded.grids.map((g) => [g.id, JSON.stringify(g.geometry.coordinates)]));
    await openEditor();
  };
  const editorData = (p: Page = s.page) => editorOf(p);

  const screenOf = (pos: Position, p: Page = s.page) => screenOfOn(p, pos);
  const drag = (from: Pt, dx: number, dy: number, p: Page = s.page) => dragOn(p, from, dx, dy);
  const click = async (at: Pt) => {
    await s.page.mouse.move(at.x, at.y);
    await s.page.waitForTimeout(60);
    await s.page.mouse.down();
    await s.page.mouse.up();
    await s.page.waitForTimeout(200);
  };
  const selectGrid = (id: number | string, p: Page = s.page) => selectGridOn(p, id);
  const gridCount = () => s.page.locator('.grid-list [data-grid]').count();
  const saveWith = async (note: string, p: Page = s.page) => {
    await p.waitForSelector('.ge-problems[data-count="0"]');
    await p.waitForSelector('[data-testid=impact]', { timeout: 30_000 });
    await p.fill('.ge-save textarea', note);
    expect(await p.isEnabled('[data-control=save]')).toBe(true);
    await p.click('[data-control=save]');
    await p.waitForSelector('.notice', { timeout: 30_000 });
    await p.waitForSelector('.ge-save[data-state=idle]');
  };
  const shot = async (name: string) => {
    await s.page.waitForTimeout(500);
    await s.page.screenshot({ path: `${ARTIFACTS}/grid-editor-${name}.png` });
  };

  beforeAll(async () => {
    await login(s.page);
    seeded = await editorData();
    expect(seeded.grids.map((g) => g.id)).toEqual([1, 2, 3, 4]);
    expectExactPartition(seeded);
  });

  it('draws a new grid across a shared boundary: carved from both, the partition stays exact, saves', async () => {
    await reset();
    // Around the middle of the boundary between grids 1 and 2.
    const c = await screenOf([121.4557, 31.2332]);
    await s.page.click('[data-tool=draw]');
    const corners: Pt[] = [
      { x: c.x - 70, y: c.y - 60 },
      { x: c.x + 70, y: c.y - 60 },
      { x: c.x + 70, y: c.y + 60 },
      { x: c.x - 70, y: c.y + 60 },
    ];
    for (const p of corners) await click(p);
    await click(corners[0] as Pt);
    await s.page.waitForSelector('.grid-list [data-grid="n:1"]');
    await s.page.waitForSelector('.ge-problems[data-count="0"]');
    expect(await gridCount()).toBe(5);
    expect(await s.page.locator('[data-tool=select].active').count()).toBe(1);
    await shot('draw');
    await saveWith('e2e: 新网格');
    const after = await editorData();
    expect(after.grids).toHaveLength(5);
    expectExactPartition(after);
    const fresh = after.grids.find((g) => !seeded.grids.some((s) => s.id === g.id)) as Grid;
    expect(fresh.name).toMatch(/1/);
    for (const id of [1, 2]) expect(turf.area(grid(after, id).geometry)).toBeLessThan(turf.area(grid(seeded, id).geometry) - 1000);
    for (const id of [3, 4]) expect(JSON.stringify(grid(after, id).geometry)).toBe(JSON.stringify(grid(seeded, id).geometry));
  });

  it('splits a grid with a drawn line: one more grid, same union, saves', async () => {
    await reset();
    await selectGrid(1);
    // A line across grid 1 at latitude 31.2335: from beyond its west edge (the street outline) to
    // beyond its east edge (shared with grid 2).
    const west = await screenOf([121.44425, 31.2335]);
    const east = await screenOf([121.4557, 31.2335]);
    await s.page.click('[data-tool=split]');
    const a = { x: west.x - 30, y: west.y };
    const m = { x: (west.x + east.x) / 2, y: west.y + 15 };
    const b = { x: east.x + 30, y: east.y };
    await click(a);
    await click(m);
    await click(b);
    await click(b); // clicking the last point again finishes the line
    await s.page.waitForSelector('.grid-list [data-grid="n:1"]');
    // The finishing click (over grid 2) does not select grid 2: the split grid stays selected.
    await s.page.waitForTimeout(300);
    expect(await s.page.locator('.selected-grid').getAttribute('data-selected')).toBe('g:1');
    await s.page.waitForSelector('.ge-problems[data-count="0"]');
    expect(await gridCount()).toBe(5);
    await shot('split');
    // The split is one undo step (Ctrl+Z), and comes back with Ctrl+Shift+Z.
    await s.page.keyboard.press('Control+z');
    await s.page.waitForFunction(() => document.querySelectorAll('.grid-list [data-grid]').length === 4);
    await s.page.keyboard.press('Control+Shift+z');
    await s.page.waitForFunction(() => document.querySelectorAll('.grid-list [data-grid]').length === 5);
    await saveWith('e2e: 分割网格');
    const after = await editorData();
    expect(after.grids).toHaveLength(5);
    expectExactPartition(after);
    const fresh = after.grids.find((g) => !seeded.grids.some((s) => s.id === g.id)) as Grid;
    const one = grid(after, 1);
    // The two halves together are the old grid 1.
    expect(turf.area(one.geometry) + turf.area(fresh.geometry)).toBeCloseTo(turf.area(grid(seeded, 1).geometry), -1);
    // Grid 2 got the crossing point on the shared edge (so the boundary stays shared), 3 and 4 unchanged.
    for (const id of [3, 4]) expect(JSON.stringify(grid(after, id).geometry)).toBe(JSON.stringify(grid(seeded, id).geometry));
  });

  it('merges a neighbour into the selected grid: one fewer grid, its buildings moved, saves', async () => {
    await reset();
    const in4 = seeded.buildings.filter((b) => b.gridId === 4).map((b) => b.id);
    expect(in4.length).toBeGreaterThan(0);
    await selectGrid(1);
    await s.page.selectOption('.selected-grid select', 'g:4');
    await s.page.click('[data-control=merge]');
    await s.page.waitForFunction(() => document.querySelectorAll('.grid-list [data-grid]').length === 3);
    expect(await s.page.locator('.grid-list [data-grid="g:4"]').count()).toBe(0);
    await s.page.waitForSelector('.ge-problems[data-count="0"]');
    await shot('merge');
    await saveWith('e2e: 合并网格');
    const after = await editorData();
    expect(after.grids.map((g) => g.id)).toEqual([1, 2, 3]);
    expectExactPartition(after);
    expect(turf.area(grid(after, 1).geometry)).toBeCloseTo(turf.area(grid(seeded, 1).geometry) + turf.area(grid(seeded, 4).geometry), -1);
    for (const id of in4) expect(after.buildings.find((b) => b.id === id)?.gridId).toBe(1);
    const { items } = await historyOf();
    expect(items[0]?.changes.find((c) => c.gridId === 4)).toMatchObject({ action: 'delete', giveTo: 1 });
  });

  it('deletes a grid giving its area to a neighbour, then reverts that from the history panel', async () => {
    await reset();
    await selectGrid(2);
    await s.page.selectOption('.selected-grid select', 'g:3');
    await s.page.click('[data-control=delete]');
    await s.page.waitForFunction(() => document.querySelectorAll('.grid-list [data-grid]').length === 3);
    expect(await s.page.locator('.grid-list [data-grid="g:2"]').count()).toBe(0);
    await s.page.waitForSelector('.ge-problems[data-count="0"]');
    await shot('delete');
    await saveWith('e2e: 删除网格');
    const after = await editorData();
    expect(after.grids.map((g) => g.id)).toEqual([1, 3, 4]);
    expectExactPartition(after);
    expect(turf.area(grid(after, 3).geometry)).toBeCloseTo(turf.area(grid(seeded, 3).geometry) + turf.area(grid(seeded, 2).geometry), -1);
    const { items } = await historyOf();
    const del = items[0] as History['items'][number];
    expect(del.changes.find((c) => c.gridId === 2)).toMatchObject({ action: 'delete', giveTo: 3 });

    // Revert: open that change set in the history panel and restore the version before it.
    await s.page.waitForSelector(`.ge-history [data-history="${del.id}"]`);
    await s.page.locator(`.ge-history [data-history="${del.id}"] button.link`).first().click();
    await s.page.waitForSelector(`.ge-history li.open[data-history="${del.id}"] [data-control=revert-before]`);
    await s.page.waitForTimeout(600);
    await shot('history-ghost');
    await s.page.click(`.ge-history li.open [data-control=revert-before]`);
    await s.page.waitForSelector('.notice');
    await s.page.waitForFunction(() => document.querySelectorAll('.grid-list [data-grid]').length === 4);
    await s.page.waitForSelector('.ge-problems[data-count="0"]');
    await shot('revert');
    const back = await editorData();
    expect(back.grids.map((g) => g.id)).toEqual([1, 2, 3, 4]);
    for (const g of seeded.grids) expect(JSON.stringify(grid(back, g.id).geometry.coordinates)).toBe(JSON.stringify(g.geometry.coordinates));
    const h = await historyOf();
    expect(h.items[0]?.revertOf).toBe(del.id);
    expect(await s.page.locator('.ge-history').innerText()).toContain(`#${h.items[0]?.id}`);
  });

  it('right-click removes a shared vertex from both grids; Ctrl+Z puts it back', async () => {
    await reset();
    await selectGrid(1);
    const v14: Position = [121.45, 31.2242];
    const at = await screenOf(v14);
    await s.page.mouse.move(at.x, at.y);
    await s.page.waitForTimeout(150);
    await s.page.mouse.click(at.x, at.y, { button: 'right' });
    await s.page.waitForFunction(() => document.querySelector('.ge-save p.small')?.textContent?.includes('2') === true);
    await s.page.waitForSelector('.ge-problems[data-count="0"]');
    await shot('remove-vertex');
    await s.page.keyboard.press('Control+z');
    await s.page.waitForFunction(() => document.querySelector('.ge-save [data-control=save]')?.hasAttribute('disabled') === true);
    await s.page.keyboard.press('Control+Shift+z');
    await saveWith('e2e: 删除共用顶点');
    const after = await editorData();
    for (const id of [1, 4]) expect(JSON.stringify(grid(after, id).geometry.coordinates)).not.toContain('[121.45,31.2242]');
    expectExactPartition(after);
  });

  it('fix: clip to the street removes the parts outside, and Save is enabled', async () => {
    await reset();
    await selectGrid(1);
    // The top corner where grids 1 and 2 meet the outline: shared, so dragging it out moves it in both.
    const corner = await screenOf([121.4556, 31.2366]);
    await drag(corner, 0, -50);
    await s.page.waitForSelector('.ge-problems .problem[data-kind=outside]');
    expect(await s.page.locator('.ge-problems .problem[data-kind=outside]').count()).toBe(2);
    expect(await s.page.isDisabled('[data-control=save]')).toBe(true);
    await shot('fix-clip-before');
    await s.page.locator('.ge-problems .problem[data-kind=outside] [data-fix=clip]').first().click();
    await s.page.waitForFunction(() => document.querySelectorAll('.ge-problems .problem[data-kind=outside]').length === 1);
    await s.page.locator('.ge-problems .problem[data-kind=outside] [data-fix=clip]').first().click();
    // No sliver of gap is left along the outline where the shared boundary now meets it.
    await s.page.waitForSelector('.ge-problems[data-count="0"]');
    await s.page.waitForSelector('[data-control=save]:not([disabled])', { timeout: 30_000 });
    await shot('fix-clip');
    await saveWith('e2e: 裁剪到街道');
    const after = await editorData();
    expectExactPartition(after);
  });

  it('fix: give a gap to a chosen neighbour, and Save is enabled', async () => {
    await reset();
    await selectGrid(1);
    // The outline corner shared by grids 1 and 4, pulled into the street: a gap along the outline between them.
    const corner = await screenOf([121.4433, 31.224]);
    await drag(corner, 40, -40);
    await s.page.waitForSelector('.ge-problems .problem[data-kind=gap]');
    expect(await s.page.locator('.ge-problems .problem').count()).toBe(1);
    const gap = s.page.locator('.ge-problems .problem[data-kind=gap]');
    expect(await gap.locator('select option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).sort())).toEqual(['g:1', 'g:4']);
    await shot('fix-gap-before');
    await gap.locator('select').selectOption('g:4');
    await gap.locator('[data-fix=give]').click();
    await s.page.waitForSelector('.ge-problems[data-count="0"]');
    await s.page.waitForSelector('[data-control=save]:not([disabled])', { timeout: 30_000 });
    await shot('fix-gap');
    await saveWith('e2e: 缝隙并入相邻网格');
    const after = await editorData();
    expectExactPartition(after);
    expect(turf.area(grid(after, 4).geometry)).toBeGreaterThan(turf.area(grid(seeded, 4).geometry) + 100);
  });

  it('uploads a GeoJSON with an overlap; "subtract from neighbour" fixes it; saves', async () => {
    await reset();
    const exported = (await (await s.page.request.get(`${s.base}/api/streets/${STREET}/grids.geojson`)).json()) as FeatureCollection<Polygon>;
    // Grid 1 bulges into grid 2: a new vertex east of their shared edge.
    const f1 = exported.features.find((f) => f.properties?.id === 1) as Feature<Polygon>;
    const ring = f1.geometry.coordinates[0] as Position[];
    const i = ring.findIndex((p) => p[0] === 121.4558 && p[1] === 31.2298);
    expect(ring[i + 1]).toEqual([121.4556, 31.2366]);
    ring.splice(i + 1, 0, [121.4566, 31.2332]);
    const file = join(mkdtempSync(join(tmpdir(), 'ge-upload-')), 'grids.geojson');
    writeFileSync(file, JSON.stringify(exported));
    await s.page.setInputFiles('.ge-io input[type=file]', file);
    await s.page.waitForSelector('.notice');
    await s.page.waitForSelector('.ge-problems .problem[data-kind=overlap]');
    expect(await s.page.locator('.ge-problems .problem').count()).toBe(1);
    expect(await gridCount()).toBe(4);
    await shot('import-overlap');
    // Two buttons: keep grid 1 (subtract from grid 2) or keep grid 2. Keep grid 1.
    const name2 = grid(seeded, 2).name;
    await s.page.locator('.ge-problems .problem[data-kind=overlap] [data-fix=subtract]', { hasText: name2 }).click();
    await s.page.waitForSelector('.ge-problems[data-count="0"]');
    await s.page.waitForSelector('[data-control=save]:not([disabled])', { timeout: 30_000 });
    await shot('fix-subtract');
    await saveWith('e2e: 上传并消除重叠');
    const after = await editorData();
    expectExactPartition(after);
    expect(JSON.stringify(grid(after, 1).geometry.coordinates)).toContain('[121.4566,31.2332]');
    expect(JSON.stringify(grid(after, 2).geometry.coordinates)).toContain('[121.4566,31.2332]');
    expect(turf.area(grid(after, 2).geometry)).toBeLessThan(turf.area(grid(seeded, 2).geometry) - 1000);
  });

  it('uploads a GeoJSON without grid 4 and grid 1 covering its area: grid 4 is deleted, its area given to 1', async () => {
    await reset();
    const exported = (await (await s.page.request.get(`${s.base}/api/streets/${STREET}/grids.geojson`)).json()) as FeatureCollection<Polygon>;
    const f1 = exported.features.find((f) => f.properties?.id === 1) as Feature<Polygon>;
    const f4 = exported.features.find((f) => f.properties?.id === 4) as Feature<Polygon>;
    const joined = turf.union(turf.featureCollection([turf.polygon(f1.geometry.coordinates), turf.polygon(f4.geometry.coordinates)]));
    expect(joined?.geometry.type).toBe('Polygon');
    f1.geometry = joined?.geometry as Polygon;
    exported.features = exported.features.filter((f) => f !== f4);
    const file = join(mkdtempSync(join(tmpdir(), 'ge-upload-')), 'grids.geojson');
    writeFileSync(file, JSON.stringify(exported));
    await s.page.setInputFiles('.ge-io input[type=file]', file);
    await s.page.waitForSelector('.notice');
    await s.page.waitForFunction(() => document.querySelectorAll('.grid-list [data-grid]').length === 3);
    await s.page.waitForSelector('.ge-problems[data-count="0"]');
    await shot('import');
    await saveWith('e2e: 上传合并');
    const after = await editorData();
    expect(after.grids.map((g) => g.id)).toEqual([1, 2, 3]);
    expectExactPartition(after);
    const { items } = await historyOf();
    expect(items[0]?.changes.find((c) => c.gridId === 4)).toMatchObject({ action: 'delete', giveTo: 1 });
  });

  it('two editors: the second save is stale (412); "reload and re-apply" keeps its edit and saves', async () => {
    await reset();
    const ctx = await s.browser.newContext({ viewport: { width: 1600, height: 900 } });
    const other = await ctx.newPage();
    const otherErrors = watchConsole(other);
    try {
      await login(other);
      await openEditor(other);
      // The other editor moves the vertex shared by grids 2 and 3, and saves.
      const v23: Position = [121.462, 31.23];
      await selectGrid(2, other);
      await drag(await screenOf(v23, other), 30, 25, other);
      await saveWith('e2e: 另一位编辑', other);
      const theirs = await editorData(other);
      expect(JSON.stringify(grid(theirs, 2).geometry)).not.toContain('[121.462,31.23]');

      // This editor, on the old versions, renames grid 2 (which the other save changed: a conflict) and
      // moves the vertex shared by grids 1 and 4 (which it did not).
      await selectGrid(2);
      await s.page.fill('.selected-grid input', 'e2e 改名');
      await s.page.locator('.selected-grid input').blur();
      await s.page.waitForSelector('.grid-list [data-grid="g:2"]:text("e2e 改名")');
      const v14: Position = [121.45, 31.2242];
      await selectGrid(1);
      await drag(await screenOf(v14), 35, 30);
      expect(await s.page.locator('.ge-save p.small').first().innerText()).toMatch(/3/);
      await s.page.waitForSelector('.ge-problems[data-count="0"]');
      await s.page.waitForSelector('[data-testid=impact]', { timeout: 30_000 });
      await s.page.fill('.ge-save textarea', 'e2e: 重新应用');
      await s.page.click('[data-control=save]');
      await s.page.waitForSelector('.ge-save .stale [data-control=reapply]', { timeout: 30_000 });
      await shot('stale');
      await s.page.click('[data-control=reapply]');
      await s.page.waitForSelector('.ge-save .conflicts');
      // The rename of grid 2 could not be re-applied; the move of the 1|4 vertex was.
      expect(await s.page.locator('.ge-save .conflicts li').allInnerTexts()).toEqual([grid(seeded, 2).name]);
      expect(await s.page.locator('.grid-list [data-grid="g:2"]').innerText()).toBe(grid(seeded, 2).name);
      expect(await s.page.locator('.ge-save p.small').first().innerText()).toMatch(/2/);
      // The history panel now lists the other editor's save.
      await s.page.waitForSelector('.ge-history li:has-text("e2e: 另一位编辑")');
      await shot('reapply');
      await saveWith('e2e: 重新应用', s.page);
      await shot('reapplied');
      const after = await editorData();
      expectExactPartition(after);
      // Both edits are in: theirs (2|3) and mine (1|4).
      for (const id of [2, 3]) expect(JSON.stringify(grid(after, id).geometry)).toBe(JSON.stringify(grid(theirs, id).geometry));
      for (const id of [1, 4]) {
        expect(JSON.stringify(grid(after, id).geometry)).not.toContain('[121.45,31.2242]');
        expect(grid(after, id).version).toBeGreaterThan(grid(theirs, id).version);
      }
      const mine = ringOf(grid(after, 1)).filter((q) => !ringOf(grid(seeded, 1)).some((s) => same(s, q)));
      expect(mine).toHaveLength(1);
      expect(ringOf(grid(after, 4)).some((q) => same(q, mine[0] as Position))).toBe(true);
      expect(otherErrors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('had no console errors (but the expected 412 of the stale save)', () => {
    expect(s.errors.filter((e) => !/status of 412/.test(e))).toEqual([]);
  });
});
