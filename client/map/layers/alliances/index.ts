// Alliance arcs: from each alliance's lead member to every other member.
import type { MultiLineString, Feature } from 'geojson';
import { ALLIANCE_KINDS, ALLIANCE_KIND_TERMS } from '../../../../server/domain/vocabulary';
import { rgba, type RGBA } from '../../colors';
import type { LayerSpec, MapData, StyleState } from '../types';
import { memoOn } from '../memo';

export const ALLIANCE_COLORS: Record<string, RGBA> = Object.fromEntries(ALLIANCE_KINDS.map((k) => [k, rgba(ALLIANCE_KIND_TERMS[k].colour, 230)]));

export interface Arc {
  source: [number, number];
  target: [number, number];
  kind: string;
  name: string;
}

export function arcsOf(features: Feature<MultiLineString, { name: string; kind: string }>[]): Arc[] {
  return features.flatMap((f) =>
    f.geometry.coordinates
      .filter((line) => line.length >= 2)
      .map((line) => ({ source: line[0] as [number, number], target: line[line.length - 1] as [number, number], kind: f.properties.kind, name: f.properties.name })),
  );
}

export function allianceLayers(data: MapData, s: StyleState): LayerSpec[] {
  return [
    {
      type: 'ArcLayer',
      props: {
        id: 'alliances',
        data: memoOn(data.alliances.features, 'arcs', () => arcsOf(data.alliances.features)),
        getSourcePosition: (a: Arc) => s.toMap(a.source),
        getTargetPosition: (a: Arc) => s.toMap(a.target),
        getSourceColor: (a: Arc) => ALLIANCE_COLORS[a.kind] ?? [255, 255, 255, 200],
        getTargetColor: (a: Arc) => ALLIANCE_COLORS[a.kind] ?? [255, 255, 255, 200],
        getWidth: 2.5,
        getHeight: 0.6,
        greatCircle: false,
        pickable: true,
      },
    },
  ];
}
