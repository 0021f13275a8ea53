// Enterprise density: operating enterprises (optionally only those without a party organisation) per hexagon,
// counted by the server for the view and sized for its zoom (/api/density/hexagons), coloured by enterprises
// per km² on its own blue-violet ramp with the class breaks the legend shows.
import type { LayerSpec, MapData, StyleState } from '../types';
import { memoOn, fnKey } from '../memo';
import { mapGeometry } from '../../coords';
import { DENSITY_RAMP, densityClass, perKm2 } from './cells';

type HexProps = { enterprises: number; uncovered: number; areaKm2: number };

export function densityLayers(data: MapData, s: StyleState): LayerSpec[] {
  const count = (p: HexProps) => (s.uncoveredOnly ? p.uncovered : p.enterprises);
  const hexes = memoOn(data.densityHexes.features, `${fnKey(s.toMap)}:${s.uncoveredOnly}`, () =>
    data.densityHexes.features.filter((f) => count(f.properties) > 0).map((f) => ({ ...f, geometry: mapGeometry(f.geometry, s.toMap) })));
  return [
    {
      type: 'GeoJsonLayer',
      props: {
        id: `density${s.uncoveredOnly ? '-uncovered' : ''}`,
        data: hexes,
        filled: true,
        stroked: true,
        getFillColor: (f: { properties: HexProps }) => DENSITY_RAMP[Math.max(0, densityClass(perKm2(count(f.properties), f.properties.areaKm2)))],
        getLineColor: [255, 255, 255, 40],
        getLineWidth: 1,
        lineWidthUnits: 'pixels',
        pickable: true,
      },
    },
  ];
}
