// GIS point layers as a roster table: a GeoJSON (the OGC API's own items, QGIS, GDAL), KML/KMZ or zipped Shapefile
// of stations, enterprises or activities imports like a spreadsheet — one row per feature, a column per attribute,
// the point as 经度/纬度. Without this a GeoJSON export imported back was read as a broken CSV.
import type { CellValue } from './fields.js';
import type { RawFeature, BoundaryFile } from './boundary-files.js';
import { ImportFileError } from './errors.js';
import type { Table } from './tabular.js';

export const LON_COLUMN = '经度';
export const LAT_COLUMN = '纬度';

/** A property value as a cell: scalars as they are, lists and objects as JSON (the roster's list and weekly-hours
 *  fields read JSON). */
function cell(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean' || v instanceof Date) return v;
  return JSON.stringify(v);
}

/** The feature's point, or null when it has no geometry (a row may still be placed by its building or address). */
function pointOf(f: RawFeature, n: number): [number, number] | null {
  const g = f.geometry;
  if (!g) return null;
  if (g.type === 'Point') return [g.coordinates[0] as number, g.coordinates[1] as number];
  if (g.type === 'MultiPoint' && g.coordinates.length === 1) return [g.coordinates[0]?.[0] as number, g.coordinates[0]?.[1] as number];
  throw new ImportFileError(422, `Feature ${n} is a ${g.type}: the rows of this import are points (or have no geometry and name a building). Import outlines as buildings, streets, grids or business districts`);
}

/** One row per feature (row numbers are feature numbers, the header row 0); the attributes as columns in the order
 *  first seen, with the feature's id (GeoJSON) as 'id' unless an attribute is called so; attributes that name a
 *  coordinate (`isCoordinate`) give way to the geometry, which is the point. */
export function featuresToTable(file: BoundaryFile, isCoordinate: (header: string) => boolean): Table {
  const keys: string[] = [];
  const seen = new Set<string>();
  const withIds = file.features.some((f) => f.id !== undefined && f.id !== null) && !file.features.some((f) => 'id' in f.properties);
  if (withIds) {
    keys.push('id');
    seen.add('id');
  }
  for (const f of file.features) {
    for (const k of Object.keys(f.properties)) {
      if (seen.has(k) || isCoordinate(k)) continue;
      seen.add(k);
      keys.push(k);
    }
  }
  const rows: CellValue[][] = [[...keys, LON_COLUMN, LAT_COLUMN]];
  file.features.forEach((f, i) => {
    const p = pointOf(f, i + 1);
    rows.push([...keys.map((k) => (k === 'id' && withIds ? cell(f.id) : cell(f.properties[k]))), p?.[0] ?? null, p?.[1] ?? null]);
  });
  return { format: file.format, encoding: file.encoding ?? null, rows, rowNumbers: rows.map((_, i) => i), headerFirst: true };
}
