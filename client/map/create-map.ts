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
    locale: mapControlText(startLocale()),
    // Tests compare pixels of the map region.
    canvasContextAttributes: { preserveDrawingBuffer: true },
    // The basemap's road and water tiles are ours: a wall display sends its token with them, as with every call.
    transformRequest: (url) => {
      const token = getBearerToken();
      return token && url.startsWith(`${location.origin}/ogc/`) ? { url, headers: { authorization: `Bearer ${token}` } } : { url };
    },
    ...o.options,
  });
  map.addControl(new maplibregl.NavigationControl(o.navigation), 'bottom-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  return map;
}
