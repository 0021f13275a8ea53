// Loads what the map shows: boundaries once, everything large by viewport (with a debounce), and the
// top gaps. Returns stable empty collections while loading so layers never see undefined.
import { useEffect, useState } from 'react';
import type { FeatureCollection } from 'geojson';
import { api } from '../../api/http';
import { getFeatures, getGaps } from '../../api/endpoints';
import type { LayerId, ColorBy } from '../../app/view-state';
import type { MapData } from '../../map/layers/types';

const empty = <T,>() => ({ type: 'FeatureCollection', features: [] }) as unknown as T;

export const EMPTY_DATA: MapData = {
  districts: empty(), streets: empty(), grids: empty(), businessDistricts: empty(), buildings: empty(), stations: empty(),
  enterprises: empty(), activities: empty(), alliances: empty(), gapBuildingIds: [],
};

export interface ReachSettings {
  reachByType: Record<string, number>;
  walkingSpeedKmh: number;
  bandsMinutes: number[];
}

/** Below this zoom the city is too big to load building by building. */
export const MIN_DETAIL_ZOOM = 12;

export function bboxParam([w, s, e, n]: [number, number, number, number]): string {
  // A margin so small pans do not show empty edges.
  const dx = (e - w) * 0.15;
  const dy = (n - s) * 0.15;
  return [w - dx, s - dy, e + dx, n + dy].map((v) => v.toFixed(5)).join(',');
}

export function useMapData(view: { layers: LayerId[]; colorBy: ColorBy; focusStreet: string | null }, bounds: [number, number, number, number] | null, zoom: number, today: string) {
  const [data, setData] = useState<MapData>(EMPTY_DATA);
  const [reach, setReach] = useState<ReachSettings | null>(null);
  const [error, setError] = useState<string | null>(null);

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

  const bboxKey = bounds && zoom >= MIN_DETAIL_ZOOM - 2 ? bboxParam(bounds) : null;
  const wantBuildings = view.layers.includes('buildings') || view.layers.includes('gaps');
  const wantDensity = view.layers.includes('density');
  const wantActivity = view.layers.includes('activity');
  const wantStations = view.layers.includes('stations') || view.layers.includes('reach');
  useEffect(() => {
    if (!bboxKey) return;
    const ctrl = new AbortController();
    const signal = ctrl.signal;
    const timer = setTimeout(() => {
      const detail = zoom >= MIN_DETAIL_ZOOM;
      const since = new Date(new Date(`${today}T00:00:00Z`).getTime() - 366 * 86_400_000).toISOString().slice(0, 10);
      const none = Promise.resolve(null);
      Promise.all([
        wantBuildings && detail ? getFeatures('buildings', { bbox: bboxKey }, { signal }) : none,
        wantStations ? getFeatures('stations', { bbox: bboxKey }, { signal }) : none,
        wantDensity && detail ? getFeatures('enterprises', { bbox: bboxKey }, { signal, maxFeatures: 50_000 }) : none,
        wantActivity ? getFeatures('activities', { bbox: bboxKey, datetime: `${since}/..` }, { signal }) : none,
      ])
        .then(([buildings, stations, enterprises, activities]) => {
          setData((d) => ({
            ...d,
            ...(buildings ? { buildings } : {}),
            ...(stations ? { stations } : {}),
            ...(enterprises ? { enterprises } : {}),
            ...(activities ? { activities } : {}),
          } as MapData));
          setError(null);
        })
        .catch((e: unknown) => !signal.aborted && setError(String(e)));
    }, 250);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [bboxKey, zoom, wantBuildings, wantStations, wantDensity, wantActivity, today]);

  const wantGaps = view.layers.includes('gaps');
  const gapKind = view.colorBy === 'combined' ? 'party' : view.colorBy;
  useEffect(() => {
    if (!wantGaps) return;
    const ctrl = new AbortController();
    getGaps({ level: 'building', kind: gapKind, limit: 10, streetCode: view.focusStreet ?? undefined }, ctrl.signal)
      .then(({ gaps }) => setData((d) => ({ ...d, gapBuildingIds: gaps.map((g) => Number(g.id)) })))
      .catch((e: unknown) => !ctrl.signal.aborted && setError(String(e)));
    return () => ctrl.abort();
  }, [wantGaps, gapKind, view.focusStreet]);

  return { data, reach, error };
}

export type { FeatureCollection };
