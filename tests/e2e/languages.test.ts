// Both languages complete (issue 15 point 8): every page, in Chinese and in English, in a real browser. In
// English no Chinese is left except where it is data (a name, an address, a title as recorded); in Chinese no
// English words are left except data and a short list of technical names. Data is what the database holds:
// every string value of the territory's tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerType } from '@hono/node-server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';
import { adminSession, client } from '../helpers/client.js';
import { closeNow } from '../helpers/serve.js';
import { openTestStore, type TestStore } from '../helpers/stores.js';
import { ARTIFACTS, HAS_CHROMIUM, launch, serveApp, signInAsAdmin, trackNetwork, watchConsole } from '../helpers/browser.js';
import { TEST_DISPLAY_TOKEN } from '../helpers/constants.js';

const STREET = '310106012';
const DATA_TABLES = ['districts', 'streets', 'grids', 'business_districts', 'buildings', 'enterprises', 'stations', 'activities', 'organisations', 'alliances', 'publications', 'users', 'roads', 'water'];
/** Names that stay as they are in a Chinese interface (formats, standards, products). */
const TECHNICAL = new Set(['GeoJSON', 'JSON', 'CSV', 'XLSX', 'Excel', 'Shapefile', 'KML', 'WGS84', 'GCJ', 'PostGIS', 'PGlite', 'PostgreSQL', 'OpenStreetMap', 'MapLibre', 'English', 'iframe', 'OGC', 'API', 'Features', 'Tiles', 'GDAL', 'Apple', 'Google', 'Maps', 'token', 'Token', 'WeChat', 'HTML', 'embed', 'https', 'http', 'localhost', 'deck', 'Carto', 'PNG', 'PDF', 'SVG', 'Ctrl', 'Shift', 'xlsx', 'csv', 'CGCS']);

const HAN_RUN = /[\u3400-\u9fff\uf900-\ufaff][\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef·（）【】]*/g;
const WORD = /[A-Za-z]{4,}/g;

/** Visible text of the page, attribute texts a person meets (placeholders, labels, titles) included; code, inputs'
 *  values, the map canvas, decorative glyphs (aria-hidden) and what is marked as another language (the language
 *  button names the other language in that language) left out. */
function pageTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const pageLang = document.documentElement.lang;
    const skip = (el: Element | null) => {
      if (!el || el.closest('script, style, code, pre, textarea, noscript, [translate=no], [aria-hidden=true], .maplibregl-ctrl-attrib')) return true;
      const marked = el.closest('[lang]');
      return !!marked && marked !== document.documentElement && marked.getAttribute('lang') !== pageLang;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || skip(el)) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const text = n.textContent?.trim();
      if (text) out.push(text);
    }
    for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
      if (skip(el)) continue;
      for (const a of ['placeholder', 'aria-label', 'title']) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.push(v);
      }
    }
    return out;
  });
}

/** What is in the other script and is not data: Han runs in English, Latin words in Chinese. */
function foreign(texts: string[], locale: 'en' | 'zh-CN', data: string): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    if (locale === 'en') {
      for (const m of text.matchAll(HAN_RUN)) if (!data.includes(m[0])) found.add(`${m[0]}  ⟵ "${text.slice(0, 60)}"`);
    } else {
      for (const m of text.matchAll(WORD)) if (!TECHNICAL.has(m[0]) && !data.includes(m[0])) found.add(`${m[0]}  ⟵ "${text.slice(0, 60)}"`);
    }
  }
  return [...found];
}

describe.runIf(HAS_CHROMIUM)('both languages on every page, in Chromium', () => {
  let t: TestStore;
  let server: ServerType;
  let base: string;
  let browser: Browser;
  let staff: BrowserContext;
  let data = '';
  let slug = '';

  beforeAll(async () => {
    t = await openTestStore('pglite');
    ({ server, base } = await serveApp(t));
    const c = client(t.services);
    const admin = await adminSession(c);
    const created = (await (await c.send('POST', '/api/publications', { title: '南京西路街道党建版图', scope: `street:${STREET}` }, admin)).json()) as { id: number; slug: string };
    slug = created.slug;
    expect((await c.send('POST', `/api/publications/${created.id}/publish`, undefined, admin)).status).toBe(200);
    const values: string[] = [];
    for (const table of DATA_TABLES) {
      const r = await t.store.read((db) => rows<{ j: string }>(db, sql`SELECT row_to_json(x)::text AS j FROM ${sql.identifier(table)} x`));
      const walk = (v: unknown): void => {
        if (typeof v === 'string') values.push(v);
        else if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') Object.values(v).forEach(walk);
      };
      for (const { j } of r) walk(JSON.parse(j));
    }
    data = values.join('\n');
    browser = await launch();
    staff = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    await signInAsAdmin(await staff.newPage(), base);
  });
  afterAll(async () => {
    await browser?.close();
    await closeNow(server);
    await t?.dispose();
  });

  const pages: [name: string, path: string, ready: string, signedIn: boolean][] = [
    ['map', '/', '.profile.area [data-rate=partyOrg]', true],
    ['grid editor', `/edit?street=${STREET}`, '[data-testid=editor-map] canvas', true],
    ['publishing', '/admin/publish', '[data-testid=redacted] tbody tr', true],
    ['import', '/admin/import', '.import-page [data-step=kind]', true],
    ['tour editor', `/wall/tour?scope=street:${STREET}`, '.tour-editor table', true],
    ['wall', `/wall?scope=street:${STREET}&token=${TEST_DISPLAY_TOKEN}`, '[data-board=feed] li', false],
    ['public map', '', '[data-testid=station-item]', false],
    ['sign-in', '/', 'input[name=username]', false],
  ];

  for (const [name, path, ready, signedIn] of pages) {
    for (const locale of ['zh-CN', 'en'] as const) {
      it(`${name} in ${locale === 'en' ? 'English' : 'Chinese'}: nothing in the other script but data`, async () => {
        const context = signedIn ? staff : await browser.newContext({ viewport: { width: 1600, height: 900 } });
        const page = await context.newPage();
        const errors = watchConsole(page);
        const idle = trackNetwork(page);
        try {
          const target = path || `/p/${slug}/`;
          await page.goto(`${base}${target}${target.includes('?') ? '&' : '?'}lang=${locale}`);
          await page.waitForSelector(ready);
          // The wall's event stream never finishes: wait for quiet a bounded time.
          await idle(500, 8000);
          await page.waitForTimeout(800);
          await page.screenshot({ path: `${ARTIFACTS}/lang-${name.replace(/\W+/g, '-')}-${locale}.png` });
          expect(foreign(await pageTexts(page), locale, data)).toEqual([]);
          expect(errors).toEqual([]);
        } finally {
          await page.close();
          if (!signedIn) await context.close();
        }
      });
    }
  }
});
