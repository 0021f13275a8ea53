// What every caller of the store works with: the drizzle database type, the Store (read/write units),
// and rows() for raw SQL. Kept apart from the drivers (store.ts) so that migrate.ts, which store.ts runs
// on open, can use them without importing store.ts back.
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import type * as schema from './schema.js';

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
}

/**
 * A statement that should have returned rows came back with no result description. PGlite does this when
 * PostGIS's geometry engine fails inside it on some valid inputs ({ rows: [], fields: [] }, no error):
 * read as "no rows" it would mean "no problems" (issue 12). Callers never see it as an empty answer.
 */
export class EngineFailure extends Error {
  constructor(readonly statement: string) {
    super('The database returned no result for a query (its geometry engine failed on this input)');
    this.name = 'EngineFailure';
  }
}

const dialect = new PgDialect();

/**
 * Rows of a raw SQL statement that returns rows (a SELECT, or a write with RETURNING), whichever driver ran
 * it. Such a statement always describes at least one column; a result without any is a failure, not "none".
 */
export async function rows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  // postgres.js: an array of rows (with .columns).
  if (Array.isArray(result)) return result as T[];
  const r = result as { rows?: T[]; fields?: unknown[] } | null | undefined;
  if (!r || !Array.isArray(r.rows) || !Array.isArray(r.fields) || r.fields.length === 0) throw new EngineFailure(dialect.sqlToQuery(query).sql.replace(/\s+/g, ' ').slice(0, 300));
  return r.rows;
}
