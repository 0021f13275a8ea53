// A 200-grid street made the way a GIS office makes one: a street outline with slanted edges, cut into 200 cells in
// full double precision, written as a Shapefile by GDAL's ogr2ogr (issue 12 point 5; used by an API and a browser test).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import type { Position } from 'geojson';
import { bilinearMesh } from '../../server/domain/topology/mesh.js';
import { testEnv } from './stores.js';

const run = promisify(execFile);
export const OGR2OGR = '/usr/bin/ogr2ogr';
export const HAS_GDAL = existsSync(OGR2OGR);
if (!HAS_GDAL && testEnv.CI) throw new Error(`${OGR2OGR} is missing: install Debian's gdal-bin`);

export const GDAL_STREET = '310106977';
// Full-precision corners, none on the lattice, no edge axis-parallel.
const A: Position = [121.6012345678912, 31.1003456789123];
const B: Position = [121.6187654321987, 31.1021234567891];
const C: Position = [121.6176543219876, 31.1123456789012];
const D: Position = [121.6001234567898, 31.1109876543219];
const cuts = (n: number, wobble: number) => Array.from({ length: n + 1 }, (_, i) => (i === 0 || i === n ? i / n : (i + wobble * Math.sin(i * 1.7)) / n));
export const mesh = bilinearMesh(A, B, C, D, cuts(20, 0.23), cuts(10, 0.31));

/** The Shapefile (zipped .shp/.shx/.dbf/.prj/.cpg) that ogr2ogr writes from the cells. */
export async function shapefileOfCells(): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'pbmap-gdal-grids-'));
  try {
    const features = mesh.cells.map((c) => ({ type: 'Feature', properties: { wgbm: `${GDAL_STREET}-R${c.row}C${c.col}`, wgmc: `网格${c.row}-${c.col}`, jddm: GDAL_STREET }, geometry: c.geometry }));
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'cells.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));
    await run(OGR2OGR, ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=UTF-8', join(dir, 'out', 'cells.shp'), join(dir, 'cells.geojson')]);
    const files: Record<string, Uint8Array> = {};
    for (const f of readdirSync(join(dir, 'out'))) files[f] = new Uint8Array(readFileSync(join(dir, 'out', f)));
    return zipSync(files);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The street outline as a GeoJSON file for the street import. */
export const gdalStreetFile = (): string =>
  JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 街道代码: GDAL_STREET, 街道名称: 'GDAL测试街道' }, geometry: { type: 'MultiPolygon', coordinates: [[mesh.outline]] } }] });
