// Start-up serves at once (issue 18 point 4): while the first coverage build runs, figures are answered 503
// "computing" with Retry-After and everything else is answered as usual; afterwards the figures are there.
// The build is held up for real: on PGlite by a unit of work holding the store, on PostgreSQL by a transaction
// holding a lock on the enterprises table that the build reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { inject } from 'vitest';
import { rows } from '../../server/db/store.js';
import { openTestStore, storeKinds, testEnv, type TestStore } from '../helpers/stores.js';
import { client, displayAuth, type Client } from '../helpers/client.js';
import { CoverageEngine } from '../../server/coverage/engine.js';
import { CoverageComputing } from '../../server/coverage/computing.js';
import { startServer } from '../helpers/processes.js';
import { TEST_ADMIN_PASSWORD, TEST_DISPLAY_TOKEN } from '../helpers/constants.js';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe.each(storeKinds())('the first coverage build on %s', (kind) => {
  let t: TestStore;
  let api: Client;
  beforeAll(async () => {
    t = await openTestStore(kind);
    // A fresh engine that has built nothing, like one just started.
    // A fresh engine that has built nothing, like one just started (and no persisted model to start from).
    await t.store.write((tx) => tx.execute(sql`DELETE FROM coverage_snapshot`));
    const url = kind === 'postgres' ? await currentDbUrl(new URL(testEnv.TEST_DATABASE_URL as string)) : undefined;
    await t.services.coverage.close();
    t.services.coverage = new CoverageEngine(t.store, t.services.coverage.today, { databaseUrl: url });
    api = client(t.services);
  });
  afterAll(async () => {
    await t?.services.coverage.close();
    await t?.dispose();
  });

  /** Holds the build up until release() is called. */
  async function holdBuild(): Promise<() => Promise<void>> {
    if (kind === 'pglite') {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let entered!: () => void;
      const inside = new Promise<void>((r) => (entered = r));
      const unit = t.store.read(async () => {
        entered();
        await held;
      });
      await inside;
      return async () => {
        release();
        await unit;
      };
    }
    const url = new URL(testEnv.TEST_DATABASE_URL as string);
    const conn = postgres(await currentDbUrl(url), { max: 1, onnotice: () => undefined });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const tx = conn.begin(async (sql) => {
      await sql`LOCK TABLE enterprises IN ACCESS EXCLUSIVE MODE`;
      entered();
      await held;
    });
    await inside;
    return async () => {
      release();
      await tx;
      await conn.end();
    };
  }

  /** The throwaway database the test store is on. */
  async function currentDbUrl(base: URL): Promise<string> {
    const [r] = await t.store.read((db) => rows<{ name: string }>(db, sql`SELECT current_database() AS name`));
    base.pathname = `/${r?.name}`;
    return base.toString();
  }

  it('answers coverage 503 computing with Retry-After meanwhile, the rest as usual, then the figures', async () => {
    const release = await holdBuild();
    const warm = t.services.coverage.warmUp();
    try {
      expect(t.services.coverage.ready).toBe(false);
      // Refused at once, without waiting for the store the build is waiting for.
      await expect(t.services.coverage.summary('district', '310106')).rejects.toBeInstanceOf(CoverageComputing);
      // On PGlite every request's sign-in check needs the store the build is held behind: HTTP only on PostgreSQL.
      if (kind === 'postgres') {
        for (const path of ['/api/coverage/summary?level=street&id=310106012', '/api/wall/summary?scope=street:310106012', '/ogc/collections/buildings/items?limit=5']) {
          const res = await api.get(path, displayAuth);
          expect(res.status, path).toBe(503);
          expect(res.headers.get('retry-after')).toBe('5');
          const body = (await res.json()) as { error: { code: string; message: string } };
          expect(body.error.code).toBe('coverage_computing');
          expect(body.error.message).toMatch(/being computed/);
        }
        expect((await api.get('/ogc')).status).toBe(200);
        expect(await (await api.get('/api/health')).json()).toMatchObject({ status: 'ok', coverage: 'computing' });
        expect((await api.get('/ogc/collections/streets/items?limit=5', displayAuth)).status).toBe(200);
      }
    } finally {
      await release();
      await warm.catch(() => undefined);
    }
    expect(t.services.coverage.ready).toBe(true);
    expect((await api.get('/api/coverage/summary?level=street&id=310106012', displayAuth)).status).toBe(200);
    expect((await api.get('/api/wall/summary?scope=street:310106012', displayAuth)).status).toBe(200);
  });
});

describe('a server process', () => {
  it('says it is up, and says when the figures are computed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pbmap-startup-'));
    cpSync(inject('pgliteTemplate'), dir, { recursive: true });
    const p = await startServer({ DATA_DIR: dir, ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, DISPLAY_TOKEN: TEST_DISPLAY_TOKEN });
    try {
      expect(p.output()).toMatch(/Coverage computed/);
      expect((await fetch(`${p.base}/api/coverage/summary?level=street&id=310106012`, { headers: displayAuth })).status).toBe(200);
    } finally {
      await p.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
