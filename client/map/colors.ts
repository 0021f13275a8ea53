// Colours that mean the same thing everywhere (map, legend, panels, wall): red = missing, green = covered.
import { STATION_TYPES, STATION_TYPE_TERMS } from '../../server/domain/vocabulary';

export type RGBA = [number, number, number, number];

/** A sequential ramp for a coverage rate: 0 (none) deep red → 1 (all) green; grey when there is no enterprise. */
const STOPS: [number, RGBA][] = [
  [0, [200, 22, 29, 235]],
  [0.5, [240, 170, 40, 235]],
  [0.8, [140, 200, 90, 235]],
  [1, [30, 150, 80, 235]],
];
export const NO_DATA: RGBA = [120, 128, 140, 200];

export function rateColor(value: number | null): RGBA {
  if (value === null || !Number.isFinite(value)) return NO_DATA;
  const v = Math.min(1, Math.max(0, value));
  for (let i = 1; i < STOPS.length; i++) {
    const [b, cb] = STOPS[i] as [number, RGBA];
    const [a, ca] = STOPS[i - 1] as [number, RGBA];
    if (v <= b) {
      const t = (v - a) / (b - a);
      return ca.map((x, k) => Math.round(x + t * ((cb[k] as number) - x))) as RGBA;
    }
  }
  return (STOPS[STOPS.length - 1] as [number, RGBA])[1];
}

export const RATE_LEGEND: { label: string; color: RGBA }[] = [
  { label: '0%', color: rateColor(0) },
  { label: '50%', color: rateColor(0.5) },
  { label: '80%', color: rateColor(0.8) },
  { label: '100%', color: rateColor(1) },
];

/** Bivariate party × union classes (low < 50% ≤ mid < 80% ≤ high). */
export type Tier = 0 | 1 | 2;
export const tierOf = (v: number | null): Tier => (v === null ? 0 : v >= 0.8 ? 2 : v >= 0.5 ? 1 : 0);

// Rows: party tier; columns: union tier. Made for the dark map: both low is dark (it recedes), party
// rises towards red, union towards blue, and both high is the brightest (it stands out).
const BIVARIATE: RGBA[][] = [
  [[62, 56, 72, 235], [40, 110, 170, 235], [40, 160, 230, 235]],
  [[160, 50, 70, 235], [150, 110, 170, 235], [120, 170, 235, 235]],
  [[235, 60, 60, 235], [240, 140, 160, 235], [245, 235, 245, 235]],
];

export function bivariateColor(party: number | null, union: number | null): RGBA {
  if (party === null && union === null) return NO_DATA;
  return (BIVARIATE[tierOf(party)] as RGBA[])[tierOf(union)] as RGBA;
}

export const BIVARIATE_LEGEND = BIVARIATE;

/** #rrggbb → RGBA. */
export function rgba(hex: string, alpha = 255): RGBA {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, alpha];
}

/** Each station type's colour and glyph come from the vocabulary, so every map draws a type the same way. */
export const STATION_COLORS: Record<string, RGBA> = Object.fromEntries(STATION_TYPES.map((t) => [t, rgba(STATION_TYPE_TERMS[t].colour)]));

/** One character per station type, drawn in the icon (the way printed 阵地 maps mark them). */
export const STATION_GLYPHS: Record<string, string> = Object.fromEntries(STATION_TYPES.map((t) => [t, STATION_TYPE_TERMS[t].glyph]));
