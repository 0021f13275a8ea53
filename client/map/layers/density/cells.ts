// Enterprise density classes: enterprises per km² of a hexagon (the server counts them per hexagon sized for
// the zoom; dividing by the hexagon's ground area keeps a colour meaning the same density at every zoom),
// with fixed class breaks so the legend can say what a colour means.
import type { RGBA } from '../../colors';

/** Class breaks (operating enterprises per km²): a colour for 1–49, 50–199, 200–999, 1,000–2,999, 3,000+ (the demo streets reach ~1,000, the synthetic city ~1,800 on average). */
export const DENSITY_BREAKS = [1, 50, 200, 1000, 3000] as const;
/** Its own ramp (blue to violet), so density never reads as coverage (red→green). */
export const DENSITY_RAMP: RGBA[] = [
  [198, 219, 239, 150],
  [140, 170, 230, 170],
  [110, 120, 220, 190],
  [120, 70, 200, 205],
  [90, 20, 150, 220],
];

/** The class of a density (per km²): -1 below the first break (nothing there). */
export function densityClass(perKm2: number): number {
  let k = -1;
  DENSITY_BREAKS.forEach((b, i) => {
    if (perKm2 >= b) k = i;
  });
  return k;
}

/** Enterprises per km² of a hexagon; a hexagon holding any enterprise is at least in the first class. */
export function perKm2(count: number, areaKm2: number): number {
  if (count <= 0) return 0;
  return Math.max(DENSITY_BREAKS[0], areaKm2 > 0 ? count / areaKm2 : Infinity);
}
