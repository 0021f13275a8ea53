// Stations: an icon per type. Where icons would overlap at the zoom level (3,000 of them over a city at zoom 12)
// they are grouped into one badge with their count, which frames its members when clicked; from zoom 15 each lone
// station carries its name, where the name collides with none already placed.
import type { Feature, Point } from 'geojson';
import type { LayerSpec, MapData, StationProps, StyleState } from '../types';
import { LABEL_FONT } from '../boundaries';
import { placeLabels, type Box, type Placeable } from '../labels';
import { worldPixel } from '../screen';
import { fnKey, memoOn } from '../memo';
import { clusterPoints } from './cluster';
import { ICON_SIZE, clusterIconUrl, stationIconUrl } from './icons';

type S = Feature<Point, StationProps>;

/** Icons closer than this many pixels at the zoom level are one badge. */
export const CLUSTER_RADIUS_PX = 56;
/** From this zoom on every station is its own icon (a few sharing one building may touch). */
export const UNCLUSTERED_FROM_ZOOM = 17;
/** Stations from this zoom on: below it a city's badges would cover the thematic map that shows the areas there. */
export const STATIONS_MIN_ZOOM = 11;
/** Names from this zoom on (below it the icons say enough). */
export const STATION_LABEL_MIN_ZOOM = 15;
const ICON_PX = 30;

/** A badge of several stations: where it is drawn, how many, and the box its members fill (a click frames it). */
export interface StationCluster {
  at: [number, number];
  count: number;
  bbox: [number, number, number, number];
}

export function stationGroups(stations: S[], zoom: number): { singles: S[]; clusters: StationCluster[] } {
  const pos = (f: S) => f.geometry.coordinates as [number, number];
  if (zoom >= UNCLUSTERED_FROM_ZOOM) return { singles: stations, clusters: [] };
  const singles: S[] = [];
  const clusters: StationCluster[] = [];
  // In id order, so the same stations make the same badges whichever tiles brought them.
  const byId = [...stations].sort((a, b) => Number(a.id) - Number(b.id));
  for (const g of clusterPoints(byId, pos, zoom, CLUSTER_RADIUS_PX)) {
    if (g.members.length === 1) singles.push(g.members[0] as S);
    else {
      const xs = g.members.map((m) => pos(m)[0]);
      const ys = g.members.map((m) => pos(m)[1]);
      clusters.push({ at: g.at, count: g.members.length, bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] });
    }
  }
  return { singles, clusters };
}

/** Badge size in pixels: grows with the count, slowly. */
export const clusterSize = (n: number): number => Math.min(50, 28 + 4 * Math.log2(n));

/** Where the station icons and badges are at the zoom level (world pixels): other labels keep clear of them. */
export function stationMarks(data: MapData, s: StyleState): Box[] {
  if (s.zoom === undefined) return [];
  const zoom = Math.floor(s.zoom);
  if (zoom < STATIONS_MIN_ZOOM) return [];
  const { singles, clusters } = memoOn(data.stations, `groups:${zoom}`, () => stationGroups(data.stations.features as S[], zoom));
  return memoOn(data.stations, `marks:${zoom}:${fnKey(s.toMap)}`, () => {
    const box = (at: [number, number], size: number): Box => {
      const [x, y] = worldPixel(s.toMap(at), zoom);
      return [x - size / 2, y - size / 2, x + size / 2, y + size / 2];
    };
    return [...singles.map((f) => box(f.geometry.coordinates as [number, number], ICON_PX)), ...clusters.map((c) => box(c.at, clusterSize(c.count)))];
  });
}

const icon = (f: S) => ({ id: f.properties.type, url: stationIconUrl(f.properties.type), width: ICON_SIZE, height: ICON_SIZE });

export function stationLayers(data: MapData, s: StyleState): LayerSpec[] {
  const stations = data.stations.features as S[];
  const common = { sizeUnits: 'pixels', billboard: true, parameters: { depthCompare: 'always' } };
  // Without a zoom (the wall frames one street) every station is drawn, as it always was.
  if (s.zoom === undefined) {
    return [{ type: 'IconLayer', props: { id: 'stations', data: stations, getPosition: (f: S) => s.toMap(f.geometry.coordinates as [number, number]), getIcon: icon, getSize: ICON_PX, pickable: true, ...common } }];
  }
  const zoom = Math.floor(s.zoom);
  if (zoom < STATIONS_MIN_ZOOM) return [];
  const { singles, clusters } = memoOn(data.stations, `groups:${zoom}`, () => stationGroups(stations, zoom));
  const labels = memoOn(data.stations, `labels:${zoom}:${fnKey(s.toMap)}:${s.textScale ?? 1}`, () =>
    zoom < STATION_LABEL_MIN_ZOOM
      ? []
      : placeLabels(
          singles.map((f): Placeable => ({ text: f.properties.name, at: s.toMap(f.geometry.coordinates as [number, number]), size: 12 * (s.textScale ?? 1), offset: [0, 24], priority: 0 })),
          zoom,
        ),
  );
  const dark = s.theme === 'dark';
  return [
    {
      type: 'IconLayer',
      props: {
        id: 'stations',
        data: singles,
        getPosition: (f: S) => s.toMap(f.geometry.coordinates as [number, number]),
        getIcon: icon,
        getSize: ICON_PX,
        pickable: true,
        // Drawn over the 3D buildings so a station inside a tower stays visible.
        ...common,
      },
    },
    {
      type: 'IconLayer',
      props: {
        id: 'stations-clusters',
        data: clusters,
        getPosition: (c: StationCluster) => s.toMap(c.at),
        getIcon: () => ({ id: 'cluster', url: clusterIconUrl(), width: ICON_SIZE, height: ICON_SIZE }),
        getSize: (c: StationCluster) => clusterSize(c.count),
        pickable: true,
        ...common,
      },
    },
    {
      type: 'TextLayer',
      props: {
        id: 'stations-cluster-counts',
        data: clusters,
        getText: (c: StationCluster) => String(c.count),
        getPosition: (c: StationCluster) => s.toMap(c.at),
        getSize: (c: StationCluster) => Math.max(12, clusterSize(c.count) * 0.42),
        getColor: [255, 255, 255, 255],
        fontFamily: LABEL_FONT,
        fontWeight: 700,
        getTextAnchor: 'middle',
        getAlignmentBaseline: 'center',
        pickable: false,
        ...common,
      },
    },
    {
      type: 'TextLayer',
      props: {
        id: 'stations-labels',
        data: labels,
        getText: (l: Placeable) => l.text,
        getPosition: (l: Placeable) => l.at,
        getSize: (l: Placeable) => l.size,
        getPixelOffset: (l: Placeable) => l.offset ?? [0, 0],
        getColor: dark ? [255, 236, 200, 255] : [120, 20, 20, 255],
        characterSet: 'auto',
        fontFamily: LABEL_FONT,
        fontWeight: 600,
        outlineWidth: 3,
        outlineColor: dark ? [10, 14, 24, 240] : [255, 255, 255, 240],
        fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
        getTextAnchor: 'middle',
        getAlignmentBaseline: 'center',
        pickable: false,
        ...common,
      },
    },
  ];
}
