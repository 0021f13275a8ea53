// Debian's Chromium driven by playwright-core (never a downloaded browser), against the app served
// on a loopback port from a test store.
import { existsSync, mkdirSync } from 'node:fs';
import type { ServerType } from '@hono/node-server';
import { serveOnLoopback } from './serve.js';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { createApp } from '../../server/app.js';
import type { TestStore } from './stores.js';
import { testEnv } from './stores.js';

import { CHROMIUM, CHROMIUM_ARGS } from './browser-flags.js';
import { TEST_ADMIN_PASSWORD } from './constants.js';

export { CHROMIUM, CHROMIUM_ARGS };
export const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM && testEnv.CI) throw new Error(`${CHROMIUM} is missing: install Debian's chromium`);
if (!HAS_CHROMIUM) console.warn(`SKIPPED the browser tests: ${CHROMIUM} is missing (apt-get install chromium)`);

export const ARTIFACTS = 'test-results/e2e';


export async function serveApp(t: TestStore): Promise<{ server: ServerType; base: string }> {
  const app = createApp(t.services, { distDir: inject('clientDist') });
  return serveOnLoopback(app.fetch);
}

export async function launch(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Resolves once no request has been in flight for quietMs (Playwright's networkidle never settles
 *  here: aborted fetches of superseded viewport loads are not always reported as finished). */
export function trackNetwork(page: Page): (quietMs?: number, maxMs?: number) => Promise<void> {
  const inFlight = new Set<unknown>();
  let last = Date.now();
  const done = (r: unknown) => {
    inFlight.delete(r);
    last = Date.now();
  };
  page.on('request', (r) => {
    inFlight.add(r);
    last = Date.now();
  });
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return async (quietMs = 600, maxMs = 20_000) => {
    const start = Date.now();
    while (Date.now() - start < maxMs) {
      if (Date.now() - last >= quietMs && [...inFlight].every((r) => (r as { url(): string }).url().endsWith('.mjs'))) return;
      await page.waitForTimeout(100);
    }
  };
}

/** Collects console errors and page errors so a test can assert there were none. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Signs in as the test admin through the sign-in page and waits for the map it opens on. */
export async function signInAsAdmin(page: Page, base: string): Promise<void> {
  await page.goto(base);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', TEST_ADMIN_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=map] canvas');
}

/** The middle of the map part not covered by the open side panels: where the padded camera puts what it flies to. */
export function visibleMiddle(page: Page): Promise<{ x: number; y: number; l: number; r: number }> {
  return page.evaluate(() => {
    const map = (document.querySelector('[data-testid=map]') as HTMLElement).getBoundingClientRect();
    const left = document.querySelector('.layer-panel:not(.collapsed)')?.getBoundingClientRect();
    const right = document.querySelector('.profile-panel:not(.collapsed)')?.getBoundingClientRect();
    const l = left ? left.right : map.left;
    const r = right ? right.left : map.right;
    return { x: (l + r) / 2, y: map.top + map.height / 2, l, r };
  });
}
