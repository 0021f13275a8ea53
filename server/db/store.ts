// The store: one drizzle database over either embedded PGlite (+PostGIS) or PostgreSQL (+PostGIS).
// Callers never see which: they use read() for queries and write() for transactions.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import * as schema from './schema.js';
import { Mutex } from './mutex.js';
import { migrate } from './migrate.js';
import { acquireOwnerLock } from './owner-lock.js';
import type { Db, Store } from './database.js';

export { EngineFailure, rows, type Db, type Store } from './database.js';

/** Opens the embedded database in dataDir (null: in memory). The directory is this process's alone while
 *  the store is open: another process holding it makes this throw DataDirInUseError (owner-lock.ts). */
export async function openPglite(dataDir: string | null, opts: { owner?: string; migrate?: boolean } = {}): Promise<Store> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const { drizzle } = await import('drizzle-orm/pglite');
  if (dataDir) mkdirSync(resolve(dataDir), { recursive: true });
  const ownerLock = dataDir ? acquireOwnerLock(dataDir, opts.owner ?? 'process') : undefined;
  const client = await PGlite.create({
    ...(dataDir ? { dataDir: resolve(dataDir, 'pglite') } : {}),
    extensions: { postgis },
  }).catch((err: unknown) => {
    ownerLock?.release();
    throw err;
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  const lock = new Mutex();
  // Notifications without PGlite's LISTEN: the data directory has one owner (owner.lock), so every writer is
  // in this process and a commit through this store is the only way data changes. Listeners are told after
  // each committed write (the hub then reads the change log), with no LISTEN round trips through the one
  // PGlite connection every request shares.
  const listeners = new Set<() => void>();
  const committed = <T>(result: T): T => {
    for (const l of listeners) queueMicrotask(l);
    return result;
  };
  const store: Store = {
    kind: 'pglite',
    read: (fn) => lock.run(() => fn(db)),
    write: (fn) => lock.run(() => db.transaction((tx) => fn(tx as unknown as Db))).then(committed),
    execScript: (script) =>
      lock
        .run(async () => {
          await client.transaction(async (tx) => {
            await tx.exec(script);
          });
        })
        .then(committed),
    listen: (_channel, onNotify, onListen) => {
      const l = () => onNotify();
      listeners.add(l);
      onListen?.();
      return Promise.resolve(async () => {
        listeners.delete(l);
      });
    },
    close: () =>
      lock.run(async () => {
        try {
          await client.close();
        } finally {
          ownerLock?.release();
        }
      }),
    ...(ownerLock ? { ownerLock } : {}),
  };
  try {
    if (opts.migrate !== false) await migrate(store);
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
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
