// npm run bench:import [-- rows]: a roster of new enterprises (default 5,000) imported through the same code as
// the wizard and the CLI, then the same file with every row changed (an update each); on PGlite and, when
// TEST_DATABASE_URL or DATABASE_URL is set, on a throwaway PostgreSQL database. On PostgreSQL another connection
// meanwhile writes a logged row every 20 ms and reports how long its longest write waited: the time the import
// held the change log's advisory lock. Machines are shared and noisy: compare runs on one machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { openStore, rows, type Store } from '../../server/db/store.js';
import { loadDemoTerritory } from '../../server/demo.js';
import { acceptRoster } from '../../server/import/run.js';
import { loadEnv } from '../../server/env.js';
import { makeUscc } from '../../geodata/generate/uscc.js';
import { throwawayDatabase } from '../helpers/processes.js';

const N = Number(process.argv[2] ?? 5000);

function roster(buildingIds: number[], employees: (i: number) => number): Uint8Array {
  const lines = ['统一社会信用代码,企业名称,楼宇编号,从业人员数,行业,经济类型,成立日期'];
  for (let i = 0; i < N; i++) {
    lines.push(`${makeUscc('310199', 500_000 + i)},测评企业${i}有限公司,${buildingIds[i % buildingIds.length]},${employees(i)},软件和信息技术服务业,私营,2020-01-01`);
  }
  return new TextEncoder().encode(lines.join('\n'));
}

/** Writes one logged row every 20 ms on its own connection until stopped; the longest wait. */
function probe(url: string | null): { stop(): Promise<number | null> } {
  if (!url) return { stop: async () => null };
  const conn = postgres(url, { max: 1, onnotice: () => undefined });
  let running = true;
  let worst = 0;
  const loop = (async () => {
    for (let i = 0; running; i++) {
      const t = performance.now();
      await conn`INSERT INTO settings (key, value) VALUES ('bench-probe', ${conn.json({ i })}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
      worst = Math.max(worst, performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await conn.end();
      return worst;
    },
  };
}

async function run(store: Store, url: string | null): Promise<void> {
  await loadDemoTerritory(store, new Date('2026-06-30'));
  const ids = (await store.read((db) => rows<{ id: number }>(db, sql`SELECT id FROM buildings ORDER BY id`))).map((r) => r.id);
  const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;
  for (const [what, file] of [['insert', roster(ids, (i) => 10 + (i % 50))], ['update', roster(ids, (i) => 11 + (i % 50))]] as const) {
    const p = probe(url);
    const t = performance.now();
    const r = await acceptRoster(store, file, { kind: 'enterprises', filename: 'bench.csv', coords: 'wgs84', actor: 'bench', skipInvalid: false, today: '2026-06-30' });
    const took = ms(t);
    const waited = await p.stop();
    console.log(`  ${store.kind} ${what} ${N} rows: ${took} (inserted ${r.inserted}, updated ${r.updated})${waited === null ? '' : `; longest concurrent logged write ${waited.toFixed(0)} ms`}`);
  }
}

async function main(): Promise<void> {
  const env = loadEnv();
  const dir = mkdtempSync(join(tmpdir(), 'pbmap-bench-import-'));
  try {
    const lite = await openStore({ dataDir: dir });
    try {
      await run(lite, null);
    } finally {
      await lite.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const url = env.TEST_DATABASE_URL ?? env.DATABASE_URL;
  if (!url) return;
  const db = await throwawayDatabase(url);
  try {
    const pg = await openStore({ databaseUrl: db.url, dataDir: null });
    try {
      await run(pg, db.url);
    } finally {
      await pg.close();
    }
  } finally {
    await db.drop();
  }
}

await main();
