// Faults answered, not hung, on real server processes: the database stopped and started again under a
// running server (503 with Retry-After, /api/health says so, recovery without a restart), and a server
// killed with SIGKILL in the middle of writes (every acknowledged write is there after a restart).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signIn, startServer, type ServerProcess } from '../helpers/processes.js';
import { canRunCluster, startCluster, type Cluster } from '../helpers/pg-cluster.js';
import { TEST_ADMIN_PASSWORD, TEST_DISPLAY_TOKEN } from '../helpers/constants.js';
import { testEnv } from '../helpers/stores.js';

const display = { authorization: `Bearer ${TEST_DISPLAY_TOKEN}` };
const baseEnv = { ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, DISPLAY_TOKEN: TEST_DISPLAY_TOKEN };

/** Creates API tokens one after another until the server dies; returns the ids it acknowledged. */
async function writeUntilKilled(p: ServerProcess, session: Record<string, string>, killAfter: number): Promise<number[]> {
  const acknowledged: number[] = [];
  for (let i = 0; ; i++) {
    if (i === killAfter) void p.stop('SIGKILL');
    try {
      const res = await fetch(`${p.base}/api/tokens`, {
        method: 'POST',
        headers: { ...session, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `fault-${i}`, role: 'display', streetCodes: [] }),
      });
      if (res.status !== 201) throw new Error(`write ${i}: ${res.status} ${await res.text()}`);
      acknowledged.push(((await res.json()) as { id: number }).id);
    } catch (err) {
      if (p.proc.exitCode === null && p.proc.signalCode === null && i < killAfter) throw err;
      return acknowledged;
    }
  }
}

async function tokenIds(base: string, session: Record<string, string>): Promise<Set<number>> {
  const res = await fetch(`${base}/api/tokens`, { headers: session });
  expect(res.status).toBe(200);
  return new Set(((await res.json()) as { id: number }[]).map((t) => t.id));
}

describe.skipIf(!testEnv.TEST_DATABASE_URL || !canRunCluster())('PostgreSQL stopped and restarted under a running server', () => {
  let cluster: Cluster;
  let p: ServerProcess | undefined;
  beforeAll(async () => {
    cluster = await startCluster();
    p = await startServer({ ...baseEnv, DATABASE_URL: cluster.url });
  });
  afterAll(async () => {
    await p?.stop('SIGKILL');
    cluster?.destroy();
  });

  it('answers 503 with Retry-After while the database is down, reports it in /api/health, and recovers without a restart', async () => {
    const server = p as ServerProcess;
    expect((await fetch(`${server.base}/api/wall/summary?scope=street:310106012`, { headers: display })).status).toBe(200);
    const healthy = (await (await fetch(`${server.base}/api/health`)).json()) as { status: string; database: { state: string } };
    expect(healthy).toMatchObject({ status: 'ok', database: { state: 'up' } });

    cluster.stop('immediate');
    const started = Date.now();
    const down = await fetch(`${server.base}/api/wall/summary?scope=street:310106012`, { headers: display });
    console.log(`database down: ${down.status} after ${Date.now() - started} ms`);
    expect(down.status).toBe(503);
    expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await down.json()) as { error: { code: string } }).error.code).toBe('service_unavailable');
    const health = await fetch(`${server.base}/api/health`);
    expect(health.status).toBe(503);
    expect(((await health.json()) as { database: { state: string } }).database.state).toBe('down');

    cluster.start();
    let status = 0;
    for (let i = 0; i < 60 && status !== 200; i++) {
      status = (await fetch(`${server.base}/api/wall/summary?scope=street:310106012`, { headers: display })).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 500));
    }
    expect(status).toBe(200);
    expect((await fetch(`${server.base}/api/health`)).status).toBe(200);
  });

  it('keeps every acknowledged write through a SIGKILL mid-write', async () => {
    const first = p as ServerProcess;
    const acknowledged = await writeUntilKilled(first, await signIn(first.base, TEST_ADMIN_PASSWORD), 15);
    expect(acknowledged.length).toBeGreaterThanOrEqual(15);
    p = await startServer({ ...baseEnv, DATABASE_URL: cluster.url });
    const ids = await tokenIds(p.base, await signIn(p.base, TEST_ADMIN_PASSWORD));
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
  }, 300_000);
});

describe('PGlite server killed mid-write', () => {
  let dir: string;
  let p: ServerProcess | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pbmap-fault-'));
    cpSync(inject('pgliteTemplate'), dir, { recursive: true });
  });
  afterAll(async () => {
    await p?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write through a SIGKILL mid-write', async () => {
    const first = await startServer({ ...baseEnv, DATA_DIR: dir });
    p = first;
    const acknowledged = await writeUntilKilled(first, await signIn(first.base, TEST_ADMIN_PASSWORD), 15);
    expect(acknowledged.length).toBeGreaterThanOrEqual(15);
    p = await startServer({ ...baseEnv, DATA_DIR: dir });
    const ids = await tokenIds(p.base, await signIn(p.base, TEST_ADMIN_PASSWORD));
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
  }, 300_000);
});
