// What a grid change set moves: buildings, their enterprises (and party members) and stations that
// would change grid, and the coverage of each affected grid before and after.
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../db/store.js';
import type { Counts } from '../domain/coverage/rates.js';
import { ratesAfterMoves, type GridRatesChange } from '../domain/coverage/reassign.js';
import type { GridKey } from '../domain/topology/types.js';
import { gridsCte, keyOf, keyText, type KeyedGeometry } from './geometry.js';

export interface Move {
  id: number;
  name: string;
  from: number | null;
  to: GridKey | null;
}

export interface Impact {
  buildings: Move[];
  enterprises: Move[];
  stations: Move[];
  partyMembersMoved: number;
  employeesMoved: number;
  grids: (GridRatesChange<GridKey> & { name: string })[];
}

export async function impactOf(
  db: Db,
  /** The coverage counts of the street's grids and buildings (the coverage engine's streetCounts). */
  model: { counts: ReadonlyMap<string, Counts>; areas: { has(key: string): boolean } },
  streetCode: string,
  grids: (KeyedGeometry & { name: string; changed: boolean })[],
  deleted: { id: number; name: string }[],
  today: string,
): Promise<Impact> {
  // Only what the change can move is placed again: members of a changed or deleted grid, members of no grid, and
  // whatever lies within a changed grid's bounding box; every other member stays in its grid (assignGrids placed it
  // by the same rule over the same unchanged grids). Keeps a one-vertex preview independent of the street's size.
  const changedKeys = grids.filter((g) => g.changed).map((g) => keyText(g.key));
  const movable = [...grids.filter((g) => g.changed && typeof g.key === 'number').map((g) => g.key as number), ...deleted.map((d) => d.id)];
  const keys = changedKeys.length ? sql.join(changedKeys.map((k) => sql`${k}`), sql`, `) : sql`NULL`;
  const from = movable.length ? sql.join(movable.map((id) => sql`${id}`), sql`, `) : sql`NULL`;
  // MATERIALIZED: built once from GeoJSON, not once per member (the inlined CTE cost seconds at 200 grids).
  const cte = sql`${gridsCte(grids)}, m AS MATERIALIZED (SELECT k, ord, g FROM f),
    c AS MATERIALIZED (SELECT ST_Collect(g) AS g FROM m WHERE k IN (${keys}))`;
  const near = (col: string) => sql`(${sql.raw(col)}.grid_id IS NULL OR ${sql.raw(col)}.grid_id IN (${from}) OR ${sql.raw(col)}.geom && (SELECT c.g FROM c))`;
  // One query for both (the grid set is sent and built once). The same rule as assignGrids: a building belongs to
  // the first grid (by id) covering a point on its surface, a station to the first covering it.
  const found = await rows<{ kind: 'b' | 's'; id: number; name: string; from: number | null; to: string | null }>(
    db,
    sql`WITH ${cte}
        SELECT 'b' AS kind, b.id, b.name, b.grid_id AS "from",
               (SELECT m.k FROM m WHERE ST_Covers(m.g, ST_PointOnSurface(b.geom)) ORDER BY m.ord LIMIT 1) AS "to"
        FROM buildings b WHERE b.street_code = ${streetCode} AND ${near('b')}
        UNION ALL
        SELECT 's', s.id, s.name, s.grid_id, (SELECT m.k FROM m WHERE ST_Covers(m.g, s.geom) ORDER BY m.ord LIMIT 1)
        FROM stations s WHERE s.street_code = ${streetCode} AND ${near('s')}
        ORDER BY kind, id`,
  );
  const moved = (kind: 'b' | 's') =>
    found.filter((r) => r.kind === kind).map(({ id, name, from, to }) => ({ id, name, from, to: to === null ? null : keyOf(to) })).filter((r) => r.from !== r.to);
  const buildings = moved('b');
  const stations = moved('s');
  const target = new Map(buildings.map((b) => [b.id, b.to]));
  const movedIds = [...target.keys()];
  const enterpriseRows = movedIds.length
    ? await rows<{ id: number; name: string; buildingId: number; from: number | null; partyMembers: number; employees: number }>(
        db,
        sql`SELECT id, name, building_id AS "buildingId", grid_id AS "from", party_members AS "partyMembers", employees
            FROM enterprises WHERE building_id IN (${sql.join(movedIds.map((id) => sql`${id}`), sql`, `)})
              AND registered_on <= ${today}::date AND (deregistered_on IS NULL OR deregistered_on > ${today}::date)
            ORDER BY id`,
      )
    : [];
  const names = new Map<GridKey, string>([...grids.map((g) => [g.key, g.name] as const), ...deleted.map((d) => [d.id, d.name] as const)]);
  const report: GridKey[] = [...grids.filter((g) => g.changed).map((g) => g.key), ...deleted.map((d) => d.id)];
  const rates = ratesAfterMoves<GridKey>(
    model,
    buildings.map((b) => ({ buildingId: b.id, from: b.from, to: b.to })),
    report,
    new Set(grids.map((g) => g.key)),
  );
  return {
    buildings,
    enterprises: enterpriseRows.map((e) => ({ id: e.id, name: e.name, from: e.from, to: target.get(e.buildingId) ?? null })),
    stations,
    partyMembersMoved: enterpriseRows.reduce((n, e) => n + e.partyMembers, 0),
    employeesMoved: enterpriseRows.reduce((n, e) => n + e.employees, 0),
    grids: rates.map((r) => ({ ...r, name: names.get(r.key) ?? String(r.key) })),
  };
}
