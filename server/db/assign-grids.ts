// Places buildings, their enterprises and stations in the grid (and business district) that holds them, by PostGIS geometry.
// Used after loading data and after every grid edit, so membership always follows the boundaries.
import { sql } from 'drizzle-orm';
import type { Db } from './store.js';

export async function assignGrids(db: Db, streetCode?: string): Promise<void> {
  const street = streetCode ? sql`AND b.street_code = ${streetCode}` : sql``;
  // A point on a shared edge is covered by two grids: the lowest id wins, deterministically.
  // A building no grid covers any more gets NULL, never its old grid.
  await db.execute(sql`
    UPDATE buildings b SET grid_id = x.grid_id
    FROM (
      SELECT b.id, (SELECT g.id FROM grids g WHERE g.street_code = b.street_code AND ST_Covers(g.geom, ST_PointOnSurface(b.geom)) ORDER BY g.id LIMIT 1) AS grid_id
      FROM buildings b WHERE true ${street}
    ) x
    WHERE b.id = x.id AND b.grid_id IS DISTINCT FROM x.grid_id`);
  // Business districts may cross grids and streets; a building belongs to the one holding it, if any.
  await db.execute(sql`
    UPDATE buildings b SET business_district_id = x.bd_id
    FROM (
      SELECT b.id, (SELECT d.id FROM business_districts d WHERE ST_Covers(d.geom, ST_PointOnSurface(b.geom)) ORDER BY d.id LIMIT 1) AS bd_id
      FROM buildings b WHERE true ${street}
    ) x
    WHERE b.id = x.id AND b.business_district_id IS DISTINCT FROM x.bd_id`);
  const streetE = streetCode ? sql`AND e.street_code = ${streetCode}` : sql``;
  await db.execute(sql`
    UPDATE enterprises e SET grid_id = b.grid_id, street_code = b.street_code
    FROM buildings b WHERE e.building_id = b.id ${streetE}
      AND (e.grid_id IS DISTINCT FROM b.grid_id OR e.street_code IS DISTINCT FROM b.street_code)`);
  const streetS = streetCode ? sql`AND s.street_code = ${streetCode}` : sql``;
  await db.execute(sql`
    UPDATE stations s SET grid_id = x.grid_id
    FROM (
      SELECT s.id, (SELECT g.id FROM grids g WHERE g.street_code = s.street_code AND ST_Covers(g.geom, s.geom) ORDER BY g.id LIMIT 1) AS grid_id
      FROM stations s WHERE true ${streetS}
    ) x
    WHERE s.id = x.id AND s.grid_id IS DISTINCT FROM x.grid_id`);
}
