// The published map in a real browser: the export zip unpacked and served by a plain node:http static
// server (not our app), geolocation at a demo place → the nearest station; every exported byte scanned;
// the same page from the app at /p/{slug}/ (CSP clean, absolute share card), embedded from another origin;
// the A3 poster as a PNG (size, its QR code decoded) and as a vector PDF; screenshots of the public page
// (390×844 and 1440×900, Chinese and English), the admin page and the poster.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { ServerType } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { strFromU8, unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { setPublicShellRoot } from '../../server/publications/artifacts.js';
import type { PublicSnapshot } from '../../server/publications/types.js';
import { adminSession, client } from '../helpers/client.js';
import { closeNow } from '../helpers/serve.js';
import { openTestStore, type TestStore } from '../helpers/stores.js';
import { ARTIFACTS, HAS_CHROMIUM, launch, serveApp, watchConsole } from '../helpers/browser.js';
import { addUpcomingActivities, leaks, privateStrings } from '../api/publications-scan.js';

/** axe-core's serious and critical violations on the page as it is now (the script is evaluated, so the page's CSP does not apply). */
async function axeViolations(page: import('playwright-core').Page): Promise<string[]> {
  await page.evaluate(readFileSync(join(process.cwd(), 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const found = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (ctx: Document, o: unknown) => Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, n: v.nodes.length }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact}:${v.id} (${v.n})`);
}

/** 恒隆广场 (domain.md demo places). */
const AT = { longitude: 121.4522, latitude: 31.2295 };

function haversine(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const a = Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lon2 - lon1) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

/** The plainest static file server: files under root, nothing else. */
function staticServer(root: string): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let p = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    if (p.endsWith('/')) p += 'index.html';
    const file = join(root, p);
    try {
      if (!file.startsWith(root) || !statSync(file).isFile()) throw new Error('no');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

describe.runIf(HAS_CHROMIUM)('published map in Chromium', () => {
  let t: TestStore;
  let app: { server: ServerType; base: string };
  let files: { server: Server; base: string };
  let browser: Browser;
  let dir: string;
  let slug: string;
  let data: PublicSnapshot;
  let cookie: string;

  beforeAll(async () => {
    t = await openTestStore('pglite');
    setPublicShellRoot(inject('clientDist'));
    await addUpcomingActivities(t, '310106012');
    const c = client(t.services);
    const admin = await adminSession(c);
    cookie = admin.cookie as string;
    const created = (await (await c.send('POST', '/api/publications', { title: '南京西路街道党建版图', scope: 'street:310106012', texts: { intro: '找到离您最近的党群服务站点，了解开放时间与服务。', approvalNumber: '沪S(2026)001号' } }, admin)).json()) as { id: number; slug: string };
    slug = created.slug;
    expect((await c.send('POST', `/api/publications/${created.id}/publish`, undefined, admin)).status).toBe(200);
    const zip = await c.get(`/api/publications/${created.id}/export.zip`, admin);
    expect(zip.status).toBe(200);
    dir = mkdtempSync(join(tmpdir(), 'pbmap-export-'));
    const entries = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    const priv = await privateStrings(t);
    for (const [name, bytes] of Object.entries(entries)) {
      expect(leaks(strFromU8(bytes), priv), name).toEqual([]);
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), bytes);
    }
    expect(Object.keys(entries).some((n) => /assets\/public-[\w-]+\.js$/.test(n))).toBe(true);
    data = JSON.parse(strFromU8(entries[`${slug}/data/publication.json`] as Uint8Array)) as PublicSnapshot;
    files = await staticServer(dir);
    app = await serveApp(t);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => files?.server.close(r));
    await closeNow(app?.server);
    if (dir) rmSync(dir, { recursive: true, force: true });
    await t?.dispose();
  });

  it('opens the static export from a plain file server and finds the nearest station from the location', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, geolocation: AT, permissions: ['geolocation'], locale: 'zh-CN' });
    const page = await ctx.newPage();
    const errors = watchConsole(page);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${files.base}/${slug}/`);
    await page.waitForSelector('[data-testid=station-item]');
    await page.screenshot({ path: `${ARTIFACTS}/publish-mobile.png`, fullPage: false });
    await page.click('[data-testid=nearest-button]');
    await page.waitForSelector('[data-testid=nearest-result]');
    const expected = [...data.stations].sort((a, b) => haversine(AT.longitude, AT.latitude, a.lon, a.lat) - haversine(AT.longitude, AT.latitude, b.lon, b.lat))[0] as PublicSnapshot['stations'][number];
    const text = await page.textContent('[data-testid=nearest-result]');
    expect(text).toContain(expected.name);
    const metres = Math.round(haversine(AT.longitude, AT.latitude, expected.lon, expected.lat));
    expect(await page.textContent('[data-testid=nearest-distance]')).toBe(`${metres} 米`);
    expect(await page.getAttribute('[data-testid=station-item] >> nth=0', 'data-station-id')).toBe(expected.id);
    await page.screenshot({ path: `${ARTIFACTS}/publish-mobile-nearest.png`, fullPage: true });
    // Accessibility (issue 17): no serious or critical axe-core violation on the list with the map.
    expect(await axeViolations(page)).toEqual([]);
    // Station details by keyboard: focus the first station, Enter opens its details.
    await page.focus('[data-testid=station-item] >> nth=0');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#pm-station-name');
    expect(await page.textContent('#pm-station-name')).toBe(expected.name);
    // The two the test adds plus the demo's own planned ones, with their signup notes; a call link and the five nav links.
    if (expected.openTo === 'public') {
      expect(await page.locator('.pm-acts li').count()).toBeGreaterThan(2);
      expect(await page.locator('.pm-signup').count()).toBeGreaterThan(0);
    }
    expect(await page.getAttribute('[data-testid=call-link]', 'href')).toMatch(/^tel:0\d{9,11}$/);
    expect(await page.locator('[data-nav]').count()).toBe(5);
    await page.screenshot({ path: `${ARTIFACTS}/publish-mobile-details.png` });
    await page.click('text=English');
    await page.waitForSelector('summary:has-text("Directions")');
    await page.screenshot({ path: `${ARTIFACTS}/publish-mobile-details-en.png` });
    expect(errors).toEqual([]);
    expect(requests.every((u) => u.startsWith(files.base))).toBe(true);
    await ctx.close();
  });

  it('serves the same page at /p/{slug}/ with no CSP violation and an absolute share card, in both languages at 1440×900', async () => {
    // Share cards (WeChat, chat apps) need an absolute image address; the image is there.
    const html = await (await fetch(`${app.base}/p/${slug}/`)).text();
    expect(/<meta property="og:image" content="([^"]+)"/.exec(html)?.[1]).toBe(`${app.base}/p/${slug}/share.png`);
    expect(/<meta property="og:url" content="([^"]+)"/.exec(html)?.[1]).toBe(`${app.base}/p/${slug}/`);
    const card = await fetch(`${app.base}/p/${slug}/share.png`);
    expect([card.status, card.headers.get('content-type')]).toEqual([200, 'image/png']);

    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    const errors = watchConsole(page);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(`${app.base}/p/${slug}/`);
    await page.waitForSelector('[data-testid=station-item]');
    await page.screenshot({ path: `${ARTIFACTS}/publish-desktop-zh.png` });
    // The map's names as the browser drew them: no two overlap, and none runs off the map (issue 17 point 3).
    const boxes = await page.evaluate(() => {
      const svg = document.querySelector('.pm-map svg') as SVGSVGElement;
      const frame = svg.getBoundingClientRect();
      const texts = [...svg.querySelectorAll('text')].filter((t) => !t.getAttribute('transform') && !t.closest('[data-cluster]'));
      return { frame: [frame.left, frame.top, frame.right, frame.bottom], texts: texts.map((t) => { const r = t.getBoundingClientRect(); return { text: t.textContent ?? '', box: [r.left, r.top, r.right, r.bottom] }; }) };
    });
    expect(boxes.texts.length).toBeGreaterThan(5);
    const [fl, ft, fr, fb] = boxes.frame as [number, number, number, number];
    for (const [i, a] of boxes.texts.entries()) {
      const [l, t, r, b] = a.box as [number, number, number, number];
      expect(l >= fl - 1 && t >= ft - 1 && r <= fr + 1 && b <= fb + 1, `${a.text} inside the map`).toBe(true);
      for (const o of boxes.texts.slice(i + 1)) {
        const [l2, t2, r2, b2] = o.box as [number, number, number, number];
        // Glyph boxes include the font's line gap: allow 2 px of touching.
        expect(l < r2 - 2 && l2 < r - 2 && t < b2 - 2 && t2 < b - 2, `${a.text} / ${o.text}`).toBe(false);
      }
    }
    await page.click('text=English');
    await page.waitForSelector('h2:has-text("Service stations")');
    await page.screenshot({ path: `${ARTIFACTS}/publish-desktop-en.png` });
    expect(errors).toEqual([]);
    expect(requests.filter((p) => p.startsWith('/api') || p.startsWith('/ogc'))).toEqual([]);
    await ctx.close();
  });

  it('draws the A3 poster as a 300 dpi PNG whose QR code opens the page, and prints it as a vector PDF on A3', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true, locale: 'zh-CN' });
    const page = await ctx.newPage();
    const errors = watchConsole(page);
    await page.goto(`${app.base}/p/${slug}/`);
    await page.waitForSelector('[data-testid=station-item]');
    await page.click('.pm-poster summary');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=A3 PNG')]);
    const poster = join(ARTIFACTS, 'publish-poster-A3.png');
    await download.saveAs(poster);
    const png = PNG.sync.read(readFileSync(poster));
    // A3 at 300 dpi (issue 17): at least 3508 × 4961 px.
    expect(png.width).toBeGreaterThanOrEqual(3508);
    expect(png.height).toBeGreaterThanOrEqual(4961);
    // The QR code, read off the whole sheet by an independent decoder, is the page's own address.
    const qr = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
    expect(qr?.data).toBe(`${app.base}/p/${slug}/`);

    // The PDF: the same drawing recorded as SVG and printed on one A3 page (window.print is the test's own
    // page.pdf here). Vector: paths and fonts, no raster image anywhere in the file.
    await page.evaluate(() => { window.print = () => undefined; });
    await page.click('text=A3 PDF');
    await page.waitForSelector('.pm-print svg', { state: 'attached' });
    const texts = await page.locator('.pm-print svg text').allTextContents();
    for (const st of data.stations) expect(texts).toContain(st.name);
    expect(texts).toContain('审图号：沪S(2026)001号');
    // One 示意图 mark on the sheet (the old footer read "示意图 · 示意图").
    expect(texts.filter((x) => x.includes('示意图'))).toHaveLength(1);
    const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    writeFileSync(join(ARTIFACTS, 'publish-poster-A3.pdf'), pdf);
    const raw = pdf.toString('latin1');
    expect(raw.match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
    const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(raw);
    // 297 × 420 mm is 841.9 × 1190.6 pt; Chromium rounds the page to whole CSS pixels.
    expect(Math.abs(Number(box?.[1]) - 841.9)).toBeLessThan(1.5);
    expect(Math.abs(Number(box?.[2]) - 1190.6)).toBeLessThan(1.5);
    expect(raw).not.toMatch(/\/Subtype\s*\/Image/);
    expect(raw).toMatch(/\/Type\s*\/Font/);
    expect(pdf.length).toBeGreaterThan(100_000);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('embeds in a page of another origin (frame-ancestors on /p/* only)', async () => {
    writeFileSync(join(dir, 'embed.html'), `<!doctype html><title>embed</title><iframe src="${app.base}/p/${slug}/?embed=1" width="800" height="600" title="map"></iframe>`);
    const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
    await page.goto(`${files.base}/embed.html`);
    const frame = page.frameLocator('iframe');
    await frame.locator('[data-testid=station-item]').first().waitFor();
    expect(await frame.locator('.pm-footer').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/publish-embed.png` });
    await page.close();
  });

  it('shows the admin page with the preview beside the internal view', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const [name, value] = cookie.split('=') as [string, string];
    await ctx.addCookies([{ name, value, url: app.base }]);
    const page = await ctx.newPage();
    const errors = watchConsole(page);
    await page.goto(`${app.base}/admin/publish`);
    await page.waitForSelector('[data-testid=redacted]');
    expect(await page.locator('[data-testid=redacted] tbody tr').count()).toBeGreaterThan(5);
    await page.screenshot({ path: `${ARTIFACTS}/publish-admin.png`, fullPage: true });
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
