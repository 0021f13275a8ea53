// Renders one Mapbox Vector Tile of a collection: the rows the items endpoint would return for the tile's box (same
// filters, same properties, same derived coverage figures, same redaction), cut to the tile.
// - PostgreSQL: ST_AsMVTGeom + ST_AsMVT, the whole tile in the database; derived figures go in as one jsonb.
// - PGlite: its PostGIS is built without protobuf-c (no ST_AsMVT), so the same cut is done by SQL (transform, clip
//   with the buffer, scale to tile units, snap, orient) and @maplibre/vt-pbf encodes the rows. The geometry work
//   stays in the database either way; JavaScript only writes bytes, bounded by the feature budget.
import { sql, type SQL } from 'drizzle-orm';
import type { Geometry, Position } from 'geojson';
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

/** The derived properties (coverage figures) a tile carries: those the reader may read and asked for. */
function derivedShown(def: CollectionDef, withheld: Set<string>): PropertyDef[] {
  return (DERIVED[def.id]?.properties ?? []).filter((p) => !withheld.has(p.name));
}

/** Copies the figures' non-null values of these properties into tags (MVT has no null). */
function addFigures(tags: Record<string, unknown>, figures: Record<string, unknown> | undefined, shown: readonly PropertyDef[]): Record<string, unknown> {
  if (!figures) return tags;
  for (const p of shown) {
    const v = figures[p.name];
    if (v !== null && v !== undefined) tags[p.name] = v;
  }
  return tags;
}

const PG_TYPE: Record<string, string> = { integer: 'bigint', number: 'float8', boolean: 'boolean' };

/** A PostgreSQL array literal of numbers, booleans or strings (null as NULL). */
export function arrayLiteral(values: readonly unknown[]): string {
  const item = (v: unknown) =>
    v === null || v === undefined ? 'NULL' : typeof v === 'number' || typeof v === 'boolean' ? String(v) : `"${String(v).replace(/[\\"]/g, '\\$&')}"`;
  return `{${values.map(item).join(',')}}`;
}

export interface RenderInput {
  store: Store;
  services: AppServices;
  def: CollectionDef;
  tile: TileAddress;
  query: TileQuery;
  /** Property names the reader may not read (the access table's fields of ogc.<id>). */
  withheld: Set<string>;
  /** The change log's newest id as the request read it (the tile's version): the coverage figures need no newer. */
  seen?: number;
}

/** The tile's bytes (uncompressed MVT; empty when no feature falls in it). */
export async function renderTile(input: RenderInput): Promise<Uint8Array> {
  return input.store.kind === 'postgres' ? renderInDatabase(input) : renderWithVtPbf(input);
}

/** ST_AsMVTGeom + ST_AsMVT (PostgreSQL; PostGIS built with protobuf-c). */
export async function renderInDatabase({ store, services, def, tile, query, withheld, seen }: RenderInput): Promise<Uint8Array> {
  const props = def.properties.filter((p) => !withheld.has(p.name));
  const where = selection(def, tile, query);
  const [x0, y0, x1, y1] = tileBounds3857(tile);
  const envelope = sql`ST_MakeEnvelope(${x0}, ${y0}, ${x1}, ${y1}, 3857)`;
  const budget = BUDGETS.tileFeatures;
  const derived = DERIVED[def.id];
  const shown = derivedShown(def, withheld);
  let join = sql``;
  let figureColumns = '';
  if (derived && shown.length) {
    const ids = await store.read((db) => rows<{ id: string | number }>(db, sql`SELECT ${raw(def.idSql)} AS id FROM ${raw(def.from)} WHERE ${where} LIMIT ${budget + 1}`));
    if (ids.length > budget) throw tooMany(ids.length, tile);
    const numbers = ids.map((r) => Number(r.id));
    const figures = numbers.length ? await derived.figures(numbers, services, seen) : [];
    // The figures go in as one array per property, unnested and joined by id: parsed once per query whatever plan
    // the statement gets (a jsonb looked up per row is parsed per row under a generic plan), and cheaper to parse
    // than a recordset; one column per figure, and ST_AsMVT leaves nulls out.
    const arrays = [sql`${arrayLiteral(numbers)}::bigint[]`, ...shown.map((p) => sql`${arrayLiteral(figures.map((f) => f[p.name]))}::${raw(PG_TYPE[p.type] ?? 'text')}[]`)];
    const names = ['"__id"', ...shown.map((p) => `"${p.name}"`)].join(', ');
    join = sql` LEFT JOIN unnest(${sql.join(arrays, sql`, `)}) AS "__d"(${raw(names)}) ON "__d"."__id" = ${raw(def.idSql)}`;
    figureColumns = shown.map((p) => `, "__d"."${p.name}" AS "${p.name}"`).join('');
  } else {
    const [n] = await store.read((db) => rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${raw(def.from)} WHERE ${where} LIMIT ${budget + 1}) s`));
    if ((n?.n ?? 0) > budget) throw tooMany(n?.n ?? 0, tile);
  }
  // No "WHERE __geom IS NOT NULL": the subquery is flattened and the filter would cut every geometry twice;
  // ST_AsMVT skips rows whose geometry is null.
  const idColumn = def.idType === 'integer' ? sql`, '__fid'` : sql``;
  const list = props.length ? raw(`, ${propsSql(props)}`) : raw('');
  const [r] = await store.read((db) =>
    rows<{ mvt: Uint8Array | null }>(
      db,
      sql`SELECT ST_AsMVT(q, ${def.id}, ${EXTENT}, '__geom'${idColumn}) AS mvt FROM (
            SELECT ${def.idType === 'integer' ? raw(`${def.idSql}::bigint AS "__fid",`) : raw('')}
                   ST_AsMVTGeom(ST_Transform(${raw(def.geomSql)}, 3857), ${envelope}, ${EXTENT}, ${BUFFER}, true) AS "__geom"
                   ${list}${raw(figureColumns)}
            FROM ${raw(def.from)}${join} WHERE ${where}
          ) q`,
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
  // Rings are oriented in JavaScript (orient below): ST_ForcePolygonCCW was a sixth of PGlite's time for a tile.
  return sql`ST_SnapToGrid(ST_Affine(${clipped}, ${s}, 0, 0, ${-s}, ${-x0 * s}, ${y1 * s}), 1)`;
}

type Ring = [number, number][];

/** Twice the ring's surveyor's area in tile units (x right, y down). */
function area2(r: Ring): number {
  let a = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) a += ((r[j] as [number, number])[0] - (r[i] as [number, number])[0]) * ((r[i] as [number, number])[1] + (r[j] as [number, number])[1]);
  return a;
}

/** MVT rings: an exterior ring has a positive surveyor's area in tile units (y down), its holes a negative one. */
function orient(r: Ring, exterior: boolean): Ring {
  const a = area2(r);
  return (exterior ? a < 0 : a > 0) ? r.reverse() : r;
}

function polygon(rings: Position[][], out: Ring[]): void {
  rings.forEach((r, i) => {
    if (r.length > 3) out.push(orient(r as Ring, i === 0));
  });
}

/** A tile-unit GeoJSON geometry's points, lines and rings (its own coordinate arrays: [x, y] already). */
function parts(g: Geometry, out: { points: Ring; lines: Ring[]; rings: Ring[] }): void {
  switch (g.type) {
    case 'Point':
      out.points.push(g.coordinates as [number, number]);
      break;
    case 'MultiPoint':
      out.points.push(...(g.coordinates as Ring));
      break;
    case 'LineString':
      if (g.coordinates.length > 1) out.lines.push(g.coordinates as Ring);
      break;
    case 'MultiLineString':
      for (const l of g.coordinates) if (l.length > 1) out.lines.push(l as Ring);
      break;
    case 'Polygon':
      polygon(g.coordinates, out.rings);
      break;
    case 'MultiPolygon':
      for (const p of g.coordinates) polygon(p, out.rings);
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
  const geometry = dimension === 0 ? out.points : dimension === 1 ? out.lines : out.rings;
  if (geometry.length === 0) return null;
  const type = dimension === 0 ? 1 : dimension === 1 ? 2 : 3;
  return (id === undefined ? { type, geometry, tags } : { id, type, geometry, tags }) as GeoJSONVTFeature;
}

/** The same cut in portable SQL, encoded by vt-pbf (PGlite; also runs on PostgreSQL, where tests compare the two). */
export async function renderWithVtPbf({ store, services, def, tile, query, withheld, seen }: RenderInput): Promise<Uint8Array> {
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
  // The coverage figures are asked for now and awaited once the geometries are read: the two overlap.
  const derived = DERIVED[def.id];
  const shown = derivedShown(def, withheld);
  const pending = derived && shown.length && found.length ? derived.figures(found.map((r) => Number(r.__id)), services, seen) : null;
  pending?.catch(() => undefined); // awaited below; a throw before that must not leave it unhandled
  const features: GeoJSONVTFeature[] = [];
  const rowOf: number[] = [];
  found.forEach((r, i) => {
    const tags: Record<string, unknown> = {};
    for (const p of props) {
      const v = r[p.name];
      if (v !== null && v !== undefined) tags[p.name] = v;
    }
    const f = vtFeature(JSON.parse(r.__g as string) as Geometry, def.idType === 'integer' ? Number(r.__id) : undefined, tags, Number(r.__dim));
    if (f) {
      features.push(f);
      rowOf.push(i);
    }
  });
  if (pending) {
    const figures = await pending;
    features.forEach((f, k) => addFigures(f.tags as Record<string, unknown>, figures[rowOf[k] as number], shown));
  }
  if (features.length === 0) return new Uint8Array(0);
  return fromGeojsonVt({ [def.id]: { features } as never }, { version: 2, extent: EXTENT });
}
