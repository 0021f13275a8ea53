// Enterprise density for the view: hexagons counted by the server (/api/density/hexagons) for the viewport grown
// by half its size each way, at the zoom's whole part. Asked again when the view leaves the box or the zoom
// changes whole level; a box too large for its zoom (413, e.g. a steep pitch showing the horizon) is asked
// again a level coarser.
import { useEffect, useRef, useState } from 'react';
import { api, ApiError, COMPUTING_RETRY_MS, isComputing } from '../../api/http';
import type { Density } from '../../../server/density/contract';
import { contains, paddedBBox } from './useMapData';

type BBox = [number, number, number, number];
const EMPTY: Density = { type: 'FeatureCollection', asOf: '', zoom: 0, hexSize: 0, features: [] };

export function useDensity(on: boolean, bounds: BBox | null, zoom: number): Density {
  const [data, setData] = useState<Density>(EMPTY);
  const loaded = useRef<{ box: BBox; z: number } | null>(null);
  const [want, setWant] = useState<{ box: BBox; z: number } | null>(null);
  const z = Math.floor(zoom);
  useEffect(() => {
    if (!on || !bounds) return;
    const prev = loaded.current;
    if (prev && prev.z === z && contains(prev.box, bounds)) return;
    const next = { box: paddedBBox(bounds), z };
    loaded.current = next;
    setWant(next);
  }, [on, bounds, z]);
  useEffect(() => {
    if (!on) loaded.current = null;
  }, [on]);

  useEffect(() => {
    if (!want) return;
    const ctrl = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    const timer = setTimeout(async () => {
      for (let level = want.z; level >= Math.max(0, want.z - 3); level--) {
        try {
          const d = await api<Density>(`/api/density/hexagons?bbox=${want.box.join(',')}&zoom=${level}`, { signal: ctrl.signal });
          setData(d);
          return;
        } catch (e) {
          // Just after start-up the figures are still being computed: ask again soon.
          if (isComputing(e)) retry = setTimeout(() => setWant({ ...want }), COMPUTING_RETRY_MS);
          if (!(e instanceof ApiError && e.status === 413)) return;
        }
      }
    }, 250);
    return () => {
      clearTimeout(timer);
      clearTimeout(retry);
      ctrl.abort();
    };
  }, [want]);
  return data;
}
