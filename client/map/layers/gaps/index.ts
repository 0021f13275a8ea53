// The top gaps: their buildings ringed in red with their rank.
import type { Feature, Point, Polygon } from 'geojson';
import { mapGeometry } from '../../coords';
import { labelPoint } from '../geometry';
import { LABEL_FONT } from '../boundaries';
import type { BuildingProps, LayerSpec, MapData, StyleState } from '../types';

export function gapLayers(data: MapData, s: StyleState): LayerSpec[] {
  const rank = new Map(data.gapBuildingIds.map((id, i) => [id, i + 1]));
  const hit = data.buildings.features.filter((f) => rank.has(Number(f.id))) as Feature<Polygon | Point, BuildingProps>[];
  const labels = hit.map((f) => ({ rank: rank.get(Number(f.id)) as number, at: s.toMap(labelPoint(f.geometry)), floors: f.properties.floors }));
  return [
    {
      type: 'GeoJsonLayer',
      props: {
        id: 'gaps-outline',
        data: hit.map((f) => ({ ...f, geometry: mapGeometry(f.geometry, s.toMap) })),
        filled: false,
        stroked: true,
        getLineColor: [255, 40, 40, 255],
        getLineWidth: 4,
        lineWidthUnits: 'pixels',
        pickable: false,
        parameters: { depthCompare: 'always' },
      },
    },
    {
      type: 'TextLayer',
      props: {
        id: 'gaps-rank',
        data: labels,
        getText: (d: { rank: number }) => String(d.rank),
        getPosition: (d: { at: [number, number]; floors: number }) => [...d.at, d.floors * 4 + 8],
        getSize: 20,
        getColor: [255, 255, 255, 255],
        background: true,
        getBackgroundColor: [200, 22, 29, 240],
        backgroundPadding: [6, 2],
        fontFamily: LABEL_FONT,
        fontWeight: 700,
        characterSet: '0123456789',
        sizeUnits: 'pixels',
        pickable: false,
        parameters: { depthCompare: 'always' },
      },
    },
  ];
}
