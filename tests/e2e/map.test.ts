// The coverage map in a real browser: loads clean, every layer draws, profiles show the database's
// numbers, the language switch, shareable URLs, and panning without errors.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';
import { ARTIFACTS, HAS_CHROMIUM, signInAsAdmin, trackNetwork, visibleMiddle } from '../helpers/browser.js';
import { browserSession } from '../helpers/browser-session.js';

const LAYERS = ['reach', 'density', 'activity', 'alliances', 'gaps'] as const;

describe.runIf(HAS_CHROMIUM)('coverage map in Chromium', () => {
  const s = browserSession();

  const idle = new Map<Page, ReturnType<typeof trackNetwork>>();
  const settle = async (p: Page, ms = 1500) => {
    await idle.get(p)?.();
    await p.waitForTimeout(ms);
  };
  /** The map region not covered by the side panels: what changes there is the map itself. */
  const mapShot = async (p: Page, name?: string) => {
    const map = await p.locator('[data-testid=map]').boundingBox();
    const left = await p.locator('.layer-panel').boundingBox();
    const right = await p.locator('.profile-panel').boundingBox();
    if (!map || !left || !right) throw new Error('layout missing');
    const x = left.x + left.width + 4;
    const clip = { x, y: map.y, width: right.x - 4 - x, height: map.height - 40 };
    return p.screenshot({ clip, ...(name ? { path: `${ARTIFACTS}/${name}.png` } : {}) });
  };

  beforeAll(async () => {
    idle.set(s.page, s.idle);
  });

  it('signs in and shows the territory with no console errors', async () => {
    await signInAsAdmin(s.page, s.base);
    await s.page.waitForSelector('.profile [data-rate=partyOrg]');
    await settle(s.page, 2500);
    await s.page.screenshot({ path: `${ARTIFACTS}/map-default.png` });
    expect(s.errors).toEqual([]);
    // The street summary on screen equals the API's.
    const api = (await (await s.page.request.get(`${s.base}/api/coverage/summary?level=street&id=310106012`)).json()) as { enterprises: number; rates: { partyOrg: { numerator: number; denominator: number } } };
    expect(await s.page.locator('.profile [data-figure=enterprises]').first().innerText()).toBe(api.enterprises.toLocaleString('zh-CN'));
    expect(await s.page.locator('.profile [data-rate=partyOrg] .fraction').innerText()).toBe(`${api.rates.partyOrg.numerator.toLocaleString('zh-CN')} / ${api.rates.partyOrg.denominator.toLocaleString('zh-CN')}`);
  });

  it.each(LAYERS)('turning on the %s layer changes the map', async (layer) => {
    const before = await mapShot(s.page);
    await s.page.check(`input[data-layer=${layer}]`);
    await settle(s.page);
    const after = await mapShot(s.page, `layer-${layer}`);
    expect(after.equals(before)).toBe(false);
    await s.page.uncheck(`input[data-layer=${layer}]`);
    await settle(s.page, 800);
  });

  it('recolours buildings by union, work, reach and party × union', async () => {
    let previous = await mapShot(s.page);
    for (const c of ['union', 'work', 'reach', 'combined', 'party']) {
      await s.page.selectOption('select[data-control=color-by]', c);
      await settle(s.page, 800);
      const now = await mapShot(s.page, `color-${c}`);
      expect(now.equals(previous), c).toBe(false);
      previous = now;
    }
  });

  it('finds a building by search and opens its file with the database numbers on click', async () => {
    // The building's full name: it comes before 恒隆广场商圈, which merely starts with it.
    await s.page.fill('.search input', '恒隆广场');
    await s.page.waitForSelector('.search .results li.active .kind.building');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('.profile.building');
    await settle(s.page, 2000);
    const [b] = await s.t.store.read((db) =>
      rows<{ id: number; operating: number; employees: number }>(
        db,
        sql`SELECT b.id, count(e.id)::int AS operating, coalesce(sum(e.employees), 0)::int AS employees
            FROM buildings b JOIN enterprises e ON e.building_id = b.id AND e.registered_on <= '2026-06-30' AND (e.deregistered_on IS NULL OR e.deregistered_on > '2026-06-30')
            WHERE b.name = '恒隆广场' GROUP BY b.id`,
      ),
    );
    // Close the file, then click the building where the map flew to: the middle of the map left visible by
    // the panels (the camera pads for them).
    await s.page.click('.profile-panel .close');
    await s.page.waitForSelector('.profile.area');
    await settle(s.page, 1000);
    const mid = await visibleMiddle(s.page);
    await s.page.mouse.click(mid.x, mid.y);
    // 恒隆广场 houses a station whose icon sits on it: the click opens that station's own file, which links to the
    // building (before walking bands, a station click opened its building directly).
    await s.page.waitForSelector('.profile.station, .profile.building');
    if (await s.page.locator('.profile.station').count()) await s.page.click('.profile.station [data-open=building]');
    await s.page.waitForSelector(`.profile.building[data-building="${b?.id}"] [data-figure=enterprises]`);
    await s.page.screenshot({ path: `${ARTIFACTS}/building-profile.png` });
    expect(await s.page.locator('.profile.building [data-figure=enterprises]').innerText()).toBe(String(b?.operating));
    expect(await s.page.locator('.profile.building [data-figure=employees]').innerText()).toBe((b?.employees ?? 0).toLocaleString('zh-CN'));
  });

  it('switches to English with no Chinese left in the interface chrome', async () => {
    const scaleZh = await s.page.locator('.maplibregl-ctrl-scale').innerText();
    expect(scaleZh).toMatch(/米|公里/);
    await s.page.click('[data-control=language]');
    await settle(s.page, 800);
    const chrome = await s.page.locator('.layer-panel').innerText();
    expect(chrome).toContain('Layers');
    expect(chrome).not.toMatch(/[\u4e00-\u9fff]/);
    // MapLibre's own controls follow at once, without a reload: the scale bar's unit and the buttons' titles.
    expect(await s.page.locator('.maplibregl-ctrl-scale').innerText()).toMatch(/^\d+\s?(m|km)$/);
    expect(await s.page.locator('.maplibregl-ctrl-zoom-in').getAttribute('title')).toBe('Zoom in');
    const headings = await s.page.locator('.profile h3, .profile .rate .label, .profile .counts span, .profile thead').allInnerTexts();
    expect(headings.join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
    await s.page.screenshot({ path: `${ARTIFACTS}/map-english.png` });
    await s.page.click('[data-control=language]');
    await settle(s.page, 300);
    expect(await s.page.locator('.maplibregl-ctrl-scale').innerText()).toBe(scaleZh);
    expect(await s.page.locator('.maplibregl-ctrl-zoom-in').getAttribute('title')).toBe('放大');
  });

  it('restores the whole view from a shared URL', async () => {
    await s.page.check('input[data-layer=density]');
    await s.page.selectOption('select[data-control=color-by]', 'union');
    await settle(s.page, 1000);
    const url = s.page.url();
    const selected = await s.page.locator('.profile.building').getAttribute('data-building');
    const other = await s.browser.newPage({ viewport: { width: 1600, height: 900 } });
    await other.context().addCookies(await s.page.context().cookies());
    idle.set(other, trackNetwork(other));
    await other.goto(url);
    await other.waitForSelector(`.profile.building[data-building="${selected}"]`);
    await settle(other, 1500);
    expect(await other.isChecked('input[data-layer=density]')).toBe(true);
    expect(await other.inputValue('select[data-control=color-by]')).toBe('union');
    expect(new URL(other.url()).searchParams.get('at')).toBe(new URL(url).searchParams.get('at'));
    expect((await mapShot(other, 'shared-url')).length).toBeGreaterThan(10_000);
    await other.close();
  });

  // How long panning takes is measured by a benchmark, not asserted here (tests never assert on time).
  it('pans the demo territory with no console errors', async () => {
    const box = await s.page.locator('[data-testid=map]').boundingBox();
    if (!box) throw new Error('no map box');
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    // Nothing is picked while dragging (a picking pass reads the GPU back, synchronously): only clicks and rests pick.
    const picks = () => s.page.evaluate(() => window.__coverageMap?.picks() ?? -1);
    for (const [dx, dy] of [[250, 0], [-250, 120], [0, -200], [-150, 80]] as const) {
      await s.page.mouse.move(cx, cy);
      await s.page.mouse.down();
      const before = await picks();
      for (let i = 1; i <= 15; i++) await s.page.mouse.move(cx + (dx * i) / 15, cy + (dy * i) / 15);
      await s.page.mouse.up();
      await s.page.waitForTimeout(600);
      expect(await picks()).toBe(before);
    }
    await settle(s.page, 1000);
    expect((await mapShot(s.page, 'map-panned')).length).toBeGreaterThan(10_000);
    expect(s.errors).toEqual([]);
  });
});
