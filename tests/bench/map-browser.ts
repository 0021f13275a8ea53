// The browser half of `npm run bench:map`: the product's own client (built now) served from a bench store, in
// Debian's Chromium with software WebGL (SwiftShader, as on the test machines), viewport 1280×800:
//   - time to first drawn buildings: from the start of a page load at zoom 12 centred on the densest street until
//     the map says it is drawn (data-drawn: basemap idle, every deck.gl layer loaded) with its buildings layer
//     loaded and every building tile asked for answered;
//   - the longest main-thread task (PerformanceObserver 'longtask') while panning: four drags, each followed by
//     the pointer resting twice (as a hand lets go and looks: each rest may ask what is under it, a GPU read-back)
//     and the wait until the map is drawn again and has looked under the still pointer; how many tasks took over
//     50 ms, and how many picks ran.
// The page is loaded once before it is measured (sign-in, the home view): software WebGL compiles each shader on
// first use for seconds, which is the browser's start, not the territory's size.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { chromium, type Browser, type Page } from 'playwright-core';
import { rows, type Store } from '../../server/db/store.js';
import { ensureAdmin } from '../../server/auth/service.js';
import { createApp } from '../../server/app.js';
import type { AppServices } from '../../server/http/context.js';
import { closeNow, serveOnLoopback } from '../helpers/serve.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/browser-flags.js';

const PASSWORD = 'bench-map-admin-pw';
const VIEWPORT = { width: 1280, height: 800 };
/** A page that is not drawn after this long is reported as such (the figure is then this bound). */
const DRAWN_TIMEOUT_MS = 180_000;

export interface BrowserFigures {
  firstDrawnMs: number;
  buildingTiles: number;
  longestLoadTaskMs: number;
  longestPanTaskMs: number;
  panTasksOver50: number;
  panMs: number;
  /** Picking passes the pan's pointer rests ran (hover look-ups). */
  panPicks: number;
}

/** The street with the most buildings per area: where the map is heaviest. */
export async function densestStreet(store: Store): Promise<{ code: string; district: string; n: number; lon: number; lat: number }> {
  const [dense] = await store.read((db) =>
    rows<{ code: string; district: string; n: number; lon: number; lat: number }>(
      db,
      sql`SELECT s.code, s.district_code AS district, count(b.id)::int AS n, ST_X(ST_Centroid(s.geom)) AS lon, ST_Y(ST_Centroid(s.geom)) AS lat
          FROM streets s JOIN buildings b ON b.street_code = s.code GROUP BY s.code, s.district_code, s.geom
          ORDER BY count(b.id) / greatest(ST_Area(s.geom::geography), 1) DESC LIMIT 1`,
    ),
  );
  if (!dense) throw new Error('no street with buildings');
  return dense;
}

/** The client as it is now, built into a throwaway folder (production build, as users get it). */
export function buildClient(): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'pbmap-bench-dist-'));
  execFileSync(process.execPath, [join('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'error', '--outDir', dir, '--emptyOutDir'], {
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

declare global {
  interface Window {
    __bench?: { tasks: { start: number; duration: number }[]; firstDrawn: number | null };
  }
}

/** Installed before any page script: collects long tasks, and notes when the map is first drawn with buildings. */
function instrument(): void {
  performance.setResourceTimingBufferSize(10_000);
  const bench = { tasks: [] as { start: number; duration: number }[], firstDrawn: null as number | null };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  // Polled rather than observed: the map may say it is drawn before the buildings' tiles are asked for.
  const timer = setInterval(() => {
    const el = document.querySelector('[data-testid=map]') as HTMLElement | null;
    if (el?.dataset.drawn !== 'true') return;
    const buildings = window.__coverageMap?.layers().find((l) => l.id === 'buildings');
    if (!buildings?.loaded) return;
    const tiles = performance.getEntriesByType('resource').filter((r) => r.name.includes('/ogc/collections/buildings/tiles/'));
    if (tiles.length === 0) return;
    bench.firstDrawn = performance.now();
    clearInterval(timer);
  }, 50);
}

const waitDrawn = (page: Page) => page.waitForSelector('[data-testid=map][data-drawn=true]', { timeout: DRAWN_TIMEOUT_MS });

async function drag(page: Page, dx: number, dy: number): Promise<void> {
  const cx = VIEWPORT.width / 2;
  const cy = VIEWPORT.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 1; i <= 15; i++) await page.mouse.move(cx + (dx * i) / 15, cy + (dy * i) / 15);
  await page.mouse.up();
  // The hand lets go and rests, then moves a little and rests again: hover look-ups, as a user's pointer makes them.
  // Near the middle, which is map whatever the panels cover.
  for (const k of [0, 1]) {
    await page.mouse.move(cx + 10 + 20 * k, cy + 10);
    await page.waitForTimeout(400);
  }
}

export interface BrowserOptions {
  /** How many drags the pan makes (fewer at the CI's smallest size). */
  drags: number;
  /** Where to leave screenshots of the map at zoom 10, 12 and 14 in Chinese and English (none if absent). */
  shots?: string;
  /** Where to leave a CPU profile of the pan's main thread (pan-<label>.cpuprofile; none if absent): what a long task was. */
  profile?: string;
}

const DRAGS: readonly (readonly [number, number])[] = [[300, 0], [-300, 150], [0, -300], [-300, 150]];

/** Serves the store's app, signs in, and measures a zoom-12 load over the densest street and panning from there. */
export async function measureInBrowser(label: string, browser: Browser, services: AppServices, distDir: string, opts: BrowserOptions): Promise<BrowserFigures> {
  await ensureAdmin(services.store, PASSWORD, () => undefined);
  const dense = await densestStreet(services.store);
  const { server, base } = await serveOnLoopback(createApp(services, { distDir }).fetch);
  const page = await browser.newPage({ viewport: VIEWPORT });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.addInitScript(instrument);
    // Warm-up: sign in; the map opens on the home view and compiles its shaders.
    await page.goto(base);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', PASSWORD);
    await page.press('input[name=password]', 'Enter');
    await page.waitForSelector('[data-testid=map] canvas', { timeout: DRAWN_TIMEOUT_MS });
    await waitDrawn(page);

    // 1. A fresh page load at zoom 12 over the densest street, until its buildings are drawn.
    const at = [dense.lon.toFixed(5), dense.lat.toFixed(5), '12', '0', '0'].join(',');
    await page.goto(`${base}/?at=${at}&focus=street:${dense.code}`);
    await page.waitForFunction(() => window.__bench?.firstDrawn != null, undefined, { timeout: DRAWN_TIMEOUT_MS, polling: 100 }).catch(async (e: unknown) => {
      const state = await page.evaluate(() => ({ drawn: document.querySelector<HTMLElement>('[data-testid=map]')?.dataset.drawn, layers: window.__coverageMap?.layers(), url: location.href }));
      throw new Error(`${label}: buildings never drawn (${JSON.stringify(state)}): ${String(e)}`);
    });
    const load = await page.evaluate(() => ({
      firstDrawn: window.__bench?.firstDrawn ?? 0,
      longest: Math.max(0, ...(window.__bench?.tasks ?? []).map((t) => t.duration)),
      tiles: performance.getEntriesByType('resource').filter((r) => r.name.includes('/ogc/collections/buildings/tiles/')).length,
    }));
    await waitDrawn(page);
    await page.waitForTimeout(1000);

    // 2. Panning: four drags (a screen's width in all), each with its rests and until drawn again; long tasks from the first drag on.
    const profiler = opts.profile && opts.drags ? await startProfile(page) : null;
    const panStart = await page.evaluate(() => performance.now());
    const picksBefore = await page.evaluate(() => window.__coverageMap?.picks() ?? 0);
    for (const [dx, dy] of DRAGS.slice(0, opts.drags)) {
      const picked = await page.evaluate(() => window.__coverageMap?.picks() ?? 0);
      await drag(page, dx, dy);
      await page.waitForTimeout(300);
      await waitDrawn(page);
      // The hand still rests: a map drawn after the rests looks up what is under the pointer then, and its
      // answer is part of the pan (on the city a drag's redraw outlasts the rests).
      await page.waitForFunction((n) => (window.__coverageMap?.picks() ?? 0) > n, picked, { timeout: 5000, polling: 100 }).catch(() => undefined);
      await page.waitForTimeout(1000);
    }
    if (profiler && opts.profile) {
      mkdirSync(opts.profile, { recursive: true });
      const path = join(opts.profile, `pan-${label.replace(/\W+/g, '-')}.cpuprofile`);
      writeFileSync(path, JSON.stringify(await profiler.stop()));
      console.log(`[${label}] CPU profile of the pan: ${path}`);
    }
    const pan = await page.evaluate((from) => {
      const tasks = (window.__bench?.tasks ?? []).filter((t) => t.start >= from);
      return { longest: Math.max(0, ...tasks.map((t) => t.duration)), over50: tasks.length, ms: performance.now() - from };
    }, panStart);
    if (errors.length) console.log(`[${label}] page errors: ${errors.join(' | ')}`);
    const panPicks = (await page.evaluate(() => window.__coverageMap?.picks() ?? 0)) - picksBefore;
    const figures = { firstDrawnMs: load.firstDrawn, buildingTiles: load.tiles, longestLoadTaskMs: load.longest, longestPanTaskMs: pan.longest, panTasksOver50: pan.over50, panMs: pan.ms, panPicks };
    console.log(
      `[${label}] browser, zoom 12 over ${dense.code}: buildings drawn ${figures.firstDrawnMs.toFixed(0)} ms after the page load started (${figures.buildingTiles} building tiles), ` +
        `longest task then ${figures.longestLoadTaskMs.toFixed(0)} ms` +
        (opts.drags ? `; panning (${opts.drags} drags, ${(figures.panMs / 1000).toFixed(1)} s): longest task ${figures.longestPanTaskMs.toFixed(0)} ms, ${figures.panTasksOver50} tasks over 50 ms, ${figures.panPicks} hover picks` : ''),
    );
    // Pictures are a by-product: one that fails (a page blocked for minutes) does not lose the figures.
    if (opts.shots) await screenshots(page, base, dense, opts.shots, label).catch((e: unknown) => console.log(`[${label}] screenshots failed: ${String(e).split('\n')[0]}`));
    return figures;
  } finally {
    await page.close();
    await closeNow(server);
  }
}

/** Samples the page's main thread every 0.5 ms (Chrome DevTools Protocol) until stopped. */
async function startProfile(page: Page): Promise<{ stop(): Promise<unknown> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  return { stop: async () => (await cdp.send('Profiler.stop')).profile };
}

/** The map as a user sees it at zoom 10 (the district's streets by rate), 12 and 14 (the densest street), zh then en. */
async function screenshots(page: Page, base: string, dense: { code: string; district: string; lon: number; lat: number }, dir: string, label: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const at = (z: number) => [dense.lon.toFixed(5), dense.lat.toFixed(5), String(z), '0', '0'].join(',');
  for (const lang of ['zh', 'en'] as const) {
    for (const z of [10, 12, 14]) {
      const focus = z === 10 ? `district:${dense.district}` : `street:${dense.code}`;
      await page.goto(`${base}/?at=${at(z)}&focus=${focus}`, { timeout: DRAWN_TIMEOUT_MS });
      await waitDrawn(page);
      await page.waitForTimeout(1500);
      await waitDrawn(page);
      if (lang === 'en' && (await page.locator('html').getAttribute('lang'))?.startsWith('zh')) {
        await page.click('[data-control=language]');
        await page.waitForTimeout(1000);
        await waitDrawn(page);
      }
      const path = join(dir, `${label.replace(/\W+/g, '-')}-z${z}-${lang}.png`);
      await page.screenshot({ path });
      console.log(`[${label}] screenshot ${path}`);
    }
  }
}

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** The city's figures against the demo territory's, as the issue's goals put them: the first drawing as the ratio of
 *  the medians of their loads (and each load's, in order), the pan from each one's first load. */
export function printBrowserRatios(city: BrowserFigures[], demo: BrowserFigures[]): void {
  const r = (a: number, b: number) => (a / Math.max(1, b)).toFixed(2);
  const ms = (f: BrowserFigures[]) => f.map((x) => `${(x.firstDrawnMs / 1000).toFixed(1)} s`).join(', ');
  const [c, d] = [city[0], demo[0]];
  console.log('[browser] city / demo territory (SwiftShader):');
  console.log(`  time to first drawn buildings at zoom 12: ${r(median(city.map((f) => f.firstDrawnMs)), median(demo.map((f) => f.firstDrawnMs)))}× the medians (goal ≤ 2)`);
  console.log(`    city ${ms(city)}; demo ${ms(demo)}; load by load ${city.map((f, i) => `${r(f.firstDrawnMs, demo[i]?.firstDrawnMs ?? 0)}×`).join(', ')}`);
  if (c && d) console.log(`  longest task while panning: ${r(c.longestPanTaskMs, d.longestPanTaskMs)}×; city ${c.longestPanTaskMs.toFixed(0)} ms (goal ≤ 200 ms), demo ${d.longestPanTaskMs.toFixed(0)} ms`);
}
