// Inserting a whole dataset (rows of every table, e.g. the demo territory) in one transaction, and the
// derived geometry and identity sequences that must follow such a load.
import { sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import * as t from './schema.js';
import type { Dataset } from './schema.js';
import { rows, type Db, type Store } from './store.js';
import { assignGrids } from './assign-grids.js';

const CHUNK = 400;

async function insertAll(tx: Db, table: PgTable, values: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < values.length; i += CHUNK) {
    await tx.insert(table).values(values.slice(i, i + CHUNK) as never);
  }
}

export async function isEmpty(store: Store): Promise<boolean> {
  const [r] = await store.read((db) => rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM streets`));
  return (r?.n ?? 0) === 0;
}

/** Inserts whichever tables the data has, in foreign-key order. */
export async function insertRows(tx: Db, data: Partial<Dataset>): Promise<void> {
  const order: [PgTable, Record<string, unknown>[] | undefined][] = [
    [t.districts, data.districts], [t.streets, data.streets], [t.grids, data.grids], [t.businessDistricts, data.businessDistricts],
    [t.buildings, data.buildings], [t.enterprises, data.enterprises], [t.stations, data.stations], [t.organisations, data.organisations],
    [t.organisationCoverage, data.organisationCoverage], [t.instructors, data.instructors], [t.instructorAssignments, data.instructorAssignments],
    [t.activities, data.activities], [t.alliances, data.alliances], [t.allianceMembers, data.allianceMembers],
    [t.roads, data.roads], [t.water, data.water],
  ];
  for (const [table, values] of order) if (values?.length) await insertAll(tx, table, values);
}

export async function loadDataset(store: Store, data: Dataset): Promise<void> {
  await loadDatasetInParts(store, [data]);
}

/** A dataset given in parts (e.g. a street at a time), each inserted in turn so that only one part need be in memory
 *  at once: the parts' rows in order make the dataset, and later parts may refer to earlier ones. */
export async function loadDatasetInParts(store: Store, parts: Iterable<Partial<Dataset>>): Promise<void> {
  await store.write(async (tx) => {
    // A whole territory is one transaction: its derived-geometry updates may take longer than a request may.
    await tx.execute(sql`SET LOCAL statement_timeout = 0`);
    for (const part of parts) await insertRows(tx, part);
    await assignGrids(tx);
    await refreshDerivedGeometry(tx);
    await resetIdentities(tx);
  });
}

/** District shapes (internal only) and alliance lines are derived from what they are made of. */
export async function refreshDerivedGeometry(tx: Db): Promise<void> {
  await tx.execute(sql`
    UPDATE districts d SET geom = x.geom FROM (
      SELECT district_code, ST_Multi(ST_Union(geom)) AS geom FROM streets GROUP BY district_code
    ) x WHERE d.code = x.district_code`);
  await tx.execute(sql`
    UPDATE alliances a SET geom = x.geom FROM (
      SELECT m.alliance_id, ST_Multi(ST_Collect(ST_MakeLine(lead.geom, m.geom) ORDER BY m.id)) AS geom
      FROM alliance_members m
      JOIN LATERAL (
        SELECT l.geom FROM alliance_members l WHERE l.alliance_id = m.alliance_id
        ORDER BY (l.role = 'lead') DESC, (l.role = 'chair') DESC, l.id LIMIT 1
      ) lead ON true
      WHERE NOT ST_Equals(lead.geom, m.geom)
      GROUP BY m.alliance_id
    ) x WHERE a.id = x.alliance_id`);
}

const IDENTITY_TABLES = [
  'grids', 'business_districts', 'buildings', 'enterprises', 'stations', 'organisations', 'instructors', 'activities',
  'alliances', 'alliance_members', 'roads', 'water',
];

export async function resetIdentities(tx: Db): Promise<void> {
  for (const table of IDENTITY_TABLES) {
    const q: SQL = sql.raw(
      `SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST((SELECT max(id) FROM ${table}), 1))`,
    );
    await tx.execute(q);
  }
}
