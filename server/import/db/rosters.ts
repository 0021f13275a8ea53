// Planning and writing a roster import: each valid row becomes an insert, an update of the fields that differ,
// or nothing at all (unchanged rows are not touched, so they keep their version and log no change).
import { inArray, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import * as t from '../../db/schema.js';
import type { Db } from '../../db/store.js';
import { BATCH_ROWS, insertBatched, reserveIds, updateBatched } from '../../db/batch.js';
import { roundDecimal, type Issue } from '../fields.js';
import { ROSTER_FIELDS, type RosterKind } from '../kinds.js';
import { instant, naturalKey, type ResolvedRow } from '../resolve.js';

const TABLES = {
  enterprises: t.enterprises,
  organisations: t.organisations,
  instructors: t.instructors,
  stations: t.stations,
  activities: t.activities,
} as const;

type Existing = Record<string, unknown> & { id: number };

export type Action =
  | { op: 'insert'; row: number; values: Record<string, unknown>; links?: ResolvedRow['links'] }
  | { op: 'update'; row: number; id: number; changes: Record<string, unknown>; links?: ResolvedRow['links'] }
  | { op: 'unchanged'; row: number; id: number; links?: ResolvedRow['links'] };

export interface Plan {
  actions: Action[];
  /** Rows that are valid alone but not against what is stored (an end date before the stored start): not planned. */
  issues: Issue[];
  /** Link rows (organisation coverage, instructor assignments) that would be added. */
  newLinks: number;
}

/** Start and end dates whose order the tables check (CHECK (until IS NULL OR until >= from)). */
const DATE_PAIRS = [['registeredOn', 'deregisteredOn'], ['foundedOn', 'dissolvedOn']] as const;

/** Digits after the point of each decimal column (numeric(p, scale)): compared as stored. */
const scales = (kind: RosterKind): Map<string, number> =>
  new Map(ROSTER_FIELDS[kind].flatMap((f) => (f.type.t === 'decimal' ? [[f.key, f.type.scale] as const] : [])));

function same(a: unknown, b: unknown, key: string, scale?: number): boolean {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (key === 'heldAt') return instant(a) === instant(b);
  if (scale !== undefined) return roundDecimal(Number(a), scale) === roundDecimal(Number(b), scale);
  if (key === 'geom') {
    const pa = (a as { coordinates: number[] }).coordinates;
    const pb = (b as { coordinates: number[] }).coordinates;
    return pa.length === pb.length && pa.every((x, i) => Math.abs(x - (pb[i] as number)) < 5e-8);
  }
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  return String(a) === String(b);
}

async function existingLinks(db: Db, kind: RosterKind, ids: number[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  if (kind === 'organisations') {
    const r = await db.select({ a: t.organisationCoverage.organisationId, b: t.organisationCoverage.enterpriseId }).from(t.organisationCoverage).where(inArray(t.organisationCoverage.organisationId, ids));
    return new Set(r.map((x) => `${x.a}:${x.b}`));
  }
  const r = await db.select({ a: t.instructorAssignments.instructorId, b: t.instructorAssignments.enterpriseId }).from(t.instructorAssignments).where(inArray(t.instructorAssignments.instructorId, ids));
  return new Set(r.map((x) => `${x.a}:${x.b}`));
}

/** The date pairs a record would break once written (dates as YYYY-MM-DD strings compare as dates). */
function dateOrderProblems(rec: Record<string, unknown>): { from: string; until: string }[] {
  const text = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v.slice(0, 10) : null);
  return DATE_PAIRS.flatMap(([from, until]) => {
    const a = text(rec[from]);
    const b = text(rec[until]);
    return a !== null && b !== null && b < a ? [{ from, until }] : [];
  });
}

/** `columnOf` names a field's column in the file, for the issues reported. */
export async function planRoster(db: Db, kind: RosterKind, resolved: ResolvedRow[], columnOf: (field: string) => string = (f) => f): Promise<Plan> {
  const table = TABLES[kind] as unknown as PgTable;
  const all = (await db.select().from(table)) as Existing[];
  const byId = new Map(all.map((e) => [e.id, e]));
  const byKey = new Map(all.map((e) => [naturalKey(kind, e), e]));
  const scale = scales(kind);
  const issues: Issue[] = [];
  const actions: Action[] = resolved.flatMap((r): Action[] => {
    const { id, ...record } = r.record;
    const found = (typeof id === 'number' ? byId.get(id) : undefined) ?? byKey.get(naturalKey(kind, r.record));
    const action: Action = ((): Action => {
      if (!found) return { op: 'insert', row: r.row, values: { ...r.insertOnly, ...record }, links: r.links };
      const changes: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(record)) if (!same(found[k], v, k, scale.get(k))) changes[k] = v;
      // Moved to another building without coordinates of its own: the point follows the building.
      if ('buildingId' in changes && !('geom' in record) && r.insertOnly.geom) Object.assign(changes, { geom: r.insertOnly.geom, coordSource: null, sourceLon: null, sourceLat: null });
      return Object.keys(changes).length
        ? { op: 'update', row: r.row, id: found.id, changes, links: r.links }
        : { op: 'unchanged', row: r.row, id: found.id, links: r.links };
    })();
    // The record as it would be stored: a blank end date in the file keeps the stored one, which may now
    // precede the file's new start date. The table's CHECK would refuse it; the row is reported instead.
    const merged = action.op === 'insert' ? action.values : action.op === 'update' ? { ...found, ...action.changes } : null;
    const wrong = merged ? dateOrderProblems(merged) : [];
    for (const w of wrong) {
      const stored = action.op === 'update' && !(w.until in action.changes) ? ' (the stored one: the file leaves it blank)' : '';
      issues.push({ row: r.row, column: columnOf(w.until), field: w.until, code: 'date_order', message: `${w.until} ${String(merged?.[w.until]).slice(0, 10)}${stored} is before ${w.from} ${String(merged?.[w.from]).slice(0, 10)}`, value: String(merged?.[w.until]).slice(0, 10) });
    }
    return wrong.length ? [] : [action];
  });
  const have = await existingLinks(db, kind, actions.filter((a) => a.op !== 'insert').map((a) => (a as { id: number }).id));
  let newLinks = 0;
  for (const a of actions) {
    for (const e of a.links?.enterpriseIds ?? []) if (a.op === 'insert' || !have.has(`${a.id}:${e}`)) newLinks++;
  }
  return { actions, issues, newLinks };
}

export interface WriteCounts { inserted: number; updated: number; unchanged: number; linksAdded: number }

/** Writes the plan in multi-row statements (server/db/batch.ts): the change log's lock, taken by the first
 *  logged row, is held only while these few statements run. */
export async function executeRoster(tx: Db, kind: RosterKind, plan: Plan, source: string, today: string): Promise<WriteCounts> {
  const table = TABLES[kind] as unknown as PgTable;
  const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0, linksAdded: 0 };
  const have = await existingLinks(tx, kind, plan.actions.filter((a) => a.op !== 'insert').map((a) => (a as { id: number }).id));
  const inserts = plan.actions.filter((a): a is Extract<Action, { op: 'insert' }> => a.op === 'insert');
  const newIds = await reserveIds(tx, table, inserts.length);
  const idOf = new Map<Action, number>(inserts.map((a, i) => [a, newIds[i] as number]));
  await insertBatched(tx, table, inserts.map((a) => ({ ...a.values, source, id: idOf.get(a) })));
  const updates = plan.actions.flatMap((a) => (a.op === 'update' ? [{ id: a.id, changes: { ...a.changes, source } }] : []));
  await updateBatched(tx, table, updates, { version: sql`version + 1` });
  counts.inserted = inserts.length;
  counts.updated = updates.length;
  counts.unchanged = plan.actions.length - inserts.length - updates.length;
  const links: { owner: number; enterpriseId: number; since: string }[] = [];
  for (const a of plan.actions) {
    const id = a.op === 'insert' ? (idOf.get(a) as number) : a.id;
    const since = a.links?.since ?? today;
    for (const e of a.links?.enterpriseIds ?? []) if (a.op === 'insert' || !have.has(`${id}:${e}`)) links.push({ owner: id, enterpriseId: e, since });
  }
  for (let i = 0; i < links.length; i += BATCH_ROWS) {
    const chunk = links.slice(i, i + BATCH_ROWS);
    if (kind === 'organisations') {
      await tx.insert(t.organisationCoverage).values(chunk.map((l) => ({ organisationId: l.owner, enterpriseId: l.enterpriseId, since: l.since }))).onConflictDoNothing();
    } else {
      await tx.insert(t.instructorAssignments).values(chunk.map((l) => ({ instructorId: l.owner, enterpriseId: l.enterpriseId, since: l.since }))).onConflictDoNothing();
    }
  }
  counts.linksAdded = links.length;
  return counts;
}

/** Streets whose grid membership of stations must be recomputed after the write. */
export function touchedStreets(plan: Plan): string[] {
  const s = new Set<string>();
  for (const a of plan.actions) {
    const v = a.op === 'insert' ? a.values : a.op === 'update' ? a.changes : null;
    if (v && typeof v.streetCode === 'string' && ('geom' in v || 'streetCode' in v)) s.add(v.streetCode);
  }
  return [...s];
}

