// Start-up on a DATA_DIR that cannot hold the database says what is wrong in one sentence and exits, with real
// server processes: no ErrnoError dump, no hang on a full disk.
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../helpers/processes.js';
import { TEST_ADMIN_PASSWORD } from '../helpers/constants.js';

const root = mkdtempSync(join(tmpdir(), 'pbmap-datadir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The server's output when it refuses to start; it must not come up. */
async function refusal(env: Record<string, string>): Promise<string> {
  const err = await startServer({ ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, DATABASE_URL: '', ...env }).then(
    async (p) => {
      await p.stop('SIGKILL');
      throw new Error('the server started');
    },
    (e: Error) => e.message,
  );
  const out = err.replace(/^server exited \(1\) before it was up:\n/, '');
  expect(err).toMatch(/^server exited \(1\)/);
  expect(out).not.toMatch(/ErrnoError|\n\s+at |PGlite failed/);
  return out.trim();
}

/** A tmpfs of `size` mounted at a new directory (null where this user may not mount). */
function tmpfs(size: string, ro = false): string | null {
  const dir = join(root, `mnt-${size}-${ro ? 'ro' : 'rw'}`);
  mkdirSync(dir);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}${ro ? ',ro' : ''}`, 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    return null;
  }
}
const mounted: string[] = [];
afterAll(() => mounted.forEach((d) => execFileSync('umount', [d])));

describe('start-up checks DATA_DIR', () => {
  it('refuses a path it cannot create', async () => {
    writeFileSync(join(root, 'a-file'), 'x');
    expect(await refusal({ DATA_DIR: join(root, 'a-file', 'data') })).toMatch(/^DATA_DIR \S+ cannot be created \(a part of the path is a file, not a directory\): .*\.$/);
  });

  it('refuses below the stated minimum of free space', async () => {
    expect(await refusal({ DATA_DIR: join(root, 'roomy'), DATA_DIR_MIN_FREE_MB: '1000000' })).toMatch(/^DATA_DIR \S+ has \d+ MB free; at least 1000000 MB are needed to start \(.*\)\.$/);
  });

  const full = tmpfs('1m');
  const ro = tmpfs('16m', true);
  if (full) mounted.push(full);
  if (ro) mounted.push(ro);

  it.skipIf(!full)('refuses a disk with 1 MB left (it used to hang at 100 % CPU)', async () => {
    expect(await refusal({ DATA_DIR: join(full as string, 'data') })).toMatch(/has 1 MB free; at least 200 MB are needed/);
  });

  it.skipIf(!ro)('refuses a read-only file system', async () => {
    expect(await refusal({ DATA_DIR: ro as string, DATA_DIR_MIN_FREE_MB: '1' })).toMatch(/^DATA_DIR \S+ is not writable \(the file system is read-only\)/);
  });
});
