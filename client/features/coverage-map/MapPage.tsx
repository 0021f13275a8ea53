// The coverage map: the territory with every layer, the layer panel and legends, profiles, drill-down,
// search, and a URL that always holds the view.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { getConfig, logout } from '../../api/endpoints';
import type { Basemap, Level, Me, SearchResult } from '../../api/types';
import { useI18n, useLabel } from '../../i18n/I18n';
import { MapController, type PickEvent } from '../../map/MapController';
import { buildLayers } from '../../map/layers';
import { toMapCoords } from '../../map/coords';
import { tileSource } from '../../api/tiles';
import { bboxOf } from '../../map/layers/geometry';
import type { StyleState } from '../../map/layers/types';
import { useMapData } from './useMapData';
import { hoursText } from '../../i18n/hours';
import { Breadcrumb } from './Breadcrumb';
import { CITY_ID, useTrail } from './useTrail';
import { LayerPanel } from './LayerPanel';
import { SearchBox } from './SearchBox';
import { BuildingProfile } from './profile/BuildingProfile';
import { AreaProfile } from './profile/AreaProfile';
import { StationProfile } from './profile/StationProfile';
import type { Camera } from '../../map/create-map';
import { DEFAULT_VIEW, decodeView, encodeView, type AreaLevel, type ViewState } from './view-state';
import { panelPadding } from './padding';
import { searchZoom } from './search-zoom';
import { LanguageButton } from '../../i18n/LanguageButton';
import { CHILD_LEVEL } from './summaries';
import { useThematic } from './useThematic';
import { useDensity } from './useDensity';
import { useBandAreas } from './useBandAreas';
import { ThematicLegend, fill } from './ThematicLegend';
import { AreaTree } from './AreaTree';
import { currentThematic, THEMATIC_LAYER_ID, THEMATIC_MAX_ZOOM } from '../../map/layers/thematic';
import { pct } from '../../map/layers/thematic/classes';
import type { ThematicArea } from '../../map/layers/thematic/model';
import type { Geometry } from 'geojson';

const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const BUILTIN_FALLBACK: Basemap[] = [
  { id: 'dark', name: { zh: '深色', en: 'Dark' }, kind: 'builtin', theme: 'dark', crs: 'wgs84' },
  { id: 'light', name: { zh: '浅色', en: 'Light' }, kind: 'builtin', theme: 'light', crs: 'wgs84' },
];

export function MapPage({ me, onSignedOut }: { me: Me; onSignedOut: () => void }) {
  const { t, locale } = useI18n();
  const label = useLabel();
  // The link as opened (the URL is rewritten with the view at once).
  const [link] = useState(() => new URLSearchParams(location.search));
  const [view, setView] = useState<ViewState>(() => decodeView(link));
  const [bounds, setBounds] = useState<[number, number, number, number] | null>(null);
  const [basemaps, setBasemaps] = useState<Basemap[]>(BUILTIN_FALLBACK);
  const [notice, setNotice] = useState<string | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const controller = useRef<MapController | null>(null);
  // The date the server's figures are as of (it may differ from this browser's clock).
  const [today, setToday] = useState(chinaToday);
  const patch = useCallback((p: Partial<ViewState>) => setView((v) => ({ ...v, ...p })), []);
  // Panels fold away; on a small screen (1366×768) the layer panel starts folded.
  const [layersFolded, setLayersFolded] = useState(() => innerWidth < 1440);
  const [profileFolded, setProfileFolded] = useState(false);
  const profilePanelRef = useRef<HTMLElement>(null);

  // The URL always holds the view, so a copied link opens the same view.
  useEffect(() => {
    const url = `${location.pathname}?${encodeView(view)}`;
    history.replaceState(null, '', url);
  }, [view]);

  // A link without a place waits for the configuration's home before asking any area's figures: the default
  // view's street is the demo's, which another territory (the synthetic city) does not have (404s).
  const [configRead, setConfigRead] = useState(false);
  const focusKnown = configRead || link.has('focus') || link.has('at');
  useEffect(() => {
    getConfig()
      .finally(() => setConfigRead(true))
      .then((c) => {
        setBasemaps(c.basemaps);
        setToday(c.today);
        // A link without a place opens the territory's home street (the default view is the demo's).
        if (c.home && !link.has('focus') && !link.has('at') && c.home.id !== DEFAULT_VIEW.focus.id) {
          const home = c.home;
          patch({ focus: { level: home.level, id: home.id }, selection: null });
          // After the map's first frame, so the framing is not undone by its initial camera.
          requestAnimationFrame(() => controller.current?.fitBounds(home.bbox));
        }
      })
      .catch(() => undefined);
  }, [link, patch]);

  const streetOfFocus = view.focus.level === 'street' ? view.focus.id : null;
  // Buildings come as vector tiles (WGS84) unless the basemap wants shifted coordinates.
  const tiled = (basemaps.find((b) => b.id === view.basemap) ?? basemaps[0])?.crs === 'wgs84';
  const { data, reach, error, computing } = useMapData({ layers: view.layers, colorBy: view.colorBy, focusStreet: streetOfFocus, tiled }, bounds, view.camera.zoom, today);

  // Picking refers to the latest data through a ref, so the controller is created once.
  const dataRef = useRef(data);
  dataRef.current = data;
  const onPick = useCallback((e: PickEvent | null) => {
    if (!e) return;
    const o = e.object as { id?: number | string; properties?: Record<string, unknown> };
    if (e.layerId === 'buildings') patch({ selection: { level: 'building', id: String(o.id) } });
    else if (e.layerId === 'stations' && (o.id ?? o.properties?.id) != null) patch({ selection: { level: 'station', id: String(o.id ?? o.properties?.id) } });
    // A badge of several stations frames them (they come apart a level or two deeper).
    else if (e.layerId === 'stations-clusters' && o && 'bbox' in o) controller.current?.fitBounds((o as { bbox: [number, number, number, number] }).bbox, 17);
    else if (e.layerId === 'boundaries-grids') patch({ selection: { level: 'grid', id: String(o.id) } });
    else if (e.layerId === 'boundaries-business-districts') patch({ selection: { level: 'businessDistrict', id: String(o.id) } });
    // A thematic area drills down to it, as its crumb or its row in the area tree would.
    else if (e.layerId === THEMATIC_LAYER_ID && o.properties) openRef.current(o.properties.level as Level, String(o.properties.id));
  }, [patch]);

  const tooltipRef = useRef<(e: PickEvent) => string | null>(() => null);
  tooltipRef.current = (e) => {
    const o = e.object as { properties?: Record<string, unknown>; name?: string; kind?: string };
    const p = o.properties ?? {};
    if (e.layerId === 'buildings') {
      const rate = p.partyOrgRate as number | null;
      return `${p.name}\n${t('rate.partyOrg')} ${rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`} · ${t('enterprises')} ${p.enterprises}`;
    }
    if (e.layerId === 'stations-clusters') return t('stationsCluster').replace('{n}', String((o as { count?: number }).count ?? ''));
    if (e.layerId === 'stations') return `${p.name}\n${label('station', String(p.type))}${p.hours ? ` · ${hoursText(String(p.hours), locale)}` : ''}`;
    if (e.layerId === 'alliances') return `${o.name}\n${label('alliance', String(o.kind))}`;
    if (e.layerId === 'boundaries-grids' || e.layerId === 'boundaries-business-districts') return String(p.name ?? '');
    if (e.layerId === THEMATIC_LAYER_ID) {
      const a = p as unknown as ThematicArea;
      return fill(t('thematic.tooltip'), { name: a.name, rate: t(`rate.${view.rate}`), value: a.value === null ? '—' : pct(a.value), num: a.numerator, den: a.denominator });
    }
    if (e.layerId.startsWith('density')) {
      const n = Number(view.uncoveredOnly ? p.uncovered : p.enterprises);
      return `${t(view.uncoveredOnly ? 'uncoveredOnly' : 'layer.density')}: ${n} · ${Math.round(n / Number(p.areaKm2 || 1))}/km²`;
    }
    return null;
  };

  useEffect(() => {
    if (!container.current) return;
    const c = new MapController(container.current, {
      camera: view.camera,
      onPick,
      onViewChange: (camera: Camera, b) => {
        setBounds(b);
        setView((v) => ({ ...v, camera }));
      },
      tooltip: (e) => tooltipRef.current(e),
    });
    controller.current = c;
    setBounds(c.bounds());
    return () => {
      c.destroy();
      controller.current = null;
    };
    // The controller lives as long as the page; later camera changes go through flyTo.
  }, []);
  useEffect(() => controller.current?.setLocale(locale), [locale]);

  // The camera keeps clear of whatever the panels cover, now and whenever they open, fold or resize.
  useEffect(() => {
    const map = container.current;
    if (!map) return;
    const update = () => {
      const left = document.querySelector<HTMLElement>('.layer-panel');
      const right = profilePanelRef.current;
      const box = (e: HTMLElement | null) => (e ? e.getBoundingClientRect() : null);
      controller.current?.setPadding(panelPadding(map.getBoundingClientRect(), layersFolded ? null : box(left), profileFolded ? null : box(right)));
    };
    update();
    const ro = new ResizeObserver(update);
    ro.observe(map);
    const left = document.querySelector<HTMLElement>('.layer-panel');
    if (left) ro.observe(left);
    if (profilePanelRef.current) ro.observe(profilePanelRef.current);
    return () => ro.disconnect();
  }, [layersFolded, profileFolded]);

  const basemap = basemaps.find((b) => b.id === view.basemap) ?? (basemaps[0] as Basemap);
  // Outlines under the map come from the server's tiles, as roads do (only what is in view).
  useEffect(() => {
    controller.current?.setBasemap(basemap, 'tiles');
  }, [basemap]);

  // Stations group and labels give way by the whole zoom level: the layers are rebuilt when it changes, not per frame.
  const zoomLevel = Math.floor(view.camera.zoom);
  // Strong below zoom 12, faint under the first buildings (12–13), gone closer in: only crossing those changes the style.
  const thematicStrength = view.camera.zoom < 12 ? 'strong' : view.camera.zoom < THEMATIC_MAX_ZOOM ? 'light' : 'off';
  const style = useMemo<StyleState>(() => {
    const end = view.activityEnd ?? today;
    const endNext = new Date(new Date(`${end}T00:00:00Z`).getTime() + 86_400_000);
    const from = new Date(endNext.getTime() - view.activityDays * 86_400_000);
    return {
      colorBy: view.colorBy,
      reachMode: view.reachMode,
      uncoveredOnly: view.uncoveredOnly,
      activityWindow: [from.toISOString(), endNext.toISOString()],
      theme: basemap.theme,
      selection: view.selection,
      reachByType: reach?.reachByType ?? {},
      walkingSpeedKmh: reach?.walkingSpeedKmh ?? 4.5,
      bandsMinutes: reach?.bandsMinutes ?? [5, 10, 15],
      toMap: toMapCoords(basemap.crs),
      tiles: tileSource(),
      zoom: zoomLevel,
      label,
      thematic: { rate: view.rate, method: view.classes, strength: thematicStrength },
      labelZoom: zoomLevel,
    };
    // label changes with the locale only
  }, [view.colorBy, view.reachMode, view.uncoveredOnly, view.activityEnd, view.activityDays, view.selection, basemap, reach, today, locale, zoomLevel, view.rate, view.classes, thematicStrength]);


  const chooseBasemap = (id: string) => {
    const b = basemaps.find((x) => x.id === id);
    if (!b) return;
    // Our overlays are shifted to GCJ-02 when the basemap needs it; any other system is refused.
    if (b.crs !== 'wgs84' && b.crs !== 'gcj02') {
      setNotice(t('basemapRefused'));
      return;
    }
    setNotice(null);
    patch({ basemap: id });
  };

  // Drill-down trail: district › street › grid, from the boundaries data.
  const trail = useTrail(view.focus, data, t('level.city'));

  // The thematic map colours the focus's children (a grid's or business district's street's grids).
  const thematicParent = useMemo(() => {
    if (CHILD_LEVEL[view.focus.level as Level]) return view.focus as { level: Level; id: string };
    const street = trail.find((c) => c.level === 'street');
    return street ? { level: 'street' as Level, id: street.id } : null;
  }, [view.focus, trail]);
  const thematic = useThematic(focusKnown ? thematicParent : null, view.layers.includes('thematic'));
  const densityHexes = useDensity(view.layers.includes('density'), bounds, view.camera.zoom);
  const selectedStation = view.selection?.level === 'station' ? Number(view.selection.id) : null;
  const bandAreas = useBandAreas(view.layers.includes('reach') && view.reachMode === 'bands', view.focus, selectedStation);
  const { area: bandsOfArea, station: stationBands } = bandAreas;
  const mapData = useMemo(() => ({ ...data, thematic, densityHexes: densityHexes as unknown as typeof data.densityHexes, bandAreas: bandsOfArea, stationBands }), [data, thematic, densityHexes, bandsOfArea, stationBands]);

  useEffect(() => {
    controller.current?.setLayers(buildLayers(view.layers, mapData, style));
  }, [view.layers, mapData, style]);
  const thematicModel = currentThematic(mapData, style);
  const [treeOpen, setTreeOpen] = useState(false);

  const geometryOf = (level: AreaLevel, id: string): Geometry | undefined => {
    // The whole city: the extent of every street.
    if (level === 'city') {
      const boxes = data.streets.features.map((f) => bboxOf(f.geometry));
      if (!boxes.length) return undefined;
      const [w, s, e, n] = [Math.min(...boxes.map((x) => x[0])), Math.min(...boxes.map((x) => x[1])), Math.max(...boxes.map((x) => x[2])), Math.max(...boxes.map((x) => x[3]))];
      return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
    }
    const fc = level === 'district' ? data.districts : level === 'street' ? data.streets : level === 'grid' ? data.grids : level === 'businessDistrict' ? data.businessDistricts : data.buildings;
    return fc.features.find((f) => String(f.id) === id)?.geometry;
  };

  const open = (level: Level, id: string) => {
    if (level === 'building') {
      patch({ selection: { level, id } });
      const g = geometryOf('building', id);
      if (g) {
        const [w, s, e, n] = bboxOf(g);
        controller.current?.flyTo({ lng: (w + e) / 2, lat: (s + n) / 2, zoom: Math.max(view.camera.zoom, 16) });
      }
      return;
    }
    patch({ focus: { level, id }, selection: null });
    const g = geometryOf(level, id);
    if (g) controller.current?.fitBounds(bboxOf(g));
  };

  const openRef = useRef(open);
  openRef.current = open;

  const onSearch = (r: SearchResult) => {
    // An area: drill to it (breadcrumb, profile and URL follow the focus) and frame its extent.
    if (r.bbox && r.type !== 'building' && r.type !== 'enterprise' && r.type !== 'station') {
      patch({ focus: { level: r.type, id: r.id }, selection: null });
      controller.current?.fitBounds(r.bbox);
      return;
    }
    // Close enough to tell the building from its neighbours, not so close that one tower fills the screen.
    controller.current?.flyTo({ lng: r.lon, lat: r.lat, zoom: searchZoom(r.type) });
    if (r.buildingId) patch({ selection: { level: 'building', id: String(r.buildingId) } });
  };

  const parentOf = (level: AreaLevel, id: string): { level: Level; id: string } | null => {
    if (level === 'grid' || level === 'businessDistrict') {
      const fc = level === 'grid' ? data.grids : data.businessDistricts;
      const sc = fc.features.find((f) => String(f.id) === id)?.properties?.streetCode as string | undefined;
      return sc && level === 'grid' ? { level: 'street', id: sc } : null;
    }
    if (level === 'street') {
      const dc = data.streets.features.find((f) => f.id === id)?.properties?.districtCode as string | undefined;
      return dc ? { level: 'district', id: dc } : null;
    }
    if (level === 'district') return { level: 'city', id: CITY_ID };
    return null;
  };

  const businessDistrictSiblings = (id: string): string[] => {
    const street = data.businessDistricts.features.find((f) => String(f.id) === id)?.properties?.streetCode;
    return data.businessDistricts.features.filter((f) => f.properties?.streetCode === street).map((f) => String(f.id));
  };

  // The panel sees the view without the camera, so panning does not re-render it.
  const { layers, colorBy, rate, classes, reachMode, uncoveredOnly, activityEnd, activityDays, focus, selection, basemap: basemapId } = view;
  const panelView = useMemo<ViewState>(
    () => ({ layers, colorBy, rate, classes, reachMode, uncoveredOnly, activityEnd, activityDays, focus, selection, basemap: basemapId, camera: DEFAULT_VIEW.camera }),
    [layers, colorBy, rate, classes, reachMode, uncoveredOnly, activityEnd, activityDays, focus, selection, basemapId],
  );

  const shown = view.selection ?? view.focus;
  const activityTimes = useMemo(() => data.activities.features.map((f) => String(f.properties?.heldAt ?? '')), [data.activities]);
  const { method: bandsMethod, offRoad } = bandAreas;
  const walk = useMemo(() => ({ speedKmh: reach?.walkingSpeedKmh ?? 4.5, minutes: reach?.bandsMinutes ?? [5, 10, 15], method: bandsMethod, offRoad }), [reach, bandsMethod, offRoad]);
  const wallScope = `${view.focus.level === 'district' ? 'district' : 'street'}:${view.focus.level === 'district' ? view.focus.id : (trail.find((c) => c.level === 'street')?.id ?? '310106012')}`;
  return (
    <div className="map-page">
      <header className="topbar">
        <h1>{t('title')}</h1>
        <Breadcrumb trail={trail} onOpen={(c) => open(c.level, c.id)} tree={{ open: treeOpen, toggle: () => setTreeOpen((o) => !o) }} />
        <SearchBox onPick={onSearch} />
        <div className="tools">
          <select value={basemap.id} onChange={(e) => chooseBasemap(e.target.value)} aria-label={t('basemap')} data-control="basemap">
            {basemaps.map((b) => (
              <option key={b.id} value={b.id}>{locale === 'en' ? b.name.en : b.name.zh}</option>
            ))}
          </select>
          <LanguageButton control />
          <a className="wall-link" href={`/wall?scope=${wallScope}`} target="_blank" rel="noreferrer">{t('wall')}</a>
          {(me.role === 'admin' || me.role === 'official') && <a className="nav-link" href={`/wall/tour?scope=${wallScope}`} data-nav="tour">{t('wall.tourEditor')}</a>}
          {(me.role === 'admin' || me.role === 'editor') && <a className="nav-link" href="/edit" data-nav="edit">{t('nav.gridEditor')}</a>}
          {me.role === 'admin' && <a className="nav-link" href="/admin/import" data-nav="import">{t('nav.import')}</a>}
          {me.role === 'admin' && <a className="nav-link" href="/admin/publish" data-nav="publish">{t('nav.publish')}</a>}
          <span className="user" translate="no">{me.username}</span>
          <button type="button" onClick={() => logout().finally(onSignedOut)}>{t('signOut')}</button>
        </div>
      </header>
      <div className="map" ref={container} data-testid="map" />
      <LayerPanel view={panelView} today={today} onChange={patch} collapsed={layersFolded} onCollapse={setLayersFolded} walk={walk} activityTimes={activityTimes} />
      <aside className={`panel profile-panel${profileFolded ? ' collapsed' : ''}`} ref={profilePanelRef}>
        <button type="button" className="panel-toggle fold" onClick={() => setProfileFolded(!profileFolded)} aria-expanded={!profileFolded} title={t(profileFolded ? 'expand' : 'collapse')} aria-label={t(profileFolded ? 'expand' : 'collapse')} data-control="profile-panel">{profileFolded ? '‹' : '›'}</button>
        {!profileFolded && view.selection && (
          <button type="button" className="close" onClick={() => patch({ selection: null })} aria-label={t('close')}>×</button>
        )}
        {profileFolded ? null : shown.level === 'station' ? (
          <StationProfile id={Number(shown.id)} onOpenBuilding={(b) => patch({ selection: { level: 'building', id: String(b) } })} />
        ) : shown.level === 'building' ? (
          <BuildingProfile id={Number(shown.id)} />
        ) : !focusKnown ? (
          <p className="muted">{t('loading')}</p>
        ) : (
          <AreaProfile
            level={shown.level}
            id={shown.id}
            parent={parentOf(shown.level, shown.id)}
            siblings={shown.level === 'businessDistrict' ? businessDistrictSiblings(shown.id) : undefined}
            streetCode={streetOfFocus}
            onOpen={open}
            admin={me.role === 'admin' ? { csrfToken: me.csrfToken } : null}
          />
        )}
      </aside>
      {treeOpen && (
        <AreaTree
          trail={trail}
          rate={view.rate}
          onOpen={(level, id) => {
            open(level, id);
            setTreeOpen(false);
            document.querySelector<HTMLElement>('[data-control="area-tree"]')?.focus();
          }}
          onClose={() => {
            setTreeOpen(false);
            document.querySelector<HTMLElement>('[data-control="area-tree"]')?.focus();
          }}
        />
      )}
      {view.layers.includes('thematic') && <ThematicLegend model={thematicModel} zoom={view.camera.zoom} rate={view.rate} method={view.classes} onChange={patch} besidePanel={!layersFolded} />}
      {(notice || error || computing) && <div className="notice" role="status">{notice ?? (error ? t('errorLoading') : t('computing'))}</div>}
      {basemap.approval && <div className="approval">{basemap.approval}</div>}
    </div>
  );
}
