// Reads a street's grids as the editor and the change-set logic see them.
import { sql } from 'drizzle-orm';
import type { MultiPolygon, Point, Polygon } from 'geojson';
import { rows, type Db } from '../db/store.js';
import { notFound } from '../http/errors.js';
import type { CurrentGrid } from '../domain/topology/change-set.js';

export interface StreetOutline {
  code: string;
  name: string;
  nameEn: string;
  version: number;
  geometry: MultiPolygon;
}

/** Full precision (15 digits): a boundary read back and submitted again must match its neighbours exactly. */
const gj = (col: string) => sql.raw(`ST_AsGeoJSON(${col}, 15)::json`);

export async function readStreet(db: Db, streetCode: string, lock = false): Promise<StreetOutline> {
  const [s] = await rows<StreetOutline>(
    db,
    sql`SELECT code, name, name_en AS "nameEn", version, ${gj('geom')} AS geometry FROM streets WHERE code = ${streetCode} ${lock ? sql`FOR UPDATE` : sql``}`,
  );
  if (!s) throw notFound(`No street ${streetCode}`);
  return s;
}

export async function readGrids(db: Db, streetCode: string): Promise<CurrentGrid[]> {
  return rows<CurrentGrid>(db, sql`SELECT id, code, name, version, ${gj('geom')} AS geometry FROM grids WHERE street_code = ${streetCode} ORDER BY id`);
}

export interface PlacedThing<G extends Point | Polygon = Point | Polygon> {
  id: number;
  name: string;
  gridId: number | null;
  geometry: G;
}

export async function readBuildings(db: Db, streetCode: string): Promise<PlacedThing[]> {
  return rows<PlacedThing>(db, sql`SELECT id, name, grid_id AS "gridId", ST_AsGeoJSON(geom, 7)::json AS geometry FROM buildings WHERE street_code = ${streetCode} ORDER BY id`);
}

/** Stations are points (the column's type). */
export async function readStations(db: Db, streetCode: string): Promise<PlacedThing<Point>[]> {
  return rows<PlacedThing<Point>>(db, sql`SELECT id, name, grid_id AS "gridId", ST_AsGeoJSON(geom, 7)::json AS geometry FROM stations WHERE street_code = ${streetCode} ORDER BY id`);
}

/** A grid as history keeps it. */
export interface GridSnapshot {
  id: number;
  code: string;
  name: string;
  geometry: Polygon;
}

export const snapshotOf = (grids: { id: number; code: string; name: string; geometry: Polygon }[]): GridSnapshot[] =>
  grids.map(({ id, code, name, geometry }) => ({ id, code, name, geometry }));
