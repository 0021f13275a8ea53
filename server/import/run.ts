// One import, from bytes to report (preview) or to the database (accept). Shared by the HTTP API and the CLI.
// Accept re-reads and re-validates the same file inside the write transaction, so what is written is exactly
// what the rules allow at that moment, never a stale preview.
import { createHash } from 'node:crypto';
import type { Store } from '../db/store.js';
import { audit } from '../db/audit.js';
import { assignGrids } from '../db/assign-grids.js';
import { errorsOf, isBlank, type CellValue, type Issue } from './fields.js';
import { ROSTER_FIELDS, type CoordSystem, type RosterKind } from './kinds.js';
import { applyOverrides, detectMapping, findHeaderRow, recognise, type ColumnMapping, type MappingOverrides, type MappingProblem } from './mapping.js';
import type { Table } from './tabular.js';
import { readRosterTable } from './roster-file.js';
import { parseRows } from './rows.js';
import { convertCoordinates, markDuplicateKeys, resolveRows } from './resolve.js';
import { ImportFileError } from './errors.js';
import { BUDGETS } from '../http/budgets.js';
import { stillWanted } from '../http/abandoned.js';
import { loadLookup } from './db/lookup.js';
import { executeRoster, planRoster, touchedStreets, type Plan, type WriteCounts } from './db/rosters.js';
import type { Db } from '../db/store.js';

export interface RosterOptions {
  kind: RosterKind;
  filename: string;
  coords: CoordSystem;
  mapping?: MappingOverrides;
}

export interface Counts { rows: number; valid: number; invalid: number; insert: number; update: number; unchanged: number; links: number }

export interface Preview {
  kind: RosterKind;
  file: { name: string; sha256: string; format: Table['format']; encoding: string | null; headerRow: number };
  fields: { key: string; label: string; labelEn: string; required: boolean }[];
  mapping: ColumnMapping[];
  /** Columns holding something that no field takes: listed, never dropped silently. */
  unknownColumns: string[];
  issues: Issue[];
  /** Issues beyond this many are counted but not listed. */
  issuesTruncated: boolean;
  counts: Counts;
}

export const MAX_ISSUES_LISTED = 2000;

interface Analysed { preview: Preview; plan: Plan }

export const fieldList = (kind: RosterKind) =>
  ROSTER_FIELDS[kind].map((f) => ({ key: f.key, label: f.label, labelEn: f.labelEn, required: f.required ?? false }));

/** Turns mapping problems into the 422 the wizard shows on its mapping step. */
function mappingError(problems: MappingProblem[], mapping: ColumnMapping[], kind: RosterKind): ImportFileError {
  const missing = problems.filter((p) => p.code === 'missing_required').map((p) => p.field);
  const msg = missing.length
    ? `Required columns are missing or not mapped: ${missing.join(', ')}`
    : `The column mapping is not usable: ${problems.map((p) => `${p.code} ${p.column ?? p.field ?? ''}`.trim()).join('; ')}`;
  return new ImportFileError(422, msg, { problems, mapping, fields: fieldList(kind) });
}

/** The unmapped columns with a header or any data (a blank column without a header is nothing). */
export function unknownColumns(mapping: ColumnMapping[], rows: CellValue[][]): string[] {
  return mapping.filter((m) => !m.field && rows.some((r) => !isBlank(r[m.index] ?? null))).map((m) => m.column);
}

async function analyse(db: Db, bytes: Uint8Array, opts: RosterOptions): Promise<Analysed> {
  const fields = ROSTER_FIELDS[opts.kind];
  const table = await readRosterTable(bytes, opts.filename, (h) => ['lon', 'lat'].includes(recognise(h, fields)?.field ?? ''));
  if (table.rows.length === 0) throw new ImportFileError(422, 'The file has no header row');
  const headerIndex = table.headerFirst ? 0 : findHeaderRow(table.rows, fields);
  const { mapping, problems } = applyOverrides(detectMapping(table.rows[headerIndex] ?? [], fields), opts.mapping ?? {}, fields);
  if (problems.length) throw mappingError(problems, mapping, opts.kind);
  const data = table.rows.slice(headerIndex + 1);
  if (data.length > BUDGETS.importRows) {
    throw new ImportFileError(413, `The file has ${data.length.toLocaleString('en')} data rows, more than the ${BUDGETS.importRows.toLocaleString('en')} one import may hold; split it into smaller files`);
  }
  if (data.length === 0) throw new ImportFileError(422, 'The file has a header but no data rows', { mapping, fields: fieldList(opts.kind) });
  // Row numbers are the spreadsheet's own, blank rows counted: what the user finds in Excel.
  const parsed = parseRows(data, table.rowNumbers.slice(headerIndex + 1), mapping, fields);
  convertCoordinates(parsed, opts.coords, mapping);
  const lookup = await loadLookup(db, parsed);
  const outcomes = resolveRows(opts.kind, parsed, mapping, lookup);
  markDuplicateKeys(opts.kind, outcomes, mapping);
  const resolved = outcomes.flatMap((o) => (o.resolved ? [o.resolved] : []));
  const plan = await planRoster(db, opts.kind, resolved, (f) => mapping.find((m) => m.field === f)?.column ?? f);
  // Rows valid alone but not against the stored record are reported with the others, in row order.
  const issues = [...outcomes.flatMap((o) => o.issues), ...plan.issues].sort((a, b) => a.row - b.row);
  const valid = plan.actions.length;
  const n = (op: string) => plan.actions.filter((a) => a.op === op).length;
  return {
    plan,
    preview: {
      kind: opts.kind,
      file: { name: opts.filename, sha256: createHash('sha256').update(bytes).digest('hex'), format: table.format, encoding: table.encoding, headerRow: table.rowNumbers[headerIndex] ?? headerIndex + 1 },
      fields: fieldList(opts.kind),
      mapping,
      unknownColumns: unknownColumns(mapping, table.rows.slice(headerIndex)),
      issues: issues.slice(0, MAX_ISSUES_LISTED),
      issuesTruncated: issues.length > MAX_ISSUES_LISTED,
      counts: { rows: outcomes.length, valid, invalid: outcomes.length - valid, insert: n('insert'), update: n('update'), unchanged: n('unchanged'), links: plan.newLinks },
    },
  };
}

/** signal: the request's; a preview whose client has gone by the time the store is free is not computed. */
export function previewRoster(store: Store, bytes: Uint8Array, opts: RosterOptions, signal?: AbortSignal): Promise<Preview> {
  return store.read(async (db) => {
    stillWanted(signal);
    return (await analyse(db, bytes, opts)).preview;
  });
}

export interface AcceptOptions extends RosterOptions {
  actor: string;
  /** Write the valid rows even though others are invalid (the user saw the report and chose to). */
  skipInvalid: boolean;
  today: string;
}

export interface AcceptResult extends WriteCounts { kind: RosterKind; skipped: number; preview: Preview }

/** Writes all valid rows in one transaction with one audit row, or nothing: a file with invalid rows is refused
 *  (422, with the report) unless skipInvalid says to leave them out; a file with no valid row is always refused. */
export function acceptRoster(store: Store, bytes: Uint8Array, opts: AcceptOptions): Promise<AcceptResult> {
  return store.write(async (tx) => {
    const { preview, plan } = await analyse(tx, bytes, opts);
    if (preview.counts.invalid > 0 && !opts.skipInvalid) {
      throw new ImportFileError(422, `${preview.counts.invalid} of ${preview.counts.rows} rows are invalid; fix them or choose to skip them`, preview);
    }
    if (preview.counts.valid === 0) throw new ImportFileError(422, 'The file has no valid rows', preview);
    const counts = await executeRoster(tx, opts.kind, plan, `导入: ${opts.filename}`, opts.today);
    for (const street of touchedStreets(plan)) await assignGrids(tx, street);
    // Nothing differs (the same file again): nothing is written, not even an audit row.
    if (counts.inserted + counts.updated + counts.linksAdded === 0) return { kind: opts.kind, ...counts, skipped: preview.counts.invalid, preview };
    await audit(tx, {
      actor: opts.actor,
      action: 'import',
      entity: opts.kind,
      note: `${opts.filename}: ${counts.inserted} inserted, ${counts.updated} updated, ${counts.unchanged} unchanged, ${preview.counts.invalid} skipped`,
      after: { file: preview.file, mapping: preview.mapping.filter((m) => m.field).map((m) => `${m.column}=${m.field}`), counts, skipped: errorsOf(preview.issues).map((i) => i.row).filter((r, i, a) => a.indexOf(r) === i) },
    });
    return { kind: opts.kind, ...counts, skipped: preview.counts.invalid, preview };
  });
}
