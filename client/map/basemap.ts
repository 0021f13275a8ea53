// MapLibre styles: dark and light drawn from our own data (boundaries, roads, water; works with no network), or
// an external raster basemap (XYZ/WMTS, e.g. 天地图) with its attribution.
import type { SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { Basemap } from '../api/types';
import { tileUrl } from '../api/tiles';
import { contextLayers, PALETTE, ROADS_SOURCE, WATER_SOURCE, type Theme } from './basemap-layers';

export { PALETTE } from './basemap-layers';

/** A collection's tile URL as MapLibre asks for it (absolute: its worker has no page to resolve against). */
const at = (collection: string) => `${location.origin}${tileUrl(collection)}`;

/** Roads and water as the server's vector tiles (OGC API – Tiles); deeper zooms reuse the zoom-16 tiles. */
export function contextSources(): Record<string, SourceSpecification> {
  return {
    [ROADS_SOURCE]: { type: 'vector', tiles: [at('roads')], minzoom: 8, maxzoom: 16 },
    [WATER_SOURCE]: { type: 'vector', tiles: [at('water')], minzoom: 8, maxzoom: 16 },
  };
}

/** District and street outlines under the map: given as GeoJSON (the editor's street, the wall's), or read as the
 *  server's vector tiles like roads ('tiles': only what is in view is fetched and parsed; a city's 200 streets as
 *  one GeoJSON kept MapLibre's single worker busy for seconds, and arrived after the style). */
export type Outlines = { districts: FeatureCollection; streets: FeatureCollection } | 'tiles';

export function builtinStyle(theme: Theme, outlines: Outlines): StyleSpecification {
  const p = PALETTE[theme];
  const tiled = outlines === 'tiles';
  const source = (id: 'districts' | 'streets'): SourceSpecification =>
    tiled ? { type: 'vector', tiles: [at(id)], minzoom: 8, maxzoom: 16 } : { type: 'geojson', data: outlines[id] };
  // A tile's layer is named after its collection.
  const of = (id: 'districts' | 'streets') => (tiled ? { source: id, 'source-layer': id } : { source: id });
  return {
    version: 8,
    sources: { districts: source('districts'), streets: source('streets'), ...contextSources() },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': p.background } },
      { id: 'district-land', type: 'fill', ...of('districts'), paint: { 'fill-color': p.land } },
      { id: 'street-land', type: 'fill', ...of('streets'), paint: { 'fill-color': p.street } },
      ...contextLayers(theme, { districts: of('districts'), streets: of('streets') }),
    ],
  };
}

export function rasterStyle(b: Basemap): StyleSpecification {
  const sources: StyleSpecification['sources'] = {};
  const layers: StyleSpecification['layers'] = [{ id: 'background', type: 'background', paint: { 'background-color': '#e9ecef' } }];
  for (const [i, r] of rasterSources(b).entries()) {
    sources[`raster-${i}`] = r;
    layers.push({ id: `raster-${i}`, type: 'raster', source: `raster-${i}` });
  }
  return { version: 8, sources, layers };
}

/** An external basemap's raster sources, bottom to top. */
export function rasterSources(b: Basemap): SourceSpecification[] {
  return (b.rasters ?? []).map((r, i) => ({
    type: 'raster',
    tiles: r.tiles,
    tileSize: b.tileSize ?? 256,
    maxzoom: b.maxZoom ?? 18,
    ...(i === 0 && b.attribution ? { attribution: b.attribution } : {}),
  }));
}
