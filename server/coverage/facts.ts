// Loads the facts the coverage model needs from the store, whole or for a few rows. A whole table is read in
// slices of SLICE rows by id (keyset), so no single result holds the city: PGlite's WASM memory grows to the
// largest result it ever produced and never gives it back (issue 18 point 7).
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Db } from '../db/store.js';
import type { Territory } from '../domain/coverage/model.js';
import type { BuildingFacts, EnterpriseFacts, OrgLink, StationFacts } from '../domain/coverage/types.js';
import type { RoadLine } from '../domain/network/graph.js';

const d = (col: string) => sql.raw(`to_char(${col}, 'YYYY-MM-DD')`);
// Centroids rounded to 7 decimals: the same on every PostGIS version.
const lon = sql.raw('round(ST_X(ST_Centroid(geom))::numeric, 7)::float8');
const lat = sql.raw('round(ST_Y(ST_Centroid(geom))::numeric, 7)::float8');

/** Rows per statement when a whole table is read. */
export const SLICE = 20_000;

/** Every row of `query(after)` (rows with an id greater than `after`, ordered by id, at most SLICE of them), slice by slice. */
async function sliced<T extends { id: number }>(query: (after: SQL) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let after: SQL = sql`true`; ; ) {
    const part = await query(after);
    for (const r of part) out.push(r);
    if (part.length < SLICE) return out;
    after = sql`id > ${part[part.length - 1]!.id}`;
  }
}

const inIds = (col: string, ids: number[] | undefined): SQL =>
  ids ? sql`${sql.raw(col)} IN (${sql.join(ids.length ? ids.map((i) => sql`${i}`) : [sql`NULL`], sql`, `)})` : sql`true`;

export async function loadBuildings(db: Db, ids?: number[]): Promise<BuildingFacts[]> {
  const query = (where: SQL, limit: SQL) =>
    rows<BuildingFacts>(
      db,
      sql`SELECT id, name, street_code AS "streetCode", grid_id AS "gridId", business_district_id AS "businessDistrictId", ${lon} AS lon, ${lat} AS lat
          FROM buildings WHERE ${where} ORDER BY id ${limit}`,
    );
  return ids ? query(inIds('id', ids), sql``) : sliced((after) => query(after, sql`LIMIT ${SLICE}`));
}

export async function loadStations(db: Db): Promise<StationFacts[]> {
  return rows<StationFacts>(
    db,
    sql`SELECT id, name, type, also_types AS "alsoTypes", open_to AS "openTo", reach_m AS "reachM", building_id AS "buildingId",
               ${d('opened_on')} AS "openedOn", ${lon} AS lon, ${lat} AS lat
        FROM stations ORDER BY id`,
  );
}

const enterpriseQuery = (db: Db) => (where: SQL, limit: SQL) =>
  rows<Omit<EnterpriseFacts, 'links' | 'assignments'>>(
    db,
    sql`SELECT id, building_id AS "buildingId", employees, party_members AS "partyMembers", ${d('registered_on')} AS "registeredOn",
               ${d('deregistered_on')} AS "deregisteredOn", no_org_reason AS "noOrgReason"
        FROM enterprises WHERE ${where} ORDER BY id ${limit}`,
  );

export async function loadEnterprises(db: Db, ids?: number[]): Promise<EnterpriseFacts[]> {
  const query = enterpriseQuery(db);
  if (ids) return withLinks(db, await query(inIds('id', ids), sql``), (col) => inIds(col, ids));
  const out: EnterpriseFacts[] = [];
  await forEachEnterpriseSlice(db, (part) => {
    for (const e of part) out.push(e);
  }, query);
  return out;
}

/** Every enterprise, SLICE at a time by id, each slice handed to `use` and then let go (a city build keeps only
 *  what the model makes of them). */
export async function forEachEnterpriseSlice(db: Db, use: (part: EnterpriseFacts[]) => void, query = enterpriseQuery(db)): Promise<void> {
  // A slice of enterprises by id, then the links and assignments of exactly that id range.
  for (let lo: number | null = null; ; ) {
    const part = await query(lo === null ? sql`true` : sql`id > ${lo}`, sql`LIMIT ${SLICE}`);
    if (!part.length) return;
    const hi = part[part.length - 1]!.id;
    const from = lo;
    use(await withLinks(db, part, (col) => (from === null ? sql`${sql.raw(col)} <= ${hi}` : sql`${sql.raw(col)} > ${from} AND ${sql.raw(col)} <= ${hi}`)));
    if (part.length < SLICE) return;
    lo = hi;
  }
}

/** The enterprises with their organisation links and instructor assignments (those whose enterprise id `range` selects). */
async function withLinks(db: Db, list: Omit<EnterpriseFacts, 'links' | 'assignments'>[], range: (col: string) => SQL): Promise<EnterpriseFacts[]> {
  const links = await rows<OrgLink & { enterpriseId: number }>(
    db,
    sql`SELECT oc.enterprise_id AS "enterpriseId", o.kind, o.formation, ${d('o.founded_on')} AS "foundedOn", ${d('o.dissolved_on')} AS "dissolvedOn",
               ${d('oc.since')} AS since, ${d('oc.until')} AS until
        FROM organisation_coverage oc JOIN organisations o ON o.id = oc.organisation_id
        WHERE ${range('oc.enterprise_id')} ORDER BY oc.enterprise_id, oc.organisation_id`,
  );
  const assignments = await rows<{ enterpriseId: number; since: string; until: string | null }>(
    db,
    sql`SELECT enterprise_id AS "enterpriseId", ${d('since')} AS since, ${d('until')} AS until
        FROM instructor_assignments WHERE ${range('enterprise_id')} ORDER BY enterprise_id, instructor_id`,
  );
  const byId = new Map<number, EnterpriseFacts>();
  for (const e of list) byId.set(e.id, { ...e, links: [], assignments: [] });
  for (const { enterpriseId, ...l } of links) byId.get(enterpriseId)?.links.push(l);
  for (const { enterpriseId, ...a } of assignments) byId.get(enterpriseId)?.assignments.push(a);
  return [...byId.values()];
}

/** Every road as lines (walkable or a barrier); the walking graph is built from them in the domain. */
export async function loadRoads(db: Db): Promise<RoadLine[]> {
  const list = await rows<{ id: number; barrier: boolean; gj: string }>(db, sql`SELECT id, barrier, ST_AsGeoJSON(geom, 7) AS gj FROM roads ORDER BY id`);
  return list.map((r) => ({ id: r.id, barrier: r.barrier, lines: (JSON.parse(r.gj) as { coordinates: number[][][] }).coordinates }));
}

export async function loadAreas(db: Db): Promise<Pick<Territory, 'districts' | 'streets' | 'grids' | 'businessDistricts'>> {
  return {
    districts: await rows(db, sql`SELECT code, name FROM districts ORDER BY code`),
    streets: await rows(db, sql`SELECT code, name, district_code AS "districtCode" FROM streets ORDER BY code`),
    grids: await rows(db, sql`SELECT id, name, street_code AS "streetCode" FROM grids ORDER BY id`),
    businessDistricts: await rows(db, sql`SELECT id, name, street_code AS "streetCode" FROM business_districts ORDER BY id`),
  };
}

export async function loadTerritory(db: Db): Promise<Territory> {
  return { ...(await loadGround(db)), enterprises: await loadEnterprises(db) };
}

/** Everything but the enterprises: what a model is built on before they are placed slice by slice. */
export async function loadGround(db: Db): Promise<Territory & { enterprises: [] }> {
  return { ...(await loadAreas(db)), buildings: await loadBuildings(db), enterprises: [], stations: await loadStations(db), roads: await loadRoads(db) };
}
