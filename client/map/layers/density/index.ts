// Enterprise density: how many enterprises (optionally only those without a party organisation) lie in
// each 250 m cell, on its own blue-violet ramp with the class breaks the legend shows.
import type { Feature, Point } from 'geojson';
import type { LayerSpec, MapData, StyleState } from '../types';
import { memoOn } from '../memo';
import { DENSITY_RAMP, densityCells, densityClass, type Cell } from './cells';

type E = Feature<Point, { employees: number; partyCoverage: string | null }>;

export const UNCOVERED = new Set(['none', 'instructor']);
export const DENSITY_CELL_M = 250;

export function densityLayers(data: MapData, s: StyleState): LayerSpec[] {
  const cells = memoOn(data.enterprises.features, `cells:${s.uncoveredOnly}`, () => {
    const points = s.uncoveredOnly ? data.enterprises.features.filter((f) => UNCOVERED.has(String(f.properties.partyCoverage))) : data.enterprises.features;
    return densityCells(points.map((f: E) => f.geometry.coordinates as [number, number]), DENSITY_CELL_M);
  });
  return [
    {
      type: 'GeoJsonLayer',
      props: {
        id: `density${s.uncoveredOnly ? '-uncovered' : ''}`,
        data: cells.map((c: Cell) => ({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [c.polygon.map((p) => s.toMap(p))] }, properties: { count: c.count } })),
        filled: true,
        stroked: true,
        getFillColor: (f: { properties: { count: number } }) => DENSITY_RAMP[Math.max(0, densityClass(f.properties.count))],
        getLineColor: [255, 255, 255, 40],
        getLineWidth: 1,
        lineWidthUnits: 'pixels',
        pickable: true,
      },
    },
  ];
}
