// The offline basemap's context layers, drawn by MapLibre from our own data: water, roads by class (width by
// zoom, cased), the area outlines, and road names along the lines. The names need no glyph files: a style
// without a `glyphs` URL has MapLibre 6 draw every glyph on the page with the browser's fonts (ADR 0019).
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';

export type Theme = 'dark' | 'light';

/** The fonts road names are drawn with: the first one the browser has (the same families as deck.gl's labels). */
export const ROAD_LABEL_FONTS = ['PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'sans-serif'];

export const PALETTE = {
  dark: { background: '#0b1220', land: '#131c2e', street: '#18233a', water: '#0d2a44' },
  // The land a shade below white, so white minor roads with their casing stand out at street zooms.
  light: { background: '#e4e7ea', land: '#efece6', street: '#f3f0ea', water: '#b9d3e6' },
};

interface RoadInk {
  arterial: string;
  secondary: string;
  branch: string;
  footway: string;
  casing: string;
  elevated: string;
  outline: string;
  districtOutline: string;
  text: string;
  halo: string;
  waterText: string;
}

const INK: Record<Theme, RoadInk> = {
  dark: {
    arterial: '#5d6f93', secondary: '#46556f', branch: '#36435a', footway: '#55657f', casing: '#0b1220',
    elevated: '#7a6a98', outline: '#3e5074', districtOutline: '#5a6f99', text: '#c3cde0', halo: '#0b1220', waterText: '#6f9ccc',
  },
  light: {
    arterial: '#f7d98b', secondary: '#ffffff', branch: '#ffffff', footway: '#a99c88', casing: '#b9ad97',
    elevated: '#e0b56a', outline: '#a79f92', districtOutline: '#8c8375', text: '#3f382f', halo: '#ffffff', waterText: '#2f6a9a',
  },
};

/** Road width in pixels by zoom (exponential: a road keeps its width in metres as one zooms in). */
const WIDTH: Record<string, [number, number][]> = {
  arterial: [[10, 1], [13, 2.5], [15, 6], [17, 18], [18, 30]],
  secondary: [[10, 0.5], [13, 1.6], [15, 4], [17, 12], [18, 20]],
  branch: [[12, 0.5], [14, 1.4], [15, 2.5], [17, 7], [18, 11]],
  footway: [[14, 0.8], [16, 1.5], [18, 3]],
};

const byZoom = (stops: [number, number][], plus = 0): ExpressionSpecification =>
  ['interpolate', ['exponential', 1.6], ['zoom'], ...stops.flatMap(([z, w]) => [z, w + plus])] as unknown as ExpressionSpecification;

/** The smallest zoom each class is drawn at: minor roads would only be noise over a district. */
export const ROAD_MINZOOM: Record<string, number> = { arterial: 9, secondary: 11, branch: 13, footway: 14 };

const isClass = (c: string): ExpressionSpecification => ['==', ['get', 'class'], c];
const notBarrier: ExpressionSpecification = ['!=', ['get', 'barrier'], true];

export const ROADS_SOURCE = 'roads';
export const WATER_SOURCE = 'water';

/** Layer ids this module adds, in drawing order (the editor restyles them on a theme change). */
/** A source of outlines, and its layer when it is a vector tile source. */
export interface OutlineSource {
  source: string;
  'source-layer'?: string;
}

export function contextLayers(theme: Theme, outlines: { districts?: OutlineSource; streets?: OutlineSource }): LayerSpecification[] {
  const k = INK[theme];
  const p = PALETTE[theme];
  const road = { source: ROADS_SOURCE, 'source-layer': 'roads' } as const;
  const layers: LayerSpecification[] = [
    { id: 'water-fill', type: 'fill', source: WATER_SOURCE, 'source-layer': 'water', paint: { 'fill-color': p.water } },
  ];
  // Casings first (under every road's fill), so crossings read as joined; minor roads below major ones.
  const order = ['footway', 'branch', 'secondary', 'arterial'] as const;
  for (const c of order) {
    if (c === 'footway') continue;
    layers.push({
      id: `road-${c}-casing`, type: 'line', ...road, minzoom: Math.max(ROAD_MINZOOM[c] ?? 0, 13),
      filter: ['all', isClass(c), notBarrier],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': k.casing, 'line-width': byZoom(WIDTH[c] ?? [], 2), 'line-opacity': theme === 'dark' ? 0.9 : 1 },
    });
  }
  for (const c of order) {
    layers.push({
      id: `road-${c}`, type: 'line', ...road, minzoom: ROAD_MINZOOM[c] ?? 0,
      filter: ['all', isClass(c), notBarrier],
      layout: { 'line-cap': c === 'footway' ? 'butt' : 'round', 'line-join': 'round' },
      paint: {
        'line-color': k[c],
        'line-width': byZoom(WIDTH[c] ?? []),
        ...(c === 'footway' ? { 'line-dasharray': [2, 1.5] } : {}),
      },
    });
  }
  // Elevated roads (barriers for a walker) above the ground roads, narrower, with a casing of their own.
  layers.push(
    { id: 'road-elevated-casing', type: 'line', ...road, minzoom: 12, filter: ['==', ['get', 'barrier'], true], layout: { 'line-cap': 'butt' }, paint: { 'line-color': k.casing, 'line-width': byZoom([[12, 1.5], [15, 4], [17, 9], [18, 13]], 2) } },
    { id: 'road-elevated', type: 'line', ...road, minzoom: 10, filter: ['==', ['get', 'barrier'], true], layout: { 'line-cap': 'butt' }, paint: { 'line-color': k.elevated, 'line-width': byZoom([[10, 0.8], [12, 1.5], [15, 4], [17, 9], [18, 13]]) } },
  );
  if (outlines.districts) layers.push({ id: 'district-outline', type: 'line', ...outlines.districts, paint: { 'line-color': k.districtOutline, 'line-width': byZoom([[10, 1], [16, 2.5]]), 'line-opacity': 0.9 } });
  if (outlines.streets) layers.push({ id: 'street-outline', type: 'line', ...outlines.streets, paint: { 'line-color': k.outline, 'line-width': byZoom([[10, 0.6], [16, 1.6]]), 'line-dasharray': [4, 2] } });
  // Names along the lines, major roads first (they win the collisions); repeated along long roads.
  layers.push(
    {
      id: 'road-labels', type: 'symbol', ...road, minzoom: 12,
      filter: ['all', ['has', 'name'], ['!=', ['get', 'name'], ''], ['>=', ['zoom'], ['match', ['get', 'class'], 'arterial', 12, 'secondary', 13, 'branch', 14.5, 15.5]]],
      layout: {
        'symbol-placement': 'line',
        'symbol-sort-key': ['match', ['get', 'class'], 'arterial', 0, 'secondary', 1, 'branch', 2, 3],
        'symbol-spacing': ['interpolate', ['linear'], ['zoom'], 12, 260, 18, 420],
        'text-field': ['get', 'name'],
        'text-font': ROAD_LABEL_FONTS,
        'text-size': ['interpolate', ['linear'], ['zoom'], 12, ['match', ['get', 'class'], 'arterial', 12, 11], 15, ['match', ['get', 'class'], 'arterial', 14, 'secondary', 13, 12], 18, ['match', ['get', 'class'], 'arterial', 17, 'secondary', 16, 14]],
        'text-max-angle': 30,
        'text-padding': 4,
        'text-letter-spacing': 0.08,
        'text-pitch-alignment': 'viewport',
      },
      paint: { 'text-color': k.text, 'text-halo-color': k.halo, 'text-halo-width': 2, 'text-halo-blur': 0.5 },
    },
    {
      id: 'water-labels', type: 'symbol', source: WATER_SOURCE, 'source-layer': 'water', minzoom: 12,
      filter: ['has', 'name'],
      layout: { 'text-field': ['get', 'name'], 'text-font': ROAD_LABEL_FONTS, 'text-size': ['interpolate', ['linear'], ['zoom'], 12, 12, 18, 18], 'text-letter-spacing': 0.3 },
      paint: { 'text-color': k.waterText, 'text-halo-color': p.water, 'text-halo-width': 1.5 },
    },
  );
  return layers;
}
