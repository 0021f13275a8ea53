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
        radiusPixels: 70,
        intensity: 1.6,
        threshold: 0.03,
        aggregation: 'SUM',
        // Warm from the first step, so a quiet month still reads on the dark basemap.
        colorRange: [[254, 178, 76], [253, 141, 60], [252, 78, 42], [227, 26, 28], [189, 0, 38], [128, 0, 38]],
        pickable: false,
        updateTriggers: { getWeight: s.activityWindow },
      },
    },
  ];
}
