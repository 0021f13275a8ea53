// Field declarations and the parsing of one cell into one typed value. Pure: no I/O.
import { isValidUscc } from '../domain/uscc.js';
import { unguardFormula } from '../domain/formula-guard.js';
import { cleanText, matchKey, splitList, typedText } from './normalise.js';
import { mapServiceTags } from '../domain/vocabulary/index.js';
import { isWeeklyHours, weeklyFromText } from '../domain/opening-hours.js';
import { isInstitutionalPhone } from '../publications/private-text.js';

/** What a spreadsheet cell can hold after reading (read-excel-file gives numbers, booleans and dates). */
export type CellValue = string | number | boolean | Date | null;

export type FieldType =
  | { t: 'text'; max?: number }
  | { t: 'int'; min: number; max: number }
  /** scale: the digits after the point the column keeps (numeric(p, scale)); values are rounded to it. */
  | { t: 'decimal'; min: number; max: number; scale: number }
  | { t: 'date' }
  | { t: 'datetime' }
  | { t: 'uscc' }
  | { t: 'usccList' }
  | { t: 'list' }
  | { t: 'enum'; values: Record<string, string[]> }
  | { t: 'enumList'; values: Record<string, string[]> }
  | { t: 'lon' }
  | { t: 'lat' }
  /** Service tags mapped to the controlled list (server/domain/vocabulary/services.ts); unknown tags kept and warned. */
  | { t: 'services' }
  /** A station's public line: an institution's landline or 400/800 number, never a person's mobile. */
  | { t: 'publicPhone' }
  /** Opening hours by weekday: the exports' JSON week, or text such as 周一至周五 9:00-17:00. */
  | { t: 'week' };

export interface FieldSpec {
  key: string;
  /** The Chinese header written into templates. */
  label: string;
  labelEn: string;
  type: FieldType;
  required?: boolean;
  /** Other headers that mean this field (Chinese and English); compared by matchKey. */
  synonyms: string[];
  /** A column the product's own exports carry for re-import (ids, source coordinates): left out of templates. */
  fromExport?: boolean;
}

/** Problems found in a cell or a row; the client translates the code, the message is for logs and the CLI. */
export type IssueCode =
  | 'required' | 'not_number' | 'not_integer' | 'out_of_range' | 'bad_date' | 'bad_uscc' | 'duplicate_uscc'
  | 'duplicate_key' | 'bad_value' | 'too_long' | 'bad_coordinates' | 'unknown_building' | 'unknown_street'
  | 'unknown_organisation' | 'unknown_station' | 'unknown_enterprise' | 'no_placement' | 'bad_geometry'
  | 'unknown_district' | 'date_order' | 'far_from_building'
  // Boundary imports: a street outline over another street; a grid file without one of its street's grids.
  | 'street_overlap' | 'missing_grid'
  // Stations: a tag not in the services list (kept, not shown to the public); a person's number as the public line; hours that cannot be read.
  | 'unknown_service' | 'private_phone' | 'bad_hours';

export interface Issue {
  /** Spreadsheet row number (the header is row 1), or feature number for boundaries (1-based). */
  row: number;
  /** The file's column header (or the field key when there is no column). */
  column: string;
  field: string;
  code: IssueCode;
  message: string;
  value?: string;
  /** A warning leaves the row valid (it is written): the user is told, the data is not refused. */
  severity?: 'warning';
}

/** Issues that make a row invalid (warnings do not). */
export const errorsOf = (issues: Issue[]): Issue[] => issues.filter((i) => i.severity !== 'warning');

export type Parsed = { ok: true; value: unknown; warning?: { code: IssueCode; message: string } } | { ok: false; code: IssueCode; message: string };

const ok = (value: unknown): Parsed => ({ ok: true, value });
const bad = (code: IssueCode, message: string): Parsed => ({ ok: false, code, message });

/** True when the cell holds nothing a person typed. */
export function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && cleanText(v) === '');
}

function numberOf(v: CellValue): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  // Thousands separators are common in ledgers ("1,200"); units are not numbers.
  const s = cleanText(v).replace(/,(?=\d{3}\b)/g, '');
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s) ? Number(s) : null;
}

/** Rounds as PostgreSQL rounds a numeric to `scale` digits: half away from zero, on the decimal digits the number
 *  is written with (the text sent to the database), so 1.005 becomes 1.01 although its binary value is below. */
export function roundDecimal(n: number, scale: number): number {
  const text = String(Math.abs(n));
  if (!/^\d+(\.\d+)?$/.test(text)) return Number(n.toFixed(scale));
  const [whole = '0', frac = ''] = text.split('.');
  if (frac.length <= scale) return n;
  const units = BigInt(whole + frac.slice(0, scale)) + ((frac[scale] ?? '0') >= '5' ? 1n : 0n);
  const digits = units.toString().padStart(scale + 1, '0');
  const rounded = Number(scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits);
  return n < 0 ? -rounded : rounded;
}

/** The database's own rule for enterprises.uscc (characters 3–8 are the region code, digits only), then GB 32100's
 *  check character: a code this accepts is one the table stores. */
const USCC_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
export const isStorableUscc = (code: string): boolean => USCC_PATTERN.test(code) && isValidUscc(code);

const pad = (n: number) => String(n).padStart(2, '0');

function validYmd(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2100 || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Dates as Excel and people write them: a Date cell, an Excel serial, 2020-01-02, 2020/1/2, 2020.1.2, 2020年1月2日, 20200102. */
export function parseDate(v: CellValue): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : validYmd(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  if (typeof v === 'number') {
    // Excel's day 25569 is 1970-01-01 (its 1900 leap-year bug is before any date we take).
    if (!Number.isInteger(v) || v < 1 || v > 80000) return null;
    const dt = new Date((v - 25569) * 86_400_000);
    return validYmd(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
  }
  if (typeof v !== 'string') return null;
  const s = cleanText(v);
  // A date cell saved to CSV by a program that did not format it arrives as its serial ("43831").
  if (/^\d{5}(\.0+)?$/.test(s)) return parseDate(Number(s));
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return m ? validYmd(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** A date with an optional time of day, read as China Standard Time (UTC+8) when no zone is given. */
export function parseDateTime(v: CellValue): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : `${v.toISOString().slice(0, 19)}+08:00`;
  if (typeof v === 'number') {
    if (!(v > 1 && v < 80000)) return null;
    const dt = new Date(Math.round((v - 25569) * 86_400_000 / 60_000) * 60_000);
    return `${dt.toISOString().slice(0, 16)}:00+08:00`;
  }
  if (typeof v !== 'string') return null;
  const s = cleanText(v);
  if (/^\d{5}(\.\d+)?$/.test(s)) return parseDateTime(Number(s));
  // An instant with its zone, as exports and APIs write it (2025-03-21T04:00:00Z, …+08:00): kept as that instant.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? null : new Date(t).toISOString().replace(/\.000Z$/, 'Z');
  }
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T](\d{1,2})[:时](\d{2})(?::(\d{2}))?分?)?$/.exec(s);
  if (!m) return null;
  const day = validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  const h = Number(m[4] ?? 0);
  const min = Number(m[5] ?? 0);
  if (!day || h > 23 || min > 59) return null;
  return `${day}T${pad(h)}:${pad(min)}:00+08:00`;
}

/** Finds the code whose labels (or the code itself) match the text. */
export function enumValue(values: Record<string, string[]>, raw: string): string | null {
  const k = matchKey(raw);
  for (const [code, labels] of Object.entries(values)) {
    if (matchKey(code) === k || labels.some((l) => matchKey(l) === k)) return code;
  }
  return null;
}

/** A list written as a JSON array of strings (as exports write string lists): its items exactly. */
function jsonList(s: string): string[] | null {
  if (!s.startsWith('[')) return null;
  try {
    const v: unknown = JSON.parse(s);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null;
  } catch {
    return null;
  }
}

const cellText = (v: CellValue): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

/** Parses one non-blank cell. Blank cells are handled by the caller (required or default). */
export function parseCell(type: FieldType, raw: CellValue): Parsed {
  // Text is stored as typed (trimmed); codes and enumerations are read from the folded form. The apostrophe our
  // exports put before text a spreadsheet would run as a formula (domain/formula-guard.ts) is taken off again.
  const typed = unguardFormula(typedText(cellText(raw as Exclude<CellValue, null>)));
  const text = cleanText(typed);
  switch (type.t) {
    case 'text':
      return [...typed].length > (type.max ?? 200) ? bad('too_long', `longer than ${type.max ?? 200} characters`) : ok(typed);
    case 'int': {
      const n = numberOf(raw);
      if (n === null) return bad('not_number', 'not a number');
      if (!Number.isInteger(n)) return bad('not_integer', 'not a whole number');
      return n < type.min || n > type.max ? bad('out_of_range', `outside ${type.min}–${type.max}`) : ok(n);
    }
    case 'decimal': {
      const parsed = numberOf(raw);
      if (parsed === null) return bad('not_number', 'not a number');
      // Rounded as stored, so the range check and later comparisons see what the table keeps.
      const n = roundDecimal(parsed, type.scale);
      return n < type.min || n > type.max ? bad('out_of_range', `outside ${type.min}–${type.max}`) : ok(n);
    }
    case 'lon':
    case 'lat': {
      const n = numberOf(raw);
      if (n === null) return bad('not_number', 'not a number');
      const [lo, hi] = type.t === 'lon' ? [-180, 180] : [-90, 90];
      return n < lo || n > hi ? bad('bad_coordinates', `outside ${lo}–${hi}`) : ok(n);
    }
    case 'date': {
      const d = parseDate(raw);
      return d ? ok(d) : bad('bad_date', 'not a date (YYYY-MM-DD)');
    }
    case 'datetime': {
      const d = parseDateTime(raw);
      return d ? ok(d) : bad('bad_date', 'not a date and time (YYYY-MM-DD HH:MM)');
    }
    case 'uscc': {
      const code = text.toUpperCase();
      return isStorableUscc(code) ? ok(code) : bad('bad_uscc', 'not a valid 18-character USCC (format, region code or check digit)');
    }
    case 'usccList': {
      const codes = splitList(typed).map((c) => cleanText(c).toUpperCase());
      const wrong = codes.filter((c) => !isStorableUscc(c));
      return wrong.length ? bad('bad_uscc', `invalid USCC: ${wrong.join(', ')}`) : ok(codes);
    }
    case 'list':
      return ok(jsonList(typed) ?? splitList(typed));
    case 'enum': {
      const v = enumValue(type.values, text);
      return v ? ok(v) : bad('bad_value', `not one of: ${Object.values(type.values).map((l) => l[0]).join('、')}`);
    }
    case 'services': {
      const { services, unknown } = mapServiceTags(jsonList(typed) ?? splitList(typed));
      return unknown.length
        ? { ok: true, value: services, warning: { code: 'unknown_service', message: `not in the services list, kept as written but not shown to the public: ${unknown.join('、')}` } }
        : ok(services);
    }
    case 'publicPhone':
      if ([...typed].length > 40) return bad('too_long', 'longer than 40 characters');
      return isInstitutionalPhone(typed) ? ok(typed) : bad('private_phone', "not an institution's landline or 400/800 line (a mobile is a person's number and is never published)");
    case 'week': {
      const json = typed.startsWith('[') ? (() => { try { return JSON.parse(typed) as unknown; } catch { return null; } })() : null;
      const week = json !== null ? (isWeeklyHours(json) ? json : null) : weeklyFromText(typed);
      return week ? ok(week) : bad('bad_hours', 'not opening hours by weekday (e.g. 周一至周五 9:00-17:00；周六 9:00-12:00)');
    }
    case 'enumList': {
      const items = (jsonList(typed) ?? splitList(typed)).map((x) => enumValue(type.values, x));
      return items.includes(null) ? bad('bad_value', 'an item is not a known value') : ok(items);
    }
  }
}
