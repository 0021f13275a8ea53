// What every layer function receives and returns. Layer functions are pure: data + style state in,
// deck.gl layer class name + props out; the map controller instantiates them.
import type { Feature, FeatureCollection, Geometry, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { ToMap } from '../coords';
import type { ThematicData } from './thematic/model';
import type { ClassMethod, ThematicRate } from './thematic/classes';

/** The map's layers, in drawing order, and what the buildings can be coloured by. */
export const LAYER_IDS = ['thematic', 'boundaries', 'buildings', 'stations', 'reach', 'density', 'activity', 'alliances', 'gaps'] as const;
export type LayerId = (typeof LAYER_IDS)[number];
export const COLOR_BY = ['party', 'union', 'work', 'reach', 'combined'] as const;
export type ColorBy = (typeof COLOR_BY)[number];

export type LayerType = 'GeoJsonLayer' | 'TextLayer' | 'IconLayer' | 'ScatterplotLayer' | 'HexagonLayer' | 'HeatmapLayer' | 'ArcLayer' | 'CulledLineLayer' | 'MVTLayer';

/** Where a layer reads vector tiles of an /ogc collection (OGC API – Tiles), and how it asks (auth). */
export interface TileSource {
  /** The tile URL template of a collection, with {z}/{y}/{x}. */
  url: (collection: string) => string;
  /** loaders.gl options for the tile requests: same-origin cookie, the display token, no worker from elsewhere. */
  loadOptions: Record<string, unknown>;
  /** The tile parser, run on the page (the layer's default would start a worker fetched from elsewhere). */
  loaders: unknown[];
}

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

/** Walking bands drawn by the server on the road network (/api/coverage/bands/polygons), narrowest first. */
export interface BandAreasData {
  method: 'network' | 'straight' | 'mixed';
  stations: number;
  stationsOnRoads: number;
  bands: { minutes: number; metres: number; area: Feature<MultiPolygon> | null }[];
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
  /** Operating enterprises per hexagon from the server (/api/density/hexagons), sized for the zoom. */
  densityHexes: FC<Polygon, { enterprises: number; uncovered: number; areaKm2: number }>;
  /** The focus's children and their rates, for the thematic map (null until loaded, or where there is none). */
  thematic: ThematicData | null;
  /** The focus's walking bands from the server; 'loading' draws none yet; absent: straight-line circles. */
  bandAreas?: BandAreasData | 'loading';
  /** The selected station's own bands, outlined whatever the layers (its profile is open). */
  stationBands?: BandAreasData | null;
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
  /** The view's zoom, where the page follows it: stations group and labels give way to each other by it. */
  zoom?: number;
  /** Boxes (world pixels at the zoom level) that labels keep clear of: the station marks, set by buildLayers. */
  labelMarks?: [number, number, number, number][];
  /** Multiplies label sizes (a wall across the room wants bigger names). */
  textScale?: number;
  /** Set where the page reads large collections as vector tiles (complete at every zoom, no caps); the
   *  layers then draw those from tiles instead of the GeoJSON in MapData. */
  tiles?: TileSource;
  /** Localised labels for station types and alliance kinds (tooltips, icons). */
  label: (prefix: string, code: string) => string;
  /** The map's zoom, whole levels only (so the layers are rebuilt only when it crosses one): labels thin out
   *  below it. Unset (the wall): every label. */
  labelZoom?: number;
  /** The thematic map's rate and class breaks, and how strongly it is drawn at the current zoom. */
  thematic?: { rate: ThematicRate; method: ClassMethod; strength: 'strong' | 'light' | 'off' };
}

export const EMPTY_FC = { type: 'FeatureCollection', features: [] } as const;
export type AnyFeature = Feature<Geometry, Record<string, unknown>>;

const emptyCollection = <T,>() => ({ type: 'FeatureCollection', features: [] }) as unknown as T;

/** Stable empty collections while loading, so layers never see undefined. */
export const EMPTY_DATA: MapData = {
  districts: emptyCollection(), streets: emptyCollection(), grids: emptyCollection(), businessDistricts: emptyCollection(), buildings: emptyCollection(), stations: emptyCollection(),
  enterprises: emptyCollection(), activities: emptyCollection(), alliances: emptyCollection(), gapBuildingIds: [], densityHexes: emptyCollection(), thematic: null,
};
