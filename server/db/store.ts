// The store: one drizzle database over either embedded PGlite (+PostGIS) or PostgreSQL (+PostGIS).
// Callers never see which: they use read() for queries and write() for transactions.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { MessageChannel, type Worker } from 'node:worker_threads';
import * as schema from './schema.js';
import { migrate } from './migrate.js';
import { acquireOwnerLock, type OwnerLock } from './owner-lock.js';
import type { Db, Store } from './database.js';
import { PortClient, storeOverClient } from './store-port.js';
import { DatabaseDown } from './port-protocol.js';
import { startTsWorker } from './ts-worker.js';

export { EngineFailure, rows, type Db, type Store } from './database.js';

/** Opens the embedded database in dataDir (null: in memory). The directory is this process's alone while
 *  the store is open: another process holding it makes this throw DataDirInUseError (owner-lock.ts).
 *  PGlite runs in its own worker thread (ADR 0016): this thread only sends it statements and receives rows. */
export async function openPglite(dataDir: string | null, opts: { owner?: string; migrate?: boolean; lock?: OwnerLock } = {}): Promise<Store> {
  if (dataDir) mkdirSync(resolve(dataDir), { recursive: true });
  // A lock handed over by reopenPglite is already this process's; the store releases it on close like its own.
  const ownerLock = opts.lock ?? (dataDir ? acquireOwnerLock(dataDir, opts.owner ?? 'process') : undefined);
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = startTsWorker(new URL('./pglite-worker.ts', import.meta.url), {
      workerData: { dataDir: dataDir ? resolve(dataDir, 'pglite') : null, port: port2 },
      transferList: [port2],
    });
  } catch (err) {
    ownerLock?.release();
    throw err;
  }
  // The worker never keeps the process alive by itself: the port does, while an answer is awaited.
  worker.unref();
  const client = new PortClient(port1);
  const exited = new Promise<void>((done) => worker.once('exit', () => done()));
  let closing = false;
  worker.once('error', (err) => setImmediate(() => client.fail(new DatabaseDown(err instanceof Error ? err.message : String(err)))));
  worker.once('exit', (code) => {
    // A crash (or a trap in the engine) fails every awaited and later call with 503, never a hang.
    if (!closing) console.error(`The embedded database's thread stopped (exit code ${code}); the database is down until restart.`);
    // After whatever it sent last (why it could not start) has been read.
    setImmediate(() => client.fail(new DatabaseDown(closing ? 'the store was closed' : `its thread stopped (exit code ${code})`)));
  });
  // Request 0 is the worker's start: PGlite opened (and PostGIS loaded), or why not.
  try {
    await client.ready();
  } catch (err) {
    await worker.terminate().catch(() => undefined);
    ownerLock?.release();
    throw err;
  }
  let closed: Promise<void> | null = null;
  let keepLock = false;
  const close = () =>
    (closed ??= (async () => {
      closing = true;
      try {
        if (!client.isDown) await client.request({ t: 'close' });
      } finally {
        // The worker ends once it closed PGlite and its ports; a worker that does not is stopped.
        const timer = setTimeout(() => void worker.terminate(), 5000);
        await exited;
        clearTimeout(timer);
        if (!keepLock) ownerLock?.release();
      }
    })());
  const store: Store = {
    ...storeOverClient(client, close),
    connectPort: () => {
      const channel = new MessageChannel();
      client.request({ t: 'connect', port: channel.port1 }, [channel.port1]).catch(() => channel.port2.close());
      return channel.port2;
    },
    ...(ownerLock ? { ownerLock } : {}),
  };
  handOvers.set(store, async () => {
    keepLock = true;
    await close();
    return ownerLock;
  });
  try {
    if (opts.migrate !== false) await migrate(store);
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}

/** Each open embedded store's close that keeps its data directory's lock, for reopenPglite. */
const handOvers = new WeakMap<Store, () => Promise<OwnerLock | undefined>>();

/** The same embedded store in a new database thread (PGlite's WASM memory never shrinks: a fresh one starts small),
 *  the data directory held by this process throughout, so no other process can take it in between. */
export async function reopenPglite(store: Store, dataDir: string | null): Promise<Store> {
  const handOver = handOvers.get(store);
  if (!handOver) throw new Error('reopenPglite: not an open embedded store');
  const lock = await handOver();
  return openPglite(dataDir, { lock, migrate: false });
}

/** A database that does not accept a connection this quickly is answered as unavailable (503), not waited for. */
export const CONNECT_TIMEOUT_S = 1.5;
export const DEFAULT_STATEMENT_TIMEOUT_S = 30;

/** readOnly: every transaction is read-only (a replica's connection; a write through it fails at once, on a
 *  primary too, so a route wrongly given the read store can never write). */
export async function openPostgres(url: string, opts: { statementTimeoutS?: number; migrate?: boolean; readOnly?: boolean } = {}): Promise<Store> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const statementTimeoutMs = Math.round((opts.statementTimeoutS ?? DEFAULT_STATEMENT_TIMEOUT_S) * 1000);
  // UTC sessions, like PGlite's: date ↔ timestamptz casts must not depend on the server's zone. No JIT: it compiled
  // each costly-looking spatial query for ~0.5 s, far longer than running it (a 200-grid preview: 0.66 s → 0.07 s).
  // postgres.js reconnects on the next query after the server comes back: recovery needs no restart.
  const client = postgres(url, {
    max: 10,
    onnotice: () => undefined,
    connect_timeout: CONNECT_TIMEOUT_S,
    connection: { TimeZone: 'UTC', statement_timeout: statementTimeoutMs, jit: 'off', ...(opts.readOnly ? { default_transaction_read_only: true } : {}) },
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  const store: Store = {
    kind: 'postgres',
    read: (fn) => fn(db),
    write: (fn) => db.transaction((tx) => fn(tx as unknown as Db)),
    execScript: async (script) => {
      await client.begin((tx) => tx.unsafe(script));
    },
    listen: async (channel, onNotify, onListen) => {
      // postgres.js keeps one dedicated connection for LISTEN and re-listens after it reconnects.
      const { unlisten } = await client.listen(channel, () => onNotify(), () => onListen?.());
      return unlisten;
    },
    close: () => client.end({ timeout: 5 }),
    connectUrl: url,
  };
  if (opts.migrate !== false) await migrate(store);
  return store;
}

/** owner: what this process is, named to any other process refused the same data directory ("server", "import CLI").
 *  migrate false: open the schema as it is (a restore first rebuilds the backup's own schema, then migrates). */
export function openStore(opts: { databaseUrl?: string; dataDir: string | null; statementTimeoutS?: number; owner?: string; migrate?: boolean }): Promise<Store> {
  const migrate = opts.migrate ?? true;
  return opts.databaseUrl
    ? openPostgres(opts.databaseUrl, { statementTimeoutS: opts.statementTimeoutS, migrate })
    : openPglite(opts.dataDir, { owner: opts.owner ?? 'process', migrate });
}
