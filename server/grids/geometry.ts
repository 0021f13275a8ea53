// PostGIS side of grid editing: validity, absorbing deleted grids, and the partition checks
// (outside the street, overlaps, gaps) on the intended grid set. The database decides, not the client.
import { sql, type SQL } from 'drizzle-orm';
import type { MultiPolygon, Point, Polygon } from 'geojson';
import { rows, type Db } from '../db/store.js';
import type { GridKey, GridRules, Problem } from '../domain/topology/types.js';
import { LATTICE_STEP } from '../domain/topology/lattice.js';

/**
 * Overlays run on the lattice (GEOS OverlayNG with a fixed precision of 1e-7°, PostGIS ≥ 3.1): snapped inputs
 * do not move and the operations are robust. In floating precision PGlite's GEOS fails (no result) on the
 * commonest case of all, the difference of an outline and grids that tile it exactly. A real overlap narrower
 * than the lattice collapses here; the exact check (domain/topology/partition.ts) still finds it.
 */
const GRID = sql.raw(String(LATTICE_STEP));

export interface KeyedGeometry {
  key: GridKey;
  geometry: Polygon;
}

export const keyText = (k: GridKey): string => String(k);
export const keyOf = (text: string): GridKey => (/^\d+$/.test(text) ? Number(text) : (text as GridKey));

/** The grid set as a CTE `f(k, ord, g)`; `ord` orders ties like assignGrids (existing by id, then new ones). */
export function gridsCte(grids: KeyedGeometry[]): SQL {
  const values = grids.map(
    (g, i) => sql`(${keyText(g.key)}::text, ${typeof g.key === 'number' ? g.key : 1e9 + i}::float8, ${JSON.stringify(g.geometry)}::text)`,
  );
  return sql`f(k, ord, g) AS (SELECT k, ord, ST_SetSRID(ST_GeomFromGeoJSON(j), 4326) FROM (VALUES ${sql.join(values, sql`, `)}) v(k, ord, j))`;
}

/** ST_IsValid on each submitted boundary, with the reason and where. */
export async function validityProblems(db: Db, grids: KeyedGeometry[]): Promise<Problem[]> {
  if (grids.length === 0) return [];
  const found = await rows<{ k: string; reason: string; location: Point | null }>(
    db,
    sql`WITH ${gridsCte(grids)}
        SELECT k, (d).reason AS reason, ST_AsGeoJSON((d).location, 9)::json AS location
        FROM (SELECT k, ST_IsValidDetail(g) AS d FROM f) x WHERE NOT (d).valid ORDER BY k`,
  );
  return found.map((r) => ({
    kind: 'invalid' as const,
    gridIds: [keyOf(r.k)],
    message: `Not a valid polygon: ${r.reason}`,
    ...(r.location ? { location: r.location } : {}),
  }));
}

/** The receiver's boundary joined with the areas of the grids it absorbs; null when they are not one piece. */
export async function absorb(db: Db, receiver: Polygon, absorbedIds: number[]): Promise<Polygon | null> {
  const [r] = await rows<{ geometry: Polygon | MultiPolygon }>(
    db,
    sql`SELECT ST_AsGeoJSON(ST_UnaryUnion(ST_Collect(g), ${GRID}), 15)::json AS geometry FROM (
          SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(receiver)}::text), 4326) AS g
          UNION ALL SELECT geom FROM grids WHERE id IN (${sql.join(absorbedIds.map((id) => sql`${id}`), sql`, `)})
        ) x`,
  );
  return r?.geometry.type === 'Polygon' ? r.geometry : null;
}

/**
 * Area in m² on a local plane (degrees scaled at the piece's latitude). Not geography: its geodesic
 * edges bend away from the straight lon/lat edges grids are drawn with, so a split along a shared
 * edge would show square metres of phantom gap or overlap between grids that meet exactly.
 */
const m2 = (g: string) => sql.raw(`(ST_Area(${g}) * 12392029030.5 * cos(radians(ST_Y(ST_Centroid(ST_Envelope(${g}))))))`);

interface Piece {
  k: string;
  other: string | null;
  area: number;
  geometry: Polygon;
  near: string[] | null;
}

/**
 * Slivers, parts outside the street, overlaps between grids and gaps inside the street, against the given outline.
 * No area tolerance: grids are snapped with the outline first (snap.ts), so any piece of positive area is real.
 */
export async function partitionProblems(db: Db, outline: MultiPolygon, grids: KeyedGeometry[], rules: Pick<GridRules, 'minAreaM2'>): Promise<Problem[]> {
  const cte = sql`${gridsCte(grids)}, s AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(outline)}::text), 4326) AS geom)`;
  const problems: Problem[] = [];
  const slivers = await rows<{ k: string; area: number }>(
    db,
    sql`WITH ${cte} SELECT k, ${m2('g')} AS area FROM f WHERE ${m2('g')} < ${rules.minAreaM2} ORDER BY k`,
  );
  for (const s of slivers) {
    problems.push({ kind: 'sliver', gridIds: [keyOf(s.k)], areaM2: round(s.area), message: `Grid is ${round(s.area)} m², under the minimum of ${rules.minAreaM2} m²` });
  }
  const pieces = (query: SQL) => rows<Piece>(db, query);
  const outside = await pieces(sql`
    WITH ${cte},
    p AS (SELECT f.k, (ST_Dump(ST_CollectionExtract(ST_Difference(f.g, s.geom, ${GRID}), 3))).geom AS g FROM f, s)
    SELECT k, NULL AS other, ${m2('g')} AS area, ST_AsGeoJSON(g, 9)::json AS geometry, NULL AS near
    FROM p WHERE ${m2('g')} > 0 ORDER BY k`);
  for (const o of outside) {
    problems.push({ kind: 'outside', gridIds: [keyOf(o.k)], areaM2: round(o.area), geometry: o.geometry, message: `${round(o.area)} m² lie outside the street` });
  }
  const overlaps = await pieces(sql`
    WITH ${cte},
    p AS (SELECT a.k, b.k AS other, (ST_Dump(ST_CollectionExtract(ST_Intersection(a.g, b.g, ${GRID}), 3))).geom AS g
          FROM f a JOIN f b ON a.k < b.k AND ST_Intersects(a.g, b.g))
    SELECT k, other, ${m2('g')} AS area, ST_AsGeoJSON(g, 9)::json AS geometry, NULL AS near
    FROM p WHERE ${m2('g')} > 0 ORDER BY k, other`);
  for (const o of overlaps) {
    problems.push({ kind: 'overlap', gridIds: [keyOf(o.k), keyOf(o.other as string)], areaM2: round(o.area), geometry: o.geometry, message: `Grids overlap by ${round(o.area)} m²` });
  }
  // Gap pieces name the grids around them, so a fix can give the gap to one of them.
  const gaps = await pieces(sql`
    WITH ${cte},
    p AS (SELECT (ST_Dump(ST_CollectionExtract(ST_Difference(s.geom, (SELECT ST_Union(g, ${GRID}) FROM f), ${GRID}), 3))).geom AS g FROM s)
    SELECT '' AS k, NULL AS other, ${m2('p.g')} AS area, ST_AsGeoJSON(p.g, 9)::json AS geometry,
           array(SELECT f.k FROM f WHERE ST_DWithin(f.g, p.g, 1e-7) ORDER BY f.ord) AS near
    FROM p WHERE ${m2('p.g')} > 0 ORDER BY area DESC`);
  for (const g of gaps) {
    problems.push({ kind: 'gap', gridIds: (g.near ?? []).map(keyOf), areaM2: round(g.area), geometry: g.geometry, message: `A gap of ${round(g.area)} m² inside the street belongs to no grid` });
  }
  return problems;
}

/** Shown to 0.1 m²; a real piece smaller than that still shows as more than nothing. */
const round = (m2: number) => (m2 >= 0.1 ? Math.round(m2 * 10) / 10 : Number(m2.toPrecision(2)));
