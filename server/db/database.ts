// What every caller of the store works with: the drizzle database type, the Store (read/write units),
// and rows() for raw SQL. Kept apart from the drivers (store.ts) so that migrate.ts, which store.ts runs
// on open, can use them without importing store.ts back.
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import type * as schema from './schema.js';
import type { OwnerLock } from './owner-lock.js';
import type { MessagePort } from 'node:worker_threads';

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
  /**
   * PGlite only: a new port on the embedded database, to hand (transfer) to another worker thread, which opens
   * its own store on it with storeOverPort() (store-port.ts). Its units are serialised with this store's.
   */
  connectPort?(): MessagePort;
  /** PostgreSQL only: where another thread connects its own client to the same database. */
  readonly connectUrl?: string;
  /** PGlite only: the data directory's owner lock this store holds until close() (ADR 0014). */
  readonly ownerLock?: OwnerLock;
}

/**
 * A query that returns rows came back with no result description. PGlite does this when PostGIS's geometry
 * engine fails inside it on some valid inputs (`{ rows: [], fields: [] }`, no error): read as "no rows" it
 * meant "no problems" and let overlapping grids through (issue 12). It is an error, never an empty answer.
 */
export class EngineFailure extends Error {
  constructor(readonly statement: string) {
    super('The database returned no result description for a query (its geometry engine failed on this input)');
    this.name = 'EngineFailure';
  }
}

const dialect = new PgDialect();

/** Statements that describe their result columns even when no row matches. */
const RETURNS_ROWS = /^\s*(select|with|values|table)\b|\breturning\b/i;

/** Rows of a raw SQL statement, whichever driver ran it; a row query with no result description throws EngineFailure. */
export async function rows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  let result: unknown;
  try {
    result = await db.execute(query);
  } catch (err) {
    // PostgreSQL raises what PGlite swallows: the same failure, the same answer on both drivers.
    if (geosFailure(err)) throw new EngineFailure(statementOf(query));
    throw err;
  }
  // postgres.js: an array of rows; it raises every failure itself.
  if (Array.isArray(result)) return result as T[];
  const r = result as { rows?: T[]; fields?: unknown[] } | null | undefined;
  const found = r && Array.isArray(r.rows) ? r.rows : [];
  if (found.length > 0 || (Array.isArray(r?.fields) && r.fields.length > 0)) return found;
  const text = dialect.sqlToQuery(query).sql;
  // A write without RETURNING has no columns to describe: its empty answer is the truth.
  if (!RETURNS_ROWS.test(text)) return [];
  throw new EngineFailure(statementOf(query));
}

const GEOS_FAILURE = /TopologyException|GEOS\w*:|lwgeom_(intersection|difference|union)/;
/** Drizzle wraps the driver's error ("Failed query: …"): the GEOS message is in its cause. */
function geosFailure(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (GEOS_FAILURE.test(String((e as { message?: unknown }).message ?? ''))) return true;
  }
  return false;
}

const statementOf = (query: SQL) => dialect.sqlToQuery(query).sql.replace(/\s+/g, ' ').slice(0, 300);
