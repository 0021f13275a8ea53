// Where the map opens when a link does not say: the street with the most enterprises (on the demo 南京西路,
// on the synthetic city its densest street), framed by its extent. Null on an empty store.
import { sql } from 'drizzle-orm';
import { rows, type Store } from '../db/store.js';
import type { Home } from './contract.js';

export async function homeOf(store: Store): Promise<Home | null> {
  const [r] = await store.read((db) =>
    rows<{ id: string; name: string; x0: number; y0: number; x1: number; y1: number }>(
      db,
      sql`SELECT s.code AS id, s.name, ST_XMin(s.geom) AS x0, ST_YMin(s.geom) AS y0, ST_XMax(s.geom) AS x1, ST_YMax(s.geom) AS y1
          FROM streets s LEFT JOIN (SELECT street_code, count(*) AS n FROM enterprises GROUP BY street_code) e ON e.street_code = s.code
          ORDER BY coalesce(e.n, 0) DESC, s.code LIMIT 1`,
    ),
  );
  const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
  return r ? { level: 'street', id: r.id, name: r.name, bbox: [round6(r.x0), round6(r.y0), round6(r.x1), round6(r.y1)] } : null;
}
