// The one place that owns the map objects: a MapLibre map for the basemap and camera, and a deck.gl
// overlay for every data layer. React talks to it through these methods only.
import type * as maplibregl from 'maplibre-gl';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer, PickingInfo } from '@deck.gl/core';
import { ArcLayer, GeoJsonLayer, IconLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { HeatmapLayer, HexagonLayer } from '@deck.gl/aggregation-layers';
import { MVTLayer } from '@deck.gl/geo-layers';
import type { FeatureCollection } from 'geojson';
import type { Basemap } from '../api/types';
import { builtinStyle, rasterStyle } from './basemap';
import { createMap, type Camera } from './create-map';
import type { LayerSpec, LayerType } from './layers/types';

const CLASSES: Record<LayerType, new (props: never) => Layer> = {
  GeoJsonLayer: GeoJsonLayer as never,
  TextLayer: TextLayer as never,
  IconLayer: IconLayer as never,
  ScatterplotLayer: ScatterplotLayer as never,
  HexagonLayer: HexagonLayer as never,
  HeatmapLayer: HeatmapLayer as never,
  ArcLayer: ArcLayer as never,
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
     *  (which are there and which have their data: what a benchmark's "drawn" means). */
    __coverageMap?: { map: maplibregl.Map; layers: () => { id: string; loaded: boolean }[] };
  }
}

export class MapController {
  private readonly map: maplibregl.Map;
  private readonly overlay: MapboxOverlay;
  private basemapId: string | null = null;
  private layers: Layer[] = [];

  constructor(private readonly container: HTMLElement, private readonly opts: MapControllerOptions) {
    this.map = createMap({
      container,
      style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#0b1220' } }] },
      camera: opts.camera,
      navigation: { visualizePitch: true },
      options: { maxPitch: 70 },
    });
    const getTooltip = (info: PickingInfo) => {
      if (!info.object) return null;
      const text = opts.tooltip({ layerId: info.layer?.id ?? '', object: info.object });
      return text ? { text, className: 'map-tooltip' } : null;
    };
    this.overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      // The map says when what it was given is on screen (data-drawn on its container): software WebGL compiles
      // each shader on first use for seconds, and tests and wall monitors should not mistake that for lateness.
      onAfterRender: () => this.markDrawn(),
      onClick: (info: PickingInfo) => opts.onPick(info.object ? { layerId: info.layer?.id ?? '', object: info.object } : null),
      getTooltip,
    });
    this.map.addControl(this.overlay);
    window.__coverageMap = { map: this.map, layers: () => this.layers.map((l) => ({ id: l.id, loaded: l.isLoaded })) };
    // Hover picking reads pixels back from the GPU on every pointer move; while the camera moves it only
    // costs frame time (and on software WebGL, long tasks), so tooltips wait until the map is still.
    this.map.on('idle', () => this.markDrawn());
    this.map.on('movestart', () => this.overlay.setProps({ getTooltip: null }));
    this.map.on('moveend', () => {
      this.overlay.setProps({ getTooltip });
      this.opts.onViewChange(this.camera(), this.bounds());
    });
  }

  camera(): Camera {
    const c = this.map.getCenter();
    return { lng: c.lng, lat: c.lat, zoom: this.map.getZoom(), pitch: this.map.getPitch(), bearing: this.map.getBearing() };
  }

  bounds(): [number, number, number, number] {
    const b = this.map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
  }

  setBasemap(b: Basemap, boundaries: { districts: FeatureCollection; streets: FeatureCollection }): void {
    const key = `${b.id}:${boundaries.districts.features.length}:${boundaries.streets.features.length}`;
    if (this.basemapId === key) return;
    this.basemapId = key;
    this.container.dataset.drawn = 'false';
    this.map.setStyle(b.kind === 'builtin' ? builtinStyle(b.theme, boundaries.districts, boundaries.streets) : rasterStyle(b), { diff: false });
  }

  setLayers(specs: LayerSpec[]): void {
    this.layers = specs.map((s) => new CLASSES[s.type](s.props as never) as Layer);
    this.container.dataset.drawn = 'false';
    this.overlay.setProps({ layers: this.layers });
  }

  /** Drawn: the basemap is idle (style and tiles loaded, no transition) and every deck.gl layer has its data. */
  private markDrawn(): void {
    const drawn = this.map.loaded() && this.layers.every((l) => l.isLoaded);
    const value = String(drawn);
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

  destroy(): void {
    if (window.__coverageMap?.map === this.map) delete window.__coverageMap;
    this.map.removeControl(this.overlay);
    this.map.remove();
  }
}
