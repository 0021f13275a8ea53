// shpjs ships no types; only the two functions the importer uses.
declare module 'shpjs' {
  import type { Geometry } from 'geojson';
  export function parseShp(shp: Uint8Array | ArrayBuffer, prj?: string): Geometry[];
  export function parseDbf(dbf: Uint8Array | ArrayBuffer, cpg?: string): Record<string, unknown>[];
}
