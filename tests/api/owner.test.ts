// One data directory, one owner (ADR 0014), with real processes: a server holding a DATA_DIR refuses a
// second server and every CLI on it; nothing is written to the store; a clean stop frees the directory and
// a killed owner's lock is taken over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { sql } from 'drizzle-orm';
import { startServer, type ServerProcess } from '../helpers/processes.js';
import { openPglite, reopenPglite, rows } from '../../server/db/store.js';
import { acquireOwnerLock, DataDirInUseError, OWNER_LOCK_FILE } from '../../server/db/owner-lock.js';
import { TEST_ADMIN_PASSWORD, TEST_DISPLAY_TOKEN } from '../helpers/constants.js';

/** Runs a script (tsx) to its end; its exit code and everything it printed. */
function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (b: Buffer) => (out += b.toString()));
    p.stderr.on('data', (b: Buffer) => (out += b.toString()));
    p.once('exit', (code) => resolve({ code, out }));
  });
}

async function fingerprint(dir: string): Promise<string> {
  const store = await openPglite(dir);
  try {
    const [r] = await store.read((db) =>
      rows<{ n: number; v: number; c: number }>(db, sql`SELECT count(*)::int AS n, coalesce(sum(version), 0)::int AS v, (SELECT count(*)::int FROM change_log) AS c FROM enterprises`),
    );
    return JSON.stringify(r);
  } finally {
    await store.close();
  }
}

describe('the owner lock', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const d = mkdtempSync(join(tmpdir(), 'pbmap-owner-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('is taken once: a second taker in this process is refused, a release frees it', () => {
    const dir = fresh();
    const lock = acquireOwnerLock(dir, 'test');
    expect(() => acquireOwnerLock(dir, 'test')).toThrow(DataDirInUseError);
    lock.release();
    expect(existsSync(join(dir, OWNER_LOCK_FILE))).toBe(false);
    acquireOwnerLock(dir, 'test').release();
  });

  it('names a live holder in another process, and takes over from one that was killed', async () => {
    const dir = fresh();
    const holder = spawn(process.execPath, ['--import', 'tsx', '-e',
      `import { acquireOwnerLock } from './server/db/owner-lock.ts'; acquireOwnerLock(${JSON.stringify(dir)}, 'holder'); console.log('held'); setInterval(() => {}, 1000);`],
    { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout.on('data', (b: Buffer) => b.toString().includes('held') && resolve()));
    let refused: unknown;
    try {
      acquireOwnerLock(dir, 'test');
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(DataDirInUseError);
    expect((refused as Error).message).toContain(`in use by the holder (pid ${holder.pid}`);
    expect((refused as Error).message.split('. ').length).toBe(1);
    const gone = new Promise((r) => holder.once('exit', r));
    holder.kill('SIGKILL');
    await gone;
    expect(existsSync(join(dir, OWNER_LOCK_FILE))).toBe(true);
    const lock = acquireOwnerLock(dir, 'test');
    expect(JSON.parse(readFileSync(join(dir, OWNER_LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it("is kept through a reopen (a first start's fresh database thread): nobody can take it in between", async () => {
    const dir = fresh();
    cpSync(inject('pgliteTemplate'), dir, { recursive: true });
    const first = await openPglite(dir, { owner: 'server' });
    await first.write((tx) => tx.execute(sql`INSERT INTO settings (key, value, version) VALUES ('reopen-test', '1'::jsonb, 1)`));
    const reopened = await reopenPglite(first, dir);
    try {
      expect(reopened.ownerLock).toBe(first.ownerLock);
      expect(existsSync(join(dir, OWNER_LOCK_FILE))).toBe(true);
      expect(() => acquireOwnerLock(dir, 'import CLI')).toThrow(DataDirInUseError);
      await expect(first.read((db) => rows(db, sql`SELECT 1`))).rejects.toThrow();
      const [r] = await reopened.read((db) => rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM settings WHERE key = 'reopen-test'`));
      expect(r?.n).toBe(1);
    } finally {
      await reopened.close();
    }
    expect(existsSync(join(dir, OWNER_LOCK_FILE))).toBe(false);
  });

  it("cannot check a holder on another host: refused, saying which file to remove once it is stopped", () => {
    const dir = fresh();
    writeFileSync(join(dir, OWNER_LOCK_FILE), JSON.stringify({ pid: 1, host: 'elsewhere.example', startedAt: '2026-01-01T00:00:00.000Z', role: 'server' }));
    expect(() => acquireOwnerLock(dir, 'test')).toThrow(/elsewhere\.example.*remove .*owner\.lock/);
  });
});

describe('a server holding its DATA_DIR', () => {
  let dir: string;
  let server: ServerProcess;
  const env = () => ({ DATA_DIR: dir, ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, DISPLAY_TOKEN: TEST_DISPLAY_TOKEN });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pbmap-owner-server-'));
    cpSync(inject('pgliteTemplate'), dir, { recursive: true });
    server = await startServer(env());
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second server on the same directory with one sentence', async () => {
    const lock = JSON.parse(readFileSync(join(dir, OWNER_LOCK_FILE), 'utf8')) as { pid: number; url: string; role: string };
    expect(lock).toMatchObject({ pid: server.proc.pid, role: 'server', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    await expect(startServer(env())).rejects.toThrow(/exited \(1\)[^]*in use by the server \(pid \d+/);
    expect((await fetch(`${server.base}/api/health`)).status).toBe(200);
  });

  it('refuses the import, backup, restore and publish:export CLIs; nothing is written', async () => {
    const out = mkdtempSync(join(tmpdir(), 'pbmap-owner-out-'));
    try {
      const cli = [
        ['server/cli/import.ts', 'tests/fixtures/import/enterprises-gbk.csv', '--kind', 'enterprises', '--skip-invalid'],
        ['server/cli/backup.ts', join(out, 'b.jsonl.gz')],
        ['server/cli/restore.ts', join(out, 'b.jsonl.gz')],
        ['server/cli/publish-export.ts', 'any', join(out, 'p')],
      ];
      for (const args of cli) {
        const r = await run(args, { DATA_DIR: dir });
        expect(r.code, r.out).toBe(1);
        expect(r.out).toMatch(/in use by the server \(pid \d+ .*answering at http:\/\/127\.0\.0\.1:\d+\)[^]*Nothing was written/);
        expect(r.out).not.toMatch(/\n\s+at /); // no stack trace
      }
      expect(existsSync(join(out, 'b.jsonl.gz'))).toBe(false);
      expect(existsSync(join(out, 'p'))).toBe(false);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('frees the directory on a clean stop; after a kill -9 the next owner takes over the stale lock', async () => {
    await server.stop('SIGTERM');
    expect(existsSync(join(dir, OWNER_LOCK_FILE))).toBe(false);
    const before = await fingerprint(dir);
    server = await startServer(env());
    const imported = run(['server/cli/import.ts', 'tests/fixtures/import/enterprises-gbk.csv', '--kind', 'enterprises', '--skip-invalid'], { DATA_DIR: dir });
    expect((await imported).code).toBe(1);
    await server.stop('SIGKILL');
    expect(existsSync(join(dir, OWNER_LOCK_FILE))).toBe(true);
    expect(await fingerprint(dir)).toBe(before);
    // The CLI now owns the directory: the killed server's pid is dead.
    const r = await run(['server/cli/import.ts', 'tests/fixtures/import/enterprises-gbk.csv', '--kind', 'enterprises', '--skip-invalid'], { DATA_DIR: dir });
    expect(r.out).not.toMatch(/in use by/);
    expect(r.out).toMatch(/Written: \d+ inserted/);
    expect(existsSync(join(dir, OWNER_LOCK_FILE))).toBe(false);
    // Two server starts, three CLI runs and two store opens: more than the default minute on a busy machine.
  }, 240_000);
});
