// Which column feeds which field: detected from the header text, then overridden by the user.
import type { CellValue, FieldSpec } from './fields.js';
import { cleanText, matchKey } from './normalise.js';

export interface ColumnMapping {
  index: number;
  /** The header as written in the file (cleaned), or "列N" when the header cell is blank. */
  column: string;
  field: string | null;
}

/** Overrides: header text (or 1-based column number as text) → field key, or '' / null to ignore the column. */
export type MappingOverrides = Record<string, string | null>;

function fieldFor(header: string, fields: FieldSpec[]): string | null {
  const k = matchKey(header);
  if (!k) return null;
  for (const f of fields) if ([f.key, f.label, f.labelEn, ...f.synonyms].some((s) => matchKey(s) === k)) return f.key;
  return null;
}

const headerText = (v: CellValue | undefined, i: number): string => {
  const s = v === null || v === undefined ? '' : cleanText(v instanceof Date ? v.toISOString() : String(v));
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
    const field = fieldFor(column, fields);
    // The first column claiming a field wins; a second "名称" column is left for the user to map.
    if (field && !used.has(field)) {
      used.add(field);
      return { index, column, field };
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
    const target = mapping.find((m) => m.column === cleanText(col)) ?? (/^\d+$/.test(col) ? mapping[Number(col) - 1] : undefined);
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
