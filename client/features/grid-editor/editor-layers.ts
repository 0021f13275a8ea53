// The grid editor's own sources and layers (grids, context, history and problem overlays, the locked street
// outline), added once to its map; EditorMap fills the sources.
import type * as maplibregl from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { Basemap } from '../../api/types';
import { rasterSources } from '../../map/basemap';
import { contextLayers, PALETTE } from '../../map/basemap-layers';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** An 8×8 diagonal hatch for overlaps and parts outside (drawn as pixels: no sprite to fetch). */
function hatch(rgb: [number, number, number]): { width: number; height: number; data: Uint8Array } {
  const n = 8;
  const data = new Uint8Array(n * n * 4);
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      const on = (x + y) % n < 2;
      const i = (y * n + x) * 4;
      data.set(on ? [...rgb, 235] : [...rgb, 60], i);
    }
  return { width: n, height: n, data };
}

/** Adds the editor's sources (empty) and layers, bottom to top; TerraDraw renders below 'ghost-line'. */
export function addEditorLayers(m: maplibregl.Map): void {
  m.addImage('hatch-red', hatch([230, 40, 40]));
  // Grids are keyed by their key, so a selection is a feature state, not a new copy of every grid.
  m.addSource('grids', { type: 'geojson', data: EMPTY, promoteId: 'key' });
  for (const id of ['buildings', 'stations', 'ghost', 'diff', 'problems', 'problem-points', 'focus']) m.addSource(id, { type: 'geojson', data: EMPTY });
  m.addLayer({ id: 'grids-fill', type: 'fill', source: 'grids', paint: { 'fill-color': ['get', 'color'], 'fill-opacity': ['case', ['boolean', ['feature-state', 'selected'], false], 0.12, 0.3] } });
  m.addLayer({ id: 'grids-line', type: 'line', source: 'grids', paint: { 'line-color': '#ffffff', 'line-width': 1.5, 'line-opacity': 0.85 } });
  m.addLayer({ id: 'buildings-fill', type: 'fill', source: 'buildings', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#c9d3e3', 'fill-opacity': 0.75, 'fill-outline-color': '#4a5870' } });
  m.addLayer({ id: 'buildings-point', type: 'circle', source: 'buildings', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 3, 'circle-color': '#c9d3e3', 'circle-stroke-color': '#4a5870', 'circle-stroke-width': 1 } });
  m.addLayer({ id: 'stations', type: 'circle', source: 'stations', paint: { 'circle-radius': 5, 'circle-color': '#d4a017', 'circle-stroke-color': '#8e0e14', 'circle-stroke-width': 2 } });
  // Overlays above the editable grid (TerraDraw renders below 'ghost-line').
  m.addLayer({ id: 'ghost-line', type: 'line', source: 'ghost', paint: { 'line-color': '#7fd3ff', 'line-width': 2, 'line-dasharray': [2, 2] } });
  m.addLayer({ id: 'diff-fill', type: 'fill', source: 'diff', paint: { 'fill-color': '#d63af9', 'fill-opacity': 0.45 } });
  m.addLayer({ id: 'problems-hatch', type: 'fill', source: 'problems', filter: ['in', ['get', 'kind'], ['literal', ['overlap', 'outside']]], paint: { 'fill-pattern': 'hatch-red' } });
  m.addLayer({ id: 'problems-gap', type: 'fill', source: 'problems', filter: ['==', ['get', 'kind'], 'gap'], paint: { 'fill-color': '#ff9800', 'fill-opacity': 0.75 } });
  m.addLayer({ id: 'problems-line', type: 'line', source: 'problems', paint: { 'line-color': ['match', ['get', 'kind'], 'gap', '#ff9800', 'sliver', '#ffd54f', '#ff1744'], 'line-width': ['match', ['get', 'kind'], 'sliver', 3, 'invalid', 3, 1.5], 'line-dasharray': ['literal', [2, 1]] } });
  m.addLayer({ id: 'problem-points', type: 'circle', source: 'problem-points', paint: { 'circle-radius': 6, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#ff1744', 'circle-stroke-width': 3 } });
  m.addLayer({ id: 'focus-line', type: 'line', source: 'focus', paint: { 'line-color': '#ffffff', 'line-width': 3 } });
  // The street outline is locked: drawn heavy and distinct, never in TerraDraw.
  m.addLayer({ id: 'street-casing', type: 'line', source: 'streets', paint: { 'line-color': '#5a0a0e', 'line-width': 6 } });
  m.addLayer({ id: 'street-line', type: 'line', source: 'streets', paint: { 'line-color': '#d4a017', 'line-width': 3, 'line-dasharray': [3, 1.5] } });
}

/** Layers of our own basemap, hidden under a raster one. */
const OWN_BASEMAP = (id: string) => id === 'district-land' || id === 'street-land' || id.startsWith('road-') || id.startsWith('water-');

/** Our dark or light basemap restyled in place (the editing layers stay), or a raster one under the outline; takes
 *  the raster layers added before and returns how many are there now. */
export function restyleBasemap(m: maplibregl.Map, b: Basemap, rasterCount: number): number {
  for (let i = 0; i < rasterCount; i++) {
    if (m.getLayer(`raster-${i}`)) m.removeLayer(`raster-${i}`);
    if (m.getSource(`raster-${i}`)) m.removeSource(`raster-${i}`);
  }
  const rasters = b.kind === 'raster' ? rasterSources(b) : [];
  rasters.forEach((src, i) => {
    m.addSource(`raster-${i}`, src);
    m.addLayer({ id: `raster-${i}`, type: 'raster', source: `raster-${i}` }, 'district-land');
  });
  const p = PALETTE[b.theme];
  m.setPaintProperty('background', 'background-color', p.background);
  m.setPaintProperty('district-land', 'fill-color', p.land);
  m.setPaintProperty('street-land', 'fill-color', p.street);
  for (const l of contextLayers(b.theme, { districts: { source: 'districts' }, streets: { source: 'streets' } })) {
    if (!m.getLayer(l.id)) continue;
    for (const [k, v] of Object.entries(('paint' in l ? l.paint : undefined) ?? {})) m.setPaintProperty(l.id, k as never, v as never);
  }
  for (const l of m.getStyle().layers) if (OWN_BASEMAP(l.id)) m.setLayoutProperty(l.id, 'visibility', rasters.length ? 'none' : 'visible');
  return rasters.length;
}
