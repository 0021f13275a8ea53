// The wall and the public pages read from a read-only replica (DATABASE_READ_URL): a real hot standby
// (pg_basebackup -R of a throwaway primary, streaming its WAL). Pausing the standby's replay shows where each
// read comes from: writes land on the primary, the wall and /p/ keep answering what the standby has.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { openPostgres, type Store } from '../../server/db/store.js';
import { loadDemoTerritory } from '../../server/demo.js';
import { ensureAdmin, ensureDisplayToken } from '../../server/auth/service.js';
import { LoginLimiter } from '../../server/auth/rate-limit.js';
import { CoverageEngine } from '../../server/coverage/engine.js';
import { EventHub } from '../../server/events/hub.js';
import { setPublicShellRoot } from '../../server/publications/artifacts.js';
import { loadEnv } from '../../server/env.js';
import { canRunCluster, startCluster, startReplica, type Cluster } from '../helpers/pg-cluster.js';
import { adminSession, client, type Client } from '../helpers/client.js';
import { testEnv } from '../helpers/stores.js';
import { TEST_ADMIN_PASSWORD, TEST_DISPLAY_TOKEN, TEST_TODAY } from '../helpers/constants.js';

/** A public-map shell with the files the artifacts need (the real one is the built client). */
function shellDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pbmap-replica-shell-'));
  mkdirSync(join(dir, 'public-map'), { recursive: true });
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'public-map', 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/public-r.js"></script></head><body></body></html>');
  writeFileSync(join(dir, 'assets', 'public-r.js'), 'fetch("data/publication.json")');
  return dir;
}

const SCOPE = 'street:310106012';
const display = { authorization: `Bearer ${TEST_DISPLAY_TOKEN}` };

describe.skipIf(!testEnv.TEST_DATABASE_URL || !canRunCluster())('a read replica for the wall and the public pages', () => {
  let primary: Cluster;
  let replica: Cluster;
  let store: Store;
  let readStore: Store;
  let standby: postgres.Sql;
  let c: Client;
  let admin: Record<string, string>;
  let shell: string;

  /** Waits until the standby has replayed everything the primary has written so far. */
  const caughtUp = async () => {
    const p = postgres(primary.url, { max: 1, onnotice: () => undefined });
    try {
      const [{ lsn }] = (await p`SELECT pg_current_wal_lsn()::text AS lsn`) as unknown as [{ lsn: string }];
      for (let i = 0; i < 300; i++) {
        const [r] = await standby<{ ok: boolean }[]>`SELECT pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn AS ok`;
        if (r?.ok) return;
        await new Promise((res) => setTimeout(res, 100));
      }
      throw new Error('the standby did not catch up in 30 s');
    } finally {
      await p.end();
    }
  };
  const tourVersion = async () => {
    const r = await c.get(`/api/wall/tour?scope=${SCOPE}`, display);
    expect(r.status).toBe(200);
    return r.headers.get('etag');
  };

  beforeAll(async () => {
    primary = await startCluster();
    store = await openPostgres(primary.url);
    await loadDemoTerritory(store, TEST_TODAY);
    await ensureAdmin(store, TEST_ADMIN_PASSWORD, () => undefined);
    await ensureDisplayToken(store, TEST_DISPLAY_TOKEN);
    replica = await startReplica(primary);
    readStore = await openPostgres(replica.url, { migrate: false, readOnly: true });
    standby = postgres(replica.url, { max: 1, onnotice: () => undefined });
    const env = { ...loadEnv(), ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, DISPLAY_TOKEN: TEST_DISPLAY_TOKEN };
    c = client({ store, readStore, env, loginLimiter: new LoginLimiter(store), coverage: new CoverageEngine(store, () => TEST_TODAY.toISOString().slice(0, 10)), events: new EventHub(store) });
    admin = await adminSession(c);
    shell = shellDir();
    setPublicShellRoot(shell);
  }, 300_000);
  afterAll(async () => {
    await standby?.end();
    await readStore?.close();
    await store?.close();
    replica?.destroy();
    primary?.destroy();
    if (shell) rmSync(shell, { recursive: true, force: true });
  });

  it('is a real standby, and the read store cannot write even where it could', async () => {
    const [r] = await standby<{ standby: boolean }[]>`SELECT pg_is_in_recovery() AS standby`;
    expect(r?.standby).toBe(true);
    // The read store's transactions are read-only by its own setting, not only because a standby refuses.
    const onPrimary = await openPostgres(primary.url, { migrate: false, readOnly: true });
    try {
      await expect(onPrimary.write((tx) => tx.execute('INSERT INTO settings (key, value) VALUES (\'x\', \'1\')'))).rejects.toMatchObject({ cause: { code: '25006' } });
    } finally {
      await onPrimary.close();
    }
  });

  it('serves /p/{slug}/ and the wall from the standby: paused replay keeps them at what it has, resumed replay brings the edits', { timeout: 180_000 }, async () => {
    const created = await c.send('POST', '/api/publications', { title: '副本测试', scope: SCOPE }, admin);
    expect(created.status).toBe(201);
    const { id, slug } = (await created.json()) as { id: number; slug: string };
    expect((await c.send('POST', `/api/publications/${id}/publish`, undefined, admin)).status).toBe(200);
    await caughtUp();
    expect((await c.get(`/p/${slug}/`)).status).toBe(200);
    const before = await tourVersion();

    await standby`SELECT pg_wal_replay_pause()`;
    try {
      expect((await c.send('POST', `/api/publications/${id}/unpublish`, undefined, admin)).status).toBe(200);
      const tour = (await (await c.get(`/api/wall/tour?scope=${SCOPE}`, display)).json()) as { schedule: Record<string, unknown> };
      const saved = await c.send('PUT', `/api/wall/tour?scope=${SCOPE}`, { ...tour, schedule: { ...tour.schedule, nightStart: '00:00', nightEnd: '00:00' } }, { ...admin, 'if-match': before ?? '"0"' });
      expect(saved.status).toBe(200);
      // The primary has both edits; the paused standby answers as before them.
      expect((await c.get(`/p/${slug}/`)).status).toBe(200);
      expect(await tourVersion()).toBe(before);
      const summary = await c.get(`/api/wall/summary?scope=${SCOPE}`, display);
      expect(summary.status).toBe(200);
    } finally {
      await standby`SELECT pg_wal_replay_resume()`;
    }
    await caughtUp();
    expect((await c.get(`/p/${slug}/`)).status).toBe(404);
    expect(await tourVersion()).not.toBe(before);
  });

  it('keeps the public page up while the primary is down', { timeout: 180_000 }, async () => {
    const created = await c.send('POST', '/api/publications', { title: '主库停机', scope: SCOPE }, admin);
    const { id, slug } = (await created.json()) as { id: number; slug: string };
    expect((await c.send('POST', `/api/publications/${id}/publish`, undefined, admin)).status).toBe(200);
    await caughtUp();
    primary.stop('fast');
    try {
      const page = await c.get(`/p/${slug}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<!doctype html>');
      // Writes need the primary: answered 503, not hung.
      expect((await c.send('POST', '/api/publications', { title: 'x', scope: SCOPE }, admin)).status).toBe(503);
    } finally {
      primary.start();
    }
  });
});
