// Finding buildings, enterprises and stations by name or address (enterprises also by exact USCC): names
// starting with the query first, then buildings, stations, enterprises, shorter names first.
import { sql } from 'drizzle-orm';
import { rows, type Store } from '../db/store.js';
import type { SearchResult } from './contract.js';

/** LIKE pattern with the user's % and _ taken literally. */
const escapeLike = (q: string) => q.replace(/[\\%_]/g, (m) => `\\${m}`);

export async function search(store: Store, q: string, limit: number): Promise<SearchResult[]> {
  const like = `%${escapeLike(q)}%`;
  const prefix = `${escapeLike(q)}%`;
  const list = await store.read((db) =>
    rows<SearchResult>(
      db,
      sql`SELECT * FROM (
            SELECT 'building' AS type, id, name, address, street_code AS "streetCode", id AS "buildingId",
                   round(ST_X(ST_Centroid(geom))::numeric, 7)::float8 AS lon, round(ST_Y(ST_Centroid(geom))::numeric, 7)::float8 AS lat,
                   (name ILIKE ${prefix}) AS starts, 0 AS ord
            FROM buildings WHERE name ILIKE ${like} OR address ILIKE ${like}
            UNION ALL
            SELECT 'station', id, name, NULL, street_code, building_id, round(ST_X(geom)::numeric, 7)::float8, round(ST_Y(geom)::numeric, 7)::float8, (name ILIKE ${prefix}), 1
            FROM stations WHERE name ILIKE ${like}
            UNION ALL
            SELECT 'enterprise', id, name, NULL, street_code, building_id, round(ST_X(geom)::numeric, 7)::float8, round(ST_Y(geom)::numeric, 7)::float8, (name ILIKE ${prefix}), 2
            FROM enterprises WHERE name ILIKE ${like} OR uscc = upper(${q})
          ) r ORDER BY starts DESC, ord, length(name), id LIMIT ${limit}`,
    ),
  );
  return list.map(({ type, id, name, address, streetCode, buildingId, lon, lat }) => ({ type, id, name, address, streetCode, buildingId, lon, lat }));
}
