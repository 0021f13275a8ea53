// Enterprise density: hexagons weighted by employees, optionally only enterprises without a party organisation.
import type { Feature, Point } from 'geojson';
import type { LayerSpec, MapData, StyleState } from '../types';

type E = Feature<Point, { employees: number; partyCoverage: string | null }>;

export const UNCOVERED = new Set(['none', 'instructor']);

export function densityLayers(data: MapData, s: StyleState): LayerSpec[] {
  const points = s.uncoveredOnly ? data.enterprises.features.filter((f) => UNCOVERED.has(String(f.properties.partyCoverage))) : data.enterprises.features;
  return [
    {
      type: 'HexagonLayer',
      props: {
        id: `density${s.uncoveredOnly ? '-uncovered' : ''}`,
        data: points,
        getPosition: (f: E) => s.toMap(f.geometry.coordinates as [number, number]),
        getColorWeight: (f: E) => f.properties.employees,
        colorAggregation: 'SUM',
        getElevationWeight: (f: E) => f.properties.employees,
        elevationAggregation: 'SUM',
        radius: 90,
        coverage: 0.9,
        extruded: false,
        opacity: 0.55,
        colorRange: s.uncoveredOnly
          ? [[254, 229, 217], [252, 187, 161], [252, 146, 114], [251, 106, 74], [222, 45, 38], [165, 15, 21]]
          : [[255, 255, 204], [255, 237, 160], [254, 217, 118], [254, 178, 76], [253, 141, 60], [227, 26, 28]],
        pickable: false,
      },
    },
  ];
}
