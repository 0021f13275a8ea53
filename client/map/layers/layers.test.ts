// Layer functions are pure: data + style in, layer props out. Tested without a browser.
import { describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection, Geometry, Point, Polygon } from 'geojson';
import { buildLayers } from './index';
import { buildingColor, REACH_COLORS, TILE_PROPERTIES } from './buildings';
import { reachLayers, reachRadiusM } from './reach';
import { densityLayers } from './density';
import { DENSITY_RAMP } from './density/cells';
import { activityLayers, inWindow } from './activity';
import { arcsOf } from './alliances';
import { gapLayers } from './gaps';
import type { BuildingProps, MapData, StationProps, StyleState } from './types';
import { identity, toMapCoords } from '../coords';
import { bivariateColor, NO_DATA, rateColor } from '../colors';
import { LAYER_IDS } from './types';

const fc = <G extends Geometry, P>(features: Feature<G, P>[]): FeatureCollection<G, P> => ({ type: 'FeatureCollection', features });
const square = (x: number, y: number): Polygon => ({ type: 'Polygon', coordinates: [[[x, y], [x + 0.001, y], [x + 0.001, y + 0.001], [x, y + 0.001], [x, y]]] });
const building = (id: number, p: Partial<BuildingProps>): Feature<Polygon, BuildingProps> => ({
  type: 'Feature', id, geometry: square(121.45 + id * 0.002, 31.23),
  properties: { name: `B${id}`, floors: 10, streetCode: '310106012', gridId: 1, enterprises: 5, employees: 100, partyOrgRate: 0.5, standaloneRate: 0.2, workRate: 0.7, unionRate: 0.4, served: true, walkBand: 5, ...p },
});
const station = (id: number, p: Partial<StationProps>): Feature<Point, StationProps> => ({
  type: 'Feature', id, geometry: { type: 'Point', coordinates: [121.45, 31.23] }, properties: { name: `S${id}`, type: 'party_service_point', alsoTypes: [], openTo: 'public', reachM: null, ...p },
});

const data: MapData = {
  districts: { type: 'FeatureCollection', features: [] }, streets: { type: 'FeatureCollection', features: [] }, grids: { type: 'FeatureCollection', features: [] }, businessDistricts: { type: 'FeatureCollection', features: [] },
  buildings: fc([building(1, {}), building(2, { enterprises: 0, partyOrgRate: null }), building(3, { partyOrgRate: 0 })]),
  stations: fc([station(1, {}), station(2, { type: 'party_service_centre' }), station(3, { openTo: 'building' }), station(4, { reachM: 777 })]),
  enterprises: fc([
    { type: 'Feature', geometry: { type: 'Point', coordinates: [121.45, 31.23] }, properties: { employees: 10, partyCoverage: 'own' } },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [121.451, 31.23] }, properties: { employees: 20, partyCoverage: 'none' } },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [121.452, 31.23] }, properties: { employees: 30, partyCoverage: 'instructor' } },
  ]),
  activities: fc([
    { type: 'Feature', geometry: { type: 'Point', coordinates: [121.45, 31.23] }, properties: { participants: 10, heldAt: '2026-03-01T04:00:00Z', title: 'a' } },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [121.45, 31.23] }, properties: { participants: 20, heldAt: '2026-05-01T04:00:00Z', title: 'b' } },
  ]),
  alliances: fc([{ type: 'Feature', geometry: { type: 'MultiLineString', coordinates: [[[1, 2], [3, 4]], [[1, 2], [5, 6]], [[9, 9]]] }, properties: { name: 'A', kind: 'pairing' } }]),
  gapBuildingIds: [3, 1],
  // Two hexagons of 0.5 km²: 3 enterprises (2 without an organisation), and 600 with none uncovered.
  densityHexes: fc([
    { type: 'Feature', geometry: square(121.45, 31.23), properties: { enterprises: 3, uncovered: 2, areaKm2: 0.5 } },
    { type: 'Feature', geometry: square(121.46, 31.23), properties: { enterprises: 600, uncovered: 0, areaKm2: 0.5 } },
  ]),
  thematic: { level: 'grid', parent: 'street:310106012', figures: [] },
};

const style: StyleState = {
  colorBy: 'party', reachMode: 'circles', uncoveredOnly: false, activityWindow: ['2026-04-01T00:00:00Z', '2026-06-01T00:00:00Z'], theme: 'dark', selection: null,
  reachByType: { party_service_point: 300, party_service_centre: 1000 }, walkingSpeedKmh: 4.5, bandsMinutes: [5, 10, 15], toMap: identity, label: (_p, c) => c,
  thematic: { rate: 'partyOrg', method: 'fixed', strength: 'strong' },
};

describe('layer functions', () => {
  it('build one or more layers for every layer id, text and icons last', () => {
    for (const id of LAYER_IDS) expect(buildLayers([id], data, style).length, id).toBeGreaterThan(0);
    const all = buildLayers([...LAYER_IDS], data, style);
    const firstOnTop = all.findIndex((l) => l.type === 'TextLayer' || l.type === 'IconLayer');
    expect(all.slice(firstOnTop).every((l) => l.type === 'TextLayer' || l.type === 'IconLayer')).toBe(true);
    expect(buildLayers([], data, style)).toEqual([]);
  });

  it('colour buildings by the chosen coverage, grey without enterprises, and party × union at once', () => {
    const p = data.buildings.features.map((f) => f.properties);
    expect(buildingColor(p[0] as BuildingProps, 'party')).toEqual(rateColor(0.5));
    expect(buildingColor(p[0] as BuildingProps, 'union')).toEqual(rateColor(0.4));
    expect(buildingColor(p[0] as BuildingProps, 'work')).toEqual(rateColor(0.7));
    expect(buildingColor(p[1] as BuildingProps, 'party')).toEqual(NO_DATA);
    expect(buildingColor(p[0] as BuildingProps, 'combined')).toEqual(bivariateColor(0.5, 0.4));
    expect(buildingColor({ ...(p[0] as BuildingProps), served: false, walkBand: null }, 'reach')).toEqual(REACH_COLORS.none);
    expect(buildingColor({ ...(p[0] as BuildingProps), served: false, walkBand: 15 }, 'reach')).toEqual(REACH_COLORS.walk15);
    expect(rateColor(0)).not.toEqual(rateColor(1));
    expect(bivariateColor(0.9, 0.1)).not.toEqual(bivariateColor(0.1, 0.9));
  });

  it('ask building tiles for only what they are drawn with, and colour and raise them the same from it', () => {
    const tiles = { url: (c: string) => `/ogc/collections/${c}/tiles/WebMercatorQuad/{z}/{y}/{x}`, loadOptions: {}, loaders: [] };
    const [layer] = buildLayers(['buildings'], data, { ...style, tiles, zoom: 12 });
    const url = new URL(String(layer?.props.data), 'http://x');
    expect(url.searchParams.get('properties')?.split(',')).toEqual([...TILE_PROPERTIES]);
    type Accessor<T> = (f: { properties: Record<string, unknown> }) => T;
    const getElevation = layer?.props.getElevation as Accessor<number>;
    for (const f of data.buildings.features) {
      const sent = Object.fromEntries(Object.entries(f.properties).filter(([k, v]) => (TILE_PROPERTIES as readonly string[]).includes(k) && v !== null));
      for (const colorBy of ['party', 'union', 'work', 'reach', 'combined'] as const) {
        const [l] = buildLayers(['buildings'], data, { ...style, colorBy, tiles, zoom: 12 });
        expect((l?.props.getFillColor as Accessor<unknown>)({ properties: sent }), colorBy).toEqual(buildingColor(f.properties, colorBy));
      }
      expect(getElevation({ properties: sent })).toBe(f.properties.floors * 4);
    }
  });

  it('draw reach circles by type (own reach_m first), skip building-only stations, or 5/10/15-minute bands', () => {
    const [circles] = reachLayers(data, style);
    expect((circles?.props.data as unknown[]).length).toBe(3);
    expect(reachRadiusM(data.stations.features[1]?.properties as StationProps, style.reachByType)).toBe(1000);
    expect(reachRadiusM(data.stations.features[3]?.properties as StationProps, style.reachByType)).toBe(777);
    const bands = reachLayers(data, { ...style, reachMode: 'bands' });
    expect(bands.map((b) => b.props.id)).toEqual(['reach-band-15', 'reach-band-10', 'reach-band-5']);
  });

  it("draw the server's density hexagons, only those with uncovered enterprises when asked, coloured per km²", () => {
    type Hex = { properties: { enterprises: number; uncovered: number; areaKm2: number } };
    const all = densityLayers(data, style)[0]?.props;
    expect((all?.data as Hex[]).length).toBe(2);
    const only = densityLayers(data, { ...style, uncoveredOnly: true })[0]?.props;
    expect((only?.data as Hex[]).map((h) => h.properties.uncovered)).toEqual([2]);
    // 3 / 0.5 km² = 6 per km² (first class); 600 / 0.5 = 1,200 per km² (fourth class).
    const colour = all?.getFillColor as (h: Hex) => unknown;
    expect((all?.data as Hex[]).map(colour)).toEqual([DENSITY_RAMP[0], DENSITY_RAMP[3]]);
  });

  it('keep only activities inside the time window', () => {
    expect((activityLayers(data, style)[0]?.props.data as unknown[]).length).toBe(1);
    expect(inWindow('2026-04-01T00:00:00Z', style.activityWindow)).toBe(true);
    expect(inWindow('2026-06-01T00:00:00Z', style.activityWindow)).toBe(false);
  });

  it('turn alliance lines into arcs and ring the top gaps with their rank', () => {
    expect(arcsOf(data.alliances.features)).toEqual([
      { source: [1, 2], target: [3, 4], kind: 'pairing', name: 'A' },
      { source: [1, 2], target: [5, 6], kind: 'pairing', name: 'A' },
    ]);
    const [outline, ranks] = gapLayers(data, style);
    expect((outline?.props.data as { id: number }[]).map((f) => f.id)).toEqual([1, 3]);
    expect((ranks?.props.data as { rank: number }[]).map((r) => r.rank).sort()).toEqual([1, 2]);
  });

  it('shift overlays for a GCJ-02 basemap', () => {
    const shifted = toMapCoords('gcj02')([121.45, 31.23]);
    expect(Math.abs(shifted[0] - 121.45)).toBeGreaterThan(0.001);
    expect(Math.abs(shifted[0] - 121.45)).toBeLessThan(0.01);
    const [layer] = buildLayers(['stations'], data, { ...style, toMap: toMapCoords('gcj02') });
    const pos = (layer?.props.getPosition as (f: unknown) => [number, number])(data.stations.features[0]);
    expect(pos).toEqual(shifted);
  });
});
