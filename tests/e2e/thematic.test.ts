// The area tree and the thematic map in a real browser, checked against the API's figures: the tree (☰ in the
// breadcrumb) jumps to a street of another district (breadcrumb, URL and profile follow, its row shows the street's
// rate); at low zoom the city's districts are filled by class, the legend's class counts add up to the areas shown
// and match the rates the API gives, and the colour drawn inside each area is its class's swatch.
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';
import { pct } from '../../client/map/layers/thematic/classes.js';
import { ARTIFACTS, HAS_CHROMIUM } from '../helpers/browser.js';
import { browserSession } from '../helpers/browser-session.js';

interface SummaryChild { id: string; level: string; name: string; rates: { partyOrg: { value: number | null } } }
interface LegendRow { count: number; from: number | null; to: number | null; none: boolean; rgb: [number, number, number]; alpha: number }

/** The map's background under the fills (MapController's dark style), for what a half-transparent swatch looks like. */
const BACKGROUND: [number, number, number] = [11, 18, 32];

describe.runIf(HAS_CHROMIUM)('area tree and thematic legend in Chromium', () => {
  const s = browserSession({ signIn: true });
  const crumbs = () => s.page.locator('.breadcrumb [data-crumb]').evaluateAll((els) => els.map((e) => e.getAttribute('data-crumb')));
  const focusInUrl = () => new URL(s.page.url()).searchParams.get('focus');
  const childrenOf = async (level: string, id: string, childLevel: string) => {
    const node = (await (await s.page.request.get(`${s.base}/api/coverage/summary?level=${level}&id=${id}`)).json()) as { children?: SummaryChild[] };
    return (node.children ?? []).filter((c) => c.level === childLevel);
  };

  it('the tree opens from the breadcrumb and jumps to a street of another district: breadcrumb, URL, profile', async () => {
    await s.page.waitForSelector('.profile [data-rate=partyOrg]');
    const [target] = await s.t.store.read((db) =>
      rows<{ code: string; name: string; district: string }>(db, sql`
        SELECT s.code, s.name, s.district_code AS district FROM streets s
        WHERE s.district_code <> (SELECT district_code FROM streets WHERE code = '310106012') ORDER BY s.code LIMIT 1`),
    );
    if (!target) throw new Error('the demo has one district only');
    await s.page.click('[data-control=area-tree]');
    await s.page.waitForSelector('.area-tree [data-tree-key="city:all"]');
    // Open the other district's branch by its caret; its streets load.
    const district = s.page.locator(`.area-tree [data-tree-key="district:${target.district}"]`);
    await district.locator('.caret').click();
    const row = s.page.locator(`.area-tree [data-tree-key="street:${target.code}"]`);
    await row.waitFor();
    // The row shows the street's rate as the API gives it.
    const [api] = (await childrenOf('district', target.district, 'street')).filter((c) => c.id === target.code);
    const v = api?.rates.partyOrg.value ?? null;
    expect(await row.locator('.value').innerText()).toBe(v === null ? '—' : pct(v));
    await s.page.screenshot({ path: `${ARTIFACTS}/area-tree.png` });
    await row.click();
    await s.page.waitForSelector(`.profile.area[data-area="street:${target.code}"] h2`);
    await expect.poll(() => s.page.locator('.profile.area h2').innerText()).toBe(target.name);
    expect(await crumbs()).toEqual(['city:all', `district:${target.district}`, `street:${target.code}`]);
    await expect.poll(focusInUrl).toBe(`street:${target.code}`);
    // The tree closed on the jump; opened again, it marks where one is now.
    await expect.poll(() => s.page.locator('.area-tree').count()).toBe(0);
    await s.page.click('[data-control=area-tree]');
    await expect.poll(() => row.getAttribute('aria-selected')).toBe('true');
    await s.page.click('[data-control=area-tree]');
    expect(s.errors).toEqual([]);
  });

  it('at low zoom the city\'s districts are coloured by class: legend counts and colours follow the API\'s rates', async () => {
    // The city's districts (the demo's lie in two cities far apart): framed on the first city's, below zoom 12,
    // where the thematic fills are at full strength.
    const [box] = await s.t.store.read((db) =>
      rows<{ w: number; s: number; e: number; n: number }>(db, sql`
        SELECT ST_XMin(b) AS w, ST_YMin(b) AS s, ST_XMax(b) AS e, ST_YMax(b) AS n FROM (SELECT ST_Extent(geom) AS b FROM districts WHERE code LIKE '31%') x`),
    );
    if (!box) throw new Error('no districts');
    await s.page.goto(`${s.base}/?focus=city:all&at=${((box.w + box.e) / 2).toFixed(5)},${((box.s + box.n) / 2).toFixed(5)},10,0,0&layers=thematic,boundaries`);
    await s.page.waitForSelector('[data-testid=map] canvas');
    await s.page.evaluate((b) => window.__coverageMap?.map.fitBounds([[b.w, b.s], [b.e, b.n]], { duration: 0, maxZoom: 11.5, padding: 20 }), box);
    await s.page.waitForSelector('.thematic-legend ul.classes li');
    await s.idle();
    await s.page.waitForSelector('[data-testid=map][data-drawn=true]');
    await s.page.waitForTimeout(800);

    const districts = await childrenOf('city', 'all', 'district');
    expect(districts.length).toBeGreaterThan(1);
    const legend: LegendRow[] = await s.page.locator('.thematic-legend ul.classes li').evaluateAll((els) =>
      els.map((el) => {
        const bg = getComputedStyle(el.querySelector('.swatch') as Element).backgroundColor;
        const [r, g, b, a] = (bg.match(/[\d.]+/g) ?? []).map(Number);
        const num = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));
        const e = el as HTMLElement;
        return { count: Number(e.dataset.classCount), from: num(e.dataset.from), to: num(e.dataset.to), none: e.dataset.class === 'none', rgb: [r ?? 0, g ?? 0, b ?? 0] as [number, number, number], alpha: a ?? 1 };
      }),
    );
    const classOf = (v: number | null) => legend.findIndex((c) => (v === null ? c.none : !c.none && (c.from === null || v >= c.from) && (c.to === null || v < c.to)));
    // Counts: every district in exactly one class, each class as many as the API's rates put in its range.
    expect(legend.reduce((n, c) => n + c.count, 0)).toBe(districts.length);
    legend.forEach((c, k) => expect(c.count, `class ${k}`).toBe(districts.filter((st) => classOf(st.rates.partyOrg.value) === k).length));

    // Colours: inside each district on screen the map shows its class's swatch (nearest of the legend's swatches as drawn over
    // the background), at most points sampled inside it and not under a panel or a label.
    const png = PNG.sync.read(await s.page.screenshot({ path: `${ARTIFACTS}/thematic-city.png` }));
    const drawnSwatch = (c: LegendRow) => c.rgb.map((x, i) => x * c.alpha + (BACKGROUND[i] as number) * (1 - c.alpha));
    const nearest = (px: number[]) => {
      const dist = legend.map((c) => drawnSwatch(c).reduce((sum, x, i) => sum + (x - (px[i] as number)) ** 2, 0));
      return dist.indexOf(Math.min(...dist));
    };
    let checked = 0;
    for (const st of districts) {
      const points = await s.t.store.read((db) =>
        rows<{ lon: number; lat: number }>(db, sql`
          SELECT ST_X(p.geom) AS lon, ST_Y(p.geom) AS lat FROM districts d, ST_Dump(ST_GeneratePoints(d.geom, 15, 7)) p WHERE d.code = ${st.id}`),
      );
      const screen = await s.page.evaluate((pts) => {
        const map = window.__coverageMap?.map;
        const canvas = document.querySelector('[data-testid=map]');
        return pts.flatMap((p) => {
          const q = map?.project([p.lon, p.lat]);
          if (!q || !canvas) return [];
          const box = canvas.getBoundingClientRect();
          const x = Math.round(box.left + q.x);
          const y = Math.round(box.top + q.y);
          // Only where the map itself is on top (no panel, legend or label over it).
          const hit = document.elementFromPoint(x, y);
          return hit && hit.tagName === 'CANVAS' && canvas.contains(hit) ? [{ x, y }] : [];
        });
      }, points);
      if (screen.length < 3) continue;
      const votes = screen.map(({ x, y }) => {
        const i = (y * png.width + x) * 4;
        return nearest([png.data[i] as number, png.data[i + 1] as number, png.data[i + 2] as number]);
      });
      const expected = classOf(st.rates.partyOrg.value);
      const hits = votes.filter((k) => k === expected).length;
      expect(hits, `${st.name}: classes seen ${votes.join(',')}, expected ${expected}`).toBeGreaterThan(votes.length / 2);
      checked++;
    }
    expect(checked).toBeGreaterThan(1);
    expect(s.errors).toEqual([]);
  });
});
