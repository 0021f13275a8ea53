// Which column feeds which field: detected from the header text, then overridden by the user.
// Headers are matched as people type them: a field's label, key or synonyms, in either width, with a unit in
// brackets ("职工人数（人）", "面积(㎡)") and, for coordinates, the map service the numbers come from written anywhere
// in the header ("经度（高德）", "百度纬度", "lng_gcj02"), which sets that column's coordinate system.
import type { CellValue, FieldSpec } from './fields.js';
import { COORD_SYSTEMS, type CoordSystem } from './kinds.js';
import { matchKey, typedText } from './normalise.js';

export interface ColumnMapping {
  index: number;
  /** The header as written in the file (trimmed), or "列N" when the header cell is blank. */
  column: string;
  field: string | null;
  /** The coordinate system a longitude/latitude header names (经度（高德）): it beats the file-wide option. */
  coordSystem?: CoordSystem;
}

/** Overrides: header text (or 1-based column number as text) → field key, or '' / null to ignore the column. */
export type MappingOverrides = Record<string, string | null>;

/** Brackets of either width holding a unit or a note: （人）, (名), [m²], 【高德】. */
const BRACKETED = /[（(【[〔［][^）)】\]〕］]*[）)】\]〕］]/gu;

/** Each coordinate system's names as match keys, longest first, so "gcj02" is found before a shorter name. */
const SYSTEM_KEYS: [string, CoordSystem][] = (Object.entries(COORD_SYSTEMS) as [CoordSystem, string[]][])
  .flatMap(([system, names]) => names.map((n) => [matchKey(n), system] as [string, CoordSystem]))
  .concat([['gcj', 'gcj02'], ['bd', 'bd09'], ['wgs', 'wgs84'], ['gaode', 'gcj02'], ['qq', 'gcj02']])
  .sort((a, b) => b[0].length - a[0].length);

function exactField(key: string, fields: FieldSpec[]): string | null {
  if (!key) return null;
  for (const f of fields) if ([f.key, f.label, f.labelEn, ...f.synonyms].some((s) => matchKey(s) === key)) return f.key;
  return null;
}

interface Recognised { field: string; coordSystem?: CoordSystem }

/** The field a header names, and for a coordinate column the system it names. */
export function recognise(header: string, fields: FieldSpec[]): Recognised | null {
  const exact = exactField(matchKey(header), fields);
  if (exact) return { field: exact, ...coordHint(exact, header) };
  // A unit or note in brackets: "党员数（名）" is 党员数.
  const base = exactField(matchKey(header.replace(BRACKETED, '')), fields);
  if (base) return { field: base, ...coordHint(base, header) };
  // A map service named anywhere in a coordinate header: "高德经度", "经度_GCJ02", "百度坐标纬度".
  const key = matchKey(header);
  for (const [name, system] of SYSTEM_KEYS) {
    if (!name || !key.includes(name)) continue;
    const rest = key.replace(name, '').replace(/坐标|系/gu, '').replace(/^[_-]+|[_-]+$/g, '');
    const field = exactField(rest, fields);
    if (field === 'lon' || field === 'lat') return { field, coordSystem: system };
  }
  return null;
}

/** The system named in a longitude/latitude header's brackets or words ("经度（高德）" → gcj02). */
function coordHint(field: string, header: string): { coordSystem?: CoordSystem } {
  if (field !== 'lon' && field !== 'lat') return {};
  const key = matchKey(header);
  for (const [name, system] of SYSTEM_KEYS) if (name.length > 1 && key.includes(name)) return { coordSystem: system };
  return {};
}

function fieldFor(header: string, fields: FieldSpec[]): string | null {
  return recognise(header, fields)?.field ?? null;
}

const headerText = (v: CellValue | undefined, i: number): string => {
  const s = v === null || v === undefined ? '' : typedText(v instanceof Date ? v.toISOString() : String(v));
  return s || `列${i + 1}`;
};

/** The header row: of the first rows, the one naming the most known fields (rosters often start with a title row). */
export function findHeaderRow(rows: CellValue[][], fields: FieldSpec[], scan = 10): number {
  let best = 0;
  let bestHits = -1;
  for (let r = 0; r < Math.min(scan, rows.length); r++) {
    const hits = (rows[r] ?? []).filter((c, i) => fieldFor(headerText(c, i), fields) !== null).length;
    if (hits > bestHits) {
      best = r;
      bestHits = hits;
    }
  }
  return best;
}

export function detectMapping(header: CellValue[], fields: FieldSpec[]): ColumnMapping[] {
  const used = new Set<string>();
  return header.map((cell, index) => {
    const column = headerText(cell, index);
    const found = recognise(column, fields);
    // The first column claiming a field wins; a second "名称" column is left for the user to map (and reported).
    if (found && !used.has(found.field)) {
      used.add(found.field);
      return { index, column, ...found };
    }
    return { index, column, field: null };
  });
}

export interface MappingProblem {
  code: 'unknown_field' | 'unknown_column' | 'duplicate_field' | 'missing_required';
  column?: string;
  field?: string;
}

/** Applies the user's overrides and checks the result: every required field mapped once, no unknown names. */
export function applyOverrides(
  detected: ColumnMapping[],
  overrides: MappingOverrides,
  fields: FieldSpec[],
): { mapping: ColumnMapping[]; problems: MappingProblem[] } {
  const problems: MappingProblem[] = [];
  const keys = new Set(fields.map((f) => f.key));
  const mapping = detected.map((m) => ({ ...m }));
  for (const [col, raw] of Object.entries(overrides)) {
    const target =
      mapping.find((m) => m.column === typedText(col)) ??
      mapping.find((m) => matchKey(m.column) === matchKey(col) && matchKey(col) !== '') ??
      (/^\d+$/.test(col) ? mapping[Number(col) - 1] : undefined);
    if (!target) {
      problems.push({ code: 'unknown_column', column: col });
      continue;
    }
    // A field may be named by its key or any of its headers (列=企业名称 as well as 列=name).
    const field = raw === null || raw === '' ? null : keys.has(raw) ? raw : fieldFor(raw, fields);
    if (raw && !field) {
      problems.push({ code: 'unknown_field', column: col, field: raw });
      continue;
    }
    target.field = field;
    const hint = field ? recognise(target.column, fields) : null;
    if (hint?.field === field && hint.coordSystem) target.coordSystem = hint.coordSystem;
    else delete target.coordSystem;
  }
  const seen = new Map<string, number>();
  for (const m of mapping) if (m.field) seen.set(m.field, (seen.get(m.field) ?? 0) + 1);
  for (const [field, n] of seen) if (n > 1) problems.push({ code: 'duplicate_field', field });
  for (const f of fields) if (f.required && !seen.has(f.key)) problems.push({ code: 'missing_required', field: f.key });
  return { mapping, problems };
}

/** Parses the CLI's --mapping "列=field,列2=field2" (an empty field ignores the column). */
export function parseMappingArg(arg: string): MappingOverrides {
  const out: MappingOverrides = {};
  for (const part of arg.split(/[,，]/)) {
    if (!part.trim()) continue;
    const eq = part.lastIndexOf('=');
    if (eq <= 0) throw new Error(`--mapping expects 列=field, got "${part}"`);
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim() || null;
  }
  return out;
}
