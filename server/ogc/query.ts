// SQL for OGC items: filters, bbox, datetime, paging, and the feature rows as GeoJSON.
import { sql, type SQL } from 'drizzle-orm';
import type { Feature, Geometry } from 'geojson';
import { rows, type Store } from '../db/store.js';
import type { CollectionDef } from './collections.js';
import type { BBox, Interval } from './params.js';

export interface ItemsQuery {
  limit: number;
  offset: number;
  bbox?: BBox;
  datetime?: Interval;
  filters: Record<string, string | number | boolean>;
}

const raw = (s: string) => sql.raw(s);

function envelope(def: CollectionDef, [minx, miny, maxx, maxy]: BBox): SQL {
  const box = (a: number, b: number, c: number, d: number) =>
    sql`${raw(def.geomSql)} && ST_MakeEnvelope(${a}, ${b}, ${c}, ${d}, 4326) AND ST_Intersects(${raw(def.geomSql)}, ST_MakeEnvelope(${a}, ${b}, ${c}, ${d}, 4326))`;
  // A box crossing the antimeridian is two boxes.
  return minx <= maxx ? box(minx, miny, maxx, maxy) : sql`((${box(minx, miny, 180, maxy)}) OR (${box(-180, miny, maxx, maxy)}))`;
}

/** The WHERE of an items query (also the row selection of a vector tile, server/tiles). */
export function whereClause(def: CollectionDef, q: Omit<ItemsQuery, 'limit' | 'offset'>): SQL {
  const parts: SQL[] = [sql`${raw(def.geomSql)} IS NOT NULL`];
  for (const f of def.filters) {
    const v = q.filters[f.name];
    if (v !== undefined) parts.push(sql`${raw(f.sql)} = ${v}`);
  }
  if (q.bbox) parts.push(envelope(def, q.bbox));
  if (q.datetime && def.temporal) {
    const col = raw(def.temporal.type === 'date' ? `(${def.temporal.sql})::timestamptz` : def.temporal.sql);
    const { start, end, endInclusive } = q.datetime;
    if (start) parts.push(sql`${col} >= ${start}::timestamptz`);
    if (end) parts.push(endInclusive ? sql`${col} <= ${end}::timestamptz` : sql`${col} < ${end}::timestamptz`);
  }
  return sql.join(parts, sql` AND `);
}

function selectList(def: CollectionDef): SQL {
  const props = def.properties.map((p) => `${p.sql} AS "${p.name}"`).join(', ');
  // RFC 7946: right-hand rule (exterior rings counter-clockwise), at most 7 decimals. Only polygons are
  // forced: PostGIS 3.6 (PGlite) also reverses lines in ST_ForcePolygonCCW, 3.3 does not.
  const g = def.geomSql;
  const oriented = `CASE WHEN ST_Dimension(${g}) = 2 THEN ST_ForcePolygonCCW(${g}) ELSE ${g} END`;
  return raw(`${def.idSql} AS "__id", ST_AsGeoJSON(${oriented}, 7)::json AS "__geometry", ${props}`);
}

function toFeature(def: CollectionDef, row: Record<string, unknown>): Feature {
  const { __id, __geometry, ...properties } = row;
  const geometry = (typeof __geometry === 'string' ? JSON.parse(__geometry) : __geometry) as Geometry;
  return { type: 'Feature', id: def.idType === 'integer' ? Number(__id) : String(__id), geometry, properties };
}

export async function listItems(store: Store, def: CollectionDef, q: ItemsQuery): Promise<{ features: Feature[]; numberMatched: number }> {
  const where = whereClause(def, q);
  return store.read(async (db) => {
    const [count] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${raw(def.from)} WHERE ${where}`);
    const list = await rows(
      db,
      sql`SELECT ${selectList(def)} FROM ${raw(def.from)} WHERE ${where} ORDER BY ${raw(def.idSql)} LIMIT ${q.limit} OFFSET ${q.offset}`,
    );
    return { features: list.map((r) => toFeature(def, r)), numberMatched: count?.n ?? 0 };
  });
}

export async function getItem(store: Store, def: CollectionDef, id: string | number): Promise<Feature | null> {
  const list = await store.read((db) =>
    rows(db, sql`SELECT ${selectList(def)} FROM ${raw(def.from)} WHERE ${raw(def.idSql)} = ${id} AND ${raw(def.geomSql)} IS NOT NULL`),
  );
  return list[0] ? toFeature(def, list[0]) : null;
}

export interface Extent {
  bbox: [number, number, number, number] | null;
  interval: [string | null, string | null] | null;
}

export async function extentOf(store: Store, def: CollectionDef): Promise<Extent> {
  const utc = (agg: string) =>
    def.temporal ? `to_char(${agg}(${def.temporal.sql})::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')` : 'NULL::text';
  const [r] = await store.read((db) =>
    rows<{ x0: number | null; y0: number | null; x1: number | null; y1: number | null; t0: string | null; t1: string | null }>(
      db,
      sql`SELECT ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1, t0, t1
          FROM (SELECT ST_Extent(${raw(def.geomSql)})::geometry AS e, ${raw(utc('min'))} AS t0, ${raw(utc('max'))} AS t1
                FROM ${raw(def.from)}) s`,
    ),
  );
  const round = (v: number) => Math.round(v * 1e7) / 1e7;
  return {
    bbox: r && r.x0 != null && r.y0 != null && r.x1 != null && r.y1 != null ? [round(r.x0), round(r.y0), round(r.x1), round(r.y1)] : null,
    interval: def.temporal ? [r?.t0 ?? null, r?.t1 ?? null] : null,
  };
}
