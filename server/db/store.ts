// The store: one drizzle database over either embedded PGlite (+PostGIS) or PostgreSQL (+PostGIS).
// Callers never see which: they use read() for queries and write() for transactions.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import * as schema from './schema.js';
import { Mutex } from './mutex.js';
import { migrate } from './migrate.js';
import type { Db, Store } from './database.js';

export { rows, type Db, type Store } from './database.js';

export async function openPglite(dataDir: string | null): Promise<Store> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const { drizzle } = await import('drizzle-orm/pglite');
  if (dataDir) mkdirSync(resolve(dataDir), { recursive: true });
  const client = await PGlite.create({
    ...(dataDir ? { dataDir: resolve(dataDir, 'pglite') } : {}),
    extensions: { postgis },
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  const lock = new Mutex();
  const store: Store = {
    kind: 'pglite',
    read: (fn) => lock.run(() => fn(db)),
    write: (fn) => lock.run(() => db.transaction((tx) => fn(tx as unknown as Db))),
    execScript: (script) =>
      lock.run(async () => {
        await client.transaction(async (tx) => {
          await tx.exec(script);
        });
      }),
    listen: async (channel, onNotify, onListen) => {
      const stop = await lock.run(() => client.listen(channel, () => onNotify()));
      onListen?.();
      return () => lock.run(() => stop());
    },
    close: () => lock.run(() => client.close()),
  };
  await migrate(store);
  return store;
}

export async function openPostgres(url: string): Promise<Store> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  // UTC sessions, like PGlite's: date ↔ timestamptz casts must not depend on the server's zone.
  const client = postgres(url, { max: 10, onnotice: () => undefined, connection: { TimeZone: 'UTC' } });
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
  await migrate(store);
  return store;
}

export function openStore(opts: { databaseUrl?: string; dataDir: string | null }): Promise<Store> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}
