// Test stores: always PGlite (a copy of the seeded template), and PostgreSQL + PostGIS when
// TEST_DATABASE_URL is set (a fresh throwaway database per store, seeded the same way).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import postgres from 'postgres';
import { openPglite, openPostgres, type Store } from '../../server/db/store.js';
import { loadEnv } from '../../server/env.js';
import { LoginLimiter } from '../../server/auth/rate-limit.js';
import type { AppServices } from '../../server/http/context.js';
import { CoverageEngine } from '../../server/coverage/engine.js';
import { EventHub } from '../../server/events/hub.js';
import { TEST_ADMIN_PASSWORD, TEST_DISPLAY_TOKEN, TEST_TODAY } from './constants.js';

export type StoreKind = 'pglite' | 'postgres';

export const testEnv = loadEnv();

/** The stores every store-backed test runs against. */
export function storeKinds(): StoreKind[] {
  return testEnv.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestStore {
  store: Store;
  services: AppServices;
  /** Closes the store and removes its data. */
  dispose(): Promise<void>;
}

/** empty: no territory, accounts or tokens (the schema is there); bare: not even the schema (no migration run). */
export async function openTestStore(kind: StoreKind, opts: { empty?: boolean; bare?: boolean } = {}): Promise<TestStore> {
  const empty = opts.empty || opts.bare;
  const migrate = !opts.bare;
  const services = (store: Store, databaseUrl?: string): AppServices => ({
    store,
    env: { ...testEnv, ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, DISPLAY_TOKEN: TEST_DISPLAY_TOKEN },
    loginLimiter: new LoginLimiter(store),
    // On PostgreSQL the model lives in its worker thread, as in the server.
    coverage: new CoverageEngine(store, () => TEST_TODAY.toISOString().slice(0, 10), { databaseUrl }),
    events: new EventHub(store),
  });
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'pbmap-test-'));
    if (!empty) cpSync(inject('pgliteTemplate'), dir, { recursive: true });
    const store = await openPglite(dir, { migrate });
    return {
      store,
      services: services(store),
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = testEnv.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const name = `pbmap_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  // A seeded store is a copy of the run's seeded template (global-setup.ts); its migration then finds nothing to do.
  const template = inject('postgresTemplate');
  if (!empty && !template) throw new Error('no PostgreSQL template: global-setup.ts makes one when TEST_DATABASE_URL is set');
  await admin.unsafe(empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${template}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const store = await openPostgres(dbUrl.toString(), { migrate });
  const withWorker = services(store, dbUrl.toString());
  return {
    store,
    services: withWorker,
    dispose: async () => {
      await withWorker.coverage.close();
      await store.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
