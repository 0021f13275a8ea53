// Boundary files to features: GeoJSON, KML (or KMZ) and zipped Shapefiles (with the DBF's text read in the
// encoding it was written in). Bytes in, features out; the archive limits of zip.ts apply.
import { BUDGETS } from '../http/budgets.js';
import { DOMParser } from '@xmldom/xmldom';
import { kml } from '@tmcw/togeojson';
import { parseDbf, parseShp } from 'shpjs';
import type { Geometry } from 'geojson';
import { ImportFileError } from './errors.js';
import { assertNoNul, decodeText } from './tabular.js';
import { isZip, unzipSafely } from './zip.js';
import { dbfEncoding } from './dbf-encoding.js';
import { MAX_JSON_DEPTH, jsonDepth } from '../http/json-guard.js';

export interface RawFeature { geometry: Geometry | null; properties: Record<string, unknown>; /** A GeoJSON feature's own id. */ id?: string | number }
export interface BoundaryFile { format: 'geojson' | 'kml' | 'shapefile'; features: RawFeature[]; encoding?: string }

function fromGeoJson(text: string): RawFeature[] {
  let doc: unknown;
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) throw new ImportFileError(400, `The GeoJSON is nested deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ImportFileError(400, `Not valid JSON: ${(err as Error).message}`);
  }
  const d = doc as { type?: string; features?: unknown; geometry?: unknown; properties?: unknown };
  const asFeature = (f: unknown): RawFeature => {
    const x = f as { geometry?: Geometry | null; properties?: Record<string, unknown> | null; id?: unknown };
    const id = typeof x?.id === 'string' || typeof x?.id === 'number' ? { id: x.id } : {};
    return { geometry: x?.geometry ?? null, properties: x?.properties && typeof x.properties === 'object' ? x.properties : {}, ...id };
  };
  if (d?.type === 'FeatureCollection' && Array.isArray(d.features)) return d.features.map(asFeature);
  if (d?.type === 'Feature') return [asFeature(d)];
  if (typeof d?.type === 'string' && 'coordinates' in (d as object)) return [{ geometry: d as Geometry, properties: {} }];
  throw new ImportFileError(400, 'Not a GeoJSON FeatureCollection, Feature or geometry');
}

function fromKml(text: string): RawFeature[] {
  let first: string | null = null;
  let doc: Document | null = null;
  try {
    doc = new DOMParser({
      onError: (level: string, msg: string) => {
        if (level !== 'warning' && first === null) first = msg.split('\n')[0] ?? msg;
      },
    }).parseFromString(text, 'text/xml') as unknown as Document;
  } catch (err) {
    first ??= (err as Error).message.split('\n')[0] ?? 'unreadable';
  }
  if (first !== null || !doc) throw new ImportFileError(400, `Broken XML: ${first ?? 'unreadable'}`);
  if (doc.documentElement?.nodeName.toLowerCase() !== 'kml') throw new ImportFileError(400, 'The XML is not KML (no <kml> root)');
  return kml(doc).features.map((f) => ({ geometry: f.geometry as Geometry | null, properties: (f.properties ?? {}) as Record<string, unknown> }));
}

function fromZip(bytes: Uint8Array): BoundaryFile {
  const files = unzipSafely(bytes, { want: (n) => !n.includes('__MACOSX') && /\.(shp|dbf|prj|cpg|kml|geojson|json)$/i.test(n) });
  const names = [...files.keys()];
  const kmlName = names.find((n) => /\.kml$/i.test(n));
  if (kmlName) return { format: 'kml', features: fromKml(decodeText(files.get(kmlName) as Uint8Array).text) };
  const shps = names.filter((n) => /\.shp$/i.test(n));
  if (shps.length === 0) {
    const json = names.find((n) => /\.(geo)?json$/i.test(n));
    if (json) return { format: 'geojson', features: fromGeoJson(decodeText(files.get(json) as Uint8Array).text) };
    throw new ImportFileError(400, 'The zip holds no .shp, .kml or .geojson');
  }
  if (shps.length > 1) throw new ImportFileError(400, `The zip holds ${shps.length} shapefiles; upload one layer at a time`);
  const base = (shps[0] as string).slice(0, -4);
  const part = (ext: string) => {
    const name = names.find((n) => n.toLowerCase() === `${base}.${ext}`.toLowerCase());
    return name ? (files.get(name) as Uint8Array) : null;
  };
  const dbf = part('dbf');
  if (!dbf) throw new ImportFileError(400, `The shapefile ${base}.shp has no .dbf (its attributes): zip the .shp, .shx, .dbf, .prj and .cpg together`);
  const prj = part('prj');
  const cpg = part('cpg');
  const encoding = dbfEncoding(cpg ? new TextDecoder().decode(cpg) : null, dbf);
  let geoms: Geometry[];
  let props: Record<string, unknown>[];
  try {
    geoms = parseShp(part('shp') as Uint8Array, prj ? new TextDecoder().decode(prj) : undefined);
    props = parseDbf(dbf, encoding);
  } catch (err) {
    throw new ImportFileError(400, `Not a readable shapefile: ${(err as Error).message}`);
  }
  if (props.length !== geoms.length) throw new ImportFileError(400, `The .shp has ${geoms.length} shapes but the .dbf ${props.length} records`);
  return { format: 'shapefile', encoding, features: geoms.map((g, i) => ({ geometry: g, properties: props[i] ?? {} })) };
}

/** PostgreSQL cannot store a NUL in text: a NUL in an attribute (a JSON "\u0000", say) refuses the file. */
function withoutNul(file: BoundaryFile): BoundaryFile {
  for (const [i, f] of file.features.entries()) {
    for (const [k, v] of Object.entries(f.properties)) {
      if (k.includes('\u0000') || (typeof v === 'string' && v.includes('\u0000'))) {
        throw new ImportFileError(400, `Feature ${i + 1} holds a NUL character in its attribute ${k.split('\u0000').join('')}`);
      }
    }
  }
  return file;
}

function readText(bytes: Uint8Array): BoundaryFile {
  const { text } = decodeText(bytes);
  const head = text.trimStart().slice(0, 1);
  if (head !== '{' && head !== '[' && head !== '<') throw new ImportFileError(415, 'Unsupported boundary file: upload GeoJSON, KML/KMZ or a zipped Shapefile');
  assertNoNul(text);
  return head === '<' ? { format: 'kml', features: fromKml(text) } : { format: 'geojson', features: fromGeoJson(text) };
}

export function readBoundaryFile(bytes: Uint8Array): BoundaryFile {
  if (bytes.length === 0) throw new ImportFileError(400, 'The file is empty');
  const file = withoutNul(isZip(bytes) ? fromZip(bytes) : readText(bytes));
  if (file.features.length > BUDGETS.importRows) {
    throw new ImportFileError(413, `The file has ${file.features.length.toLocaleString('en')} features, more than the ${BUDGETS.importRows.toLocaleString('en')} one import may hold; split it into smaller files`);
  }
  return file;
}
