// Pure helpers of the trend chart: the line of a series in a box, the change over the period, and where
// an area stands among its siblings.
import type { TrendSeries } from '../../api/types';

export const TREND_KEYS = ['partyOrg', 'standalone', 'work', 'union'] as const;
export type TrendKey = (typeof TREND_KEYS)[number];

export interface Box { width: number; height: number; pad: number }

/** The value range to draw, rounded out to whole 10 % steps and never empty. */
export function yRange(values: (number | null)[]): [number, number] {
  const v = values.filter((x): x is number => x !== null);
  if (v.length === 0) return [0, 1];
  const lo = Math.max(0, Math.floor(Math.min(...v) * 10) / 10);
  const hi = Math.min(1, Math.ceil(Math.max(...v) * 10) / 10);
  return hi > lo ? [lo, hi] : [Math.max(0, lo - 0.1), Math.min(1, hi + 0.1)];
}

/** Screen x,y of each point (null values are skipped by the path but keep their slot). */
export function positions(values: (number | null)[], range: [number, number], b: Box): ({ x: number; y: number } | null)[] {
  const n = values.length;
  const [lo, hi] = range;
  return values.map((v, i) => {
    if (v === null) return null;
    const x = b.pad + (n <= 1 ? 0 : (i * (b.width - 2 * b.pad)) / (n - 1));
    const y = b.pad + (1 - (v - lo) / (hi - lo || 1)) * (b.height - 2 * b.pad);
    return { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 };
  });
}

/** An SVG path through the points, lifting the pen over gaps. */
export function pathOf(pts: ({ x: number; y: number } | null)[]): string {
  let d = '';
  let pen = false;
  for (const p of pts) {
    if (!p) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${p.x},${p.y}`;
    pen = true;
  }
  return d;
}

/** Change from the first to the last known value, in percentage points (null when either is unknown). */
export function changePp(values: (number | null)[]): number | null {
  const first = values.find((v) => v !== null);
  const last = [...values].reverse().find((v) => v !== null);
  return first === undefined || last === undefined || first === null || last === null ? null : Math.round((last - first) * 1000) / 10;
}

/** Rank (1 = highest) of `id` among siblings by the latest value of a rate; areas with no value rank last. */
export function rankAmong(siblings: TrendSeries[], id: string, key: TrendKey): { rank: number; of: number } | null {
  const latest = (s: TrendSeries) => s.points.at(-1)?.rates[key].value ?? -1;
  const sorted = [...siblings].sort((a, b) => latest(b) - latest(a) || a.id.localeCompare(b.id));
  const i = sorted.findIndex((s) => s.id === id);
  return i < 0 ? null : { rank: i + 1, of: sorted.length };
}
