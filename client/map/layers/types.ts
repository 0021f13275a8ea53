// What every layer function receives and returns. Layer functions are pure: data + style state in,
// deck.gl layer class name + props out; the map controller instantiates them.
import type { Feature, FeatureCollection, Geometry, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { ToMap } from '../coords';
import type { ColorBy } from '../../app/view-state';

export type LayerType = 'GeoJsonLayer' | 'TextLayer' | 'IconLayer' | 'ScatterplotLayer' | 'HexagonLayer' | 'HeatmapLayer' | 'ArcLayer';

export interface LayerSpec {
  type: LayerType;
  props: { id: string; data: unknown; [key: string]: unknown };
}

type FC<G extends Geometry, P = Record<string, unknown>> = FeatureCollection<G, P>;

export interface BuildingProps {
  name: string;
  floors: number;
  streetCode: string;
  gridId: number | null;
  enterprises: number;
  employees: number;
  partyOrgRate: number | null;
  standaloneRate: number | null;
  workRate: number | null;
  unionRate: number | null;
  served: boolean;
  walkBand: number | null;
}

export interface StationProps {
  name: string;
  type: string;
  alsoTypes: string[];
  openTo: 'public' | 'building' | 'members';
  reachM: number | null;
}

export interface MapData {
  districts: FC<MultiPolygon>;
  streets: FC<MultiPolygon>;
  grids: FC<Polygon>;
  businessDistricts: FC<Polygon>;
  buildings: FC<Polygon | Point, BuildingProps>;
  stations: FC<Point, StationProps>;
  enterprises: FC<Point, { employees: number; partyCoverage: string | null }>;
  activities: FC<Point, { participants: number; heldAt: string; title: string }>;
  alliances: FC<MultiLineString, { name: string; kind: string }>;
  /** Building ids of the top gaps, in rank order. */
  gapBuildingIds: number[];
}

export interface StyleState {
  colorBy: ColorBy;
  reachMode: 'circles' | 'bands';
  uncoveredOnly: boolean;
  /** Activity heat window, ISO instants [from, to). */
  activityWindow: [string, string];
  theme: 'dark' | 'light';
  selection: { level: string; id: string } | null;
  /** Station reach in metres by type (from the server's reach settings). */
  reachByType: Record<string, number>;
  walkingSpeedKmh: number;
  bandsMinutes: number[];
  toMap: ToMap;
  /** Multiplies label sizes (a wall across the room wants bigger names). */
  textScale?: number;
  /** Localised labels for station types and alliance kinds (tooltips, icons). */
  label: (prefix: string, code: string) => string;
}

export const EMPTY_FC = { type: 'FeatureCollection', features: [] } as const;
export type AnyFeature = Feature<Geometry, Record<string, unknown>>;
