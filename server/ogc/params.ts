// Pure parsers for OGC API – Features query parameters (bbox, datetime), tested without I/O.
export type BBox = [number, number, number, number];

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function parseBbox(raw: string): Parsed<BBox> {
  const parts = raw.split(',');
  if (parts.length !== 4 && parts.length !== 6) {
    return { ok: false, message: 'bbox must be 4 numbers (minLon,minLat,maxLon,maxLat) or 6 with heights' };
  }
  // Plain decimals only: Number() would also take hex ("0x10") and blanks.
  const n = parts.map((p) => (DECIMAL.test(p.trim()) ? Number(p) : NaN));
  if (n.some((v) => !Number.isFinite(v))) return { ok: false, message: 'bbox values must be finite numbers' };
  const [minx, miny, maxx, maxy] = parts.length === 6 ? [n[0], n[1], n[3], n[4]] : n;
  const box = [minx, miny, maxx, maxy] as BBox;
  if (box.some((v, i) => (i % 2 === 0 ? Math.abs(v) > 180 : Math.abs(v) > 90))) {
    return { ok: false, message: 'bbox is outside WGS84 (longitude within ±180, latitude within ±90)' };
  }
  if (box[1] > box[3]) return { ok: false, message: 'bbox minimum latitude is greater than its maximum' };
  // minLon > maxLon is legal: the box crosses the antimeridian (split when querying).
  return { ok: true, value: box };
}

export interface Interval {
  start: string | null;
  /** Exclusive end when the input was a date, inclusive when it was a date-time. */
  end: string | null;
  endInclusive: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
// RFC 3339 time-hour is 00-23 (JavaScript's Date would also take 24:00).
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function validInstant(s: string): boolean {
  if (!DATE.test(s) && !DATE_TIME.test(s)) return false;
  // Years PostgreSQL and Date both handle without surprises (no year 0, no 5-digit rollover).
  const year = Number(s.slice(0, 4));
  if (year < 1000 || year > 9998) return false;
  // The calendar date must exist, for date-times too: Date rolls 2026-02-30 over to 2026-03-02.
  const day = s.slice(0, 10);
  const midnight = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(midnight.getTime()) || !midnight.toISOString().startsWith(day)) return false;
  return DATE.test(s) || !Number.isNaN(new Date(s).getTime());
}

function nextDay(s: string): string {
  const d = new Date(`${s}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** RFC 3339 instant or interval ("a/b", "../b", "a/.."); a date means that whole day (UTC). */
export function parseDatetime(raw: string): Parsed<Interval> {
  const bad = { ok: false as const, message: 'datetime must be an RFC 3339 date or date-time, or an interval a/b with ".." for open ends' };
  const parts = raw.split('/');
  if (parts.length === 1) {
    const s = parts[0] as string;
    if (!validInstant(s)) return bad;
    return DATE.test(s)
      ? { ok: true, value: { start: `${s}T00:00:00Z`, end: `${nextDay(s)}T00:00:00Z`, endInclusive: false } }
      : { ok: true, value: { start: s, end: s, endInclusive: true } };
  }
  if (parts.length !== 2) return bad;
  const [a, b] = parts as [string, string];
  const open = (s: string) => s === '..' || s === '';
  if (open(a) && open(b)) return bad;
  if ((!open(a) && !validInstant(a)) || (!open(b) && !validInstant(b))) return bad;
  const start = open(a) ? null : DATE.test(a) ? `${a}T00:00:00Z` : a;
  const end = open(b) ? null : DATE.test(b) ? `${nextDay(b)}T00:00:00Z` : b;
  const endInclusive = !open(b) && !DATE.test(b);
  // An exclusive end (a date's next midnight) equal to the start is empty too: 2026-01-02/2026-01-01 is reversed.
  if (start && end) {
    const [t0, t1] = [new Date(start).getTime(), new Date(end).getTime()];
    if (endInclusive ? t0 > t1 : t0 >= t1) return { ok: false, message: 'datetime interval ends before it starts' };
  }
  return { ok: true, value: { start, end, endInclusive } };
}
