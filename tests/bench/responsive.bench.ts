// npm run bench:responsive [-- seconds] [--short] [--city-only] [--driver pglite|postgres] [--city-streets N] [--keep-db NAME]: is the request thread free while the coverage engine works
// (issue 18 point 1)? A real server process on the demo territory, on PGlite and (TEST_DATABASE_URL or DATABASE_URL)
// a throwaway PostgreSQL database. The OGC landing page (no database) is timed by 10 connections, first idle,
// then while a client keeps asking for (a) coverage figures of a new past date (each one a full model build),
// (b) a grid preview with as many vertices as the budget allows, (c) a roster import preview with as many rows as
// the budget allows; printed: p99 of each against idle (goal ≤ 5×), the work done, and the server's RSS at the end and its peak
// (sampled every 100 ms from listening, through a wall session and the past dates).
// Then memory on the synthetic city (issue 18 point 7; 200 streets, 100k buildings, 500k enterprises; --short: a
// few streets, --city-streets N to choose): a first start fills the store and builds the model (a full build),
// then the measured start restarts from the persisted model, serves a wall session and ten different as-of dates
// (summaries, gaps, a building's file); printed: the process's peak RSS (sampled every 100 ms from spawn; goal
// ≤ 1 GiB), each thread's peak (its V8 heap and array buffers, MEMORY_LOG_MS), and the restart against the full
// build. Loopback only.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { signIn, startServer, throwawayDatabase, type ServerProcess } from '../helpers/processes.js';
import { BUDGETS } from '../../server/http/budgets.js';
import { makeUscc } from '../../geodata/generate/uscc.js';
import { loadEnv } from '../../server/env.js';

const USAGE = `npm run bench:responsive [-- seconds] [flags]
  seconds              each /ogc landing measurement (default 10, 3 with --short)
  --short              the demo's measurements shorter and a 4-street city
  --city-only          only the synthetic city's memory (no demo latency runs)
  --driver D           only pglite or only postgres (TEST_DATABASE_URL or DATABASE_URL's server)
  --city-streets N     the city's size in streets (200 = 100k buildings, 500k enterprises)
  --keep-db NAME       PostgreSQL: the city in database NAME, created and loaded if absent and kept afterwards, so
                       the next run skips the load (its coverage snapshot is deleted first: the first start is
                       still a full build); drop it yourself when done
  BENCH_SERVER_LOG=p   write the city servers' output (memory timeline) to p-<driver>-first.log (the first
                       start) and p-<driver>.log (the restart, the wall session and the dates)`;
if (process.argv.includes('--help')) {
  console.log(USAGE);
  process.exit(0);
}
const short = process.argv.includes('--short');
// --city-only: only the synthetic city's memory; --driver pglite|postgres: only that driver.
const cityOnly = process.argv.includes('--city-only');
const driverFlag = process.argv.indexOf('--driver');
const only = driverFlag > 0 ? process.argv[driverFlag + 1] : undefined;
const VALUED = ['--city-streets', '--driver', '--keep-db'];
const args = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !VALUED.includes(all[i - 1] ?? ''));
const keepFlag = process.argv.indexOf('--keep-db');
const KEEP_DB = keepFlag > 0 ? process.argv[keepFlag + 1] : undefined;
if (KEEP_DB !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(KEEP_DB)) throw new Error('--keep-db NAME: a lower-case PostgreSQL identifier');
const SECONDS = Number(args[0] ?? (short ? 3 : 10));
const cityFlag = process.argv.indexOf('--city-streets');
const CITY_STREETS = cityFlag > 0 ? Number(process.argv[cityFlag + 1]) : short ? 4 : 200;
const TOKEN = 'bench-display-token-0123456789';
const PASSWORD = 'bench-admin-password';

const rssMiB = (pid: number | undefined) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
};

async function landing(base: string): Promise<{ p99: number; p50: number; max: number; errors: number; answered: number }> {
  const r = await autocannon({ url: `${base}/ogc`, connections: 10, duration: SECONDS });
  return { p99: r.latency.p99, p50: r.latency.p50, max: r.latency.max, errors: r.errors + r.timeouts + r.non2xx, answered: r.requests.total };
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

type Work = () => Promise<boolean>;

/** /ogc landing while `work` runs again and again (one at a time); printed against the idle p99. */
async function during(label: string, what: string, server: ServerProcess, idleP99: number, work: Work): Promise<void> {
  let running = true;
  let done = 0;
  let failed = 0;
  const loop = (async () => {
    while (running) {
      if (await work().catch(() => false)) done++;
      else failed++;
    }
  })();
  const busy = await landing(server.base);
  running = false;
  await loop;
  // No answer at all in the whole run: every request waited longer than it (the thread was held throughout).
  // Requests that timed out (autocannon gives up after 10 s) are not in the latency figures: then p99 says nothing.
  const ratio = busy.answered === 0
    ? `none answered in ${SECONDS} s (> ${((SECONDS * 1000) / Math.max(1, idleP99)).toFixed(0)}×)`
    : busy.errors > 0.01 * busy.answered
      ? `${busy.errors} not answered in time (≥ ${(10_000 / Math.max(1, idleP99)).toFixed(0)}×)`
      : `${(busy.p99 / Math.max(1, idleP99)).toFixed(1)}× idle`;
  console.log(
    `[${label}] /ogc p99 during ${what}: ${busy.p99} ms (max ${busy.max} ms, ${busy.answered} answered): ${ratio} ` +
      `(goal ≤ 5×); ${done} done (${failed} failed); errors ${busy.errors}; RSS ${rssMiB(server.proc.pid)} MiB`,
  );
}

const STREET = '310106012';

/** Every edge of the ring cut into equal steps on the 1e-7° lattice, up to about `vertices` vertices in all. */
function densify(ring: number[][], vertices: number): number[][] {
  const per = Math.max(1, Math.floor(vertices / (ring.length - 1)));
  const q = (x: number) => Math.round(x * 1e7) / 1e7;
  const out: number[][] = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const [ax, ay] = ring[i] as [number, number];
    const [bx, by] = ring[i + 1] as [number, number];
    for (let k = 0; k < per; k++) out.push([q(ax + ((bx - ax) * k) / per), q(ay + ((by - ay) * k) / per)]);
  }
  out.push(ring[0] as number[]);
  return out;
}

/** (b) A grid preview as large as the budget allows: one grid's boundary with ~19,900 vertices (same shape). */
async function previewWork(base: string): Promise<Work> {
  const admin = await signIn(base, PASSWORD);
  const editor = (await (await fetch(`${base}/api/streets/${STREET}/grid-editor`, { headers: admin })).json()) as {
    grids: { id: number; version: number; geometry: { type: 'Polygon'; coordinates: number[][][] } }[];
  };
  const g = editor.grids[0]!;
  const ring = densify(g.geometry.coordinates[0]!, BUDGETS.changeSetVertices - 100);
  const body = JSON.stringify({ changes: [{ id: g.id, version: g.version, geometry: { type: 'Polygon', coordinates: [ring] } }] });
  return async () => {
    const res = await fetch(`${base}/api/streets/${STREET}/grid-changes/preview`, { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body });
    await res.arrayBuffer();
    return res.status === 200;
  };
}

/** (c) A roster import preview as large as the budget allows: 50,000 enterprises, ~BYTES MB of CSV. */
async function importWork(base: string): Promise<{ work: Work; mb: number }> {
  const admin = await signIn(base, PASSWORD);
  const items = (await (await fetch(`${base}/ogc/collections/buildings/items?limit=1000`, { headers: admin })).json()) as { features: { id: number | string }[] };
  const ids = items.features.map((f) => f.id);
  const pad = '，'.repeat(40);
  const lines = ['统一社会信用代码,企业名称,楼宇编号,从业人员数,行业,经济类型,成立日期'];
  for (let i = 0; i < BUDGETS.importRows; i++) {
    lines.push(`${makeUscc('310199', 500_000 + i)},测评企业${i}有限公司${pad},${ids[i % ids.length]},${10 + (i % 50)},软件和信息技术服务业,私营,2020-01-01`);
  }
  const file = new TextEncoder().encode(lines.join('\n'));
  return {
    mb: file.byteLength / 1024 / 1024,
    work: async () => {
      const form = new FormData();
      form.set('file', new Blob([file]), 'bench.csv');
      const res = await fetch(`${base}/api/import/enterprises/preview`, { method: 'POST', headers: admin, body: form });
      await res.arrayBuffer();
      return res.status === 200;
    },
  };
}

async function run(label: string, server: ServerProcess, peak: { stop: () => number }): Promise<void> {
  // A wall session: the display's summary (today and 30 days before) a few times, as a wall polls it.
  for (let i = 0; i < 5; i++) await (await fetch(`${server.base}/api/wall/summary?scope=district:310106`, { headers: { authorization: `Bearer ${TOKEN}` } })).arrayBuffer();
  const idle = await landing(server.base);
  console.log(`[${label}] /ogc p99 idle ${idle.p99} ms (p50 ${idle.p50} ms, errors ${idle.errors})`);
  // (a) Each new past date is a model of its own: a full build, one after another.
  let day = 0;
  await during(label, 'coverage builds', server, idle.p99, async () => {
    day++;
    const asOf = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    const res = await fetch(`${server.base}/api/coverage/summary?level=district&id=310106&asOf=${asOf}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    await res.arrayBuffer();
    return res.status === 200;
  });
  await during(label, `grid previews (${(BUDGETS.changeSetVertices - 100).toLocaleString('en')} vertices)`, server, idle.p99, await previewWork(server.base));
  const imp = await importWork(server.base);
  await during(label, `roster import previews (${BUDGETS.importRows.toLocaleString('en')} rows, ${imp.mb.toFixed(1)} MB)`, server, idle.p99, imp.work);
  console.log(`[${label}] RSS peak ${peak.stop()} MiB (goal ≤ 1024)`);
}

/** The highest figures of each thread's `[memory]` lines (server/memory-log.ts) in a server's output. */
function threadPeaks(output: string): string {
  const peaks = new Map<string, { heap: number; buffers: number; wasm: number }>();
  for (const m of output.matchAll(/\[memory\] (\S+?)#\d+ rss=\d+ heap=(\d+) external=\d+ buffers=(\d+)(?: wasm=(\d+))?/g)) {
    const p = peaks.get(m[1]!) ?? { heap: 0, buffers: 0, wasm: 0 };
    peaks.set(m[1]!, { heap: Math.max(p.heap, Number(m[2])), buffers: Math.max(p.buffers, Number(m[3])), wasm: Math.max(p.wasm, Number(m[4] ?? 0)) });
  }
  return [...peaks].map(([t, p]) => `${t} heap ${p.heap} MiB + buffers ${p.buffers} MiB${p.wasm ? ` + WASM memory ${p.wasm} MiB` : ''}`).join(', ');
}

/** The highest process RSS the `[memory]` lines report (a start that was not sampled from outside). */
const logPeakRss = (output: string) => Math.max(0, ...[...output.matchAll(/\[memory\] \S+ rss=(\d+)/g)].map((m) => Number(m[1])));
/** Coverage worker restarts (a crash, or its heap cap reached), if any. */
const crashes = (output: string) => {
  const lines = output.split('\n').filter((l) => l.includes('restarting the coverage worker'));
  return lines.length ? `; coverage worker restarted ${lines.length}×: ${lines[0]}` : '';
};

const computedMs = (output: string) => Number(/Coverage computed \((\d+) ms\)/.exec(output)?.[1] ?? NaN);

/** glibc's allocator as `npm start` and docs/deploy.md set it for the service (it must be in the environment when the process
 *  starts, so the server cannot set it for itself); a value already in this environment is kept, so
 *  `MALLOC_ARENA_MAX= MALLOC_MMAP_THRESHOLD_= npm run bench:responsive` measures glibc's defaults. */
const DEPLOYED_MALLOC = {
  MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
  MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? '131072',
};

/** Start, a wall session and ten different as-of dates on the synthetic city, with the peak RSS over all of it. */
async function cityMemory(label: string, env: Record<string, string>): Promise<void> {
  const cityEnv = { ...env, ...DEPLOYED_MALLOC, DEMO: 'city', DEMO_CITY_STREETS: String(CITY_STREETS), MEMORY_LOG_MS: '250' };
  const malloc = Object.entries(DEPLOYED_MALLOC).map(([k, v]) => `${k}=${v || '(glibc default)'}`).join(' ');
  console.log(`[${label} city] server environment as docs/deploy.md: ${malloc}`);
  // First start: the city is loaded and the model built from scratch (and persisted).
  let t = performance.now();
  const first = await startServer(cityEnv, 3_600_000);
  const loaded = /Loaded the synthetic city: (.*) \(/.exec(first.output())?.[1] ?? 'the city already loaded (--keep-db)';
  const fullMs = computedMs(first.output());
  await first.stop();
  if (process.env.BENCH_SERVER_LOG) writeFileSync(`${process.env.BENCH_SERVER_LOG}-${label}-first.log`, first.output());
  console.log(`[${label} city] ${loaded}; first start ${((performance.now() - t) / 1000).toFixed(0)} s, full build ${fullMs} ms; ` +
    `its peak RSS ${logPeakRss(first.output())} MiB (memory log, every 250 ms; goal ≤ 1024), thread peaks: ${threadPeaks(first.output())}${crashes(first.output())}`);
  t = performance.now();
  const server = await startServer(cityEnv, 3_600_000, { untilComputed: false });
  const peak = peakRss(server.proc.pid);
  try {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const get = async (path: string) => {
      for (;;) {
        const res = await fetch(`${server.base}${path}`, { headers: auth });
        await res.arrayBuffer();
        if (res.status !== 503) return res.status;
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    await get('/api/coverage/summary?level=city&id=all');
    const restartMs = computedMs(server.output());
    console.log(`[${label} city] restart: figures after ${((performance.now() - t) / 1000).toFixed(1)} s, model ready in ${restartMs} ms: ${(fullMs / restartMs).toFixed(1)}× faster than the full build`);
    for (let i = 0; i < 5; i++) await get('/api/wall/summary?scope=district:310199');
    const statuses: number[] = [];
    for (let i = 1; i <= 10; i++) {
      const asOf = new Date(Date.UTC(2025, 0, 1) + i * 37 * 86_400_000).toISOString().slice(0, 10);
      statuses.push(await get(`/api/coverage/summary?level=district&id=310199&asOf=${asOf}`));
      statuses.push(await get(`/api/coverage/gaps?level=building&kind=party&asOf=${asOf}`));
      statuses.push(await get(`/api/coverage/buildings/${i}?asOf=${asOf}`));
    }
    const bad = statuses.filter((s) => s !== 200).length;
    console.log(`[${label} city] RSS ${rssMiB(server.proc.pid)} MiB after a wall session and ten as-of dates (${statuses.length - bad} answers 200, ${bad} not); peak ${peak.stop()} MiB (goal ≤ 1024)`);
    console.log(`[${label} city] thread peaks: ${threadPeaks(server.output())}${crashes(server.output())}`);
    // The whole memory timeline, for finding what made a peak.
    if (process.env.BENCH_SERVER_LOG) writeFileSync(`${process.env.BENCH_SERVER_LOG}-${label}.log`, server.output());
  } finally {
    await server.stop();
  }
}

/** --keep-db: database `name` beside `url`'s, kept between runs (loading the full city into PostgreSQL takes a
 *  quarter of an hour). A database that already holds a city of another size is refused. Its persisted model is
 *  deleted so the first start is a full build, as on a fresh database. drop() keeps it. */
async function keptDatabase(url: string, name: string, streets: number): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    const [exists] = await admin<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_database WHERE datname = ${name}`;
    if (!exists?.n) await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const db = postgres(dbUrl.toString(), { max: 1, onnotice: () => undefined });
  try {
    const [t] = await db<{ streets: string | null; snapshot: string | null }[]>`SELECT to_regclass('streets')::text AS streets, to_regclass('coverage_snapshot')::text AS snapshot`;
    if (t?.streets) {
      const [c] = await db<{ n: number }[]>`SELECT count(*)::int AS n FROM streets`;
      if (c && c.n > 0 && c.n !== streets) throw new Error(`--keep-db ${name} holds ${c.n} streets, not ${streets}: drop it or name another`);
      console.log(`[keep-db] ${name}: ${c?.n ?? 0} streets already loaded`);
    }
    if (t?.snapshot) await db.unsafe('DELETE FROM coverage_snapshot');
  } finally {
    await db.end();
  }
  return { url: dbUrl.toString(), drop: () => Promise.resolve() };
}

async function main(): Promise<void> {
  const env = loadEnv();
  console.log(`bench:responsive: 10 connections × ${SECONDS} s, idle then during coverage builds, grid previews, import previews`);
  const base = { ADMIN_PASSWORD: PASSWORD, DISPLAY_TOKEN: TOKEN };
  if (only !== 'postgres') {
    if (!cityOnly) {
      const dir = mkdtempSync(join(tmpdir(), 'pbmap-responsive-'));
      try {
        const lite = await startServer({ ...base, ...DEPLOYED_MALLOC, DATA_DIR: dir, DATABASE_URL: '' }, 600_000);
        try {
          await run('pglite', lite, peakRss(lite.proc.pid));
        } finally {
          await lite.stop();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const cityDir = mkdtempSync(join(tmpdir(), 'pbmap-responsive-city-'));
    try {
      await cityMemory('pglite', { ...base, DATA_DIR: cityDir, DATABASE_URL: '' });
    } finally {
      rmSync(cityDir, { recursive: true, force: true });
    }
  }
  const url = env.TEST_DATABASE_URL ?? env.DATABASE_URL;
  if (!url || only === 'pglite') return;
  if (!cityOnly) {
    const db = await throwawayDatabase(url);
    try {
      const pg = await startServer({ ...base, ...DEPLOYED_MALLOC, DATABASE_URL: db.url }, 600_000);
      try {
        await run('postgres', pg, peakRss(pg.proc.pid));
      } finally {
        await pg.stop();
      }
    } finally {
      await db.drop();
    }
  }
  const cityDb = KEEP_DB ? await keptDatabase(url, KEEP_DB, CITY_STREETS) : await throwawayDatabase(url);
  try {
    await cityMemory('postgres', { ...base, DATABASE_URL: cityDb.url });
  } finally {
    await cityDb.drop();
  }
}

await main();
