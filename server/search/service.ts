// Finding places by name: districts, streets, grids and business districts (also by code), buildings (also by
// address), stations and enterprises (also by exact USCC). A name equal to the query first, then names starting with it (the closest, i.e. shortest, first), then areas
// from the largest down, then buildings, stations, enterprises; shorter names first.
import { sql } from 'drizzle-orm';
import { rows, type Store } from '../db/store.js';
import type { SearchResult } from './contract.js';

/** LIKE pattern with the user's % and _ taken literally. */
const escapeLike = (q: string) => q.replace(/[\\%_]/g, (m) => `\\${m}`);

export async function search(store: Store, q: string, limit: number): Promise<SearchResult[]> {
  const like = `%${escapeLike(q)}%`;
  const prefix = `${escapeLike(q)}%`;
  const codePrefix = /^[0-9A-Z]{2,12}$/i.test(q) ? `${escapeLike(q.toUpperCase())}%` : null;
  const list = await store.read((db) =>
    rows<SearchResult & { x0: number | null; y0: number | null; x1: number | null; y1: number | null }>(
      db,
      sql`WITH areas AS (
            SELECT 'district' AS type, d.code AS id, d.name, NULL::text AS address, NULL::text AS "streetCode", d.geom, 0 AS ord FROM districts d
              WHERE d.name ILIKE ${like} OR d.code LIKE ${codePrefix}
            UNION ALL
            SELECT 'street', s.code, s.name, d.name, s.code, s.geom, 1 FROM streets s LEFT JOIN districts d ON d.code = s.district_code
              WHERE s.name ILIKE ${like} OR s.code LIKE ${codePrefix}
            UNION ALL
            SELECT 'businessDistrict', b.id::text, b.name, s.name, b.street_code, b.geom, 2 FROM business_districts b JOIN streets s ON s.code = b.street_code
              WHERE b.name ILIKE ${like}
            UNION ALL
            SELECT 'grid', g.id::text, g.name, concat_ws(' · ', d.name, s.name), g.street_code, g.geom, 3 FROM grids g
              JOIN streets s ON s.code = g.street_code LEFT JOIN districts d ON d.code = s.district_code
              WHERE g.name ILIKE ${like} OR g.code ILIKE ${like}
          )
          SELECT * FROM (
            SELECT type, id, name, address, "streetCode", NULL::int AS "buildingId",
                   round(ST_X(ST_PointOnSurface(geom))::numeric, 7)::float8 AS lon, round(ST_Y(ST_PointOnSurface(geom))::numeric, 7)::float8 AS lat,
                   ST_XMin(geom) AS x0, ST_YMin(geom) AS y0, ST_XMax(geom) AS x1, ST_YMax(geom) AS y1,
                   (lower(name) = lower(${q}) OR (type IN ('district', 'street') AND id = upper(${q}))) AS exact, (name ILIKE ${prefix}) AS starts, ord
            FROM areas
            UNION ALL
            SELECT 'building' AS type, id::text, name, address, street_code, id,
                   round(ST_X(ST_Centroid(geom))::numeric, 7)::float8, round(ST_Y(ST_Centroid(geom))::numeric, 7)::float8,
                   NULL, NULL, NULL, NULL, (lower(name) = lower(${q})), (name ILIKE ${prefix}), 4
            FROM buildings WHERE name ILIKE ${like} OR address ILIKE ${like}
            UNION ALL
            SELECT 'station', id::text, name, NULL, street_code, building_id, round(ST_X(geom)::numeric, 7)::float8, round(ST_Y(geom)::numeric, 7)::float8,
                   NULL, NULL, NULL, NULL, (lower(name) = lower(${q})), (name ILIKE ${prefix}), 5
            FROM stations WHERE name ILIKE ${like}
            UNION ALL
            SELECT 'enterprise', id::text, name, NULL, street_code, building_id, round(ST_X(geom)::numeric, 7)::float8, round(ST_Y(geom)::numeric, 7)::float8,
                   NULL, NULL, NULL, NULL, (lower(name) = lower(${q})), (name ILIKE ${prefix}), 6
            FROM enterprises WHERE name ILIKE ${like} OR uscc = upper(${q})
          ) r ORDER BY exact DESC, starts DESC, length(name), ord, id LIMIT ${limit}`,
    ),
  );
  const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
  return list.map(({ type, id, name, address, streetCode, buildingId, lon, lat, x0, y0, x1, y1 }) => ({
    type, id, name, address, streetCode, buildingId, lon, lat,
    bbox: x0 === null || y0 === null || x1 === null || y1 === null ? null : [round6(x0), round6(y0), round6(x1), round6(y1)],
  }));
}
