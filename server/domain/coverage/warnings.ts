// 红黄绿预警: each official rate has two thresholds (an admin setting, versioned); a value below `red` is
// red, below `yellow` yellow, otherwise green. A crossing is an area whose colour for a rate differs
// between the end of last month and today.
import type { TrendRate } from './trend.js';
import type { Rate } from './types.js';

export type Warning = 'red' | 'yellow' | 'green';
export interface Threshold { red: number; yellow: number }
export type Thresholds = Record<TrendRate, Threshold>;

/** Defaults for a street that has just started 两新 work; every office sets its own. */
export const DEFAULT_THRESHOLDS: Thresholds = {
  partyOrg: { red: 0.4, yellow: 0.6 },
  standalone: { red: 0.1, yellow: 0.2 },
  work: { red: 0.6, yellow: 0.8 },
  union: { red: 0.5, yellow: 0.7 },
};

/** The colour of a value, or null when there is nothing to rate (no operating enterprise). */
export function warningOf(value: number | null, t: Threshold): Warning | null {
  if (value === null) return null;
  return value < t.red ? 'red' : value < t.yellow ? 'yellow' : 'green';
}

const ORDER: Record<Warning, number> = { red: 0, yellow: 1, green: 2 };

export interface Crossing {
  rate: TrendRate;
  from: Warning;
  to: Warning;
  /** worse: towards red; better: towards green. */
  direction: 'worse' | 'better';
  before: Rate;
  now: Rate;
}

/** The rates whose colour changed between two dates, for one area. */
export function crossings(before: Record<TrendRate, Rate>, now: Record<TrendRate, Rate>, thresholds: Thresholds): Crossing[] {
  const out: Crossing[] = [];
  for (const rate of Object.keys(thresholds) as TrendRate[]) {
    const from = warningOf(before[rate].value, thresholds[rate]);
    const to = warningOf(now[rate].value, thresholds[rate]);
    if (!from || !to || from === to) continue;
    out.push({ rate, from, to, direction: ORDER[to] < ORDER[from] ? 'worse' : 'better', before: before[rate], now: now[rate] });
  }
  return out;
}
