// Loads what the map shows: boundaries once, everything large by viewport (with a debounce), and the
// top gaps. Returns stable empty collections while loading so layers never see undefined.
import { useEffect, useRef, useState } from 'react';
import type { Feature, FeatureCollection } from 'geojson';
import { api, COMPUTING_RETRY_MS, isComputing } from '../../api/http';
import { getFeatures, getGaps } from '../../api/endpoints';
import { numberOrNull, jsonArray, tilePoints } from '../../api/tile-points';
import { pointTileLevel } from '../../api/tile-grid';
import { EMPTY_DATA, type ColorBy, type LayerId, type MapData, type StationProps } from '../../map/layers/types';

type Props = Record<string, unknown>;
/** Tile properties as the layers read them (MVT: no nulls, arrays as JSON text). */
export const stationOfTile = (p: Props): StationProps & Props => ({
  ...p, name: String(p.name ?? ''), type: String(p.type ?? ''), alsoTypes: jsonArray(p.alsoTypes), services: jsonArray(p.services),
  openTo: (p.openTo ?? 'public') as StationProps['openTo'], reachM: numberOrNull(p.reachM),
});
export const activityOfTile = (p: Props) => ({ ...p, participants: Number(p.participants ?? 0), heldAt: String(p.heldAt ?? ''), title: String(p.title ?? '') });

export interface ReachSettings {
  reachByType: Record<string, number>;
  walkingSpeedKmh: number;
  bandsMinutes: number[];
}

/** Below this zoom the city is too big to load building by building. */
export const MIN_DETAIL_ZOOM = 12;

type BBox = [number, number, number, number];

/** The viewport grown by half its size each way: pans within it need no new request. */
export function paddedBBox([w, s, e, n]: BBox): BBox {
  const dx = (e - w) * 0.5;
  const dy = (n - s) * 0.5;
  return [w - dx, s - dy, e + dx, n + dy].map((v) => Math.round(v * 1e5) / 1e5) as BBox;
}

export const contains = (outer: BBox, inner: BBox): boolean => outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];

export function useMapData(view: { layers: LayerId[]; colorBy: ColorBy; focusStreet: string | null; tiled: boolean }, bounds: [number, number, number, number] | null, zoom: number, today: string) {
  const [data, setData] = useState<MapData>(EMPTY_DATA);
  const [reach, setReach] = useState<ReachSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Just after the server started, figures are still being computed (503): shown as such and asked again soon.
  const [computing, setComputing] = useState(false);
  const [retryTick, setRetryTick] = useState(0);
  const failed = (e: unknown, signal: AbortSignal) => {
    if (signal.aborted) return;
    if (!isComputing(e)) return setError(String(e));
    setComputing(true);
    setTimeout(() => setRetryTick((n) => n + 1), COMPUTING_RETRY_MS);
  };

  useEffect(() => {
    const ctrl = new AbortController();
    const signal = ctrl.signal;
    Promise.all([
      getFeatures('districts', {}, { signal }),
      getFeatures('streets', {}, { signal }),
      getFeatures('grids', {}, { signal }),
      getFeatures('business-districts', {}, { signal }),
      getFeatures('alliances', {}, { signal }),
      api<ReachSettings>('/api/coverage/reach-config', { signal }),
    ])
      .then(([districts, streets, grids, businessDistricts, alliances, reachCfg]) => {
        setData((d) => ({ ...d, districts, streets, grids, businessDistricts, alliances } as MapData));
        setReach(reachCfg);
      })
      .catch((e: unknown) => !signal.aborted && setError(String(e)));
    return () => ctrl.abort();
  }, []);

  // Reload by viewport only when the view leaves the area already loaded (or what is wanted changes).
  const loaded = useRef<{ box: BBox; what: string } | null>(null);
  const [bboxKey, setBboxKey] = useState<string | null>(null);
  // With tiles the buildings layer reads its own tiles; only the top gaps' outlines need GeoJSON (below).
  const wantBuildings = !view.tiled && (view.layers.includes('buildings') || view.layers.includes('gaps'));
  const wantActivity = view.layers.includes('activity');
  const wantStations = view.layers.includes('stations') || view.layers.includes('reach');
  // Points come from tiles of the zoom's level: a new level is a new load.
  const what = [wantBuildings, wantActivity, wantStations, zoom >= MIN_DETAIL_ZOOM, pointTileLevel(zoom)].join();
  useEffect(() => {
    if (!bounds || zoom < MIN_DETAIL_ZOOM - 2) return;
    const prev = loaded.current;
    if (prev && prev.what === what && contains(prev.box, bounds)) return;
    const box = paddedBBox(bounds);
    loaded.current = { box, what };
    setBboxKey(`${box.map((v) => v.toFixed(5)).join(',')}|${what}`);
  }, [bounds, zoom, what]);

  useEffect(() => {
    if (!bboxKey) return;
    const ctrl = new AbortController();
    const signal = ctrl.signal;
    const bbox = bboxKey.split('|')[0] as string;
    const box = bbox.split(',').map(Number) as BBox;
    const timer = setTimeout(() => {
      const detail = zoom >= MIN_DETAIL_ZOOM;
      const since = new Date(new Date(`${today}T00:00:00Z`).getTime() - 366 * 86_400_000).toISOString().slice(0, 10);
      const none = Promise.resolve(null);
      Promise.all([
        wantBuildings && detail ? getFeatures('buildings', { bbox }, { signal }) : none,
        // Points come from the vector tiles: every one in the box, no cap (issue 14).
        wantStations ? tilePoints('stations', box, zoom, { props: stationOfTile, signal }) : none,
        wantActivity ? tilePoints('activities', box, zoom, { query: { datetime: `${since}/..` }, props: activityOfTile, signal }) : none,
      ])
        .then(([buildings, stations, activities]) => {
          setData((d) => ({
            ...d,
            ...(buildings ? { buildings } : {}),
            ...(stations ? { stations } : {}),
            ...(activities ? { activities } : {}),
          } as MapData));
          setError(null);
          setComputing(false);
        })
        .catch((e: unknown) => failed(e, signal));
    }, 250);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
    // zoom is read at fetch time; a new bboxKey (or a retry while computing) is what triggers a load.
  }, [bboxKey, wantBuildings, wantStations, wantActivity, today, retryTick]);

  const wantGaps = view.layers.includes('gaps');
  const gapKind = view.colorBy === 'combined' ? 'party' : view.colorBy;
  useEffect(() => {
    if (!wantGaps) return;
    const ctrl = new AbortController();
    getGaps({ level: 'building', kind: gapKind, limit: 10, streetCode: view.focusStreet ?? undefined }, ctrl.signal)
      .then(async ({ gaps }) => {
        const ids = gaps.map((g) => Number(g.id));
        // Tiled, the gap buildings' outlines (ringed and ranked, and where a gap in the list flies to) are
        // fetched by id: a handful of items wherever they are, not the viewport's buildings.
        const buildings = view.tiled ? await gapBuildings(ids, ctrl.signal) : null;
        setData((d) => ({ ...d, gapBuildingIds: ids, ...(buildings ? { buildings } : {}) } as MapData));
      })
      .catch((e: unknown) => failed(e, ctrl.signal));
    return () => ctrl.abort();
  }, [wantGaps, gapKind, view.focusStreet, view.tiled, retryTick]);

  return { data, reach, error, computing };
}

async function gapBuildings(ids: number[], signal: AbortSignal): Promise<FeatureCollection> {
  const features = await Promise.all(ids.map((id) => api<Feature>(`/ogc/collections/buildings/items/${id}`, { signal, headers: { accept: 'application/geo+json' } })));
  return { type: 'FeatureCollection', features };
}

export type { FeatureCollection };
