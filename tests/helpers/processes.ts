// Real server processes (server/main.ts, as `npm start` runs it) for tests that need more than one
// process: each is started with its own environment and says where it listens.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

export interface ServerProcess {
  proc: ChildProcess;
  base: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** SIGKILL (a crash) or SIGTERM (a clean stop); resolves when it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const UP = /is up: http:\/\/localhost:(\d+)\//;
/** The first coverage build, which runs after the server listens, is over (done, or failed and left for later). */
const COMPUTED = /Coverage (computed|not computed yet)/;

/** Spawns server/main.ts serving only the API on a free loopback port; resolves once it listens and (unless
 *  untilComputed is false) its first coverage build is over, so figures are answered at once. */
export function startServer(env: Record<string, string>, timeoutMs = 120_000, opts: { untilComputed?: boolean } = {}): Promise<ServerProcess> {
  const proc = spawn(process.execPath, ['--max-semi-space-size=2', '--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SERVE_CLIENT: 'false', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  proc.stdout?.on('data', (b: Buffer) => (text += b.toString()));
  proc.stderr?.on('data', (b: Buffer) => (text += b.toString()));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop('SIGKILL');
      reject(new Error(`server did not come up in ${timeoutMs} ms:\n${text}`));
    }, timeoutMs);
    const check = () => {
      const m = UP.exec(text);
      if (!m || (opts.untilComputed !== false && !COMPUTED.test(text))) return;
      clearTimeout(timer);
      proc.stdout?.off('data', check);
      resolve({ proc, base: `http://127.0.0.1:${m[1]}`, output: () => text, stop });
    };
    proc.stdout?.on('data', check);
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before it was up:\n${text}`));
    });
  });
}

/** A fresh, empty PostgreSQL database next to TEST_DATABASE_URL's, dropped by drop(). */
export async function throwawayDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `pbmap_proc_${randomBytes(6).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  return {
    url: dbUrl.toString(),
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Signs in as admin on a server process; the headers a browser would send afterwards. */
export async function signIn(base: string, password: string): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '', 'x-csrf-token': csrf };
}
