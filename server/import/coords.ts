// Coordinates as Chinese map services give them: WGS84 (GPS, 天地图), GCJ-02 (Amap, Tencent) or BD-09 (Baidu).
// Stored as WGS84; the source system is kept with the record.
import gcoord from 'gcoord';
import type { CoordSystem } from './kinds.js';

const SYSTEM = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

export function toWgs84(lon: number, lat: number, from: CoordSystem): [number, number] {
  if (from === 'wgs84') return [lon, lat];
  const [x, y] = gcoord.transform([lon, lat], SYSTEM[from], gcoord.WGS84) as [number, number];
  // Seven decimals (about 1 cm), as everything else is stored and served.
  return [Math.round(x * 1e7) / 1e7, Math.round(y * 1e7) / 1e7];
}

/** Mainland China, Hong Kong, Macao and Taiwan with a margin: a point outside is mistyped or has lon/lat swapped. */
export function inChina(lon: number, lat: number): boolean {
  return lon >= 73 && lon <= 136 && lat >= 3 && lat <= 54;
}
