// Station reach: a circle of each station's reach in metres, or 5/10/15-minute walking bands.
import type { Feature, Point } from 'geojson';
import { STATION_COLORS, type RGBA } from '../../colors';
import type { LayerSpec, MapData, StationProps, StyleState } from '../types';

export function reachRadiusM(p: StationProps, reachByType: Record<string, number>): number {
  if (p.reachM != null) return p.reachM;
  return Math.max(...[p.type, ...p.alsoTypes].map((t) => reachByType[t] ?? 0));
}

export function reachLayers(data: MapData, s: StyleState): LayerSpec[] {
  const pos = (f: Feature<Point, StationProps>) => s.toMap(f.geometry.coordinates as [number, number]);
  const publicStations = data.stations.features.filter((f) => f.properties.openTo === 'public');
  if (s.reachMode === 'circles') {
    return [
      {
        type: 'ScatterplotLayer',
        props: {
          id: 'reach-circles',
          data: publicStations,
          getPosition: pos,
          getRadius: (f: Feature<Point, StationProps>) => reachRadiusM(f.properties, s.reachByType),
          radiusUnits: 'meters',
          filled: true,
          stroked: true,
          getFillColor: (f: Feature<Point, StationProps>) => [...(STATION_COLORS[f.properties.type] ?? [200, 22, 29, 255]).slice(0, 3), 30] as RGBA,
          getLineColor: (f: Feature<Point, StationProps>) => [...(STATION_COLORS[f.properties.type] ?? [200, 22, 29, 255]).slice(0, 3), 200] as RGBA,
          lineWidthUnits: 'pixels',
          getLineWidth: 1.5,
          pickable: false,
          updateTriggers: { getRadius: [JSON.stringify(s.reachByType)] },
        },
      },
    ];
  }
  const metresPerMinute = (s.walkingSpeedKmh * 1000) / 60;
  // Widest band first, so the narrower, more opaque ones draw on top.
  return [...s.bandsMinutes].sort((a, b) => b - a).map((minutes, i, all) => ({
    type: 'ScatterplotLayer' as const,
    props: {
      id: `reach-band-${minutes}`,
      data: publicStations,
      getPosition: pos,
      getRadius: minutes * metresPerMinute,
      radiusUnits: 'meters',
      filled: true,
      stroked: true,
      getFillColor: [200, 22, 29, 18 + 14 * i] as RGBA,
      getLineColor: [212, 160, 23, 120 + (60 * i) / Math.max(1, all.length - 1)] as RGBA,
      getLineWidth: 1,
      lineWidthUnits: 'pixels',
      pickable: false,
    },
  }));
}
