// The thematic map (DHIS2's thematic layer): the focus's districts, streets or grids filled with the colour of
// their rate's class, each labelled with its value, drawn at low zoom where single buildings are too small to
// read. A click on an area drills down to it (MapPage).
import { mapGeometry } from '../../coords';
import { fnKey, memoOn } from '../memo';
import type { LayerSpec, MapData, StyleState } from '../types';
import { NO_DATA, type RGBA } from '../../colors';
import { LABEL_FONT } from '../boundaries';
import { pct } from './classes';
import { fittedLabel } from './fit';
import { thematicModel, type ThematicArea, type ThematicModel } from './model';

export const THEMATIC_LAYER_ID = 'thematic-areas';
/** The thematic map shows below this zoom; from it on, the buildings carry the colours. */
export const THEMATIC_MAX_ZOOM = 13;

/** The geometries of the level coloured. */
export function levelGeometries(data: MapData, level: 'district' | 'street' | 'grid') {
  return level === 'district' ? data.districts.features : level === 'street' ? data.streets.features : data.grids.features;
}

/** The model for what the map shows now (memoised on the data, so layer and legend share one computation). */
export function currentThematic(data: MapData, s: Pick<StyleState, 'thematic'>): ThematicModel | null {
  const t = s.thematic;
  const d = data.thematic;
  if (!t || !d) return null;
  const geometries = levelGeometries(data, d.level);
  return memoOn(d, `${t.rate}:${t.method}:${geometries.length}`, () => thematicModel(d, geometries, t.rate, t.method));
}

export function thematicLayers(data: MapData, s: StyleState): LayerSpec[] {
  const model = currentThematic(data, s);
  if (!model || !s.thematic || s.thematic.strength === 'off') return [];
  const strong = s.thematic.strength === 'strong';
  const alpha = strong ? 1 : 0.45;
  const dark = s.theme === 'dark';
  const k = fnKey(s.toMap);
  const features = memoOn(model, k, () => model.areas.map((a) => ({ type: 'Feature', id: a.id, geometry: mapGeometry(a.geometry, s.toMap), properties: a })));
  const fill = (a: ThematicArea): RGBA => {
    const c = a.color ?? ([NO_DATA[0], NO_DATA[1], NO_DATA[2], 120] as RGBA);
    return [c[0], c[1], c[2], Math.round(c[3] * alpha)];
  };
  // Name over value where both fit in the area on screen (grids: the value only), the value where it fits, else
  // nothing; without a zoom (a test, the wall) every label.
  const size = (model.level === 'grid' ? 13 : 14) * (s.textScale ?? 1);
  const zoom = s.labelZoom ?? 30;
  const labels = memoOn(model, `${k}:labels:${zoom}:${size}`, () =>
    model.areas
      .filter((a) => a.label)
      .map((a) => ({ text: fittedLabel(a.geometry, zoom, a.name, a.value === null ? '—' : pct(a.value), size, model.level !== 'grid'), at: s.toMap(a.label as [number, number]) }))
      .filter((l): l is { text: string; at: [number, number] } => l.text !== null));
  return [
    {
      type: 'GeoJsonLayer',
      props: {
        id: THEMATIC_LAYER_ID,
        data: features,
        filled: true,
        stroked: true,
        getFillColor: (f: { properties: ThematicArea }) => fill(f.properties),
        getLineColor: dark ? [20, 24, 34, 230] : [255, 255, 255, 230],
        getLineWidth: model.level === 'district' ? 2 : 1.2,
        lineWidthUnits: 'pixels',
        pickable: true,
        autoHighlight: true,
        highlightColor: [255, 255, 255, 60],
        updateTriggers: { getFillColor: [alpha] },
      },
    },
    {
      type: 'TextLayer',
      props: {
        id: 'thematic-labels',
        data: labels,
        getText: (d: { text: string }) => d.text,
        getPosition: (d: { at: [number, number] }) => d.at,
        getSize: size,
        getColor: dark ? [255, 255, 255, 255] : [20, 20, 30, 255],
        characterSet: 'auto',
        fontFamily: LABEL_FONT,
        fontWeight: 700,
        lineHeight: 1.15,
        outlineWidth: 4,
        outlineColor: dark ? [10, 14, 24, 235] : [255, 255, 255, 235],
        fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
        sizeUnits: 'pixels',
        getTextAnchor: 'middle',
        getAlignmentBaseline: 'center',
        pickable: false,
        parameters: { depthCompare: 'always' },
      },
    },
  ];
}
