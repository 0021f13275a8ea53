// The view a user sees, and its round trip through the URL so a copied link opens the same view.
import type { Camera } from '../../map/create-map';
import { COLOR_BY, LAYER_IDS, type ColorBy, type LayerId } from '../../map/layers/types';
import { CLASS_METHODS, THEMATIC_RATES, type ClassMethod, type ThematicRate } from '../../map/layers/thematic/classes';

export type AreaLevel = 'city' | 'district' | 'street' | 'grid' | 'businessDistrict' | 'building';
/** What a profile can show: an area, or a station (its own walking bands). */
export type SelectionLevel = AreaLevel | 'station';

export interface ViewState {
  layers: LayerId[];
  colorBy: ColorBy;
  /** The thematic map's rate and how its classes are cut. */
  rate: ThematicRate;
  classes: ClassMethod;
  reachMode: 'circles' | 'bands';
  uncoveredOnly: boolean;
  /** Activity heat window: the last `activityDays` days up to `activityEnd` (YYYY-MM-DD), or up to today. */
  activityEnd: string | null;
  activityDays: number;
  /** Drill-down focus: the area whose children the panel lists. */
  focus: { level: AreaLevel; id: string };
  selection: { level: SelectionLevel; id: string } | null;
  camera: Camera;
  basemap: string;
}

export const DEFAULT_VIEW: ViewState = {
  layers: ['thematic', 'boundaries', 'buildings', 'stations'],
  colorBy: 'party',
  rate: 'partyOrg',
  classes: 'fixed',
  reachMode: 'circles',
  uncoveredOnly: false,
  activityEnd: null,
  activityDays: 30,
  focus: { level: 'street', id: '310106012' },
  selection: null,
  camera: { lng: 121.4555, lat: 31.2285, zoom: 14.6, pitch: 45, bearing: -12 },
  basemap: 'dark',
};

const LEVELS: AreaLevel[] = ['city', 'district', 'street', 'grid', 'businessDistrict', 'building'];
const num = (v: string | null, min: number, max: number): number | null => {
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) && n >= min && n <= max ? n : null;
};
const area = (v: string | null): { level: AreaLevel; id: string } | null => {
  const m = v ? /^([a-zA-Z]+):([0-9A-Za-z-]{1,32})$/.exec(v) : null;
  return m && LEVELS.includes(m[1] as AreaLevel) ? { level: m[1] as AreaLevel, id: m[2] as string } : null;
};
const selected = (v: string | null): { level: SelectionLevel; id: string } | null => {
  const m = v ? /^station:([0-9]{1,10})$/.exec(v) : null;
  return m ? { level: 'station', id: m[1] as string } : area(v);
};

export function encodeView(v: ViewState): URLSearchParams {
  const p = new URLSearchParams();
  p.set('layers', v.layers.join(','));
  p.set('color', v.colorBy);
  if (v.rate !== DEFAULT_VIEW.rate) p.set('rate', v.rate);
  if (v.classes !== DEFAULT_VIEW.classes) p.set('classes', v.classes);
  if (v.reachMode !== 'circles') p.set('reach', v.reachMode);
  if (v.uncoveredOnly) p.set('uncovered', '1');
  if (v.activityEnd) p.set('until', v.activityEnd);
  if (v.activityDays !== DEFAULT_VIEW.activityDays) p.set('days', String(v.activityDays));
  p.set('focus', `${v.focus.level}:${v.focus.id}`);
  if (v.selection) p.set('sel', `${v.selection.level}:${v.selection.id}`);
  const c = v.camera;
  p.set('at', [c.lng.toFixed(5), c.lat.toFixed(5), c.zoom.toFixed(2), c.pitch.toFixed(0), c.bearing.toFixed(0)].join(','));
  if (v.basemap !== DEFAULT_VIEW.basemap) p.set('base', v.basemap);
  return p;
}

/** Reads a view from the URL; anything missing or malformed falls back to the default, field by field. */
export function decodeView(p: URLSearchParams): ViewState {
  const v: ViewState = { ...DEFAULT_VIEW, camera: { ...DEFAULT_VIEW.camera } };
  const layers = p.get('layers');
  if (layers !== null) v.layers = layers.split(',').filter((l): l is LayerId => (LAYER_IDS as readonly string[]).includes(l));
  const color = p.get('color');
  if (color && (COLOR_BY as readonly string[]).includes(color)) v.colorBy = color as ColorBy;
  const rate = p.get('rate');
  if (rate && (THEMATIC_RATES as readonly string[]).includes(rate)) v.rate = rate as ThematicRate;
  const classes = p.get('classes');
  if (classes && (CLASS_METHODS as readonly string[]).includes(classes)) v.classes = classes as ClassMethod;
  if (p.get('reach') === 'bands') v.reachMode = 'bands';
  v.uncoveredOnly = p.get('uncovered') === '1';
  const until = p.get('until');
  if (until && /^\d{4}-\d{2}-\d{2}$/.test(until)) v.activityEnd = until;
  v.activityDays = num(p.get('days'), 1, 366) ?? v.activityDays;
  v.focus = area(p.get('focus')) ?? v.focus;
  v.selection = selected(p.get('sel'));
  const at = (p.get('at') ?? '').split(',');
  if (at.length === 5) {
    const [lng, lat, zoom, pitch, bearing] = [num(at[0] ?? null, -180, 180), num(at[1] ?? null, -85, 85), num(at[2] ?? null, 0, 22), num(at[3] ?? null, 0, 85), num(at[4] ?? null, -180, 180)];
    if (lng !== null && lat !== null && zoom !== null && pitch !== null && bearing !== null) v.camera = { lng, lat, zoom, pitch, bearing };
  }
  const base = p.get('base');
  if (base && /^[a-z0-9-]{1,32}$/.test(base)) v.basemap = base;
  return v;
}
