// Monthly trend of the official rates: each month's end (and today), counted the way the as-of model
// counts, in one pass over the enterprises of the areas asked for. The enterprises' dated links and
// assignments hold the history, so no past model needs building (12 of them would each reload the city).
import { classifyShared } from './compact.js';
import { addContribution, ratesOf, ZERO, type Counts, type Rates } from './rates.js';
import type { EnterpriseFacts } from './types.js';

/** The four official enterprise rates a trend shows (workers served depends on stations' reach, not history). */
export const TREND_RATES = ['partyOrg', 'standalone', 'work', 'union'] as const;
export type TrendRate = (typeof TREND_RATES)[number];

export interface TrendPoint {
  date: string;
  rates: Pick<Rates, TrendRate>;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The last day of each of the `months` months before today's, then today: months + 1 ascending dates. */
export function monthEnds(today: string, months: number): string[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = months; i >= 1; i--) {
    // Day 0 of a month is the last day of the month before it.
    const d = new Date(Date.UTC(y, m - 1 - i + 1, 0));
    out.push(`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`);
  }
  out.push(today);
  return out;
}

/** Counts per area key per date, for the areas in `keys` only. In place and without a classification object per
 *  enterprise and date: a district's trend on a city classifies its enterprises thirteen times each (millions). */
export function trendCounts(enterprises: Iterable<{ facts: EnterpriseFacts; areas: readonly string[] }>, keys: readonly string[], dates: readonly string[]): Map<string, Counts[]> {
  const out = new Map<string, Counts[]>(keys.map((k) => [k, dates.map(() => ({ ...ZERO }))]));
  const mine: Counts[][] = [];
  for (const e of enterprises) {
    mine.length = 0;
    for (const a of e.areas) {
      const series = out.get(a);
      if (series) mine.push(series);
    }
    if (mine.length === 0) continue;
    for (let i = 0; i < dates.length; i++) {
      const c = classifyShared(e.facts, dates[i] as string);
      if (!c.operating) continue;
      for (const series of mine) addContribution(series[i] as Counts, e.facts, c, false);
    }
  }
  return out;
}

export function trendPoints(counts: Counts[], dates: readonly string[]): TrendPoint[] {
  return counts.map((c, i) => {
    const r = ratesOf(c);
    return { date: dates[i] as string, rates: { partyOrg: r.partyOrg, standalone: r.standalone, work: r.work, union: r.union } };
  });
}
