// Loads the demo territory (geodata/) into an empty store in one transaction.
import { sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import * as t from './schema.js';
import { rows, type Db, type Store } from './store.js';
import { assignGrids } from './assign-grids.js';
import { buildDemoTerritory, type DemoDataset } from '../../geodata/generate/index.js';

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

export async function loadDataset(store: Store, data: DemoDataset): Promise<void> {
  await store.write(async (tx) => {
    await insertAll(tx, t.districts, data.districts);
    await insertAll(tx, t.streets, data.streets);
    await insertAll(tx, t.grids, data.grids);
    await insertAll(tx, t.businessDistricts, data.businessDistricts);
    await insertAll(tx, t.buildings, data.buildings);
    await insertAll(tx, t.enterprises, data.enterprises);
    await insertAll(tx, t.stations, data.stations);
    await insertAll(tx, t.organisations, data.organisations);
    await insertAll(tx, t.organisationCoverage, data.organisationCoverage);
    await insertAll(tx, t.instructors, data.instructors);
    await insertAll(tx, t.instructorAssignments, data.instructorAssignments);
    await insertAll(tx, t.activities, data.activities);
    await insertAll(tx, t.alliances, data.alliances);
    await insertAll(tx, t.allianceMembers, data.allianceMembers);
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
  'alliances', 'alliance_members',
];

async function resetIdentities(tx: Db): Promise<void> {
  for (const table of IDENTITY_TABLES) {
    const q: SQL = sql.raw(
      `SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST((SELECT max(id) FROM ${table}), 1))`,
    );
    await tx.execute(q);
  }
}

export async function loadDemoTerritory(store: Store, today = new Date()): Promise<DemoDataset> {
  const data = buildDemoTerritory({ today });
  await loadDataset(store, data);
  return data;
}
