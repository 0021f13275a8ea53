// What the resolver needs to know from the database: streets, buildings, organisations, stations, enterprises,
// and which building holds each imported point (PostGIS). Reads only.
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/store.js';
import type { Lookup } from '../resolve.js';
import type { ParsedRow } from '../rows.js';

/** A point this close to a footprint (or a building known only as a point) belongs to it. */
export const PLACE_WITHIN_M = 10;

export async function loadLookup(db: Db, parsed: ParsedRow[]): Promise<Lookup> {
  const streets = await rows<{ code: string; name: string }>(db, sql`SELECT code, name FROM streets ORDER BY code`);
  const buildings = await rows<{ id: number; name: string; address: string; street_code: string; grid_id: number | null; x: number; y: number }>(
    db,
    sql`SELECT id, name, address, street_code, grid_id, ST_X(p) AS x, ST_Y(p) AS y
        FROM (SELECT *, ST_PointOnSurface(geom) AS p FROM buildings) b ORDER BY id`,
  );
  const organisations = await rows<{ id: number; name: string; street_code: string }>(db, sql`SELECT id, name, street_code FROM organisations ORDER BY id`);
  const stations = await rows<{ id: number; name: string; street_code: string; x: number; y: number }>(
    db,
    sql`SELECT id, name, street_code, ST_X(geom) AS x, ST_Y(geom) AS y FROM stations ORDER BY id`,
  );
  const enterprises = await rows<{ id: number; uscc: string }>(db, sql`SELECT id, uscc FROM enterprises`);
  const points = parsed
    .filter((r) => Array.isArray(r.values.point))
    .map((r) => ({ row: r.row, lon: (r.values.point as number[])[0], lat: (r.values.point as number[])[1] }));
  const buildingAt = new Map<number, number>();
  if (points.length) {
    // Inside a footprint first, else the nearest within a few metres. The index prefilter is in degrees
    // (generous); the exact test is in metres on the geography of the few candidates only.
    const found = await rows<{ row: number; id: number | null }>(
      db,
      sql`SELECT p.row, (
            SELECT b.id FROM buildings b
            WHERE ST_DWithin(b.geom, p.g, 0.0005)
              AND ST_DWithin(b.geom::geography, p.g::geography, ${PLACE_WITHIN_M})
            ORDER BY ST_Contains(b.geom, p.g) DESC, ST_Distance(b.geom::geography, p.g::geography), b.id LIMIT 1) AS id
          FROM (SELECT x.row, ST_SetSRID(ST_MakePoint(x.lon, x.lat), 4326) AS g
                FROM jsonb_to_recordset(${JSON.stringify(points)}::jsonb) AS x("row" int, lon float8, lat float8)) p`,
    );
    for (const f of found) if (f.id !== null) buildingAt.set(f.row, f.id);
  }
  return {
    streets,
    buildings: buildings.map((b) => ({ id: b.id, name: b.name, address: b.address, streetCode: b.street_code, gridId: b.grid_id, point: [b.x, b.y] })),
    buildingAt,
    organisations: organisations.map((o) => ({ id: o.id, name: o.name, streetCode: o.street_code })),
    stations: stations.map((s) => ({ id: s.id, name: s.name, streetCode: s.street_code, point: [s.x, s.y] })),
    enterprises: new Map(enterprises.map((e) => [e.uscc, e.id])),
  };
}
