// npm run soak:wall [-- minutes [speed]] — runs the wall's tour accelerated in headless Chromium against
// a demo server, with a live edit every minute, and prints the JS heap (after a forced GC) per interval
// and its trend per hour. A wall left running for weeks must have a flat trend.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { openPglite } from '../../server/db/store.js';
import { loadDemoTerritory } from '../../server/demo.js';
import { ensureDisplayToken } from '../../server/auth/service.js';
import { createApp } from '../../server/app.js';
import { LoginLimiter } from '../../server/auth/rate-limit.js';
import { CoverageEngine } from '../../server/coverage/engine.js';
import { EventHub } from '../../server/events/hub.js';
import { loadEnv } from '../../server/env.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/browser-flags.js';
import { serveOnLoopback } from '../helpers/serve.js';

const minutes = Number(process.argv[2] ?? 30);
const speed = Number(process.argv[3] ?? 20);
const SAMPLE_MS = 30_000;
const TOKEN = 'soak-display-token-0123456789';

/** Least-squares slope of y over x. */
export function slope(points: [number, number][]): number {
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const num = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const den = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pbmap-soak-'));
  const dist = join(dir, 'dist');
  execFileSync(process.execPath, [join('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'error', '--outDir', dist], { stdio: 'inherit' });
  const store = await openPglite(join(dir, 'data'));
  await loadDemoTerritory(store);
  await ensureDisplayToken(store, TOKEN);
  const env = loadEnv();
  const app = createApp({ store, env, loginLimiter: new LoginLimiter(store), coverage: new CoverageEngine(store), events: new EventHub(store) }, { distDir: dist });
  const { server, base } = await serveOnLoopback(app.fetch);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${base}/wall?scope=street:310106012&token=${TOKEN}&speed=${speed}`);
  await page.waitForSelector('[data-kpi=partyOrg]');
  console.log(`soak: ${minutes} min, tour ×${speed}, sampling every ${SAMPLE_MS / 1000} s`);

  const samples: [number, number][] = [];
  const started = Date.now();
  let edits = 0;
  while (Date.now() - started < minutes * 60_000) {
    await page.waitForTimeout(SAMPLE_MS);
    // A live edit every other sample: a ledger change elsewhere that the wall must pick up.
    if (samples.length % 2 === 0) {
      await store.write((tx) => tx.execute(sql`UPDATE enterprises SET employees = employees + ${edits % 2 === 0 ? 1 : -1} WHERE id = 1`));
      edits++;
    }
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1024 / 1024;
    const t = (Date.now() - started) / 3_600_000;
    samples.push([t, heap]);
    console.log(`${(t * 60).toFixed(1).padStart(6)} min  heap ${heap.toFixed(1)} MB  step ${await page.locator('.callout').getAttribute('data-step')}`);
  }
  // The first minutes warm caches (tiles, font atlases); the trend is measured after them.
  const steady = samples.filter(([t]) => t * 60 >= Math.min(3, minutes / 3));
  const perHour = slope(steady);
  const first = steady[0]?.[1] ?? 0;
  const last = steady[steady.length - 1]?.[1] ?? 0;
  console.log(`heap after warm-up: ${first.toFixed(1)} MB → ${last.toFixed(1)} MB over ${((steady.length - 1) * SAMPLE_MS) / 60_000} min, ${edits} live edits`);
  console.log(`heap trend: ${perHour >= 0 ? '+' : ''}${perHour.toFixed(2)} MB per hour (${((perHour / Math.max(first, 1)) * 100).toFixed(1)}% of the heap per hour)`);
  // A leak keeps its slope; caches filling up flatten out: compare with the second half alone.
  const late = samples.filter(([t]) => t * 60 >= minutes / 2);
  if (late.length > 2) console.log(`heap trend over the second half: ${slope(late) >= 0 ? '+' : ''}${slope(late).toFixed(2)} MB per hour`);
  await browser.close();
  server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
