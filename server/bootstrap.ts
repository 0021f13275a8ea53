// Brings a store to a ready state: migrated, demo data on first run, first admin, display token.
import type { Env } from './env.js';
import { openPostgres, openStore, reopenPglite, type Store } from './db/store.js';
import { isEmpty } from './db/bulk-load.js';
import { checkDataDir } from './db/data-dir-check.js';
import { withFirstStartLock } from './db/session-lock.js';
import { loadDemoTerritory, loadSyntheticCity } from './demo.js';
import { chinaToday } from './clock.js';
import { snapStoredBoundaries } from './grids/snap-stored.js';
import { ensureAdmin, ensureDisplayToken } from './auth/service.js';
import { LoginLimiter } from './auth/rate-limit.js';
import type { AppServices } from './http/context.js';
import { CoverageEngine } from './coverage/engine.js';
import { EventHub } from './events/hub.js';

export async function bootstrap(env: Env, log: (line: string) => void = console.log): Promise<AppServices> {
  const started = Date.now();
  if (!env.DATABASE_URL) checkDataDir(env.DATA_DIR, env.DATA_DIR_MIN_FREE_MB);
  let store: Store = await openStore({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, statementTimeoutS: env.DATABASE_STATEMENT_TIMEOUT_S, owner: 'server' });
  log(`Store: ${store.kind === 'pglite' ? `embedded PGlite + PostGIS in ${env.DATA_DIR}` : 'PostgreSQL + PostGIS'} (${Date.now() - started} ms)`);
  // Processes started together on an empty PostgreSQL database: one fills it, the others then find it full.
  let loaded = false;
  await withFirstStartLock(env.DATABASE_URL, async () => {
    if (await isEmpty(store)) {
      loaded = true;
      const t = Date.now();
      if (env.DEMO === 'city') {
        log(`Loading the synthetic city (${env.DEMO_CITY_STREETS} streets; first start only, a few minutes at full size)…`);
        const city = await loadSyntheticCity(store, { streets: env.DEMO_CITY_STREETS, today: chinaToday() });
        log(`Loaded the synthetic city: ${city.streets} streets, ${city.grids} grids, ${city.buildings} buildings, ${city.enterprises} enterprises, ${city.stations} stations (${Date.now() - t} ms)`);
      } else {
        const data = await loadDemoTerritory(store);
        log(`Loaded the demo territory: ${data.buildings.length} buildings, ${data.enterprises.length} enterprises, ${data.stations.length} stations (${Date.now() - t} ms)`);
      }
    }
    // Boundaries stored before the lattice (ADR 0013) are put on it once; afterwards this finds nothing to do.
    const snapped = await snapStoredBoundaries(store);
    if (snapped.written) log(`Put ${snapped.written} stored boundaries of ${snapped.streets} streets on the 1e-7° lattice`);
    await ensureAdmin(store, env.ADMIN_PASSWORD, log);
    await ensureDisplayToken(store, env.DISPLAY_TOKEN);
  });
  // The embedded database's WASM memory grows to the most it ever held and never shrinks. Creating the cluster and
  // loading a demo are the most it holds (184 MiB against 128 when serving the city), so after a first start the
  // store is opened afresh for serving (issue 18 point 7).
  if (loaded && store.kind === 'pglite') store = await reopenPglite(store, env.DATA_DIR);
  // The replica is migrated by its primary (it cannot be written): opened as it is, read-only.
  const readStore = env.DATABASE_READ_URL
    ? await openPostgres(env.DATABASE_READ_URL, { migrate: false, readOnly: true, statementTimeoutS: env.DATABASE_STATEMENT_TIMEOUT_S })
    : undefined;
  if (readStore) log('Read replica: the wall and the public pages read from DATABASE_READ_URL');
  // On PostgreSQL the model lives in a worker thread with its own connection (issue 18 point 1).
  const coverage = new CoverageEngine(store, undefined, { databaseUrl: env.DATABASE_URL || undefined, heapMb: env.COVERAGE_HEAP_MB || undefined });
  // The server listens while the first build runs: figures are answered 503 "computing" until it is done.
  const t = Date.now();
  coverage.warmUp().then(
    () => log(`Coverage computed (${Date.now() - t} ms)`),
    (err: unknown) => log(`Coverage not computed yet (${err instanceof Error ? err.message : String(err)}); the next request for figures tries again`),
  );
  return { store, ...(readStore ? { readStore } : {}), env, loginLimiter: new LoginLimiter(store), coverage, events: new EventHub(store) };
}
