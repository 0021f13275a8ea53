// A roster upload to a table: a spreadsheet (CSV, XLSX) as it is, a GIS point layer (GeoJSON, KML/KMZ, zipped
// Shapefile) through featuresToTable. Which one is decided by the bytes (and a name that says text), never by the
// name alone: an export saved as "stations.txt" is still GeoJSON.
import { readBoundaryFile } from './boundary-files.js';
import { featuresToTable } from './feature-table.js';
import { decodeText, readTable, type Table } from './tabular.js';
import { isZip, listZip } from './zip.js';

const GIS_IN_ZIP = /\.(shp|kml|geojson)$/i;

function isGisLayer(bytes: Uint8Array, filename: string): boolean {
  if (bytes.length === 0) return false;
  if (isZip(bytes)) {
    try {
      return listZip(bytes).some((e) => GIS_IN_ZIP.test(e.name) && !e.name.includes('__MACOSX'));
    } catch {
      return false; // not a readable zip: the spreadsheet reader says why
    }
  }
  if (/\.(csv|tsv|xlsx|xlsm)$/i.test(filename)) return false;
  const head = decodeText(bytes.subarray(0, 4096)).text.trimStart().slice(0, 1);
  return head === '{' || (head === '<' && !/\.html?$/i.test(filename));
}

/** The upload as rows of cells; `isCoordinate` names the attributes a GIS layer's geometry replaces. */
export async function readRosterTable(bytes: Uint8Array, filename: string, isCoordinate: (header: string) => boolean): Promise<Table> {
  return isGisLayer(bytes, filename) ? featuresToTable(readBoundaryFile(bytes), isCoordinate) : readTable(bytes, filename);
}
