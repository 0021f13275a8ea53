// The wall display (大屏): a 1920×1080 design scaled to any wall, live through /api/events, touring the
// business districts and grids, healing itself when unattended.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FeatureCollection } from 'geojson';
import { api, COMPUTING_RETRY_MS, isComputing } from '../../api/http';
import { getFeatures, getSummary } from '../../api/endpoints';
import { tilePoints } from '../../api/tile-points';
import { tileSource } from '../../api/tiles';
import { activityOfTile, stationOfTile } from '../coverage-map/useMapData';
import type { SummaryNode } from '../../api/types';
import { useI18n, useLabel } from '../../i18n/I18n';
import { MapController } from '../../map/MapController';
import { buildLayers } from '../../map/layers';
import { identity } from '../../map/coords';
import { EMPTY_DATA, type MapData, type StyleState } from '../../map/layers/types';
import { KpiPanel } from './KpiPanel';
import { RankingPanel } from './RankingPanel';
import { useLive, SILENCE_MS } from './useLive';
import { startWatchdog } from './watchdog';
import { isNight, nextStep, wallFrame, type Tour } from './tour';
import type { WallSummary } from '../../../server/wall/contract';
import { LowerBoards } from './LowerBoards';
import { WallLegend } from './WallLegend';
import { getTrend, getWarnings } from '../../api/endpoints';
import type { Trend, Warnings } from '../../api/types';
import './wall.css';

const INTERACTIONS = ['pointermove', 'pointerdown', 'touchstart', 'wheel', 'keydown'] as const;
/** A failed load of the figures is retried after this long (the status shows 'stale' meanwhile). */
const RETRY_MS = 10_000;

/** The tile level at which a scope's box spans about two tiles across (a street ~15, a district ~12, a city ~10). */
export function scopeTileZoom([w, , e]: [number, number, number, number]): number {
  return Math.floor(Math.log2(360 / Math.max(e - w, 1e-4))) + 1;
}

function useFrame() {
  const [frame, setFrame] = useState(() => wallFrame(innerWidth, innerHeight));
  useEffect(() => {
    const on = () => setFrame(wallFrame(innerWidth, innerHeight));
    addEventListener('resize', on);
    return () => removeEventListener('resize', on);
  }, []);
  return frame;
}

function Clock() {
  const { locale } = useI18n();
  const [now, setNow] = useState(new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="clock">
      <b>{now.toLocaleTimeString(locale, { hour12: false, timeZone: 'Asia/Shanghai' })}</b>
      <span>{now.toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long', timeZone: 'Asia/Shanghai' })}</span>
    </div>
  );
}

export function WallPage({ scope, speed, tourLink = false }: { scope: string; speed: number; tourLink?: boolean }) {
  const { t, pct, locale } = useI18n();
  const label = useLabel();
  const frame = useFrame();
  const [summary, setSummary] = useState<WallSummary | null>(null);
  const [updatedAt, setUpdatedAt] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const [computing, setComputing] = useState(false);
  const [tour, setTour] = useState<Tour | null>(null);
  const [step, setStep] = useState(-1);
  const [callout, setCallout] = useState<SummaryNode | null>(null);
  const [pausedUntil, setPausedUntil] = useState(0);
  const [now, setNow] = useState(Date.now());
  const [data, setData] = useState<MapData>(EMPTY_DATA);
  const [trend, setTrend] = useState<Trend | null>(null);
  const [warnings, setWarnings] = useState<Warnings | null>(null);
  const mapEl = useRef<HTMLDivElement>(null);
  const controller = useRef<MapController | null>(null);

  // Loads can overlap (an edit arrives while the first load runs): only the newest one may set the figures.
  const loads = useRef(0);
  const retry = useRef<ReturnType<typeof setTimeout> | null>(null);
  const load = useCallback(async () => {
    const seq = ++loads.current;
    if (retry.current) clearTimeout(retry.current);
    try {
      const s = await api<WallSummary>(`/api/wall/summary?scope=${encodeURIComponent(scope)}`);
      if (seq !== loads.current) return;
      setSummary(s);
      setUpdatedAt(Date.now());
      setFailed(false);
      setComputing(false);
      const [w, so, e, n] = s.places.reduce<[number, number, number, number]>((b, p) => [Math.min(b[0], p.bbox[0]), Math.min(b[1], p.bbox[1]), Math.max(b[2], p.bbox[2]), Math.max(b[3], p.bbox[3])], [180, 90, -180, -90]);
      const bbox = [w, so, e, n].map((v) => v.toFixed(5)).join(',');
      const since = new Date(new Date(`${s.asOf}T00:00:00Z`).getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
      const inScope = (fc: FeatureCollection) => ({ ...fc, features: fc.features.filter((f) => s.scope.streetCodes.includes(String(f.properties?.streetCode ?? f.properties?.code ?? ''))) });
      // Stations and activities from the same vector tiles as the map (complete at any scope: no 20k cap), at a level
      // where the scope spans a few tiles; buildings are a tile layer of their own (style.tiles).
      const box = [w, so, e, n] as [number, number, number, number];
      const zoom = scopeTileZoom(box);
      const [streets, grids, businessDistricts, stations, activities] = await Promise.all([
        getFeatures('streets'), getFeatures('grids', { bbox }), getFeatures('business-districts', { bbox }),
        tilePoints('stations', box, zoom, { props: stationOfTile }),
        tilePoints('activities', box, zoom, { query: { datetime: `${since}/..` }, props: activityOfTile }),
      ]);
      if (seq !== loads.current) return;
      setData((d) => ({
        ...d,
        streets: inScope(streets), grids: inScope(grids), businessDistricts: inScope(businessDistricts),
        stations: stations as MapData['stations'], activities: activities as unknown as MapData['activities'],
      } as MapData));
    } catch (e) {
      if (seq !== loads.current) return;
      // Just after the server started: the figures are being computed, which is not a failure.
      const busy = isComputing(e);
      setComputing(busy);
      setFailed(!busy);
      // Nobody is at an unattended wall to press reload: try again by itself.
      retry.current = setTimeout(() => void load(), busy ? COMPUTING_RETRY_MS : RETRY_MS);
    }
  }, [scope]);
  useEffect(() => () => {
    if (retry.current) clearTimeout(retry.current);
  }, []);

  // The KPI sparklines: twelve month-ends of the scope, fetched again when the figures change (an edit moves the last one).
  const scopeLevel = summary?.scope.level;
  const scopeId = summary?.scope.id;
  useEffect(() => {
    if (!scopeLevel || !scopeId) return;
    const ctrl = new AbortController();
    getTrend(scopeLevel, scopeId, ctrl.signal).then(setTrend).catch(() => undefined);
    getWarnings(scopeLevel, scopeId, ctrl.signal).then(setWarnings).catch(() => undefined);
    return () => ctrl.abort();
  }, [scopeLevel, scopeId, updatedAt]);
  const stationTypes = useMemo(() => [...new Set(data.stations.features.map((f) => f.properties.type))].sort(), [data.stations]);

  useEffect(() => {
    void load();
    api<Tour>(`/api/wall/tour?scope=${encodeURIComponent(scope)}`).then(setTour).catch(() => setFailed(true));
  }, [load, scope]);

  // Live: any change elsewhere reloads the figures (debounced: an edit is usually several rows).
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { state, lastBeat } = useLive(() => {
    if (pending.current) clearTimeout(pending.current);
    pending.current = setTimeout(() => void load(), 200);
  });

  useEffect(() => startWatchdog(), []);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    const pause = () => {
      // Now, not at the next clock tick: the step timer must stop before it fires.
      setNow(Date.now());
      setPausedUntil(Date.now() + (tour?.idleResumeSeconds ?? 60) * 1000);
    };
    INTERACTIONS.forEach((e) => addEventListener(e, pause, { passive: true }));
    return () => INTERACTIONS.forEach((e) => removeEventListener(e, pause));
  }, [tour?.idleResumeSeconds]);

  // The map: created once the first figures arrive, framed on the scope.
  useEffect(() => {
    if (!summary || controller.current || !mapEl.current) return;
    const street = summary.places.find((p) => p.level === summary.scope.level || p.level === 'street');
    const b = street?.bbox ?? [121.44, 31.22, 121.47, 31.24];
    controller.current = new MapController(mapEl.current, {
      camera: { lng: (b[0] + b[2]) / 2, lat: (b[1] + b[3]) / 2, zoom: 14.5, pitch: 50, bearing: -15 },
      onPick: () => undefined,
      onViewChange: () => undefined,
      tooltip: () => null,
    });
    // The tour's callout sits over the map's top: frame each stop below it, so it never covers the labels it names.
    controller.current.setPadding({ top: 170, right: 0, bottom: 30, left: 0 });
    controller.current.setBasemap({ id: 'dark', name: { zh: '', en: '' }, kind: 'builtin', theme: 'dark', crs: 'wgs84' }, { districts: EMPTY_DATA.districts, streets: data.streets });
  }, [summary, data.streets]);
  useEffect(() => () => controller.current?.destroy(), []);

  const night = !!tour && isNight(new Date(now + 8 * 3600_000).getUTCHours() * 60 + new Date(now + 8 * 3600_000).getUTCMinutes(), tour.schedule);
  const paused = now < pausedUntil;
  const touring = !!tour && !night && !paused;

  // The tour: the next enabled step after each dwell (shortened by ?speed= for soak runs).
  useEffect(() => {
    if (!touring || !tour) return;
    const current = tour.steps[step];
    const dwell = current ? (current.dwellSeconds * 1000) / speed : 500;
    const timer = setTimeout(() => setStep((i) => nextStep(tour.steps, i)), dwell);
    return () => clearTimeout(timer);
  }, [touring, tour, step, speed]);

  const current = tour?.steps[step] ?? null;
  useEffect(() => {
    if (!current || !summary) return;
    const place = summary.places.find((p) => p.level === current.level && p.id === current.id);
    if (place) controller.current?.fitBounds(place.bbox, 15.8);
    const ctrl = new AbortController();
    getSummary(current.level, current.id, ctrl.signal).then(setCallout).catch(() => undefined);
    return () => ctrl.abort();
  }, [current, summary]);

  const asOf = summary?.asOf;
  const style = useMemo<StyleState>(() => ({
    colorBy: 'party', reachMode: 'circles', uncoveredOnly: false,
    activityWindow: asOf ? [new Date(new Date(`${asOf}T00:00:00Z`).getTime() - 29 * 86_400_000).toISOString(), new Date(new Date(`${asOf}T00:00:00Z`).getTime() + 86_400_000).toISOString()] : ['', ''],
    theme: 'dark', selection: current ? { level: current.level, id: current.id } : null,
    reachByType: {}, walkingSpeedKmh: 4.5, bandsMinutes: [5, 10, 15], toMap: identity, label, textScale: 1.5, tiles: tileSource(),
  }), [asOf, current, label]);
  // Layers follow the map data and style only: a new summary alone (KPIs) does not redraw the map.
  const mapReady = !!summary;
  useEffect(() => {
    controller.current?.setLayers(buildLayers(['activity', 'boundaries', 'buildings', 'stations'], data, style));
  }, [data, style, mapReady]);

  const silent = now - lastBeat > SILENCE_MS;
  const status = state === 'disconnected' ? 'disconnected' : state === 'connecting' ? 'connecting' : computing ? 'computing' : silent || failed ? 'stale' : 'live';
  const statusText = { live: t('live'), connecting: t('connecting'), disconnected: t('disconnected'), stale: t('stale'), computing: t('computing') }[status];

  return (
    <div className="wall-viewport">
      <div className={`wall ${night && tour?.schedule.nightMode === 'quiet' ? 'night' : ''}`} style={{ width: frame.width, height: frame.height, zoom: frame.scale }} data-testid="wall">
        <header className="wall-header">
          <div className="emblem">党</div>
          <div className="titles">
            <h1>{summary ? `${summary.scope.name} · ${t('wallTitle')}` : t('wallTitle')}</h1>
            <span>{summary && `${t('asOf')} ${summary.asOf}`}</span>
          </div>
          <div className={`status ${status}`} role="status" data-status={status}>
            <i />
            <span>{statusText}</span>
            {updatedAt && <small>{t('updatedAt')} {new Date(updatedAt).toLocaleTimeString(locale, { hour12: false, timeZone: 'Asia/Shanghai' })}</small>}
          </div>
          {tourLink && <a className="tour-link" href={`/wall/tour?scope=${encodeURIComponent(scope)}`} data-nav="tour">{t('wall.tourEditor')}</a>}
          <Clock />
        </header>
        {summary ? (
          <main className="wall-body">
            <KpiPanel s={summary} trend={trend} />
            <section className="wall-centre">
              <div className="wall-map">
                <div className="map-frame" ref={mapEl} data-testid="wall-map" />
                {current && callout && (
                  <div className="callout" data-step={`${current.level}:${current.id}`}>
                    <h2>{callout.name}</h2>
                    <div className="callout-rates">
                      {(['partyOrg', 'work', 'union'] as const).map((k) => (
                        <div key={k}><b>{pct(callout.rates[k].value)}</b><span>{t(`rate.${k}`)}</span></div>
                      ))}
                    </div>
                  </div>
                )}
                <WallLegend stationTypes={stationTypes} />
                <div className="tour-state">{night ? t('night') : paused ? t('paused') : t('touring')}</div>
              </div>
              <LowerBoards data={data} />
            </section>
            <RankingPanel s={summary} warnings={warnings} active={current ? `${current.level}:${current.id}` : null} />
          </main>
        ) : (
          <p className="wall-loading">{computing ? t('computing') : failed ? t('errorLoading') : t('loading')}</p>
        )}
      </div>
    </div>
  );
}
