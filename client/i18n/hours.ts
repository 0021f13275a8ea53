// Opening hours are recorded in Chinese (工作日 9:00-18:00); English mode reads them through the same
// parser the public page uses and writes them in English. Hours it cannot parse are shown as recorded.
import { parseHours, type HoursRule } from '../features/publish/public/hours';
import type { Locale } from './messages';

const DAY_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const hm = (m: number) => `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;

function daysEn(days: number[]): string {
  if (days.length === 7) return 'Daily';
  // Monday-based order, so a run like Fri–Sun stays one run.
  const mon = [...new Set(days)].map((d) => (d + 6) % 7).sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const d of mon) {
    const last = runs[runs.length - 1];
    if (last && d === last[1] + 1) last[1] = d;
    else runs.push([d, d]);
  }
  const name = (i: number) => DAY_EN[(i + 1) % 7] as string;
  return runs.map(([a, b]) => (a === b ? name(a) : `${name(a)}–${name(b)}`)).join(', ');
}

export function formatHoursRules(rules: HoursRule[]): string {
  return rules.map((r) => `${daysEn(r.days)} ${r.ranges.map(([a, b]) => `${hm(a)}–${hm(b)}`).join(', ')}`).join('; ');
}

/** A station's hours in the interface language: English when they parse, otherwise as recorded. */
export function hoursText(text: string | null | undefined, locale: Locale): string {
  if (!text) return '';
  if (locale !== 'en') return text;
  const rules = parseHours(text);
  return rules ? formatHoursRules(rules) : text;
}
