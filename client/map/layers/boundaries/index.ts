// Boundaries: streets, work grids and business districts as lines (districts as a faint outline), with
// Chinese labels drawn by deck.gl's TextLayer from the system's CJK fonts (no glyph files needed).
import type { Geometry } from 'geojson';
import { mapGeometry } from '../../coords';
import { bboxOf, labelPoint, ringSegments, segmentChunks } from '../geometry';
import { fnKey, memoOn } from '../memo';
import type { LayerSpec, MapData, StyleState } from '../types';
import type { RGBA } from '../../colors';
import { placeLabels } from '../labels';

interface Label {
  text: string;
  at: [number, number];
  size: number;
  offset: [number, number];
  color: RGBA;
  /** Placement order where labels collide: streets, then grids, then business districts. */
  priority: number;
  minZoom: number;
}

/** Grid names from this zoom, business districts' from the next (a city at zoom 12 holds 2,000 grids). */
export const GRID_LABEL_MIN_ZOOM = 13;
/** Grid outlines from this zoom: below it a city's 2,000 grids are lines a few pixels apart, a hatching over the
 *  thematic map (which colours the areas there and takes the clicks). */
export const GRID_OUTLINE_MIN_ZOOM = 12;

/** Segments per culled chunk: a city's 10,800 grid edges make 64 chunks, a demo street's 150 one. */
export const SEGMENTS_PER_CHUNK = 256;

export const LABEL_FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';

export function boundaryLayers(data: MapData, s: StyleState): LayerSpec[] {
  const dark = s.theme === 'dark';
  const ink: RGBA = dark ? [245, 240, 228, 255] : [50, 35, 25, 255];
  const gold: RGBA = dark ? [243, 201, 105, 255] : [140, 95, 0, 255];
  const halo: RGBA = dark ? [10, 14, 24, 240] : [255, 255, 255, 240];
  const project = <G extends Geometry>(g: G) => mapGeometry(g, s.toMap);
  const k = fnKey(s.toMap);
  const projected = <F extends { geometry: Geometry }>(features: F[]): F[] => memoOn(features, k, () => features.map((f) => ({ ...f, geometry: project(f.geometry) })));
  // Areas' outlines as plain segments, each border two areas share once, in spatial chunks the view culls
  // (culled-lines.ts: software WebGL pays for every segment drawn, in view or not).
  const outlines = (id: string, features: { geometry: Geometry }[], color: RGBA, width: number, visible = true): LayerSpec => ({
    type: 'CulledLineLayer',
    props: {
      id,
      data: memoOn(features, `${k}:chunks`, () => segmentChunks(ringSegments(projected(features).map((f) => f.geometry)), SEGMENTS_PER_CHUNK)),
      visible,
      getColor: color,
      getWidth: width,
      pickable: false,
    },
  });
  const sel = s.selection;
  const isSelected = (level: string, id: unknown) => !!sel && sel.level === level && sel.id === String(id);
  // Grid names sit at the grid's centre, business-district names just below theirs, so the two rarely collide.
  // Street names ride on the street's northern edge, clear of its grids' labels.
  // Areas the thematic map labels (name and value) are not named twice.
  const thematicIds = s.thematic && s.thematic.strength !== 'off' && data.thematic ? { level: data.thematic.level, ids: new Set(data.thematic.figures.map((f) => f.id)) } : null;
  const named = (level: 'street' | 'grid', f: { id?: unknown }) => !(thematicIds && thematicIds.level === level && thematicIds.ids.has(String(f.id)));
  const labelKey = `${k}:${data.grids.features.length}:${data.businessDistricts.features.length}:${s.theme}:${thematicIds ? `${thematicIds.level}${thematicIds.ids.size}:${data.thematic?.parent}` : ''}`;
  const labels: Label[] = memoOn(data.streets.features, labelKey, () => [
    ...data.streets.features.filter((f) => named('street', f)).map((f) => {
      const [w, , e, n] = bboxOf(f.geometry);
      return { text: String(f.properties?.name ?? ''), at: s.toMap([(w + e) / 2, n]), size: 20, offset: [0, -18] as [number, number], color: [255, 120, 110, 255] as RGBA, priority: 3, minZoom: 0 };
    }),
    ...data.grids.features.filter((f) => named('grid', f)).map((f) => ({ text: String(f.properties?.name ?? ''), at: s.toMap(labelPoint(f.geometry)), size: 14, offset: [0, -10] as [number, number], color: ink, priority: 2, minZoom: GRID_LABEL_MIN_ZOOM })),
    ...data.businessDistricts.features.map((f) => ({ text: String(f.properties?.name ?? ''), at: s.toMap(labelPoint(f.geometry)), size: 12, offset: [0, 14] as [number, number], color: gold, priority: 1, minZoom: GRID_LABEL_MIN_ZOOM + 1 })),
  ]);
  // Limited by zoom and collision at the view's zoom level (the wall, with no zoom, names everything in its street).
  const zoom = s.zoom === undefined ? null : Math.floor(s.zoom);
  // They keep clear of the station icons and badges when those are drawn (s.labelMarks, from buildLayers).
  const marks = s.labelMarks ?? [];
  const overview = zoom !== null && zoom < GRID_OUTLINE_MIN_ZOOM;
  const shown = zoom === null ? labels : memoOn(marks, `placed:${fnKey(labels)}:${zoom}:${s.textScale ?? 1}`, () => placeLabels(labels.map((l) => ({ ...l, size: l.size * (s.textScale ?? 1) })), zoom, marks));
  return [
    {
      type: 'GeoJsonLayer',
      props: {
        id: 'boundaries-grids',
        data: projected(data.grids.features),
        visible: !overview,
        filled: true,
        // Outlined by the next layer.
        stroked: false,
        // A near-transparent fill keeps grids clickable between buildings.
        getFillColor: (f: { id?: unknown }) => (isSelected('grid', f.id) ? [200, 22, 29, 45] : [0, 0, 0, 1]),
        pickable: true,
        updateTriggers: { getFillColor: [sel?.level, sel?.id] },
      },
    },
    // The grids' borders as plain segments, each shared border once. As the polygons' own outlines (deck.gl's
    // PathLayer: a vertex shader that joins each segment to its neighbours) a city's 2,000 grids cost ~650 ms of
    // every frame on software WebGL at zoom 12, half the frame; these 1.5-px lines need no joins.
    outlines('boundaries-grid-outlines', data.grids.features, dark ? [200, 200, 220, 170] : [90, 90, 110, 170], 1.5, !overview),
    {
      // Above the grids: a business district lies inside grids, and the layer on top takes the click.
      type: 'GeoJsonLayer',
      props: {
        id: 'boundaries-business-districts',
        data: projected(data.businessDistricts.features),
        filled: true,
        stroked: true,
        getFillColor: (f: { id?: unknown }) => (isSelected('businessDistrict', f.id) ? [212, 160, 23, 70] : [212, 160, 23, 28]),
        getLineColor: [212, 160, 23, 220],
        getLineWidth: 2,
        lineWidthUnits: 'pixels',
        pickable: true,
        updateTriggers: { getFillColor: [sel?.level, sel?.id] },
      },
    },
    // District and street outlines as plain segments, each shared border once (see the grids' outlines): as the
    // polygons' PathLayer the city's 200 streets and their districts took ~120 ms of every zoom-12 frame.
    // Districts are faint, under their streets; streets thinner in the overview, where 200 streets' outlines would
    // paint the city red over its choropleth.
    outlines('boundaries-district-outlines', data.districts.features, [200, 22, 29, 90], overview ? 2 : 1.5),
    outlines('boundaries-streets', data.streets.features, [200, 22, 29, 255], overview ? 1.2 : 3.5),
    {
      type: 'TextLayer',
      props: {
        id: 'boundaries-labels',
        data: shown,
        getText: (d: { text: string }) => d.text,
        getPosition: (d: { at: [number, number] }) => d.at,
        getSize: (d: Label) => (zoom === null ? d.size * (s.textScale ?? 1) : d.size),
        getColor: (d: Label) => d.color,
        getPixelOffset: (d: Label) => d.offset,
        characterSet: 'auto',
        fontFamily: LABEL_FONT,
        fontWeight: 600,
        outlineWidth: 3,
        outlineColor: halo,
        fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
        billboard: true,
        sizeUnits: 'pixels',
        getTextAnchor: 'middle',
        getAlignmentBaseline: 'center',
        pickable: false,
        // Labels stay readable in front of the 3D buildings.
        parameters: { depthCompare: 'always' },
      },
    },
  ];
}
