// The one place that owns the map objects: a MapLibre map for the basemap and camera, and a deck.gl
// overlay for every data layer. React talks to it through these methods only.
import type * as maplibregl from 'maplibre-gl';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Deck, Layer, PickingInfo } from '@deck.gl/core';
import { ArcLayer, GeoJsonLayer, IconLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { HeatmapLayer, HexagonLayer } from '@deck.gl/aggregation-layers';
import { MVTLayer } from '@deck.gl/geo-layers';
import type { FeatureCollection } from 'geojson';
import type { Basemap } from '../api/types';
import { builtinStyle, rasterStyle, type Outlines } from './basemap';
import { createMap, setMapLocale, type Camera } from './create-map';
import type { LayerSpec, LayerType } from './layers/types';
import { RestTimer, STILL_PX, type Point } from './rest-timer';
import { GpuIdle, type FenceContext } from './gpu-idle';
import { ALWAYS, deferReadBacks, type BufferDevice, type Wanted } from './deferred-readback';
import { memoizeProgramIntrospection, type IntrospectedContext } from './program-introspection';
import { mapDrawn } from './first-drawn';
import { CulledLineLayer } from './layers/culled-lines';
import type { Locale } from '../i18n/messages';

/** How far from a thing (pixels) a click or rest still finds it: thin outlines and small icons. */
const PICK_RADIUS_PX = 3;

const CLASSES: Record<LayerType, new (props: never) => Layer> = {
  GeoJsonLayer: GeoJsonLayer as never,
  TextLayer: TextLayer as never,
  IconLayer: IconLayer as never,
  ScatterplotLayer: ScatterplotLayer as never,
  HexagonLayer: HexagonLayer as never,
  HeatmapLayer: HeatmapLayer as never,
  ArcLayer: ArcLayer as never,
  CulledLineLayer: CulledLineLayer as never,
  MVTLayer: MVTLayer as never,
};

export interface PickEvent {
  layerId: string;
  object: unknown;
}

export interface MapControllerOptions {
  camera: Camera;
  onPick: (e: PickEvent | null) => void;
  onViewChange: (camera: Camera, bounds: [number, number, number, number]) => void;
  tooltip: (e: PickEvent) => string | null;
}

declare global {
  interface Window {
    /** Test hook: the coverage map's MapLibre map (to ask which basemap features are drawn) and its deck.gl layers
     *  (which are there and which have their data: what a benchmark's "drawn" means), and how many picking passes
     *  it ran. */
    __coverageMap?: { map: maplibregl.Map; layers: () => { id: string; loaded: boolean }[]; picks: () => number };
  }
}

/** deck.gl's WebGL2 context: asking its canvas again for 'webgl2' returns the context deck made (none before). */
function deckContext(overlay: MapboxOverlay): FenceContext | null {
  const gl = overlay.getCanvas()?.getContext('webgl2');
  return gl instanceof WebGL2RenderingContext ? gl : null;
}

export class MapController {
  private readonly map: maplibregl.Map;
  private readonly overlay: MapboxOverlay;
  private basemapId: string | null = null;
  /** The outlines the basemap draws, latest given, and what its GeoJSON sources hold now (by identity). */
  private boundaries: Outlines = 'tiles';
  private readonly shown = new Map<'districts' | 'streets', FeatureCollection>();
  private layers: Layer[] = [];
  private readonly tooltipEl: HTMLDivElement;
  private readonly rest: RestTimer;
  /** A hover pick may have highlighted something (deck's autoHighlight) that a later move must clear. */
  private highlighted = false;
  /** Picking passes run so far (test hook: a drag must run none). */
  private picks = 0;
  /** Where the pointer is over the map with no button pressed (null when it left, or pressed). */
  private pointer: Point | null = null;
  /** Picks wait for the GPU to catch up first; the context is deck's own (its canvas is not the basemap's). */
  private readonly gpu = new GpuIdle(() => (this.deckDrawn ? deckContext(this.overlay) : null), () => this.frames);
  /** Frames drawn so far, deck's and the basemap's (one GPU): a read-back waits until none is queued. */
  private frames = 0;
  /** deck has drawn once, so its canvas has its context (asking for one before would make another). */
  private deckDrawn = false;
  private hoverWait: (() => void) | null = null;
  /** Hover look-ups begun so far: an answer that arrives after the pointer moved on is not shown. */
  private hovers = 0;
  /** Whether the answer of the pick being drawn now is still wanted when its pixels can be read. */
  private readWanted: Wanted = ALWAYS;
  /** Camera moves begun so far: a click whose pick waited sees whether the map moved under it. */
  private moves = 0;

  constructor(private readonly container: HTMLElement, private readonly opts: MapControllerOptions) {
    this.map = createMap({
      container,
      style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#0b1220' } }] },
      camera: opts.camera,
      navigation: { visualizePitch: true },
      options: { maxPitch: 70 },
    });
    this.overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      // No picking of deck's own: it would read pixels back from the GPU on every pointer move and every mouse
      // press, drags included — one synchronous GPU round trip each, seconds on software WebGL with a city's
      // buildings drawn. The map picks itself, once per click and once per pointer rest (pick() below).
      _pickable: false,
      // Picks read their pixels back only once the GPU has drawn them: the page is free meanwhile.
      onDeviceInitialized: (device) => {
        deferReadBacks(device as unknown as BufferDevice, this.gpu, () => this.readWanted);
        // Pipelines made for picks ask their program what they already know without waiting for the GPU.
        const gl = (device as unknown as { gl?: IntrospectedContext }).gl;
        if (gl) memoizeProgramIntrospection(gl);
      },
      // The map says when what it was given is on screen (data-drawn on its container): software WebGL compiles
      // each shader on first use for seconds, and tests and wall monitors should not mistake that for lateness.
      onAfterRender: () => {
        this.frames++;
        this.deckDrawn = true;
        this.markDrawn();
      },
    });
    this.map.addControl(this.overlay);
    this.tooltipEl = document.createElement('div');
    this.tooltipEl.className = 'map-tooltip';
    this.tooltipEl.setAttribute('role', 'tooltip');
    Object.assign(this.tooltipEl.style, { position: 'absolute', left: '0', top: '0', zIndex: '2', pointerEvents: 'none', padding: '8px 10px', display: 'none' });
    container.appendChild(this.tooltipEl);
    this.rest = new RestTimer((p) => this.hoverAt(p));
    window.__coverageMap = { map: this.map, layers: () => this.layers.map((l) => ({ id: l.id, loaded: l.isLoaded })), picks: () => this.picks };
    this.map.on('idle', () => this.markDrawn());
    this.map.on('render', () => this.frames++);
    // A style still loading when newer outlines came has no sources yet: they go in once it has.
    this.map.on('style.load', () => this.showBoundaries());
    // A click (MapLibre's: pressed and released without a drag) is the one pick a selection needs.
    // Its read-back waits for the GPU to finish what it was given (gpu-idle.ts); a camera moved meanwhile has put
    // something else under that point, so the click is then dropped.
    this.map.on('click', (e) => {
      this.endHover();
      const at = e.point;
      const moves = this.moves;
      this.gpu.whenIdle(() => {
        if (this.moves !== moves) return;
        void this.pick(at, 'query').then((info) => opts.onPick(info?.object ? { layerId: info.layer?.id ?? '', object: info.object } : null));
      });
    });
    // Tooltips and the pointer cursor come when the pointer rests over something; any move, press, wheel or
    // camera move hides them, and nothing is picked while the map is dragged. A pointer resting while the camera
    // glides (a fly, a wheel zoom) or while what is under it is still loading is looked at again afterwards.
    this.map.on('mousemove', (e) => {
      if (e.originalEvent.buttons !== 0) {
        this.pointer = null;
        return this.endHover();
      }
      this.pointer = e.point;
      if (this.map.isMoving()) return this.endHover();
      if (this.rest.move(e.point)) this.hideTooltip();
    });
    for (const ev of ['mousedown', 'mouseout', 'touchstart'] as const)
      this.map.on(ev, () => {
        this.pointer = null;
        this.endHover();
      });
    for (const ev of ['wheel', 'movestart'] as const) this.map.on(ev, () => this.endHover());
    this.map.on('movestart', () => this.moves++);
    this.map.on('moveend', () => {
      if (this.pointer) this.rest.move(this.pointer, true);
      this.opts.onViewChange(this.camera(), this.bounds());
    });
  }

  /** The overlay's deck.gl instance: MapboxOverlay forwards pickObject, but not its asynchronous twin. */
  private deck(): Deck | undefined {
    return (this.overlay as unknown as { _deck?: Deck })._deck;
  }

  /** What is drawn under a point of the map, by one picking pass. 'hover' also moves deck's auto-highlight.
   *  The pass is drawn now; its pixels are read once the GPU has drawn it (deferred-readback.ts). */
  private pick(p: Point, mode: 'hover' | 'query', wanted: Wanted = ALWAYS): Promise<PickingInfo | null> {
    const deck = this.deck();
    if (!deck) return Promise.resolve(null);
    return this.picking(() => deck.pickObjectAsync({ x: p.x, y: p.y, radius: PICK_RADIUS_PX, mode } as Parameters<Deck['pickObjectAsync']>[0]), wanted).catch((e: unknown) => {
      console.error('pick failed', e);
      return null;
    });
  }

  /** Clears deck's auto-highlight: a pick off the map reads no pixels, so it is done at once. */
  private clearHighlight(): void {
    this.picking(() => this.overlay.pickObject({ x: -100, y: -100, radius: 0, mode: 'hover' } as Parameters<MapboxOverlay['pickObject']>[0]));
  }

  /** Runs one picking pass with deck's picking switched on for it alone (it is off for deck's own pointer events).
   *  Its read-back, asked for within the pass, is made only while `wanted` says so. */
  private picking<T>(pass: () => T, wanted: Wanted = ALWAYS): T {
    this.picks++;
    this.readWanted = wanted;
    this.overlay.setProps({ _pickable: true });
    try {
      return pass();
    } finally {
      this.overlay.setProps({ _pickable: false });
      this.readWanted = ALWAYS;
    }
  }

  /** The pointer rested at `p`. Nothing is looked up while the map is still drawing (markDrawn looks again once it
   *  is), and then only once the GPU has caught up: a read-back behind queued frames blocks the page for seconds. */
  private hoverAt(p: Point): void {
    if (this.map.isMoving() || this.container.dataset.drawn !== 'true') return;
    this.cancelHoverWait();
    this.hoverWait = this.gpu.whenIdle(() => {
      this.hoverWait = null;
      // Still resting there (a tremor under STILL_PX is resting); a real move has started a wait of its own.
      if (this.restingAt(p) && !this.map.isMoving()) this.showHover(p);
    });
  }

  /** The pointer is still where it rested (a tremor under STILL_PX is resting). */
  private restingAt(p: Point): boolean {
    return this.pointer !== null && Math.hypot(this.pointer.x - p.x, this.pointer.y - p.y) < STILL_PX;
  }

  private cancelHoverWait(): void {
    this.hoverWait?.();
    this.hoverWait = null;
  }

  private showHover(p: Point): void {
    const hover = ++this.hovers;
    const current = () => hover === this.hovers && this.restingAt(p);
    void this.pick(p, 'hover', current).then((info) => {
      // The pointer moved on while the pixels came back: what this pick highlighted goes again.
      if (!current()) {
        if (info?.object) this.clearHighlight();
        return;
      }
      this.showHoverInfo(p, info);
    });
  }

  private showHoverInfo(p: Point, info: PickingInfo | null): void {
    this.highlighted = true;
    const text = info?.object ? this.opts.tooltip({ layerId: info.layer?.id ?? '', object: info.object }) : null;
    this.map.getCanvas().style.cursor = info?.object ? 'pointer' : '';
    if (!text) return this.hideTooltip();
    this.tooltipEl.textContent = text;
    this.tooltipEl.style.transform = `translate(${p.x + 12}px, ${p.y + 12}px)`;
    this.tooltipEl.style.display = 'block';
  }

  private hideTooltip(): void {
    if (this.tooltipEl.style.display !== 'none') this.tooltipEl.style.display = 'none';
  }

  /** Drops the pending look-up, the tooltip, the cursor and the highlight (an off-screen pick reads no pixels). */
  private endHover(): void {
    this.rest.cancel();
    this.cancelHoverWait();
    this.hovers++;
    this.hideTooltip();
    if (this.map.getCanvas().style.cursor) this.map.getCanvas().style.cursor = '';
    if (this.highlighted) {
      this.highlighted = false;
      this.clearHighlight();
    }
  }

  camera(): Camera {
    const c = this.map.getCenter();
    return { lng: c.lng, lat: c.lat, zoom: this.map.getZoom(), pitch: this.map.getPitch(), bearing: this.map.getBearing() };
  }

  bounds(): [number, number, number, number] {
    const b = this.map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
  }

  /** The basemap, with district and street outlines as vector tiles ('tiles') or as this GeoJSON. */
  setBasemap(b: Basemap, outlines: Outlines): void {
    this.boundaries = outlines;
    const key = `${b.id}:${outlines === 'tiles' ? 'tiles' : 'geojson'}`;
    if (this.basemapId !== key) {
      this.basemapId = key;
      this.container.dataset.drawn = 'false';
      this.shown.clear();
      if (b.kind === 'builtin' && outlines !== 'tiles') {
        this.shown.set('districts', outlines.districts);
        this.shown.set('streets', outlines.streets);
      }
      this.map.setStyle(b.kind === 'builtin' ? builtinStyle(b.theme, outlines) : rasterStyle(b), { diff: false });
      return;
    }
    this.showBoundaries();
  }

  /** GeoJSON outlines that arrive after the basemap go into its sources: a new style would reload every road tile. */
  private showBoundaries(): void {
    const outlines = this.boundaries;
    if (outlines === 'tiles') return;
    for (const id of ['districts', 'streets'] as const) {
      const data = outlines[id];
      const source = this.map.getSource<maplibregl.GeoJSONSource>(id);
      if (!source || this.shown.get(id) === data) continue;
      source.setData(data);
      this.shown.set(id, data);
      this.container.dataset.drawn = 'false';
    }
  }

  setLayers(specs: LayerSpec[]): void {
    this.layers = specs.map((s) => new CLASSES[s.type](s.props as never) as Layer);
    this.container.dataset.drawn = 'false';
    this.overlay.setProps({ layers: this.layers });
  }

  /** Drawn: the basemap is idle (style and tiles loaded, no transition) and every deck.gl layer has its data. */
  private markDrawn(): void {
    const drawn = this.map.loaded() && this.layers.every((l) => l.isLoaded);
    if (drawn) mapDrawn();
    const value = String(drawn);
    // What lies under a resting pointer may have just been drawn: look again.
    if (drawn && this.container.dataset.drawn !== 'true' && this.pointer && !this.map.isMoving()) this.rest.move(this.pointer, true);
    if (this.container.dataset.drawn !== value) this.container.dataset.drawn = value;
  }

  flyTo(c: Partial<Camera>): void {
    this.map.flyTo({
      center: c.lng !== undefined && c.lat !== undefined ? [c.lng, c.lat] : undefined,
      zoom: c.zoom,
      pitch: c.pitch,
      bearing: c.bearing,
      essential: true,
      duration: 1200,
    });
  }

  fitBounds(b: [number, number, number, number], maxZoom = 16.5): void {
    // Added to the map's padding (the open panels), so the area is framed in the part of the map one sees.
    this.map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: 40, duration: 1200, pitch: this.map.getPitch(), maxZoom });
  }

  /** The map area covered by panels: the camera's centre, flyTo and fitBounds keep clear of it. */
  setPadding(p: { top: number; right: number; bottom: number; left: number }): void {
    const now = this.map.getPadding();
    if (now.top === p.top && now.right === p.right && now.bottom === p.bottom && now.left === p.left) return;
    this.map.easeTo({ padding: p, duration: 300 });
  }

  jumpTo(c: Camera): void {
    this.map.jumpTo({ center: [c.lng, c.lat], zoom: c.zoom, pitch: c.pitch, bearing: c.bearing });
  }

  /** The interface language changed: the map's own controls (scale units, button titles) follow. */
  setLocale(locale: Locale): void {
    setMapLocale(this.map, locale);
  }

  destroy(): void {
    if (window.__coverageMap?.map === this.map) delete window.__coverageMap;
    this.rest.cancel();
    this.gpu.cancelAll();
    this.tooltipEl.remove();
    this.map.removeControl(this.overlay);
    this.map.remove();
  }
}
