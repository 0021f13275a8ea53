// A throwaway PostgreSQL cluster (initdb + pg_ctl in a temp directory, on its own loopback port) that a
// test may stop, crash and start again without touching the shared CI server.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

export const canRunCluster = (): boolean => existsSync(join(BIN, 'initdb')) && existsSync(join(BIN, 'pg_ctl'));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Cluster {
  url: string;
  port: number;
  start(): void;
  /** fast: a clean shutdown; immediate: as if the server crashed. */
  stop(mode?: 'fast' | 'immediate'): void;
  destroy(): void;
}

// PostgreSQL refuses to run as root: on a root CI machine the cluster belongs to the postgres user.
const asPg = (cmd: string, args: string[]) =>
  process.getuid?.() === 0
    ? execFileSync('runuser', ['-u', 'postgres', '--', join(BIN, cmd), ...args], { stdio: 'pipe' })
    : execFileSync(join(BIN, cmd), args, { stdio: 'pipe' });

export async function startCluster(): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'pbmap-cluster-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  asPg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  return runCluster(dir, data, port);
}

/** A hot standby of primary: a base backup streamed from it (pg_basebackup -R), replaying its WAL as it comes.
 *  The backup asks for an immediate checkpoint: the default spread one is paced over checkpoint_timeout
 *  (about 3 minutes of waiting after a fresh demo load). */
export async function startReplica(primary: Cluster): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'pbmap-replica-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  asPg('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', data, '-R', '-X', 'stream', '--checkpoint=fast', '--no-sync']);
  return runCluster(dir, data, await freePort());
}

function runCluster(dir: string, data: string, port: number): Cluster {
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  const cluster: Cluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start: () => void asPg('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', 'start']),
    stop: (mode = 'fast') => void asPg('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']),
    destroy: () => {
      try {
        cluster.stop('immediate');
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  cluster.start();
  return cluster;
}
