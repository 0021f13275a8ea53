// Opening hours: the free-text hours of the demo data and typical plaques, and the structured week
// (migration 0019) that a station may carry instead. Shared by the server (publication gather) and the
// public page and i18n (client), so both read a plaque the same way.
//
// "Open now" from the free-text hours of the demo data and typical plaques: 每日/每天/周一至周日,
// 工作日, 周末, 周X至周Y or 周X-周Y, followed by one or more H:MM-H:MM ranges; several such parts may
// be separated by ；;，, or a space. Times are Beijing time (the stations are in China), whatever the
// visitor's own time zone. Anything unparsed gives "unknown", never a guess.
const DAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 0, 天: 0, 七: 0 };

export interface HoursRule {
  days: number[];
  /** Minutes after midnight: [open, close). */
  ranges: [number, number][];
}

function daysOf(spec: string): number[] | null {
  if (/^(每日|每天|全天|周一至周日|周一到周日|全年)$/.test(spec)) return [0, 1, 2, 3, 4, 5, 6];
  if (/^(工作日|周一至周五|周一到周五)$/.test(spec)) return [1, 2, 3, 4, 5];
  if (/^(周末|双休日)$/.test(spec)) return [0, 6];
  const m = /^(?:周|星期)([一二三四五六日天七])(?:至|到|-|—|~)(?:周|星期)?([一二三四五六日天七])$/.exec(spec);
  if (m) {
    const a = DAY[m[1] as string] as number;
    const b = DAY[m[2] as string] as number;
    const out: number[] = [];
    // Monday-based walk, so 周五至周日 and 周一至周日 both work.
    const mon = (d: number) => (d + 6) % 7;
    for (let i = mon(a); ; i = (i + 1) % 7) {
      out.push((i + 1) % 7);
      if (i === mon(b) || out.length > 7) break;
    }
    return out;
  }
  const one = /^(?:周|星期)([一二三四五六日天七])$/.exec(spec);
  if (one) return [DAY[one[1] as string] as number];
  return null;
}

export function parseHours(text: string | null): HoursRule[] | null {
  if (!text) return null;
  const rules: HoursRule[] = [];
  const re = /(每日|每天|全天|工作日|周末|双休日|(?:周|星期)[一二三四五六日天七](?:(?:至|到|-|—|~)(?:周|星期)?[一二三四五六日天七])?)?\s*((?:\d{1,2}[:：]\d{2}\s*[-–—~至到]\s*\d{1,2}[:：]\d{2}[\s,，、]*)+)/g;
  for (const m of text.matchAll(re)) {
    const days = m[1] ? daysOf(m[1]) : [0, 1, 2, 3, 4, 5, 6];
    if (!days) return null;
    const ranges: [number, number][] = [];
    for (const r of (m[2] as string).matchAll(/(\d{1,2})[:：](\d{2})\s*[-–—~至到]\s*(\d{1,2})[:：](\d{2})/g)) {
      ranges.push([Number(r[1]) * 60 + Number(r[2]), Number(r[3]) * 60 + Number(r[4])]);
    }
    rules.push({ days, ranges });
  }
  return rules.length ? rules : null;
}

/** Day of week (0 = Sunday) and minutes after midnight in Beijing time. */
export function beijingClock(now: Date): { day: number; minutes: number } {
  const t = new Date(now.getTime() + 8 * 3600_000);
  return { day: t.getUTCDay(), minutes: t.getUTCHours() * 60 + t.getUTCMinutes() };
}

export function openNow(text: string | null, now: Date): boolean | null {
  const rules = parseHours(text);
  if (!rules) return null;
  const { day, minutes } = beijingClock(now);
  return rules.some((r) => r.days.includes(day) && r.ranges.some(([a, b]) => (b > a ? minutes >= a && minutes < b : minutes >= a || minutes < b)));
}

/** Opening hours by weekday: seven days, Monday first, each a list of ["HH:MM", "HH:MM"] ranges (closed: empty). */
export type WeeklyHours = [string, string][][];

const HHMM = /^([01]\d|2[0-4]):([0-5]\d)$/;
const minutesOf = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** True for a well-formed week: seven days of ranges whose times are HH:MM and open before they close. */
export function isWeeklyHours(v: unknown): v is WeeklyHours {
  return (
    Array.isArray(v) && v.length === 7 &&
    v.every((day) => Array.isArray(day) && day.length <= 4 && day.every((r) => Array.isArray(r) && r.length === 2 && r.every((t) => typeof t === 'string' && HHMM.test(t)) && minutesOf(r[0] as string) < minutesOf(r[1] as string)))
  );
}

/** The week a free-text plaque describes, or null when it cannot be read (then only the text is shown). */
export function weeklyFromText(text: string | null): WeeklyHours | null {
  const rules = parseHours(text);
  if (!rules) return null;
  const week: WeeklyHours = [[], [], [], [], [], [], []];
  for (const r of rules) {
    for (const d of r.days) {
      const day = week[(d + 6) % 7] as [string, string][];
      for (const [a, b] of r.ranges) if (a < b) day.push([hhmm(a), hhmm(b)]);
    }
  }
  for (const day of week) day.sort((x, y) => x[0].localeCompare(y[0]));
  return week;
}

/** Open now by the week (Beijing time); null when there is no week. */
export function openNowByWeek(week: WeeklyHours | null, now: Date): boolean | null {
  if (!week) return null;
  const { day, minutes } = beijingClock(now);
  return (week[(day + 6) % 7] ?? []).some(([a, b]) => minutes >= minutesOf(a) && minutes < minutesOf(b));
}
