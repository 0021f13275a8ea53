// Stations: an icon per type.
import type { Feature, Point } from 'geojson';
import type { LayerSpec, MapData, StationProps, StyleState } from '../types';
import { ICON_SIZE, stationIconUrl } from './icons';

export function stationLayers(data: MapData, s: StyleState): LayerSpec[] {
  return [
    {
      type: 'IconLayer',
      props: {
        id: 'stations',
        data: data.stations.features,
        getPosition: (f: Feature<Point, StationProps>) => s.toMap(f.geometry.coordinates as [number, number]),
        getIcon: (f: Feature<Point, StationProps>) => ({ id: f.properties.type, url: stationIconUrl(f.properties.type), width: ICON_SIZE, height: ICON_SIZE }),
        getSize: 30,
        sizeUnits: 'pixels',
        billboard: true,
        pickable: true,
        // Drawn over the 3D buildings so a station inside a tower stays visible.
        parameters: { depthCompare: 'always' },
      },
    },
  ];
}
