import { describe, it, expect } from 'vitest';
import { parseBbox, parseDatetime, type BBox, type Interval, type Parsed } from './params.js';

function ok<T>(r: Parsed<T>): T {
  if (!r.ok) throw new Error(`expected ok, got error: ${r.message}`);
  return r.value;
}

function err<T>(r: Parsed<T>): string {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.message;
}

describe('parseBbox', () => {
  it('parses four numbers as minLon,minLat,maxLon,maxLat', () => {
    expect(ok(parseBbox('121.44,31.22,121.46,31.24'))).toEqual<BBox>([121.44, 31.22, 121.46, 31.24]);
  });

  it('accepts surrounding spaces, negative values and exponents', () => {
    expect(ok(parseBbox(' -10.5 , -20 ,1e1, 2.5E1'))).toEqual<BBox>([-10.5, -20, 10, 25]);
  });

  it('accepts the exact WGS84 limits', () => {
    expect(ok(parseBbox('-180,-90,180,90'))).toEqual<BBox>([-180, -90, 180, 90]);
  });

  it('takes the horizontal values of a six-number bbox and drops the heights', () => {
    // minLon,minLat,minHeight,maxLon,maxLat,maxHeight
    expect(ok(parseBbox('121.4,31.2,-50,121.5,31.3,500'))).toEqual<BBox>([121.4, 31.2, 121.5, 31.3]);
  });

  it('does not range-check heights of a six-number bbox as coordinates', () => {
    expect(ok(parseBbox('1,2,-1000,3,4,9000'))).toEqual<BBox>([1, 2, 3, 4]);
  });

  it.each(['', '1', '1,2', '1,2,3', '1,2,3,4,5', '1,2,3,4,5,6,7'])('rejects %j: wrong number of values', (raw) => {
    expect(err(parseBbox(raw))).toMatch(/4 numbers/);
  });

  it.each(['a,2,3,4', '1,2,3,x', '1,,3,4', '1, ,3,4', '1,2,3,4px', '1,2,a,3,4,5'])('rejects %j: non-numeric value', (raw) => {
    expect(err(parseBbox(raw))).toMatch(/finite/);
  });

  it.each(['NaN,0,1,1', '0,0,Infinity,1', '-Infinity,0,1,1', '0,0,1,1,2,Infinity'])('rejects %j: not finite', (raw) => {
    expect(err(parseBbox(raw))).toMatch(/finite/);
  });

  it.each([
    '-180.0001,0,1,1',
    '0,0,180.5,1',
    '0,-90.1,1,1',
    '0,0,1,91',
    '200,0,210,1',
    '0,-100,1,-95',
    '181,0,0,1,2,0', // six values: longitude is the first
    '0,0,0,1,95,0', // six values: maxLat is the fifth
  ])('rejects %j: outside WGS84', (raw) => {
    expect(err(parseBbox(raw))).toMatch(/outside WGS84/);
  });

  it('does not confuse latitude and longitude ranges (lon 100 is fine, lat 100 is not)', () => {
    expect(ok(parseBbox('100,10,120,20'))).toEqual<BBox>([100, 10, 120, 20]);
    expect(parseBbox('10,100,20,120').ok).toBe(false);
  });

  it('rejects a minimum latitude above the maximum', () => {
    expect(err(parseBbox('121,31.3,122,31.2'))).toMatch(/minimum latitude/);
    expect(err(parseBbox('121,31.3,0,122,31.2,0'))).toMatch(/minimum latitude/);
  });

  it('accepts a degenerate box (a point or a line)', () => {
    expect(ok(parseBbox('1,2,1,2'))).toEqual<BBox>([1, 2, 1, 2]);
  });

  it('accepts minLon > maxLon: a box crossing the antimeridian', () => {
    expect(ok(parseBbox('170,-10,-170,10'))).toEqual<BBox>([170, -10, -170, 10]);
    expect(ok(parseBbox('179.5,-1,0,-179.5,1,0'))).toEqual<BBox>([179.5, -1, -179.5, 1]);
  });
});

describe('parseDatetime: instants', () => {
  it('turns a date into the whole UTC day with an exclusive end', () => {
    expect(ok(parseDatetime('2026-06-30'))).toEqual<Interval>({
      start: '2026-06-30T00:00:00Z',
      end: '2026-07-01T00:00:00Z',
      endInclusive: false,
    });
  });

  it('rolls the end over month, year and leap-day boundaries', () => {
    expect(ok(parseDatetime('2026-12-31')).end).toBe('2027-01-01T00:00:00Z');
    expect(ok(parseDatetime('2024-02-28')).end).toBe('2024-02-29T00:00:00Z');
    expect(ok(parseDatetime('2024-02-29')).end).toBe('2024-03-01T00:00:00Z');
    expect(ok(parseDatetime('2026-02-28')).end).toBe('2026-03-01T00:00:00Z');
  });

  it('keeps a date-time as an inclusive instant, unchanged', () => {
    expect(ok(parseDatetime('2026-06-30T12:34:56Z'))).toEqual<Interval>({
      start: '2026-06-30T12:34:56Z',
      end: '2026-06-30T12:34:56Z',
      endInclusive: true,
    });
  });

  it.each(['2026-06-30T12:34:56.789Z', '2026-06-30T12:34:56+08:00', '2026-06-30T00:00:00-05:30', '2024-02-29T23:59:59Z'])(
    'accepts date-time %s',
    (raw) => {
      expect(ok(parseDatetime(raw))).toEqual<Interval>({ start: raw, end: raw, endInclusive: true });
    },
  );

  it.each([
    '2026-02-30', // no such day
    '2026-02-29', // not a leap year
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-02-30T00:00:00Z', // a date-time on a day that does not exist
    '2026-04-31T12:00:00+08:00',
    '2026-01-01T25:00:00Z',
    '2026-01-01T24:00:00Z', // RFC 3339 hours are 00-23
    '2026-01-01T10:60:00Z',
    '2026-01-01T10:00:61Z',
  ])('rejects the impossible date or time %s', (raw) => {
    expect(err(parseDatetime(raw))).toMatch(/RFC 3339/);
  });

  it.each([
    '',
    'now',
    'yesterday',
    '2026',
    '2026-06',
    '26-06-30',
    '2026/06/30',
    '2026-6-30',
    '20260630',
    '2026-06-30T12:00:00', // no offset
    '2026-06-30T12:00Z', // no seconds
    '2026-06-30 12:00:00Z', // space instead of T
    ' 2026-06-30',
    '2026-06-30 ',
    '1782777600000',
  ])('rejects garbage %j', (raw) => {
    expect(err(parseDatetime(raw))).toMatch(/RFC 3339/);
  });
});

describe('parseDatetime: intervals', () => {
  it('a/b with dates: from the start of a to the exclusive end of b', () => {
    expect(ok(parseDatetime('2026-01-01/2026-01-31'))).toEqual<Interval>({
      start: '2026-01-01T00:00:00Z',
      end: '2026-02-01T00:00:00Z',
      endInclusive: false,
    });
  });

  it('a/a with one date is that whole day', () => {
    expect(ok(parseDatetime('2026-03-15/2026-03-15'))).toEqual<Interval>({
      start: '2026-03-15T00:00:00Z',
      end: '2026-03-16T00:00:00Z',
      endInclusive: false,
    });
  });

  it('a/b with date-times is inclusive at both ends', () => {
    expect(ok(parseDatetime('2026-01-01T08:00:00Z/2026-01-01T18:00:00Z'))).toEqual<Interval>({
      start: '2026-01-01T08:00:00Z',
      end: '2026-01-01T18:00:00Z',
      endInclusive: true,
    });
  });

  it('a date-time start with a date end, and the reverse mix', () => {
    expect(ok(parseDatetime('2026-01-01T08:00:00Z/2026-01-02'))).toEqual<Interval>({
      start: '2026-01-01T08:00:00Z',
      end: '2026-01-03T00:00:00Z',
      endInclusive: false,
    });
    expect(ok(parseDatetime('2026-01-01/2026-01-02T08:00:00Z'))).toEqual<Interval>({
      start: '2026-01-01T00:00:00Z',
      end: '2026-01-02T08:00:00Z',
      endInclusive: true,
    });
  });

  it('an interval of one date-time instant is allowed', () => {
    expect(ok(parseDatetime('2026-01-01T08:00:00Z/2026-01-01T08:00:00Z'))).toEqual<Interval>({
      start: '2026-01-01T08:00:00Z',
      end: '2026-01-01T08:00:00Z',
      endInclusive: true,
    });
  });

  it('../b is open at the start', () => {
    expect(ok(parseDatetime('../2026-01-31'))).toEqual<Interval>({ start: null, end: '2026-02-01T00:00:00Z', endInclusive: false });
    expect(ok(parseDatetime('../2026-01-31T10:00:00Z'))).toEqual<Interval>({
      start: null,
      end: '2026-01-31T10:00:00Z',
      endInclusive: true,
    });
  });

  it('a/.. is open at the end', () => {
    expect(ok(parseDatetime('2026-01-01/..'))).toEqual<Interval>({ start: '2026-01-01T00:00:00Z', end: null, endInclusive: false });
    expect(ok(parseDatetime('2026-01-01T10:00:00+08:00/..'))).toEqual<Interval>({
      start: '2026-01-01T10:00:00+08:00',
      end: null,
      endInclusive: false,
    });
  });

  it('an empty side is open too', () => {
    expect(ok(parseDatetime('/2026-01-31')).start).toBeNull();
    expect(ok(parseDatetime('2026-01-01/')).end).toBeNull();
  });

  it.each(['../..', '/', '../', '/..'])('rejects %j: open at both ends', (raw) => {
    expect(err(parseDatetime(raw))).toMatch(/RFC 3339/);
  });

  it.each([
    '2026-02-01/2026-01-01',
    '2026-01-02/2026-01-01', // the day before: the start of Jan 2 is after the end of Jan 1
    '2026-01-02T00:00:00Z/2026-01-01',
    '2026-01-01T18:00:00Z/2026-01-01T08:00:00Z',
    '2026-01-01T00:00:01Z/2026-01-01T00:00:00Z',
    '2026-01-02T00:00:00+08:00/2026-01-01T15:59:59Z', // offsets compared as instants
  ])('rejects the reversed interval %s', (raw) => {
    expect(err(parseDatetime(raw))).toMatch(/ends before it starts/);
  });

  it('compares instants with offsets by time, not by text', () => {
    // 2026-01-02T07:00+08:00 is 2026-01-01T23:00Z, before the end.
    expect(parseDatetime('2026-01-02T07:00:00+08:00/2026-01-01T23:30:00Z').ok).toBe(true);
  });

  it.each([
    '2026-01-01/2026-02-30',
    '2026-02-30/..',
    '../2026-13-01',
    'x/2026-01-01',
    '2026-01-01/y',
    '2026-01-01/2026-01-02/2026-01-03',
    '2026-01-01--2026-01-02',
    '.../2026-01-01',
  ])('rejects the malformed interval %s', (raw) => {
    expect(err(parseDatetime(raw))).toMatch(/RFC 3339/);
  });
});
