// Class breaks for the thematic map (a DHIS2-style choropleth of districts, streets or grids by one rate):
// either fixed bands everyone reads the same way on every map, or quantiles of the areas shown (each class holds
// about as many areas), and the count of areas in each class for the legend. Pure, tested without I/O.
import type { RGBA } from '../../colors';

export const THEMATIC_RATES = ['partyOrg', 'standalone', 'work', 'union', 'workersServed'] as const;
export type ThematicRate = (typeof THEMATIC_RATES)[number];
export const CLASS_METHODS = ['fixed', 'quantile'] as const;
export type ClassMethod = (typeof CLASS_METHODS)[number];

/** Fixed bands: below 50% (the bivariate map's low tier), 50–70%, 70–80%, 80–90%, 90% and above. */
export const FIXED_BREAKS: readonly number[] = [0.5, 0.7, 0.8, 0.9];
export const CLASS_COUNT = 5;

/** Five steps from red (little covered) to green (covered), as every coverage colour in the product reads. */
export const THEMATIC_RAMP: readonly RGBA[] = [
  [215, 48, 39, 210],
  [244, 129, 63, 210],
  [250, 205, 90, 210],
  [150, 205, 100, 210],
  [26, 150, 65, 210],
];

/**
 * Quantile breaks: the values below which 1/k, 2/k, … of the areas fall, each rounded to a tenth of a percent
 * (so a legend says what the colour means); repeated breaks are dropped, so tied values give fewer classes.
 */
export function quantileBreaks(values: readonly (number | null)[], k = CLASS_COUNT): number[] {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length < 2) return [];
  const out: number[] = [];
  for (let q = 1; q < k; q++) {
    // The smallest value of the q-th group: areas below it are in the lower classes.
    const b = Math.round((v[Math.min(v.length - 1, Math.ceil((q * v.length) / k))] as number) * 1000) / 1000;
    if (b > (v[0] as number) && b <= (v[v.length - 1] as number) && !out.includes(b)) out.push(b);
  }
  return out;
}

export function breaksFor(method: ClassMethod, values: readonly (number | null)[]): number[] {
  return method === 'fixed' ? [...FIXED_BREAKS] : quantileBreaks(values);
}

/** The class of a value: 0 below the first break, i at or above break i−1; -1 for no data (no enterprises). */
export function classOf(value: number | null, breaks: readonly number[]): number {
  if (value === null || !Number.isFinite(value)) return -1;
  let k = 0;
  while (k < breaks.length && value >= (breaks[k] as number)) k++;
  return k;
}

/** A class's colour: classes spread over the whole ramp however many there are (red is always the lowest). */
export function classColor(k: number, classes: number): RGBA | null {
  if (k < 0) return null;
  const i = classes <= 1 ? THEMATIC_RAMP.length - 1 : Math.round((k * (THEMATIC_RAMP.length - 1)) / (classes - 1));
  return THEMATIC_RAMP[i] as RGBA;
}

export interface LegendClass {
  /** Inclusive lower bound (null: from 0). */
  from: number | null;
  /** Exclusive upper bound (null: up to 100%). */
  to: number | null;
  color: RGBA;
  count: number;
}

/** One entry per class with the number of areas in it, lowest first, and the areas without data. */
export function legendOf(values: readonly (number | null)[], breaks: readonly number[]): { classes: LegendClass[]; noData: number } {
  const n = breaks.length + 1;
  const counts = new Array<number>(n).fill(0);
  let noData = 0;
  for (const v of values) {
    const k = classOf(v, breaks);
    if (k < 0) noData++;
    else counts[k] = (counts[k] as number) + 1;
  }
  return {
    classes: counts.map((count, k) => ({ from: k === 0 ? null : (breaks[k - 1] as number), to: k === n - 1 ? null : (breaks[k] as number), color: classColor(k, n) as RGBA, count })),
    noData,
  };
}

/** A rate as the legend and labels write it: one decimal, no trailing ".0". */
export function pct(v: number): string {
  const s = (Math.round(v * 1000) / 10).toFixed(1);
  return `${s.endsWith('.0') ? s.slice(0, -2) : s}%`;
}
