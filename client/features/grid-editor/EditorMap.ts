// The one place that owns the editor's map objects: a MapLibre map (the coverage map's basemap with roads
// and their names, or a configured raster one; grids, buildings, stations, problems, history ghost, the
// locked street outline) and a TerraDraw instance holding only
// the grid being edited (plus whatever is being drawn). React talks to it through these methods; it
// reports edits back as plain geometry, and the page's pure topology rules decide what they mean.
import * as maplibregl from 'maplibre-gl';
import { TerraDraw, TerraDrawLineStringMode, TerraDrawPolygonMode, TerraDrawSelectMode, type TerraDrawMouseEvent, type SnappableContext } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, LineString, Point, Polygon, Position } from 'geojson';
import type { Basemap } from '../../api/types';
import { builtinStyle } from '../../map/basemap';
import { createMap, setMapLocale } from '../../map/create-map';
import { polygonsOf, samePos, snap, snapTargets, type Areal, type BBox, type EditGrid, type Problem, type StreetOutline } from './topology';
import { addEditorLayers, restyleBasemap } from './editor-layers';
import type { Locale } from '../../i18n/messages';

export type Tool = 'select' | 'draw' | 'split';
export type Theme = 'dark' | 'light';

/** Layers of our own basemap that a raster basemap replaces (the street outline and editing layers stay). */

export interface EditorMapEvents {
  onSelect: (key: string | null) => void;
  /** A vertex of the edited grid was moved, inserted or removed: its ring before and after. */
  onVertexEdit: (key: string, before: Position[], after: Position[]) => void;
  onDrawn: (polygon: Polygon) => void;
  onLine: (line: LineString) => void;
}

export interface MapData {
  street: StreetOutline;
  grids: EditGrid[];
  buildings: { id: number; name: string; geometry: Point | Polygon }[];
  stations: { id: number; name: string; geometry: Point }[];
}

/** Distinct, calm fills for neighbouring grids. */
const GRID_COLORS = ['#e4572e', '#29a3a3', '#f3a712', '#6a8eae', '#a8c686', '#b07bac', '#d18f5b', '#5fad56'];
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
const fc = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });

export class EditorMap {
  readonly map: maplibregl.Map;
  private draw: TerraDraw | null = null;
  private data: MapData | null = null;
  private selected: string | null = null;
  private tool: Tool = 'select';
  /** Grid name markers by grid key. */
  private labels = new Map<string, maplibregl.Marker>();
  /** What the map currently shows, so that a change redraws only what differs. */
  private shown: (MapData & { selected: string | null }) | null = null;
  private ready: Promise<void>;
  private editable = true;
  /** When a drawn polygon or line was last finished: the click that finished it is not a selection. */
  private finishedAt = 0;
  /** Road centre lines to snap to while the planner's toggle is on. */
  private roadLines: Position[][] = [];
  private rasterCount = 0;

  constructor(container: HTMLElement, private readonly events: EditorMapEvents, theme: Theme) {
    this.map = createMap({
      container,
      // The coverage map's own basemap (roads, water, names); the street outline goes into its `streets` source.
      style: builtinStyle(theme, { districts: EMPTY, streets: EMPTY }),
      camera: { lng: 121.4556, lat: 31.2285, zoom: 14 },
      navigation: { showCompass: false },
      options: { doubleClickZoom: false },
    });
    this.ready = new Promise((resolve) => this.map.once('load', () => resolve()));
    void this.ready.then(() => this.setup());
    this.map.on('moveend', () => this.declutterLabels());
  }

  private setup(): void {
    const m = this.map;
    addEditorLayers(m);
    // Road names stay readable over the grids' tint, below whatever is being drawn.
    for (const id of ['road-labels', 'water-labels']) if (m.getLayer(id)) m.moveLayer(id, 'ghost-line');

    const snapping = { toCustom: (e: TerraDrawMouseEvent, ctx: SnappableContext) => this.snapFor(e, ctx) };
    const draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map: m, coordinatePrecision: 7, renderBelowLayerId: 'ghost-line', prefixId: 'td' }),
      idStrategy: { isValidId: (id) => typeof id === 'string', getId: (() => { let n = 0; return () => `td-${++n}`; })() },
      modes: [
        new TerraDrawSelectMode({
          flags: {
            polygon: { feature: { draggable: false, coordinates: { draggable: true, midpoints: true, deletable: true, snappable: snapping } } },
          },
          keyEvents: null,
          styles: {
            selectedPolygonColor: '#ffffff',
            selectedPolygonFillOpacity: 0.08,
            selectedPolygonOutlineColor: '#ffffff',
            selectedPolygonOutlineWidth: 3,
            selectionPointColor: '#ffffff',
            selectionPointOutlineColor: '#c8161d',
            selectionPointWidth: 5,
            selectionPointOutlineWidth: 2,
            midPointColor: '#ffd77a',
            midPointOutlineColor: '#5a0a0e',
            midPointWidth: 3,
          },
        }),
        new TerraDrawPolygonMode({ snapping, styles: { fillColor: '#ffffff', fillOpacity: 0.15, outlineColor: '#ffffff', outlineWidth: 2 } }),
        new TerraDrawLineStringMode({ snapping, styles: { lineStringColor: '#ffd77a', lineStringWidth: 3 } }),
      ],
    });
    draw.start();
    draw.setMode('select');
    draw.on('finish', (id, ctx) => this.onFinish(String(id), ctx.action, ctx.mode));
    this.draw = draw;
    m.on('click', (e) => this.onClick(e));
    this.render();
  }

  /** Snapping targets: every other grid's vertices and edges and the street outline. */
  private snapFor(e: TerraDrawMouseEvent, ctx: SnappableContext): Position | undefined {
    if (!this.data) return undefined;
    const editing = ctx.currentId !== undefined ? this.data.grids.find((g) => g.key === ctx.currentId) : undefined;
    const moving = editing && ctx.currentCoordinate !== undefined ? (editing.geometry.coordinates[0]?.[ctx.currentCoordinate] ?? null) : null;
    const others = this.data.grids.filter((g) => g.key !== ctx.currentId).map((g) => g.geometry);
    const targets = snapTargets([...others, ...polygonsOf(this.data.street.geometry)], moving, this.roadLines);
    return snap({ x: e.containerX, y: e.containerY }, targets, ([lng, lat]) => this.map.project([lng as number, lat as number]), (x, y) => {
      const l = this.map.unproject([x, y]);
      return [l.lng, l.lat];
    });
  }

  private onFinish(id: string, action: string, mode: string): void {
    const draw = this.draw;
    if (!draw) return;
    const f = draw.getSnapshotFeature(id);
    if (action === 'draw') this.finishedAt = performance.now();
    if (mode === 'polygon' && action === 'draw') {
      draw.removeFeatures([id]);
      if (f?.geometry.type === 'Polygon') this.events.onDrawn(f.geometry);
      return;
    }
    if (mode === 'linestring' && action === 'draw') {
      draw.removeFeatures([id]);
      if (f?.geometry.type === 'LineString') this.events.onLine(f.geometry);
      return;
    }
    if (!f || f.geometry.type !== 'Polygon' || !this.data) return;
    const before = this.data.grids.find((g) => g.key === id)?.geometry.coordinates[0];
    const after = f.geometry.coordinates[0];
    if (before && after) this.events.onVertexEdit(id, before, after);
  }

  private onClick(e: maplibregl.MapMouseEvent): void {
    if (this.tool !== 'select' || !this.data) return;
    // The tool is back to 'select' by the time MapLibre reports the click that finished a drawing.
    if (performance.now() - this.finishedAt < 400) return;
    const p: Position = [e.lngLat.lng, e.lngLat.lat];
    // A click on (or right next to) the edited grid's boundary is a vertex interaction, not a reselection.
    const current = this.data.grids.find((g) => g.key === this.selected);
    if (current && this.nearBoundaryPx(current.geometry, e.point, 10)) return;
    const hit = this.data.grids.find((g) => {
      try {
        return booleanPointInPolygon(p, g.geometry);
      } catch {
        return false;
      }
    });
    this.events.onSelect(hit?.key ?? null);
  }

  private nearBoundaryPx(g: Polygon, at: { x: number; y: number }, px: number): boolean {
    for (const ring of g.coordinates)
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = this.map.project(ring[i] as [number, number]);
        const b = this.map.project(ring[i + 1] as [number, number]);
        const dx = b.x - a.x;
        const dy = b.y - a.y;
        const len2 = dx * dx + dy * dy || 1;
        const t = Math.max(0, Math.min(1, ((at.x - a.x) * dx + (at.y - a.y) * dy) / len2));
        if (Math.hypot(a.x + t * dx - at.x, a.y + t * dy - at.y) <= px) return true;
      }
    return false;
  }

  setData(data: MapData, selected: string | null): void {
    this.data = data;
    this.selected = selected;
    this.render();
  }

  setEditable(editable: boolean): void {
    this.editable = editable;
    this.syncDraw();
  }

  setTool(tool: Tool): void {
    this.tool = tool;
    if (!this.draw) return;
    this.draw.setMode(tool === 'draw' ? 'polygon' : tool === 'split' ? 'linestring' : 'select');
    this.syncDraw();
  }

  /** Our dark or light basemap (restyled in place: the editing layers stay), or a raster one under the outline. */
  setBasemap(b: Basemap): void {
    void this.ready.then(() => {
      this.rasterCount = restyleBasemap(this.map, b, this.rasterCount);
    });
  }

  /** Snap drawn and moved vertices to these road centre lines too (null: the toggle is off). */
  setRoadSnap(lines: Position[][] | null): void {
    this.roadLines = lines ?? [];
  }

  setProblems(problems: Problem[], focus: Areal | null): void {
    void this.ready.then(() => {
      const areas: Feature[] = [];
      const points: Feature[] = [];
      for (const p of problems) {
        if (p.geometry) areas.push({ type: 'Feature', properties: { kind: p.kind, id: p.id }, geometry: p.geometry });
        for (const q of p.points ?? []) points.push({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: q } });
      }
      this.source('problems')?.setData(fc(areas));
      this.source('problem-points')?.setData(fc(points));
      this.source('focus')?.setData(focus ? fc([{ type: 'Feature', properties: {}, geometry: focus }]) : EMPTY);
    });
  }

  /** A past version's boundaries (dashed) and the areas that belonged to another grid then. */
  setHistory(ghost: Polygon[] | null, diff: Areal[]): void {
    void this.ready.then(() => {
      this.source('ghost')?.setData(fc((ghost ?? []).map((g) => ({ type: 'Feature', properties: {}, geometry: g }))));
      this.source('diff')?.setData(fc(diff.map((g) => ({ type: 'Feature', properties: {}, geometry: g }))));
    });
  }

  fitTo(b: BBox, animate = true): void {
    this.map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: { top: 60, bottom: 60, left: 330, right: 400 }, duration: animate ? 600 : 0, maxZoom: 18 });
  }

  private source(id: string): maplibregl.GeoJSONSource | undefined {
    return this.map.getSource(id) as maplibregl.GeoJSONSource | undefined;
  }

  /** Brings the map to this.data and this.selected, redrawing only what differs from what it shows. */
  private render(): void {
    if (!this.draw || !this.data) return;
    const d = this.data;
    const was = this.shown;
    const changed = <T,>(a: T[] | undefined, b: T[]) => a !== b && !(a?.length === 0 && b.length === 0);
    if (!was || was.street !== d.street) {
      this.source('streets')?.setData(fc(polygonsOf(d.street.geometry).map((g) => ({ type: 'Feature', properties: {}, geometry: g }))));
    }
    if (!was || was.grids !== d.grids) {
      this.source('grids')?.setData(fc(d.grids.map((g, i) => ({ type: 'Feature', properties: { key: g.key, color: GRID_COLORS[i % GRID_COLORS.length] }, geometry: g.geometry }))));
      this.renderLabels();
    }
    if (!was || was.grids !== d.grids || was.selected !== this.selected) this.showSelection(was?.selected ?? null);
    const asFeature = (x: { id: number; name: string; geometry: Geometry }): Feature => ({ type: 'Feature', properties: { id: x.id, name: x.name }, geometry: x.geometry });
    if (changed(was?.buildings, d.buildings)) this.source('buildings')?.setData(fc(d.buildings.map(asFeature)));
    if (changed(was?.stations, d.stations)) this.source('stations')?.setData(fc(d.stations.map(asFeature)));
    this.shown = { ...d, selected: this.selected };
    this.syncDraw();
  }

  /** Moves the selection's highlight (fill and label) from the previous grid to the selected one. */
  private showSelection(previous: string | null): void {
    if (previous !== null && previous !== this.selected) {
      this.map.setFeatureState({ source: 'grids', id: previous }, { selected: false });
      this.labels.get(previous)?.getElement().classList.remove('selected');
    }
    if (this.selected !== null && this.data?.grids.some((g) => g.key === this.selected)) {
      this.map.setFeatureState({ source: 'grids', id: this.selected }, { selected: true });
      this.labels.get(this.selected)?.getElement().classList.add('selected');
    }
    this.declutterLabels();
  }

  /** Grid names as HTML markers: the browser draws CJK text, so no glyphs are fetched. */
  private renderLabels(): void {
    for (const l of this.labels.values()) l.remove();
    this.labels.clear();
    for (const g of this.data?.grids ?? []) {
      let at: Position;
      try {
        at = pointOnFeature(g.geometry).geometry.coordinates;
      } catch {
        continue;
      }
      const el = document.createElement('div');
      el.className = 'grid-label';
      el.textContent = g.name;
      this.labels.set(g.key, new maplibregl.Marker({ element: el }).setLngLat(at as [number, number]).addTo(this.map));
    }
    this.declutterLabels();
  }

  /**
   * Readable labels at any zoom (200 grids at street zoom were an unreadable heap): a label shows only where its
   * grid is at least as large on screen as the label, and not over a label already placed (the selected grid's
   * first, then the larger grids'). Hidden ones come back as the map zooms in.
   */
  private declutterLabels(): void {
    const grids = this.data?.grids ?? [];
    if (this.labels.size === 0) return;
    const boxes = grids.map((g) => {
      const ring = g.geometry.coordinates[0] ?? [];
      let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const p of ring) {
        const q = this.map.project(p as [number, number]);
        x0 = Math.min(x0, q.x);
        y0 = Math.min(y0, q.y);
        x1 = Math.max(x1, q.x);
        y1 = Math.max(y1, q.y);
      }
      return { key: g.key, w: x1 - x0, h: y1 - y0 };
    });
    boxes.sort((a, b) => Number(b.key === this.selected) - Number(a.key === this.selected) || b.w * b.h - a.w * a.h);
    const placed: { x0: number; y0: number; x1: number; y1: number }[] = [];
    for (const b of boxes) {
      const marker = this.labels.get(b.key);
      if (!marker) continue;
      const el = marker.getElement();
      const at = this.map.project(marker.getLngLat());
      const w = el.offsetWidth;
      const h = el.offsetHeight;
      const r = { x0: at.x - w / 2 - 2, y0: at.y - h / 2 - 2, x1: at.x + w / 2 + 2, y1: at.y + h / 2 + 2 };
      const fits = b.key === this.selected || (b.w >= w && b.h >= h && !placed.some((o) => r.x0 < o.x1 && o.x0 < r.x1 && r.y0 < o.y1 && o.y0 < r.y1));
      el.classList.toggle('crowded', !fits);
      if (fits) placed.push(r);
    }
  }

  /** Keeps TerraDraw holding exactly the selected grid, with the state's geometry. */
  private syncDraw(): void {
    const draw = this.draw;
    if (!draw || !this.data) return;
    const want = this.editable && this.tool === 'select' ? this.data.grids.find((g) => g.key === this.selected) : undefined;
    const held = draw.getSnapshot().filter((f) => f.properties?.mode === 'polygon' && typeof f.id === 'string' && !f.id.startsWith('td-'));
    const stale = held.filter((f) => f.id !== want?.key).map((f) => f.id as string);
    if (stale.length) draw.removeFeatures(stale);
    if (!want) return;
    const has = held.find((f) => f.id === want.key);
    try {
      if (!has) {
        const [res] = draw.addFeatures([{ type: 'Feature', id: want.key, properties: { mode: 'polygon' }, geometry: want.geometry }]);
        if (res?.valid === false) return;
      } else if (!sameRing(has.geometry as Polygon, want.geometry)) {
        draw.updateFeatureGeometry(want.key, want.geometry);
      }
      if (draw.getMode() === 'select' && !has?.properties?.selected) draw.selectFeature(want.key);
    } catch {
      // An invalid ring (e.g. self-intersecting) cannot be edited in TerraDraw; validation shows it.
    }
  }

  /** Whether the selected grid could be put into TerraDraw for vertex editing. */
  canEditSelected(): boolean {
    return !!this.selected && !!this.draw?.hasFeature(this.selected);
  }

  /** The interface language changed: the map's own controls (scale units, button titles) follow. */
  setLocale(locale: Locale): void {
    setMapLocale(this.map, locale);
  }

  destroy(): void {
    for (const l of this.labels.values()) l.remove();
    try {
      this.draw?.stop();
    } catch {
      // the map may already be gone
    }
    this.map.remove();
  }
}

const sameRing = (a: Polygon, b: Polygon): boolean => {
  const ra = a.coordinates[0] ?? [];
  const rb = b.coordinates[0] ?? [];
  return ra.length === rb.length && ra.every((p, i) => samePos(p, rb[i] as Position));
};
