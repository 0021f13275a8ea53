// npm run bench:api — a bbox query of about 1,000 buildings through /ogc, timed against serving the
// very same bytes as a static file from the same process and server. Prints the ratio (machines are
// shared and noisy: compare ratios, not absolute times).
import { serveOnLoopback } from '../helpers/serve.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { openStore } from '../../server/db/store.js';
import { insertRows } from '../../server/db/bulk-load.js';
import { loadDemoTerritory } from '../../server/demo.js';
import { createApiToken } from '../../server/auth/service.js';
import { createApp } from '../../server/app.js';
import { LoginLimiter } from '../../server/auth/rate-limit.js';
import { CoverageEngine } from '../../server/coverage/engine.js';
import { EventHub } from '../../server/events/hub.js';
import { loadEnv } from '../../server/env.js';
import { syntheticCity } from '../../geodata/synthetic/city.js';

const ROUNDS = Number(process.argv[2] ?? 60);
/** Above any id the demo territory uses. */
const ID_BASE = 1_000_000;

async function main(): Promise<void> {
  const env = loadEnv();
  const dir = mkdtempSync(join(tmpdir(), 'pbmap-bench-'));
  const store = await openStore({ databaseUrl: env.DATABASE_URL, dataDir: dir });
  console.log(`store: ${store.kind}`);
  await loadDemoTerritory(store, new Date('2026-06-30'));
  // One synthetic street of 32 × 32 buildings, and three more beside it, outside the query box.
  const city = syntheticCity({ streets: 4, gridsPerStreet: { columns: 1, rows: 1 }, buildingsPerGrid: 1024, enterprisesPerBuilding: 0, stationsPerStreet: 0, today: '2026-06-30' });
  const first = city.streets[0]?.geom.coordinates[0]?.[0] ?? [];
  const xs = first.map((p) => p[0] as number);
  const ys = first.map((p) => p[1] as number);
  const bbox = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].map((v) => v.toFixed(6)).join(',');
  // The synthetic city numbers its rows from 1, like the demo territory: shift them past the demo's ids.
  const grids = city.grids.map((g) => ({ ...g, id: (g.id as number) + ID_BASE }));
  const buildings = city.buildings.map((b) => ({ ...b, id: (b.id as number) + ID_BASE, gridId: b.gridId == null ? null : b.gridId + ID_BASE }));
  await store.write(async (tx) => {
    await insertRows(tx, { districts: city.districts, streets: city.streets, grids, buildings });
    await tx.execute(sql`ANALYZE buildings`);
  });
  const { token } = await createApiToken(store, 'bench', null, { name: 'bench', role: 'official', streetCodes: [] });
  const app = createApp({ store, env, loginLimiter: new LoginLimiter(store), coverage: new CoverageEngine(store), events: new EventHub(store) });

  const query = `/ogc/collections/buildings/items?bbox=${bbox}&limit=1000`;
  const staticFile = join(dir, 'same-bytes.geojson');
  app.get('/bench/static', async (c) => c.body(await readFile(staticFile), 200, { 'Content-Type': 'application/geo+json' }));

  const { server, base } = await serveOnLoopback(app.fetch);
  const auth = { authorization: `Bearer ${token}` };
  const firstResponse = await fetch(base + query, { headers: auth });
  const bytes = Buffer.from(await firstResponse.arrayBuffer());
  const body = JSON.parse(bytes.toString()) as { numberReturned: number };
  writeFileSync(staticFile, bytes);
  console.log(`bbox ${bbox}: ${body.numberReturned} buildings, ${(bytes.length / 1024).toFixed(0)} KiB`);

  const time = async (url: string, headers: Record<string, string>) => {
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    return performance.now() - t0;
  };
  for (let i = 0; i < 5; i++) {
    await time(base + query, auth);
    await time(`${base}/bench/static`, auth);
  }
  const api: number[] = [];
  const file: number[] = [];
  // Interleaved, so drift on a shared machine hits both sides alike.
  for (let i = 0; i < ROUNDS; i++) {
    api.push(await time(base + query, auth));
    file.push(await time(`${base}/bench/static`, auth));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const a = median(api);
  const f = median(file);
  console.log(`median over ${ROUNDS} rounds: bbox query ${a.toFixed(1)} ms, static file ${f.toFixed(1)} ms`);
  console.log(`ratio bbox-query / static-file: ${(a / f).toFixed(2)}`);
  server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
