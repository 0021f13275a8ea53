// Station reach: a circle of each station's reach in metres, or 5/10/15-minute walking bands — the server's, walked
// on the road network (one MultiPolygon per band, merged over stations), or straight-line circles merged here when
// the server's cannot be had. The selected station's own bands are outlined whatever the layers.
import type { Feature, Point } from 'geojson';
import { STATION_COLORS, type RGBA } from '../../colors';
import type { BandAreasData, LayerSpec, MapData, StationProps, StyleState } from '../types';
import { mapGeometry } from '../../coords';
import { fnKey, memoOn } from '../memo';
import { mergedBands } from './bands';

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
  // Merged bands: one area and one outline per band, widest first so the narrower (darker) ones lie on top.
  if (data.bandAreas === 'loading') return [];
  const key = `bands:${s.bandsMinutes.join(',')}:${s.walkingSpeedKmh}:${fnKey(s.toMap)}`;
  const bands = data.bandAreas ? data.bandAreas.bands : memoOn(publicStations, key, () => mergedBands(publicStations.map((f) => f.geometry.coordinates as [number, number]), s.bandsMinutes, s.walkingSpeedKmh));
  return [...bands].reverse().filter((b) => b.area).map((b) => {
    const i = bands.indexOf(b);
    const [r, g, bl, a] = BAND_COLORS[Math.min(i, BAND_COLORS.length - 1)] as RGBA;
    return {
      type: 'GeoJsonLayer' as const,
      props: {
        id: `reach-band-${b.minutes}`,
        data: [{ ...b.area, geometry: mapGeometry((b.area as NonNullable<typeof b.area>).geometry, s.toMap) }],
        filled: true,
        stroked: true,
        getFillColor: [r, g, bl, a],
        getLineColor: [r, g, bl, 230],
        getLineWidth: 2,
        lineWidthUnits: 'pixels',
        pickable: false,
      },
    };
  });
}

/** The selected station's own bands as outlines (no fill: they lie over whatever else is drawn). */
export function stationBandLayers(data: MapData, s: StyleState): LayerSpec[] {
  const own: BandAreasData | null | undefined = data.stationBands;
  if (!own) return [];
  return [...own.bands].reverse().filter((b) => b.area).map((b) => {
    const i = own.bands.indexOf(b);
    const [r, g, bl] = BAND_COLORS[Math.min(i, BAND_COLORS.length - 1)] as RGBA;
    return {
      type: 'GeoJsonLayer' as const,
      props: {
        id: `station-band-${b.minutes}`,
        data: [{ ...b.area, geometry: mapGeometry((b.area as NonNullable<typeof b.area>).geometry, s.toMap) }],
        filled: false,
        stroked: true,
        getLineColor: [r, g, bl, 255],
        getLineWidth: 3,
        lineWidthUnits: 'pixels',
        pickable: false,
      },
    };
  });
}

/** Nearest band first: the legend shows the same swatches. */
// Light fills: the bands stack (a 5-minute place is inside the 10 and 15 too), and the roads and their names
// must still read through all three.
export const BAND_COLORS: RGBA[] = [
  [255, 196, 60, 48],
  [240, 120, 50, 34],
  [200, 40, 60, 24],
];
