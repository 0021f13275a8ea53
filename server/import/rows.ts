// Cells to typed records with a report per row and column: required fields, types, ranges, codes, and the
// checks that span rows (the same USCC twice in one file). Pure: references to the database are resolved later.
import { isBlank, parseCell, type CellValue, type FieldSpec, type Issue } from './fields.js';
import type { ColumnMapping } from './mapping.js';

export interface ParsedRow {
  /** Spreadsheet row number: what the user sees in Excel. */
  row: number;
  values: Record<string, unknown>;
  issues: Issue[];
}

const display = (v: CellValue | undefined): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '')).slice(0, 80);

/** `rowNumbers[i]` is the spreadsheet row number of `rows[i]`. */
export function parseRows(rows: CellValue[][], rowNumbers: number[], mapping: ColumnMapping[], fields: FieldSpec[]): ParsedRow[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const columnOf = new Map(mapping.filter((m) => m.field).map((m) => [m.field as string, m]));
  const out = rows.map((cells, i): ParsedRow => {
    const row = rowNumbers[i] ?? i + 1;
    const values: Record<string, unknown> = {};
    const issues: Issue[] = [];
    for (const f of fields) {
      const m = columnOf.get(f.key);
      const raw = m ? cells[m.index] : undefined;
      const column = m?.column ?? f.label;
      if (isBlank(raw ?? null)) {
        if (f.required) issues.push({ row, column, field: f.key, code: 'required', message: `${f.labelEn} is required` });
        continue;
      }
      const p = parseCell(f.type, raw as CellValue);
      if (p.ok) {
        values[f.key] = p.value;
        if (p.warning) issues.push({ row, column, field: f.key, code: p.warning.code, message: `${f.labelEn}: ${p.warning.message}`, value: display(raw), severity: 'warning' });
      } else issues.push({ row, column, field: f.key, code: p.code, message: `${f.labelEn}: ${p.message}`, value: display(raw) });
    }
    // Coordinates come in pairs.
    for (const [x, y] of [['lon', 'lat'], ['sourceLon', 'sourceLat']] as const) {
      if ((values[x] === undefined) !== (values[y] === undefined) && byKey.has(x)) {
        const missing = values[x] === undefined ? x : y;
        if (!issues.some((i) => i.field === missing)) {
          issues.push({ row, column: columnOf.get(missing)?.column ?? missing, field: missing, code: 'bad_coordinates', message: 'Longitude and latitude go together' });
        }
      }
    }
    for (const [from, until] of [['registeredOn', 'deregisteredOn'], ['foundedOn', 'dissolvedOn']] as const) {
      if (typeof values[from] === 'string' && typeof values[until] === 'string' && (values[until] as string) < (values[from] as string)) {
        issues.push({ row, column: columnOf.get(until)?.column ?? until, field: until, code: 'date_order', message: `${until} is before ${from}` });
      }
    }
    return { row, values, issues };
  });
  // The same key twice in one file: neither row can be trusted over the other, so both are reported.
  const uniqueBy = byKey.has('uscc') ? 'uscc' : byKey.has('id') ? 'id' : null;
  if (uniqueBy) {
    const groups = new Map<unknown, ParsedRow[]>();
    for (const r of out) {
      const k = r.values[uniqueBy];
      if (k !== undefined) groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    for (const [k, group] of groups) {
      if (group.length < 2) continue;
      for (const r of group) {
        const others = group.filter((o) => o !== r).map((o) => o.row).join(', ');
        r.issues.push({
          row: r.row, column: columnOf.get(uniqueBy)?.column ?? uniqueBy, field: uniqueBy,
          code: uniqueBy === 'uscc' ? 'duplicate_uscc' : 'duplicate_key', message: `Same ${uniqueBy} as row ${others}`, value: String(k),
        });
      }
    }
  }
  return out;
}
