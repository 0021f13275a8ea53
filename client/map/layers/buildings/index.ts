// Buildings as 3D extrusions coloured by the chosen coverage (or party × union at once).
import type { Feature, Point, Polygon } from 'geojson';
import { bivariateColor, rateColor, NO_DATA, type RGBA } from '../../colors';
import { mapGeometry } from '../../coords';
import type { BuildingProps, LayerSpec, MapData, StyleState } from '../types';
import { fnKey, memoOn } from '../memo';

/** Reach colouring: inside a station's reach, else how far a walk the nearest public station is. */
export const REACH_COLORS = {
  served: [30, 150, 80, 235] as RGBA,
  walk10: [140, 200, 90, 235] as RGBA,
  walk15: [240, 170, 40, 235] as RGBA,
  none: [200, 22, 29, 235] as RGBA,
};

export function buildingColor(p: BuildingProps, colorBy: StyleState['colorBy']): RGBA {
  if (colorBy !== 'reach' && p.enterprises === 0) return NO_DATA;
  switch (colorBy) {
    case 'party':
      return rateColor(p.partyOrgRate);
    case 'union':
      return rateColor(p.unionRate);
    case 'work':
      return rateColor(p.workRate);
    case 'reach':
      if (p.served) return REACH_COLORS.served;
      if (p.walkBand !== null && p.walkBand <= 10) return REACH_COLORS.walk10;
      return p.walkBand !== null ? REACH_COLORS.walk15 : REACH_COLORS.none;
    case 'combined':
      return bivariateColor(p.partyOrgRate, p.unionRate);
  }
}


/** The selected building: a colour no coverage class uses. */
export const SELECTED: RGBA = [0, 210, 255, 255];

/** Metres of height per floor, exaggerated a little so low buildings still read in 3D. */
export const METRES_PER_FLOOR = 4;

export function buildingLayers(data: MapData, s: StyleState): LayerSpec[] {
  const selected = s.selection?.level === 'building' ? Number(s.selection.id) : null;
  const features = memoOn(data.buildings.features, fnKey(s.toMap), () => data.buildings.features.map((f) => ({ ...f, geometry: mapGeometry(f.geometry, s.toMap) }))) as Feature<Polygon | Point, BuildingProps>[];
  return [
    {
      type: 'GeoJsonLayer',
      props: {
        id: 'buildings',
        data: features,
        extruded: true,
        filled: true,
        stroked: false,
        wireframe: false,
        getElevation: (f: Feature<Polygon, BuildingProps>) => Math.min(300, f.properties.floors * METRES_PER_FLOOR),
        getFillColor: (f: Feature<Polygon, BuildingProps>) =>
          f.id === selected ? SELECTED : buildingColor(f.properties, s.colorBy),
        pointType: 'circle',
        getPointRadius: 20,
        material: { ambient: 0.55, diffuse: 0.6, shininess: 24 },
        pickable: true,
        updateTriggers: { getFillColor: [s.colorBy, selected] },
      },
    },
  ];
}
