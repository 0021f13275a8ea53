// Buildings as 3D extrusions coloured by the chosen coverage (or party × union at once).
import type { Feature, Point, Polygon } from 'geojson';
import { bivariateColor, rateColor, NO_DATA, type RGBA } from '../../colors';
import { identity, mapGeometry } from '../../coords';
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

/** A tile carries no nulls (MVT has none): absent figures read as null, as the items give them. */
export function tileBuildingProps(p: Record<string, unknown>): BuildingProps {
  const n = (v: unknown) => (v === undefined ? null : (v as number));
  return {
    name: String(p.name ?? ''), floors: Number(p.floors ?? 0), streetCode: String(p.streetCode ?? ''), gridId: n(p.gridId),
    enterprises: Number(p.enterprises ?? 0), employees: Number(p.employees ?? 0), partyOrgRate: n(p.partyOrgRate), standaloneRate: n(p.standaloneRate),
    workRate: n(p.workRate), unionRate: n(p.unionRate), served: p.served === true, walkBand: n(p.walkBand),
  };
}

/** What the map reads of a building in a tile: its colour (the coverage figures), its height (floors) and its
 *  tooltip (name). Asked by name (`properties`, OGC API – Features Part 6), so the addresses, managers and codes
 *  (the profile reads them by id) are neither cut nor sent: on the city a zoom-12 view's tiles took ~1.8× as long
 *  on PGlite with every property, and were a quarter larger. */
export const TILE_PROPERTIES = ['name', 'floors', 'enterprises', 'partyOrgRate', 'unionRate', 'workRate', 'served', 'walkBand'] as const;

/** Below this zoom single buildings are too small to draw (the page shows areas there). */
export const BUILDINGS_MIN_ZOOM = 12;
/** Tiles of 256 px: a tile level one deeper than the view's zoom, so no tile holds a whole dense district. */
const TILE_SIZE = 256;
/** Deeper than this the level's tiles are drawn magnified: they already hold every building outline. */
const TILE_MAX_ZOOM = 17;
/** Buildings stand up in 3D from this zoom. Below it a city's view holds ~50,000 of them, each a few pixels wide:
 *  their walls add nothing one can see but several times the vertices to every frame (seconds a frame on software
 *  WebGL), so they are drawn as flat footprints. */
export const EXTRUDED_FROM_ZOOM = 13;

export function buildingLayers(data: MapData, s: StyleState): LayerSpec[] {
  const selected = s.selection?.level === 'building' ? Number(s.selection.id) : null;
  // Tiles are cut in WGS84 Web Mercator; a basemap needing shifted coordinates (GCJ-02) keeps the GeoJSON path.
  if (s.tiles && s.toMap === identity) {
    return [
      {
        type: 'MVTLayer',
        props: {
          id: 'buildings',
          data: `${s.tiles.url('buildings')}?properties=${TILE_PROPERTIES.join(',')}`,
          loadOptions: s.tiles.loadOptions,
          loaders: s.tiles.loaders,
          // Tiles arrive as flat arrays, triangulated in the worker (client/api/tiles.ts); accessors get {properties}
          // and the selected building is highlighted by its feature id.
          binary: true,
          highlightedFeatureId: selected,
          highlightColor: SELECTED,
          tileSize: TILE_SIZE,
          // minZoom alone would hide the layer below it by the view's zoom (12.3 < 13); the tiles asked for are one
          // level deeper anyway (256 px), so the view's zoom decides: from BUILDINGS_MIN_ZOOM on.
          minZoom: BUILDINGS_MIN_ZOOM,
          visibleMinZoom: BUILDINGS_MIN_ZOOM,
          maxZoom: TILE_MAX_ZOOM,
          extruded: s.zoom === undefined || s.zoom >= EXTRUDED_FROM_ZOOM,
          filled: true,
          stroked: false,
          wireframe: false,
          getElevation: (f: Feature<Polygon>) => Math.min(300, Number(f.properties?.floors ?? 0) * METRES_PER_FLOOR),
          getFillColor: (f: Feature<Polygon, Record<string, unknown>>) => buildingColor(tileBuildingProps(f.properties), s.colorBy),
          pointType: 'circle',
          getPointRadius: 20,
          material: { ambient: 0.55, diffuse: 0.6, shininess: 24 },
          pickable: true,
          updateTriggers: { getFillColor: [s.colorBy] },
        },
      },
    ];
  }
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
