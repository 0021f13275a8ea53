// Road classes and kinds of water: what the basemaps draw (colour and width by class) and what imports accept.
import type { Term } from './terms.js';

export const ROAD_CLASSES = ['arterial', 'secondary', 'branch', 'footway'] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];

export interface RoadClassTerm extends Term {
  /** Line width in pixels at zoom 15 on the basemaps (scaled by zoom there). */
  width: number;
  /** Casing and fill colours on the dark basemap, then on the light one. */
  dark: { fill: string; casing: string };
  light: { fill: string; casing: string };
}

export const ROAD_CLASS_TERMS: Readonly<Record<RoadClass, RoadClassTerm>> = {
  arterial: { zh: '主干道', en: 'Arterial road', width: 7, dark: { fill: '#5b6b86', casing: '#1b2333' }, light: { fill: '#ffd98a', casing: '#c9a24f' } },
  secondary: { zh: '次干道', en: 'Secondary road', width: 5, dark: { fill: '#4a5870', casing: '#1b2333' }, light: { fill: '#ffffff', casing: '#c8c8c8' } },
  branch: { zh: '支路', en: 'Branch road', width: 3, dark: { fill: '#3c4860', casing: '#1b2333' }, light: { fill: '#ffffff', casing: '#d6d6d6' } },
  footway: { zh: '步行', en: 'Footway', width: 2, dark: { fill: '#6b7a5e', casing: '#1b2333' }, light: { fill: '#e8dcc8', casing: '#c8b89e' } },
};

export const WATER_KINDS = ['river', 'lake', 'canal'] as const;
export type WaterKind = (typeof WATER_KINDS)[number];

export const WATER_KIND_TERMS: Readonly<Record<WaterKind, Term>> = {
  river: { zh: '河流', en: 'River' },
  lake: { zh: '湖泊', en: 'Lake' },
  canal: { zh: '河道', en: 'Canal' },
};
