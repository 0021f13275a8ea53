// Walking bands as the server draws them (/api/coverage/bands/polygons): the focus area's bands, merged over the
// stations that reach it, and the selected station's own (…/stations/{id}/bands/polygons). While the area's are
// on their way nothing is drawn ('loading'); if they cannot be had, undefined: the layer falls back to
// straight-line circles and the legend says so.
import { useEffect, useState } from 'react';
import type { Feature, MultiPolygon } from 'geojson';
import { api, COMPUTING_RETRY_MS, isComputing } from '../../api/http';
import type { WalkBandAreas } from '../../api/types';
import type { BandAreasData } from '../../map/layers/types';

export function toBandAreas(a: WalkBandAreas): BandAreasData {
  return {
    method: a.method,
    stations: a.stations,
    stationsOnRoads: a.stationsOnRoads,
    bands: a.features.map((f) => ({
      minutes: f.properties.minutes,
      metres: f.properties.metres,
      area: f.geometry.coordinates.length ? ({ type: 'Feature', properties: {}, geometry: f.geometry } as Feature<MultiPolygon>) : null,
    })),
  };
}

function useAreas(url: string | null): BandAreasData | 'loading' | undefined {
  const [got, setGot] = useState<{ url: string; data: BandAreasData | undefined } | null>(null);
  const [retry, setRetry] = useState(0);
  useEffect(() => {
    if (!url) return;
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    api<WalkBandAreas>(url, { signal: ctrl.signal })
      .then((a) => setGot({ url, data: toBandAreas(a) }))
      .catch((e: unknown) => {
        if (ctrl.signal.aborted) return;
        // Just after start-up the figures are still being computed: ask again soon.
        if (isComputing(e)) timer = setTimeout(() => setRetry((n) => n + 1), COMPUTING_RETRY_MS);
        else setGot({ url, data: undefined });
      });
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [url, retry]);
  if (!url) return undefined;
  return got && got.url === url ? got.data : 'loading';
}

export interface BandAreasState {
  area: BandAreasData | 'loading' | undefined;
  station: BandAreasData | null;
  /** How the area's bands were drawn, for the legend: the server's walk, or circles in the browser; null: loading. */
  method: BandAreasData['method'] | 'circles' | null;
  /** Stations drawn in straight line (no road near them). */
  offRoad: number;
}

/** The area's bands (when the bands are shown) and the selected station's own. */
export function useBandAreas(wanted: boolean, area: { level: string; id: string }, stationId: number | null): BandAreasState {
  const areaUrl = wanted ? `/api/coverage/bands/polygons?level=${area.level}&id=${encodeURIComponent(area.id)}` : null;
  const stationUrl = stationId !== null ? `/api/coverage/stations/${stationId}/bands/polygons` : null;
  const a = useAreas(areaUrl);
  const s = useAreas(stationUrl);
  return {
    area: a,
    station: s && s !== 'loading' ? s : null,
    method: a === 'loading' ? null : a ? a.method : 'circles',
    offRoad: a && a !== 'loading' ? a.stations - a.stationsOnRoads : 0,
  };
}
