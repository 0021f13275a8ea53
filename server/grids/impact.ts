// What a grid change set moves: buildings, their enterprises (and party members) and stations that
// would change grid, and the coverage of each affected grid before and after.
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../db/store.js';
import type { CoverageModel } from '../domain/coverage/model.js';
import { ratesAfterMoves, type GridRatesChange } from '../domain/coverage/reassign.js';
import type { GridKey } from '../domain/topology/types.js';
import { gridsCte, keyOf, type KeyedGeometry } from './geometry.js';

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
  model: CoverageModel,
  streetCode: string,
  grids: (KeyedGeometry & { name: string; changed: boolean })[],
  deleted: { id: number; name: string }[],
  today: string,
): Promise<Impact> {
  const cte = gridsCte(grids);
  // The same rule as assignGrids: a building belongs to the first grid (by id) covering a point on its surface.
  const placed = await rows<{ id: number; name: string; from: number | null; to: string | null }>(
    db,
    sql`WITH ${cte}
        SELECT b.id, b.name, b.grid_id AS "from",
               (SELECT f.k FROM f WHERE ST_Covers(f.g, ST_PointOnSurface(b.geom)) ORDER BY f.ord LIMIT 1) AS "to"
        FROM buildings b WHERE b.street_code = ${streetCode} ORDER BY b.id`,
  );
  const buildings = placed.map((b) => ({ ...b, to: b.to === null ? null : keyOf(b.to) })).filter((b) => b.from !== b.to);
  const stationRows = await rows<{ id: number; name: string; from: number | null; to: string | null }>(
    db,
    sql`WITH ${cte}
        SELECT s.id, s.name, s.grid_id AS "from", (SELECT f.k FROM f WHERE ST_Covers(f.g, s.geom) ORDER BY f.ord LIMIT 1) AS "to"
        FROM stations s WHERE s.street_code = ${streetCode} ORDER BY s.id`,
  );
  const stations = stationRows.map((s) => ({ ...s, to: s.to === null ? null : keyOf(s.to) })).filter((s) => s.from !== s.to);
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
