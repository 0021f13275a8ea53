// Builds one migrated, seeded PGlite data directory per run; each test file opens a copy of it
// (PGlite's first start is slow, a copy opens in seconds).
import { mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite } from '../../server/db/store.js';
import { loadDemoTerritory } from '../../server/demo.js';
import { createApiToken, ensureAdmin, ensureDisplayToken } from '../../server/auth/service.js';
import { loadEnv } from '../../server/env.js';
import { TEST_ADMIN_PASSWORD, TEST_DISPLAY_TOKEN, TEST_OFFICIAL_TOKEN, TEST_TODAY } from './constants.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    clientDist: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const env = loadEnv();
  if (env.CI && !env.TEST_DATABASE_URL) {
    throw new Error('CI must run the PostgreSQL parity tests: set TEST_DATABASE_URL (see .ci/run)');
  }
  const root = mkdtempSync(join(tmpdir(), 'pbmap-template-'));
  const store = await openPglite(root);
  await loadDemoTerritory(store, TEST_TODAY);
  await ensureAdmin(store, TEST_ADMIN_PASSWORD, () => undefined);
  await ensureDisplayToken(store, TEST_DISPLAY_TOKEN);
  await createApiToken(store, 'system', null, { name: 'test official', role: 'official', streetCodes: [] }, TEST_OFFICIAL_TOKEN);
  await store.close();
  project.provide('pgliteTemplate', root);
  // The browser tests serve the client as built now, not whatever dist/ holds. A run limited to
  // other projects (`--project unit-api`) has no browser test and skips the build.
  const dist = mkdtempSync(join(tmpdir(), 'pbmap-dist-'));
  const cleanup = () => {
    rmSync(root, { recursive: true, force: true });
    rmSync(dist, { recursive: true, force: true });
  };
  project.provide('clientDist', dist);
  const only = project.vitest.config.project;
  if (only.length > 0 && !only.includes('browser')) return cleanup;
  // A production build, as users get it, in its own process: vitest's NODE_ENV=test would select React's dev build.
  execFileSync(process.execPath, [join('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'error', '--outDir', dist, '--emptyOutDir'], {
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
  return cleanup;
}
