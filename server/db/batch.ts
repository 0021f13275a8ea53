// Many rows in few statements. An import wrote one statement per row (5,000 rows ≈ 3–5 s on PostgreSQL), and
// the change log's advisory lock, taken by the first logged row, was held by the import for all of that time:
// every other writer in every process waited. Multi-row statements keep that moment short.
import { getTableColumns, getTableName, is, sql, SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { rows, type Db } from './database.js';

/** Rows per statement: well under PostgreSQL's 65,535 bind parameters for the widest roster table. */
export const BATCH_ROWS = 500;

/** Reserves n ids from the table's identity sequence, so the caller knows each new row's id before inserting
 *  (RETURNING of a multi-row insert has no documented order). */
export async function reserveIds(tx: Db, table: PgTable, n: number): Promise<number[]> {
  if (n === 0) return [];
  const name = getTableName(table);
  const r = await rows<{ id: number }>(tx, sql`SELECT nextval(pg_get_serial_sequence(${name}, 'id'))::int AS id FROM generate_series(1, ${n})`);
  return r.map((x) => x.id);
}

/** Inserts rows (each may set different columns; the others take their defaults) BATCH_ROWS at a time. */
export async function insertBatched(tx: Db, table: PgTable, values: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < values.length; i += BATCH_ROWS) await tx.insert(table).values(values.slice(i, i + BATCH_ROWS) as never);
}

/** A value as the column stores it, typed so that a VALUES list needs no inference. */
function typed(column: PgColumn, value: unknown): SQL {
  if (value === null || value === undefined) return sql`NULL::${sql.raw(column.getSQLType())}`;
  const driver: unknown = column.mapToDriverValue(value);
  // Custom types (geometry) build their own expression.
  if (is(driver, SQL)) return driver;
  return sql`${driver}::${sql.raw(column.getSQLType())}`;
}

/**
 * Updates rows by id, BATCH_ROWS at a time: rows that change the same set of columns share one
 * UPDATE … FROM (VALUES …). `also` is set on every updated row (e.g. version = version + 1).
 */
export async function updateBatched(tx: Db, table: PgTable, updates: { id: number; changes: Record<string, unknown> }[], also: Record<string, SQL> = {}): Promise<void> {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const groups = new Map<string, { id: number; changes: Record<string, unknown> }[]>();
  for (const u of updates) {
    const key = Object.keys(u.changes).sort().join(',');
    groups.set(key, [...(groups.get(key) ?? []), u]);
  }
  const name = sql.identifier(getTableName(table));
  for (const [key, group] of groups) {
    const keys = key ? key.split(',') : [];
    const cols = keys.map((k) => {
      const c = columns[k];
      if (!c) throw new Error(`${getTableName(table)} has no column ${k}`);
      return c;
    });
    const sets = [
      ...cols.map((c, i) => sql`${sql.identifier(c.name)} = v.${sql.identifier(`c${i}`)}`),
      ...Object.entries(also).map(([k, v]) => sql`${sql.identifier((columns[k] as PgColumn).name)} = ${v}`),
    ];
    if (!sets.length) continue;
    const names = sql.join([sql.identifier('id'), ...cols.map((_, i) => sql.identifier(`c${i}`))], sql`, `);
    for (let i = 0; i < group.length; i += BATCH_ROWS) {
      const chunk = group.slice(i, i + BATCH_ROWS);
      const tuples = chunk.map((u) => sql`(${sql.join([sql`${u.id}::int`, ...cols.map((c, j) => typed(c, u.changes[keys[j] as string]))], sql`, `)})`);
      await tx.execute(sql`UPDATE ${name} AS t SET ${sql.join(sets, sql`, `)} FROM (VALUES ${sql.join(tuples, sql`, `)}) AS v(${names}) WHERE t.id = v.id`);
    }
  }
}
