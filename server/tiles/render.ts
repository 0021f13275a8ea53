// Renders one Mapbox Vector Tile of a collection: the rows the items endpoint would return for the tile's box (same
// filters, same properties, same derived coverage figures, same redaction), cut to the tile.
// - PostgreSQL: ST_AsMVTGeom + ST_AsMVT, the whole tile in the database; derived figures go in as one jsonb.
// - PGlite: its PostGIS is built without protobuf-c (no ST_AsMVT), so the same cut is done by SQL (transform, clip
//   with the buffer, scale to tile units, snap, orient) and @maplibre/vt-pbf encodes the rows. The geometry work
//   stays in the database either way; JavaScript only writes bytes, bounded by the feature budget.
import { sql, type SQL } from 'drizzle-orm';
import type { Feature, Geometry, Position } from 'geojson';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { GeoJSONVTFeature } from '@maplibre/geojson-vt';
import { rows, type Store } from '../db/store.js';
import type { AppServices } from '../http/context.js';
import { BUDGETS, overBudget } from '../http/budgets.js';
import type { CollectionDef, PropertyDef } from '../ogc/collections.js';
import { DERIVED } from '../ogc/derived.js';
import { whereClause, type ItemsQuery } from '../ogc/query.js';
import { BUFFER, EXTENT, tileBboxWgs84, tileBounds3857, type TileAddress } from './tms.js';

export type TileQuery = Omit<ItemsQuery, 'limit' | 'offset' | 'bbox'>;

const raw = (s: string) => sql.raw(s);

/** A property as a tile value: MVT has strings, numbers and booleans; arrays and objects travel as JSON text. */
function tileValueSql(p: PropertyDef): string {
  if (p.type === 'string[]') return `array_to_json(${p.sql})::text`;
  if (p.type === 'object[]') return `(${p.sql})::text`;
  return p.sql;
}

function propsSql(props: readonly PropertyDef[]): string {
  return props.map((p) => `${tileValueSql(p)} AS "${p.name}"`).join(', ');
}

/** Rows in the tile grown by its buffer: exactly what items?bbox=<that box> selects. */
function selection(def: CollectionDef, t: TileAddress, q: TileQuery): SQL {
  return whereClause(def, { ...q, bbox: tileBboxWgs84(t, BUFFER / EXTENT) });
}

function tooMany(n: number, t: TileAddress): Error {
  return overBudget(
    `Features in tile ${t.z}/${t.y}/${t.x}`,
    n,
    BUDGETS.tileFeatures,
    'zoom in (a deeper tile holds fewer features) or narrow it with the collection filters',
  );
}

/** Derived properties (coverage figures) of the features with these ids, as the items endpoint adds them. */
async function derivedOf(def: CollectionDef, ids: (string | number)[], services: AppServices, withheld: Set<string>): Promise<Map<string, Record<string, unknown>>> {
  const derived = DERIVED[def.id];
  const out = new Map<string, Record<string, unknown>>();
  if (!derived || ids.length === 0) return out;
  const stubs: Feature[] = ids.map((id) => ({ type: 'Feature', id, geometry: null as unknown as Geometry, properties: {} }));
  await derived.apply(stubs, services);
  for (const f of stubs) {
    const p: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(f.properties ?? {})) if (!withheld.has(k) && v !== null && v !== undefined) p[k] = v;
    out.set(String(f.id), p);
  }
  return out;
}

export interface RenderInput {
  store: Store;
  services: AppServices;
  def: CollectionDef;
  tile: TileAddress;
  query: TileQuery;
  /** Property names the reader may not read (the access table's fields of ogc.<id>). */
  withheld: Set<string>;
}

/** The tile's bytes (uncompressed MVT; empty when no feature falls in it). */
export async function renderTile(input: RenderInput): Promise<Uint8Array> {
  return input.store.kind === 'postgres' ? renderInDatabase(input) : renderWithVtPbf(input);
}

/** ST_AsMVTGeom + ST_AsMVT (PostgreSQL; PostGIS built with protobuf-c). */
export async function renderInDatabase({ store, services, def, tile, query, withheld }: RenderInput): Promise<Uint8Array> {
  const props = def.properties.filter((p) => !withheld.has(p.name));
  const where = selection(def, tile, query);
  const [x0, y0, x1, y1] = tileBounds3857(tile);
  const envelope = sql`ST_MakeEnvelope(${x0}, ${y0}, ${x1}, ${y1}, 3857)`;
  const budget = BUDGETS.tileFeatures;
  let derived = sql`NULL::jsonb`;
  if (DERIVED[def.id]) {
    const ids = await store.read((db) => rows<{ id: string | number }>(db, sql`SELECT ${raw(def.idSql)} AS id FROM ${raw(def.from)} WHERE ${where} LIMIT ${budget + 1}`));
    if (ids.length > budget) throw tooMany(ids.length, tile);
    const byId = await derivedOf(def, ids.map((r) => (def.idType === 'integer' ? Number(r.id) : r.id)), services, withheld);
    derived = sql`(${JSON.stringify(Object.fromEntries(byId))}::jsonb -> (${raw(def.idSql)})::text)`;
  } else {
    const [n] = await store.read((db) => rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${raw(def.from)} WHERE ${where} LIMIT ${budget + 1}) s`));
    if ((n?.n ?? 0) > budget) throw tooMany(n?.n ?? 0, tile);
  }
  const idColumn = def.idType === 'integer' ? sql`, '__fid'` : sql``;
  const list = props.length ? raw(`, ${propsSql(props)}`) : raw('');
  const [r] = await store.read((db) =>
    rows<{ mvt: Uint8Array | null }>(
      db,
      sql`SELECT ST_AsMVT(q, ${def.id}, ${EXTENT}, '__geom'${idColumn}) AS mvt FROM (
            SELECT ${def.idType === 'integer' ? raw(`${def.idSql}::bigint AS "__fid",`) : raw('')}
                   ST_AsMVTGeom(ST_Transform(${raw(def.geomSql)}, 3857), ${envelope}, ${EXTENT}, ${BUFFER}, true) AS "__geom"
                   ${list}, ${derived} AS "__derived"
            FROM ${raw(def.from)} WHERE ${where}
          ) q WHERE "__geom" IS NOT NULL`,
    ),
  );
  return r?.mvt ? new Uint8Array(r.mvt) : new Uint8Array(0);
}

/** Tile units from EPSG:3857: x right, y down, 0..EXTENT over the tile. */
function tileGeometrySql(def: CollectionDef, tile: TileAddress): SQL {
  const [x0, , , y1] = tileBounds3857(tile);
  const [bx0, by0, bx1, by1] = tileBounds3857(tile, BUFFER / EXTENT);
  const s = EXTENT / (tileBounds3857(tile)[2] - x0);
  const clipped = sql`ST_ClipByBox2D(ST_Transform(${raw(def.geomSql)}, 3857), ST_MakeEnvelope(${bx0}, ${by0}, ${bx1}, ${by1}, 3857))`;
  const scaled = sql`ST_SnapToGrid(ST_Affine(${clipped}, ${s}, 0, 0, ${-s}, ${-x0 * s}, ${y1 * s}), 1)`;
  // MVT exterior rings have a positive surveyor's area in tile units (y down): counter-clockwise in PostGIS's terms.
  return sql`CASE WHEN ST_Dimension(${raw(def.geomSql)}) = 2 THEN ST_ForcePolygonCCW(${scaled}) ELSE ${scaled} END`;
}

type Ring = [number, number][];

function parts(g: Geometry, out: { points: Ring; lines: Ring[]; rings: Ring[] }): void {
  const ring = (cs: Position[]) => cs.map((c) => [c[0] as number, c[1] as number] as [number, number]);
  switch (g.type) {
    case 'Point':
      out.points.push([g.coordinates[0] as number, g.coordinates[1] as number]);
      break;
    case 'MultiPoint':
      out.points.push(...ring(g.coordinates));
      break;
    case 'LineString':
      if (g.coordinates.length > 1) out.lines.push(ring(g.coordinates));
      break;
    case 'MultiLineString':
      for (const l of g.coordinates) if (l.length > 1) out.lines.push(ring(l));
      break;
    case 'Polygon':
      for (const r of g.coordinates) if (r.length > 3) out.rings.push(ring(r));
      break;
    case 'MultiPolygon':
      for (const p of g.coordinates) for (const r of p) if (r.length > 3) out.rings.push(ring(r));
      break;
    case 'GeometryCollection':
      for (const x of g.geometries) parts(x, out);
      break;
  }
}

/** One vt-pbf feature from a tile-unit geometry: the kind the source geometry has; null when the cut left nothing. */
export function vtFeature(g: Geometry, id: number | undefined, tags: Record<string, unknown>, dimension: number): GeoJSONVTFeature | null {
  const out = { points: [] as Ring, lines: [] as Ring[], rings: [] as Ring[] };
  parts(g, out);
  const base = { ...(id === undefined ? {} : { id }), tags };
  if (dimension === 0) return out.points.length ? { ...base, type: 1, geometry: out.points } : null;
  if (dimension === 1) return out.lines.length ? { ...base, type: 2, geometry: out.lines } : null;
  return out.rings.length ? { ...base, type: 3, geometry: out.rings } : null;
}

/** The same cut in portable SQL, encoded by vt-pbf (PGlite; also runs on PostgreSQL, where tests compare the two). */
export async function renderWithVtPbf({ store, services, def, tile, query, withheld }: RenderInput): Promise<Uint8Array> {
  const props = def.properties.filter((p) => !withheld.has(p.name));
  const where = selection(def, tile, query);
  const budget = BUDGETS.tileFeatures;
  const list = props.length ? raw(`, ${propsSql(props)}`) : raw('');
  const found = await store.read((db) =>
    rows<Record<string, unknown> & { __id: string | number; __g: string | null; __dim: number }>(
      db,
      sql`SELECT * FROM (
            SELECT ${raw(def.idSql)} AS "__id", ST_Dimension(${raw(def.geomSql)}) AS "__dim",
                   ST_AsGeoJSON(${tileGeometrySql(def, tile)}, 0) AS "__g" ${list}
            FROM ${raw(def.from)} WHERE ${where} LIMIT ${budget + 1}
          ) q WHERE "__g" IS NOT NULL`,
    ),
  );
  if (found.length > budget) throw tooMany(found.length, tile);
  const idOf = (v: string | number) => (def.idType === 'integer' ? Number(v) : String(v));
  const derived = await derivedOf(def, found.map((r) => idOf(r.__id)), services, withheld);
  const features: GeoJSONVTFeature[] = [];
  for (const r of found) {
    const { __id, __g, __dim, ...tags } = r;
    const g = JSON.parse(__g as string) as Geometry;
    const f = vtFeature(g, def.idType === 'integer' ? Number(__id) : undefined, { ...tags, ...derived.get(String(idOf(__id))) }, Number(__dim));
    if (f) features.push(f);
  }
  if (features.length === 0) return new Uint8Array(0);
  return fromGeojsonVt({ [def.id]: { features } as never }, { version: 2, extent: EXTENT });
}
