// What every caller of the store works with: the drizzle database type, the Store (read/write units),
// and rows() for raw SQL. Kept apart from the drivers (store.ts) so that migrate.ts, which store.ts runs
// on open, can use them without importing store.ts back.
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import type * as schema from './schema.js';
import type { OwnerLock } from './owner-lock.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Store {
  readonly kind: 'pglite' | 'postgres';
  /** Runs a unit of reads. On PGlite it is serialised with every other unit. */
  read<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /** Runs fn in one transaction; a throw rolls everything back. */
  write<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * LISTEN on a channel: onNotify for every NOTIFY committed by any connection (any process, on
   * PostgreSQL); onListen each time the listening connection is (re)established, when notifications sent
   * while it was down may have been missed. Resolves to a function that stops listening.
   */
  listen(channel: string, onNotify: () => void, onListen?: () => void): Promise<() => Promise<void>>;
  /** Runs a multi-statement SQL script (a migration) in one transaction. */
  execScript(script: string): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the data directory's owner lock this store holds until close() (ADR 0014). */
  readonly ownerLock?: OwnerLock;
}

/** Rows of a raw SQL statement, whichever driver ran it. */
export async function rows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
