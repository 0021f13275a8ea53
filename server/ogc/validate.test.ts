import { describe, it, expect } from 'vitest';
import { ApiError } from '../http/errors.js';
import { COLLECTION_BY_ID, type CollectionDef } from './collections.js';
import { DEFAULT_LIMIT, MAX_LIMIT } from './limits.js';
import { parseItemsQuery } from './validate.js';

function collection(id: string): CollectionDef {
  const def = COLLECTION_BY_ID.get(id);
  if (!def) throw new Error(`collection ${id} missing`);
  return def;
}

const buildings = collection('buildings');
const activities = collection('activities');

/** Runs the parser and returns the ApiError it throws (fails the test if it does not throw one). */
function rejection(def: CollectionDef, query: Record<string, string[]>): ApiError {
  try {
    parseItemsQuery(def, query);
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error(`expected ${JSON.stringify(query)} to be rejected`);
}

function expect400(def: CollectionDef, query: Record<string, string[]>, message?: RegExp): ApiError {
  const e = rejection(def, query);
  expect(e.status).toBe(400);
  expect(e.code).toBe('bad_request');
  if (message) expect(e.message).toMatch(message);
  return e;
}

describe('parseItemsQuery: defaults', () => {
  it('an empty query gives the default paging and no filters', () => {
    expect(parseItemsQuery(buildings, {})).toEqual({ limit: DEFAULT_LIMIT, offset: 0, filters: {} });
  });

  it('accepts f=json and f=geojson, rejects other formats', () => {
    expect(parseItemsQuery(buildings, { f: ['json'] }).limit).toBe(DEFAULT_LIMIT);
    expect(parseItemsQuery(buildings, { f: ['geojson'] }).limit).toBe(DEFAULT_LIMIT);
    expect400(buildings, { f: ['html'] }, /f must be/);
  });
});

describe('parseItemsQuery: unknown and repeated parameters', () => {
  it('rejects an unknown parameter and names it', () => {
    const e = expect400(buildings, { colour: ['red'] }, /colour/);
    expect(e.message).toMatch(/Unknown query parameter/);
    expect(e.details).toMatchObject({ unknown: ['colour'] });
  });

  it('names every unknown parameter and lists the allowed ones', () => {
    const e = expect400(buildings, { limit: ['5'], foo: ['1'], bar: ['2'] });
    expect(e.message).toMatch(/foo/);
    expect(e.message).toMatch(/bar/);
    const details = e.details as { unknown: string[]; allowed: string[] };
    expect(details.unknown.sort()).toEqual(['bar', 'foo']);
    expect(details.allowed).toEqual(expect.arrayContaining(['limit', 'offset', 'bbox', 'f', 'streetCode', 'gridId', 'kind']));
  });

  it('parameter names are case-sensitive', () => {
    expect400(buildings, { Limit: ['5'] }, /Limit/);
    expect400(buildings, { gridid: ['5'] }, /gridid/);
  });

  it("rejects another collection's filter", () => {
    // stationId filters activities, not buildings.
    expect(parseItemsQuery(activities, { stationId: ['3'] }).filters).toEqual({ stationId: 3 });
    expect400(buildings, { stationId: ['3'] }, /stationId/);
  });

  it.each(['limit', 'offset', 'bbox', 'f', 'gridId', 'kind', 'streetCode'])('rejects a repeated %s', (name) => {
    expect400(buildings, { [name]: ['1', '2'] }, new RegExp(`${name} is given more than once`));
  });

  it('rejects a repeated parameter even when both values are equal', () => {
    expect400(buildings, { limit: ['5', '5'] }, /more than once/);
  });
});

describe('parseItemsQuery: limit and offset', () => {
  it('parses a valid limit and offset', () => {
    expect(parseItemsQuery(buildings, { limit: ['25'], offset: ['50'] })).toMatchObject({ limit: 25, offset: 50 });
  });

  it('accepts limit=1 and limit=MAX_LIMIT unchanged', () => {
    expect(parseItemsQuery(buildings, { limit: ['1'] }).limit).toBe(1);
    expect(parseItemsQuery(buildings, { limit: [String(MAX_LIMIT)] }).limit).toBe(MAX_LIMIT);
  });

  it('clamps a limit above MAX_LIMIT', () => {
    expect(parseItemsQuery(buildings, { limit: [String(MAX_LIMIT + 1)] }).limit).toBe(MAX_LIMIT);
    expect(parseItemsQuery(buildings, { limit: ['100000'] }).limit).toBe(MAX_LIMIT);
  });

  it.each(['-1', '0', '-100'])('rejects limit=%s (below 1)', (raw) => {
    expect400(buildings, { limit: [raw] }, /limit must be at least 1/);
  });

  it.each(['abc', '1.5', '', ' 5', '5 ', '1e3', '0x10', '+5', '5abc'])('rejects limit=%j (not an integer)', (raw) => {
    expect400(buildings, { limit: [raw] }, /limit must be an integer/);
  });

  it('rejects an integer too large to be exact', () => {
    expect400(buildings, { limit: ['99999999999999999999'] }, /limit is out of range/);
  });

  it('accepts offset=0 and rejects a negative offset', () => {
    expect(parseItemsQuery(buildings, { offset: ['0'] }).offset).toBe(0);
    expect400(buildings, { offset: ['-1'] }, /offset must not be negative/);
  });

  it.each(['abc', '2.5', ''])('rejects offset=%j', (raw) => {
    expect400(buildings, { offset: [raw] }, /offset must be an integer/);
  });
});

describe('parseItemsQuery: bbox', () => {
  it('passes a valid bbox through', () => {
    expect(parseItemsQuery(buildings, { bbox: ['121.4,31.2,121.5,31.3'] }).bbox).toEqual([121.4, 31.2, 121.5, 31.3]);
  });

  it('turns an invalid bbox into a 400 with the parser message', () => {
    expect400(buildings, { bbox: ['1,2,3'] }, /bbox must be 4 numbers/);
    expect400(buildings, { bbox: ['0,0,1,95'] }, /outside WGS84/);
    expect400(buildings, { bbox: ['0,10,1,5'] }, /minimum latitude/);
  });
});

describe('parseItemsQuery: filters', () => {
  it('parses the integer filter gridId as a number', () => {
    const q = parseItemsQuery(buildings, { gridId: ['7'] });
    expect(q.filters).toEqual({ gridId: 7 });
    expect(typeof q.filters.gridId).toBe('number');
  });

  it.each(['seven', '7.5', '', '7a'])('rejects gridId=%j', (raw) => {
    expect400(buildings, { gridId: [raw] }, /gridId must be an integer/);
  });

  it('keeps a string filter as a string', () => {
    expect(parseItemsQuery(buildings, { streetCode: ['310106012'] }).filters).toEqual({ streetCode: '310106012' });
  });

  it('rejects an overlong string filter', () => {
    expect400(buildings, { streetCode: ['x'.repeat(201)] }, /streetCode is too long/);
    expect(parseItemsQuery(buildings, { streetCode: ['x'.repeat(200)] }).filters.streetCode).toHaveLength(200);
  });

  it('accepts every value of an enum filter', () => {
    for (const kind of ['office', 'complex', 'park', 'market']) {
      expect(parseItemsQuery(buildings, { kind: [kind] }).filters).toEqual({ kind });
    }
  });

  it.each(['castle', 'Office', 'office ', ''])('rejects kind=%j, listing the allowed values', (raw) => {
    expect400(buildings, { kind: [raw] }, /kind must be one of: office, complex, park, market/);
  });

  it('checks the enum of the collection asked for', () => {
    // 'training' is an activity type, not a building kind.
    expect(parseItemsQuery(activities, { type: ['training'] }).filters).toEqual({ type: 'training' });
    expect400(activities, { type: ['office'] }, /type must be one of/);
  });

  it('combines several filters with paging', () => {
    expect(
      parseItemsQuery(buildings, { streetCode: ['310106012'], gridId: ['3'], businessDistrictId: ['2'], kind: ['park'], limit: ['5'] }),
    ).toEqual({ limit: 5, offset: 0, filters: { streetCode: '310106012', gridId: 3, businessDistrictId: 2, kind: 'park' } });
  });
});

describe('parseItemsQuery: datetime', () => {
  it('buildings have no time: datetime is an unknown parameter there', () => {
    expect(buildings.temporal).toBeUndefined();
    const e = expect400(buildings, { datetime: ['2026-01-01'] }, /datetime/);
    expect(e.message).toMatch(/Unknown query parameter/);
  });

  it('activities have time: datetime parses into an interval', () => {
    expect(activities.temporal).toBeDefined();
    expect(parseItemsQuery(activities, { datetime: ['2026-01-01/2026-01-31'] }).datetime).toEqual({
      start: '2026-01-01T00:00:00Z',
      end: '2026-02-01T00:00:00Z',
      endInclusive: false,
    });
  });

  it('an invalid datetime on a temporal collection is a 400', () => {
    expect400(activities, { datetime: ['2026-02-30'] }, /RFC 3339/);
    expect400(activities, { datetime: ['../..'] }, /RFC 3339/);
    expect400(activities, { datetime: ['2026-02-01/2026-01-01'] }, /ends before it starts/);
  });

  it('a repeated datetime is a 400', () => {
    expect400(activities, { datetime: ['2026-01-01', '2026-01-02'] }, /datetime is given more than once/);
  });
});
