// One MapLibre setup for every page that owns a map (the coverage map's MapController, the grid editor's
// EditorMap): the worker bundled by Vite, CJK labels drawn by the browser's fonts (no glyph files, ADR 0019),
// our tiles asked for with the same auth as other calls, compact
// attribution, navigation and scale controls, and a drawing buffer that tests can read pixels from.
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// MapLibre looks for its worker beside its own module; once bundled, tell it where Vite put the file.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { LABEL_FONT } from './layers/boundaries';
import { mapControlText } from './controls-text';
import { startLocale } from '../i18n/locale';
import type { Locale } from '../i18n/messages';
import { getBearerToken } from '../api/http';

maplibregl.setWorkerUrl(workerUrl);

export interface Camera {
  lng: number;
  lat: number;
  zoom: number;
  pitch: number;
  bearing: number;
}

export interface CreateMapOptions {
  container: HTMLElement;
  style: maplibregl.StyleSpecification;
  camera: Pick<Camera, 'lng' | 'lat' | 'zoom'> & Partial<Camera>;
  /** The navigation buttons: the coverage map shows pitch on its compass, the editor (flat) has none. */
  navigation: maplibregl.NavigationControlOptions;
  /** What differs per page (max pitch, double-click zoom…). */
  options?: Omit<Partial<maplibregl.MapOptions>, 'container' | 'style' | 'center' | 'zoom' | 'pitch' | 'bearing'>;
}

export function createMap(o: CreateMapOptions): maplibregl.Map {
  const c = o.camera;
  const map = new maplibregl.Map({
    container: o.container,
    style: o.style,
    center: [c.lng, c.lat],
    zoom: c.zoom,
    ...(c.pitch !== undefined ? { pitch: c.pitch } : {}),
    ...(c.bearing !== undefined ? { bearing: c.bearing } : {}),
    localIdeographFontFamily: LABEL_FONT,
    attributionControl: { compact: true },
    // Tests compare pixels of the map region.
    canvasContextAttributes: { preserveDrawingBuffer: true },
    // The basemap's road and water tiles are ours: a wall display sends its token with them, as with every call.
    transformRequest: (url) => {
      const token = getBearerToken();
      return token && url.startsWith(`${location.origin}/ogc/`) ? { url, headers: { authorization: `Bearer ${token}` } } : { url };
    },
    ...o.options,
  });
  // MapLibre's English texts as it was created with no patch: what a switch back to English restores.
  const texts = internals(map);
  const english = { ...texts._locale };
  texts._locale = { ...english, ...mapControlText(startLocale()) };
  const navigation = new maplibregl.NavigationControl(o.navigation);
  const scale = new maplibregl.ScaleControl({ unit: 'metric' });
  map.addControl(navigation, 'bottom-right');
  map.addControl(scale, 'bottom-left');
  localeSwitches.set(map, (locale) => {
    texts._locale = { ...english, ...mapControlText(locale) };
    // The scale bar reads its unit word when it redraws and the buttons their titles when added: redo both now.
    scale.setUnit('metric');
    const titled = navigation as unknown as { _setButtonTitle(b: HTMLElement, t: string): void; _zoomInButton?: HTMLElement; _zoomOutButton?: HTMLElement; _compass?: HTMLElement };
    if (titled._zoomInButton) titled._setButtonTitle(titled._zoomInButton, 'ZoomIn');
    if (titled._zoomOutButton) titled._setButtonTitle(titled._zoomOutButton, 'ZoomOut');
    if (titled._compass) titled._setButtonTitle(titled._compass, 'ResetBearing');
  });
  return map;
}

/** MapLibre keeps its control texts in `_locale` (the `locale` option merged over its English defaults). */
function internals(map: maplibregl.Map): { _locale: Record<string, string> } {
  return map as unknown as { _locale: Record<string, string> };
}

const localeSwitches = new WeakMap<maplibregl.Map, (locale: Locale) => void>();

/** After the interface language changes: MapLibre's control texts (scale units, button titles) follow it. */
export function setMapLocale(map: maplibregl.Map, locale: Locale): void {
  localeSwitches.get(map)?.(locale);
}
