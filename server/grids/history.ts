// Recorded grid change sets of a street: the list, and one with the whole grid set before and after.
import { sql } from 'drizzle-orm';
import type { Polygon } from 'geojson';
import { rows, type Db } from '../db/store.js';
import { notFound } from '../http/errors.js';
import type { GridSnapshot } from './state.js';

export interface HistoryChange {
  gridId: number;
  name: string;
  /** `restore`: a grid a revert brought back under its old id and code. */
  action: 'create' | 'restore' | 'update' | 'delete';
  before: Polygon | null;
  after: Polygon | null;
  giveTo?: number;
}

export interface HistoryItem {
  id: number;
  actor: string;
  at: string;
  note: string | null;
  revertOf: number | null;
  changes: HistoryChange[];
}

export interface HistoryDetail extends HistoryItem {
  before: GridSnapshot[];
  after: GridSnapshot[];
}

const at = sql.raw(`to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

export async function readHistory(db: Db, streetCode: string, limit = 200): Promise<HistoryItem[]> {
  return rows<HistoryItem>(
    db,
    sql`SELECT id, actor, ${at} AS at, note, revert_of AS "revertOf", changes FROM grid_change_sets
        WHERE street_code = ${streetCode} ORDER BY id DESC LIMIT ${limit}`,
  );
}

/** Ids of grids the street once had (in any recorded state) and has no more. */
export async function goneGridIds(db: Db, streetCode: string, current: { id: number }[]): Promise<Set<number>> {
  const known = await rows<{ id: number }>(
    db,
    sql`SELECT DISTINCT (e ->> 'id')::int AS id FROM grid_change_sets s, jsonb_array_elements(s.before || s.after) e WHERE s.street_code = ${streetCode}`,
  );
  const now = new Set(current.map((g) => g.id));
  return new Set(known.map((r) => r.id).filter((id) => !now.has(id)));
}

export async function readChangeSet(db: Db, streetCode: string, id: number): Promise<HistoryDetail> {
  const [r] = await rows<HistoryDetail>(
    db,
    sql`SELECT id, actor, ${at} AS at, note, revert_of AS "revertOf", changes, before, after FROM grid_change_sets
        WHERE street_code = ${streetCode} AND id = ${id}`,
  );
  if (!r) throw notFound(`No grid change ${id} in street ${streetCode}`);
  return r;
}
