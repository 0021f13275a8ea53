// npm run bench:coverage [-- scale] — on a synthetic city (scale 1: 200 streets, 2,000 grids, 100,000
// buildings, 500,000 enterprises, 3,000 stations), times a full recompute of the coverage model and the
// update after one edit, on PGlite and (when TEST_DATABASE_URL or DATABASE_URL is set) PostgreSQL,
// and prints their ratio. Absolute times drift on shared machines; the ratio is the figure to compare.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, type Store } from '../../server/db/store.js';
import { insertRows, resetIdentities } from '../../server/db/bulk-load.js';
import { CoverageEngine } from '../../server/coverage/engine.js';
import { loadEnv } from '../../server/env.js';
import { CITY_100K, syntheticCity, type SyntheticCity } from '../../geodata/synthetic/city.js';

const TODAY = '2026-06-30';
const scale = Number(process.argv[2] ?? 1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function measure(label: string, store: Store, city: SyntheticCity, databaseUrl?: string): Promise<void> {
  let t = performance.now();
  await store.write(async (tx) => {
    // A bulk load, like an import: triggers off, the engine starts from a full build anyway.
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await insertRows(tx, city);
    await resetIdentities(tx);
  });
  await store.write((tx) => tx.execute(sql`ANALYZE`));
  console.log(`[${label}] loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // On PostgreSQL the model lives in the coverage worker (its own connection), as in the server.
  const engine = new CoverageEngine(store, () => TODAY, { databaseUrl, snapshots: false });
  const full: number[] = [];
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    await engine.rebuild();
    full.push(performance.now() - t);
  }
  await engine.summary('district', city.districts[0]?.code ?? '');
  const edits: number[] = [];
  const n = city.enterprises.length;
  for (let i = 0; i < 15; i++) {
    const id = 1 + ((i * 7919 * 13) % n);
    // One edit: an enterprise gains an instructor (a typical ledger update), then the next request.
    await store.write((tx) => tx.execute(sql`INSERT INTO instructor_assignments (instructor_id, enterprise_id, since) VALUES (1, ${id}, '2026-01-01') ON CONFLICT DO NOTHING`));
    t = performance.now();
    await engine.summary('district', city.districts[0]?.code ?? '');
    edits.push(performance.now() - t);
  }
  if ((await engine.stats()).fullBuilds !== 3) throw new Error('an edit fell back to a full rebuild');
  // A restart on the same store: the persisted model and the change log instead of a full build (issue 18 point 4).
  const saver = new CoverageEngine(store, () => TODAY, { databaseUrl });
  await saver.rebuild();
  await saver.close();
  const restarted = new CoverageEngine(store, () => TODAY, { databaseUrl });
  t = performance.now();
  await restarted.warmUp();
  const restartMs = performance.now() - t;
  const rs = await restarted.stats();
  await restarted.close();
  console.log(`[${label}] restart from the persisted model ${restartMs.toFixed(0)} ms (${rs.snapshotLoads} snapshot load, ${rs.fullBuilds} full builds): ${(median(full) / restartMs).toFixed(1)}× faster than a full build`);
  await engine.close();
  const f = median(full);
  // The model's memory: this process holds it (in the worker thread on PostgreSQL, in this thread on PGlite).
  console.log(`[${label}] process RSS with today's model ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);
  const e = median(edits);
  console.log(`[${label}] full recompute ${f.toFixed(0)} ms (median of 3), one edit ${e.toFixed(1)} ms (median of 15)`);
  console.log(`[${label}] ratio full-recompute / one-edit: ${(f / e).toFixed(0)}`);
}

async function main(): Promise<void> {
  const env = loadEnv();
  const opts = { ...CITY_100K, streets: Math.max(1, Math.round(CITY_100K.streets * scale)), today: TODAY };
  let t = performance.now();
  const city = syntheticCity(opts);
  console.log(`synthetic city: ${city.streets.length} streets, ${city.grids.length} grids, ${city.buildings.length} buildings, ${city.enterprises.length} enterprises, ${city.stations.length} stations, ${city.organisations.length} organisations (generated in ${((performance.now() - t) / 1000).toFixed(1)} s)`);

  const dir = mkdtempSync(join(tmpdir(), 'pbmap-bench-cov-'));
  const lite = await openPglite(dir);
  try {
    await measure('PGlite', lite, city);
  } finally {
    await lite.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const url = env.TEST_DATABASE_URL ?? env.DATABASE_URL;
  if (!url) {
    console.log('[PostgreSQL] skipped: set TEST_DATABASE_URL (a database the bench may create databases from)');
    return;
  }
  const name = `pbmap_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const pg = await openPostgres(u.toString());
  try {
    t = performance.now();
    await measure('PostgreSQL', pg, city, u.toString());
  } finally {
    await pg.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
