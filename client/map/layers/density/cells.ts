// Enterprise density as counts in square cells of a fixed size on the ground (not one hexagon per
// building: a cell gathers the buildings around it), with fixed class breaks so the legend can say
// how many enterprises a colour means.
import type { RGBA } from '../../colors';

export interface Cell { polygon: [number, number][]; count: number }

/** Class breaks (enterprises per cell): a colour for 1–4, 5–9, 10–19, 20–49, 50+. */
export const DENSITY_BREAKS = [1, 5, 10, 20, 50] as const;
/** Its own ramp (blue to violet), so density never reads as coverage (red→green). */
export const DENSITY_RAMP: RGBA[] = [
  [198, 219, 239, 150],
  [140, 170, 230, 170],
  [110, 120, 220, 190],
  [120, 70, 200, 205],
  [90, 20, 150, 220],
];

export function densityClass(count: number): number {
  let k = -1;
  DENSITY_BREAKS.forEach((b, i) => {
    if (count >= b) k = i;
  });
  return k;
}

const M_PER_DEG_LAT = 111_320;

/** Counts of points per cell of `sizeM` metres; cells are aligned to a grid anchored at the origin
 *  (so panning never moves them) and sized in degrees at the points' mean latitude. */
export function densityCells(points: [number, number][], sizeM: number): Cell[] {
  if (points.length === 0) return [];
  const lat0 = points.reduce((s, p) => s + p[1], 0) / points.length;
  const dLat = sizeM / M_PER_DEG_LAT;
  const dLon = sizeM / (M_PER_DEG_LAT * Math.cos((lat0 * Math.PI) / 180));
  const counts = new Map<string, { i: number; j: number; n: number }>();
  for (const [lon, lat] of points) {
    const i = Math.floor(lon / dLon);
    const j = Math.floor(lat / dLat);
    const key = `${i}:${j}`;
    const c = counts.get(key);
    if (c) c.n++;
    else counts.set(key, { i, j, n: 1 });
  }
  return [...counts.values()].map(({ i, j, n }) => {
    const [w, s, e, no] = [i * dLon, j * dLat, (i + 1) * dLon, (j + 1) * dLat];
    return { polygon: [[w, s], [e, s], [e, no], [w, no], [w, s]], count: n };
  });
}
