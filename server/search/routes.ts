import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { newRouter, errorResponses } from '../http/router.js';
import { requireRole } from '../auth/middleware.js';
import { STAFF_READERS } from '../auth/principal.js';
import { rows } from '../db/store.js';

const Result = z
  .object({
    type: z.enum(['building', 'enterprise', 'station']),
    id: z.number().int(),
    name: z.string(),
    address: z.string().nullable(),
    streetCode: z.string(),
    buildingId: z.number().int().nullable(),
    lon: z.number(),
    lat: z.number(),
  })
  .openapi('SearchResult');

/** LIKE pattern with the user's % and _ taken literally. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export const searchRoutes = newRouter();
searchRoutes.use('/', requireRole(...STAFF_READERS));
searchRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Map'],
    summary: 'Find buildings, enterprises and stations by name or address',
    request: {
      query: z.object({
        q: z.string().trim().min(1).max(50),
        limit: z.coerce.number().int().min(1).max(50).default(20),
      }).strict(),
    },
    responses: { 200: { description: 'Matches, names starting with the query first', content: { 'application/json': { schema: z.object({ results: z.array(Result) }) } } }, ...errorResponses(400, 401, 403) },
  }),
  async (c) => {
    const { q, limit } = c.req.valid('query');
    const like = likePattern(q);
    const prefix = `${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const list = await c.get('store').read((db) =>
      rows<z.infer<typeof Result>>(
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
    return c.json({ results: list.map(({ type, id, name, address, streetCode, buildingId, lon, lat }) => ({ type, id, name, address, streetCode, buildingId, lon, lat })) }, 200);
  },
);
