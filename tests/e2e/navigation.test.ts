// Moving around the territory in a real browser: search finds areas by name and drills to them (breadcrumb,
// profile and URL follow), the breadcrumb drills back up, and a shared URL opens the same place.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';
import { ARTIFACTS, HAS_CHROMIUM } from '../helpers/browser.js';
import { browserSession } from '../helpers/browser-session.js';

describe.runIf(HAS_CHROMIUM)('navigating the territory in Chromium', () => {
  const s = browserSession({ signIn: true });

  /** Types q and picks the result `type:id` (several grids share a name: the id tells them apart). */
  const searchAndPick = async (q: string, type: string, id: string) => {
    await s.page.fill('.search input', q);
    const option = s.page.locator(`.search .results li[data-result="${type}:${id}"]`);
    await option.waitFor();
    await option.dispatchEvent('mousedown');
  };
  const crumbs = () => s.page.locator('.breadcrumb [data-crumb]').evaluateAll((els) => els.map((e) => e.getAttribute('data-crumb')));
  const focusInUrl = () => new URL(s.page.url()).searchParams.get('focus');

  beforeAll(async () => {
    await s.page.waitForSelector('.profile [data-rate=partyOrg]');
  });

  it('search 小东门 → the street: breadcrumb 黄浦区 › 小东门街道, its profile, and the URL', async () => {
    await searchAndPick('小东门', 'street', '310101017');
    await s.page.waitForSelector('.profile.area[data-area="street:310101017"] h2');
    await expect.poll(() => s.page.locator('.profile.area h2').innerText()).toBe('小东门街道');
    expect(await crumbs()).toEqual(['city:all', 'district:310101', 'street:310101017']);
    await expect.poll(focusInUrl).toBe('street:310101017');
    expect(s.errors).toEqual([]);
  });

  it('search a grid by name → three levels of breadcrumb; the district crumb drills back up', async () => {
    const [g] = await s.t.store.read((db) => rows<{ id: number; name: string; street: string; district: string }>(db, sql`
      SELECT g.id, g.name, s.code AS street, s.district_code AS district FROM grids g JOIN streets s ON s.code = g.street_code
      WHERE s.code = '310101017' ORDER BY g.id LIMIT 1`));
    if (!g) throw new Error('小东门 has no grids');
    await searchAndPick(g.name, 'grid', String(g.id));
    await s.page.waitForSelector(`.profile.area[data-area="grid:${g.id}"]`);
    expect(await crumbs()).toEqual(['city:all', `district:${g.district}`, `street:${g.street}`, `grid:${g.id}`]);
    await expect.poll(focusInUrl).toBe(`grid:${g.id}`);
    await s.page.click(`.breadcrumb [data-crumb="district:${g.district}"]`);
    await s.page.waitForSelector(`.profile.area[data-area="district:${g.district}"]`);
    await expect.poll(() => s.page.locator('.profile.area h2').innerText()).toBe('黄浦区');
    await expect.poll(focusInUrl).toBe(`district:${g.district}`);
    await s.page.screenshot({ path: `${ARTIFACTS}/navigation-district.png` });
    expect(s.errors).toEqual([]);
  });

  it('全市 drills up to the whole city: its profile lists the districts', async () => {
    await s.page.click('.breadcrumb [data-crumb="city:all"]');
    await s.page.waitForSelector('.profile.area[data-area="city:all"]');
    await expect.poll(() => s.page.locator('.profile.area h2').innerText()).toBe('全市');
    await expect.poll(focusInUrl).toBe('city:all');
    expect(await crumbs()).toEqual(['city:all']);
    const [n] = await s.t.store.read((db) => rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM districts`));
    await expect.poll(() => s.page.locator('.profile.area table.children tbody tr').count()).toBe(n?.n);
    await s.page.screenshot({ path: `${ARTIFACTS}/navigation-city.png` });
    expect(s.errors).toEqual([]);
    // Back to the district the shared-URL check opens.
    await searchAndPick('黄浦', 'district', '310101');
    await s.page.waitForSelector('.profile.area[data-area="district:310101"]');
  });

  it('a shared URL opens the same place', async () => {
    const other = await s.browser.newPage({ viewport: { width: 1600, height: 900 } });
    try {
      await other.context().addCookies(await s.page.context().cookies());
      await other.goto(s.page.url());
      await other.waitForSelector('.profile.area[data-area="district:310101"]');
      expect(await other.locator('.breadcrumb [data-crumb]').count()).toBe(2);
    } finally {
      await other.close();
    }
  });
});
