// Activity heat weighted by participants, within a time window.
import type { Feature, Point } from 'geojson';
import type { LayerSpec, MapData, StyleState } from '../types';

type A = Feature<Point, { participants: number; heldAt: string }>;

export function inWindow(heldAt: string, [from, to]: [string, string]): boolean {
  return heldAt >= from && heldAt < to;
}

export function activityLayers(data: MapData, s: StyleState): LayerSpec[] {
  const points = data.activities.features.filter((f) => inWindow(f.properties.heldAt, s.activityWindow));
  return [
    {
      type: 'HeatmapLayer',
      props: {
        id: 'activity-heat',
        data: points,
        getPosition: (f: A) => s.toMap(f.geometry.coordinates as [number, number]),
        getWeight: (f: A) => f.properties.participants,
        radiusPixels: 45,
        intensity: 1.2,
        threshold: 0.04,
        aggregation: 'SUM',
        colorRange: [[255, 245, 200], [254, 217, 118], [253, 141, 60], [240, 59, 32], [200, 22, 29], [128, 0, 38]],
        pickable: false,
        updateTriggers: { getWeight: s.activityWindow },
      },
    },
  ];
}
