// One browser test's setup, written once: a test store, the app served from it on a loopback port, Debian's
// Chromium, one page watched (console errors, the network going quiet, every request's path), optionally signed
// in as the test admin; everything closed after the describe block. Call it inside describe(): it registers that
// block's beforeAll and afterAll, and the object it returns is filled in by the time the first test runs.
import { afterAll, beforeAll } from 'vitest';
import type { ServerType } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { closeNow } from './serve.js';
import { openTestStore, type StoreKind, type TestStore } from './stores.js';
import { launch, serveApp, signInAsAdmin, trackNetwork, watchConsole } from './browser.js';

export interface BrowserSession {
  t: TestStore;
  server: ServerType;
  base: string;
  browser: Browser;
  page: Page;
  /** Console errors and page errors of the page so far. */
  errors: string[];
  /** Resolves once the page's network has been quiet for a while (see trackNetwork). */
  idle: ReturnType<typeof trackNetwork>;
  /** Path and query of every request the page made (clear it with `requests.length = 0`). */
  requests: string[];
}

export interface BrowserSessionOptions {
  driver?: StoreKind;
  viewport?: { width: number; height: number };
  /** Sign in as the test admin before the first test (the map opens). */
  signIn?: boolean;
  /** Prepares the store before the app is served (seed extra rows, …). */
  prepare?: (t: TestStore) => Promise<void>;
}

export function browserSession(opts: BrowserSessionOptions = {}): BrowserSession {
  const s = { errors: [] as string[], requests: [] as string[] } as BrowserSession;
  beforeAll(async () => {
    s.t = await openTestStore(opts.driver ?? 'pglite');
    await opts.prepare?.(s.t);
    ({ server: s.server, base: s.base } = await serveApp(s.t));
    s.browser = await launch();
    s.page = await s.browser.newPage({ viewport: opts.viewport ?? { width: 1600, height: 900 } });
    s.errors = watchConsole(s.page);
    s.idle = trackNetwork(s.page);
    s.page.on('request', (r) => {
      const u = new URL(r.url());
      s.requests.push(u.pathname + u.search);
    });
    if (opts.signIn) await signInAsAdmin(s.page, s.base);
  });
  afterAll(async () => {
    await s.browser?.close();
    await closeNow(s.server);
    await s.t?.dispose();
  });
  return s;
}
