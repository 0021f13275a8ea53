// Builds one migrated, seeded PGlite data directory per run; each test file opens a copy of it
// (PGlite's first start is slow, a copy opens in seconds). With TEST_DATABASE_URL, the same as a PostgreSQL
// database that each PostgreSQL test store is created from (CREATE DATABASE … TEMPLATE: 0.2 s, not 2–3 s).
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import postgres from 'postgres';
import { openPglite, openPostgres } from '../../server/db/store.js';
import { loadEnv } from '../../server/env.js';
import { seedTestStore } from './seed.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    /** The seeded PostgreSQL database test stores copy ('' without TEST_DATABASE_URL). */
    postgresTemplate: string;
    clientDist: string;
  }
}

/** A migrated, seeded database that takes no connections (autovacuum's included), so it can always be copied. */
async function postgresTemplate(url: string): Promise<{ name: string; drop(): Promise<void> }> {
  const name = `pbmap_template_${randomBytes(6).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const store = await openPostgres(dbUrl.toString(), { migrate: true });
  await seedTestStore(store);
  await store.close();
  await admin.unsafe(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
  return {
    name,
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const env = loadEnv();
  if (env.CI && !env.TEST_DATABASE_URL) {
    throw new Error('CI must run the PostgreSQL parity tests: set TEST_DATABASE_URL (see .ci/run)');
  }
  const root = mkdtempSync(join(tmpdir(), 'pbmap-template-'));
  const store = await openPglite(root);
  await seedTestStore(store);
  await store.close();
  project.provide('pgliteTemplate', root);
  const pg = env.TEST_DATABASE_URL ? await postgresTemplate(env.TEST_DATABASE_URL) : null;
  project.provide('postgresTemplate', pg?.name ?? '');
  // The browser tests serve the client as built now, not whatever dist/ holds. A run limited to
  // other projects (`--project unit-api`) has no browser test and skips the build.
  const dist = mkdtempSync(join(tmpdir(), 'pbmap-dist-'));
  const cleanup = async () => {
    rmSync(root, { recursive: true, force: true });
    rmSync(dist, { recursive: true, force: true });
    await pg?.drop();
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
