// MapLibre styles: dark and light drawn from our own boundaries (works with no network), or an
// external raster basemap (XYZ/WMTS, e.g. 天地图) with its attribution.
import type { StyleSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { Basemap } from '../api/types';

export const PALETTE = {
  dark: { background: '#0b1220', land: '#131c2e', street: '#18233a', water: '#0d2a44' },
  light: { background: '#e9ecef', land: '#f6f4ef', street: '#fbfaf7', water: '#b9d3e6' },
};

export function builtinStyle(theme: 'dark' | 'light', districts: FeatureCollection, streets: FeatureCollection): StyleSpecification {
  const p = PALETTE[theme];
  return {
    version: 8,
    sources: {
      districts: { type: 'geojson', data: districts },
      streets: { type: 'geojson', data: streets },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': p.background } },
      { id: 'district-land', type: 'fill', source: 'districts', paint: { 'fill-color': p.land } },
      { id: 'street-land', type: 'fill', source: 'streets', paint: { 'fill-color': p.street } },
    ],
  };
}

export function rasterStyle(b: Basemap): StyleSpecification {
  const sources: StyleSpecification['sources'] = {};
  const layers: StyleSpecification['layers'] = [{ id: 'background', type: 'background', paint: { 'background-color': '#e9ecef' } }];
  (b.rasters ?? []).forEach((r, i) => {
    sources[`raster-${i}`] = {
      type: 'raster',
      tiles: r.tiles,
      tileSize: b.tileSize ?? 256,
      maxzoom: b.maxZoom ?? 18,
      ...(i === 0 && b.attribution ? { attribution: b.attribution } : {}),
    };
    layers.push({ id: `raster-${i}`, type: 'raster', source: `raster-${i}` });
  });
  return { version: 8, sources, layers };
}
