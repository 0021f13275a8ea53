// npm run bench:load [-- seconds [connections]] (or -- --short for CI) — the read mix of a busy day (OGC
// buildings in a bbox, a coverage summary, a wall summary) from 50 concurrent loopback clients for 30 s
// against a real server process (server/main.ts), alone and with a writer (an admin creating an API token
// every 2 s), on PGlite and, when TEST_DATABASE_URL or DATABASE_URL is set, PostgreSQL. Prints req/s,
// p50, p99, max and errors, and p99/p50. Absolute figures drift on shared machines: compare ratios.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { signIn, startServer, throwawayDatabase, type ServerProcess } from '../helpers/processes.js';
import { loadEnv } from '../../server/env.js';

const short = process.argv.includes('--short');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const SECONDS = Number(args[0] ?? (short ? 3 : 30));
const CONNECTIONS = Number(args[1] ?? (short ? 10 : 50));
const PASSWORD = 'bench-admin-password';
const TOKEN = 'bench-display-token-0123456789';

const MIX = [
  { path: '/ogc/collections/buildings/items?bbox=121.44,31.21,121.47,31.24&limit=100' },
  { path: '/api/coverage/summary?level=district&id=310106' },
  { path: '/api/wall/summary?scope=street:310106012' },
];

async function run(label: string, server: ServerProcess): Promise<number> {
  let failures = 0;
  for (const withWriter of [false, true]) {
    let writes = 0;
    let writeErrors = 0;
    let timer: NodeJS.Timeout | undefined;
    if (withWriter) {
      const session = await signIn(server.base, PASSWORD);
      timer = setInterval(() => {
        void fetch(`${server.base}/api/tokens`, {
          method: 'POST',
          headers: { ...session, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `bench-${writes}`, role: 'display', streetCodes: [] }),
        }).then((r) => (r.status === 201 ? writes++ : writeErrors++), () => writeErrors++);
      }, 2_000);
    }
    const r = await autocannon({ url: server.base, connections: CONNECTIONS, duration: SECONDS, headers: { authorization: `Bearer ${TOKEN}` }, requests: MIX });
    clearInterval(timer);
    const errors = r.errors + r.timeouts + r.non2xx;
    failures += errors + writeErrors;
    console.log(
      `[${label}${withWriter ? ' + writer' : ''}] ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms, ` +
        `errors ${errors} (of ${r.requests.total}), p99/p50 ${(r.latency.p99 / Math.max(1, r.latency.p50)).toFixed(1)}` +
        (withWriter ? `, writes ${writes} (failed ${writeErrors})` : ''),
    );
  }
  return failures;
}

async function main(): Promise<void> {
  const env = loadEnv();
  console.log(`bench:load: ${CONNECTIONS} connections × ${SECONDS} s per run`);
  const base = { ADMIN_PASSWORD: PASSWORD, DISPLAY_TOKEN: TOKEN };
  let failures = 0;
  const dir = mkdtempSync(join(tmpdir(), 'pbmap-load-'));
  const pglite = await startServer({ ...base, DATA_DIR: dir, DATABASE_URL: '' }, 600_000);
  try {
    failures += await run('pglite', pglite);
  } finally {
    await pglite.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const url = env.TEST_DATABASE_URL ?? env.DATABASE_URL;
  if (url) {
    const db = await throwawayDatabase(url);
    const pg = await startServer({ ...base, DATABASE_URL: db.url }, 600_000);
    try {
      failures += await run('postgres', pg);
    } finally {
      await pg.stop();
      await db.drop();
    }
  }
  // Figures are for reading; only outright failures (errors, failed writes) fail the run.
  if (failures > 0) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
