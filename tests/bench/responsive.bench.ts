// npm run bench:responsive [-- seconds] [--short]: is the request thread free while the coverage engine works
// (issue 18 point 1)? A real server process on the demo territory, on PGlite and (TEST_DATABASE_URL or DATABASE_URL)
// a throwaway PostgreSQL database. The OGC landing page (no database) is timed by 10 connections, first idle,
// then while a client keeps asking for coverage figures of a new past date (each one a full model build);
// printed: p99 of each and their ratio (goal ≤ 5×), the builds done, and the server's RSS at the end and its peak
// (sampled every 100 ms from listening, through a wall session and the past dates; goal ≤ 1 GiB). Loopback only.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startServer, throwawayDatabase, type ServerProcess } from '../helpers/processes.js';
import { loadEnv } from '../../server/env.js';

const short = process.argv.includes('--short');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const SECONDS = Number(args[0] ?? (short ? 3 : 10));
const TOKEN = 'bench-display-token-0123456789';

const rssMiB = (pid: number | undefined) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
};

async function landing(base: string): Promise<{ p99: number; p50: number; max: number; errors: number }> {
  const r = await autocannon({ url: `${base}/ogc`, connections: 10, duration: SECONDS });
  return { p99: r.latency.p99, p50: r.latency.p50, max: r.latency.max, errors: r.errors + r.timeouts + r.non2xx };
}

/** The server's highest RSS, sampled until stop() is called. */
function peakRss(pid: number | undefined): { stop: () => number } {
  let peak = 0;
  const sample = () => {
    try {
      peak = Math.max(peak, rssMiB(pid));
    } catch {
      // The process is gone.
    }
  };
  sample();
  const timer = setInterval(sample, 100);
  return { stop: () => (clearInterval(timer), sample(), peak) };
}

async function run(label: string, server: ServerProcess, peak: { stop: () => number }): Promise<void> {
  // A wall session: the display's summary (today and 30 days before) a few times, as a wall polls it.
  for (let i = 0; i < 5; i++) await (await fetch(`${server.base}/api/wall/summary?scope=district:310106`, { headers: { authorization: `Bearer ${TOKEN}` } })).arrayBuffer();
  const idle = await landing(server.base);
  let running = true;
  let builds = 0;
  let failed = 0;
  // Each new past date is a model of its own: a full build, one after another.
  const builder = (async () => {
    for (let day = 1; running; day++) {
      const asOf = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
      const res = await fetch(`${server.base}/api/coverage/summary?level=district&id=310106&asOf=${asOf}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      await res.arrayBuffer();
      if (res.status === 200) builds++;
      else failed++;
    }
  })();
  const busy = await landing(server.base);
  running = false;
  await builder;
  console.log(
    `[${label}] /ogc p99 idle ${idle.p99} ms, during builds ${busy.p99} ms (max ${busy.max} ms): ${(busy.p99 / Math.max(1, idle.p99)).toFixed(1)}× ` +
      `(goal ≤ 5×); ${builds} past dates (${failed} failed); errors ${idle.errors + busy.errors}; RSS ${rssMiB(server.proc.pid)} MiB, peak ${peak.stop()} MiB (goal ≤ 1024)`,
  );
}

async function main(): Promise<void> {
  const env = loadEnv();
  console.log(`bench:responsive: 10 connections × ${SECONDS} s, idle then during coverage builds`);
  const base = { ADMIN_PASSWORD: 'bench-admin-password', DISPLAY_TOKEN: TOKEN };
  const dir = mkdtempSync(join(tmpdir(), 'pbmap-responsive-'));
  try {
    const lite = await startServer({ ...base, DATA_DIR: dir, DATABASE_URL: '' }, 600_000);
    try {
      await run('pglite', lite, peakRss(lite.proc.pid));
    } finally {
      await lite.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const url = env.TEST_DATABASE_URL ?? env.DATABASE_URL;
  if (!url) return;
  const db = await throwawayDatabase(url);
  try {
    const pg = await startServer({ ...base, DATABASE_URL: db.url }, 600_000);
    try {
      await run('postgres', pg, peakRss(pg.proc.pid));
    } finally {
      await pg.stop();
    }
  } finally {
    await db.drop();
  }
}

await main();
