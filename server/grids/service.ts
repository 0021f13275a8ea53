// Grid change sets: evaluate (plan, PostGIS validity, partition checks), preview with impact, and
// commit in one transaction: grids written, buildings/enterprises/stations reassigned, history and
// audit recorded. The change log triggers then carry the edit to the coverage engine and /api/events.
import { sql } from 'drizzle-orm';
import type { MultiPolygon } from 'geojson';
import { rows, type Db, type Store } from '../db/store.js';
import { audit } from '../db/audit.js';
import { assignGrids } from '../db/assign-grids.js';
import { ApiError } from '../http/errors.js';
import type { AppServices } from '../http/context.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { planChangeSet, type ChangeSet, type CurrentGrid, type Stale } from '../domain/topology/change-set.js';
import { DEFAULT_GRID_RULES, INVALID_KINDS, PARTITION_KINDS, type GridKey, type GridRules, type Problem } from '../domain/topology/types.js';
import { absorb, partitionProblems, validityProblems } from './geometry.js';
import { exactProblems, latticeOutline, sameCoordinates, snapStreetGrids } from './snap.js';
import { polygonDefect } from '../domain/topology/polygon.js';
import { impactOf, type Impact } from './impact.js';
import { fromPlan, fromSnapshot, type Intended, type IntendedGrid } from './intended.js';
import { readGrids, readStreet, snapshotOf, type GridSnapshot, type StreetOutline } from './state.js';
import { goneGridIds, readChangeSet, type HistoryChange } from './history.js';
import { cancellableRead, throwIfCancelled } from './cancel.js';

export const GRID_RULES: GridRules = DEFAULT_GRID_RULES;

interface Evaluation {
  problems: Problem[];
  /** The intended grids with absorbed areas joined in (meaningful when there is no invalid problem). */
  grids: IntendedGrid[];
}

/**
 * The intended grids on the lattice with the street's outline (snap.ts) and which of them really change: a grid
 * is written only if its snapped boundary or its name differs from what is stored.
 */
function snapped(outline: MultiPolygon, grids: IntendedGrid[], current: CurrentGrid[]): IntendedGrid[] {
  const byId = new Map(current.map((g) => [g.id, g]));
  return snapStreetGrids(outline, grids).map((g) => {
    const stored = g.id === null ? undefined : byId.get(g.id);
    return { ...g, changed: !stored || g.absorbs.length > 0 || stored.name !== g.name || !sameCoordinates(stored.geometry, g.geometry) };
  });
}

async function evaluate(db: Db, street: StreetOutline, current: CurrentGrid[], intended: Intended, initial: Problem[]): Promise<Evaluation> {
  const problems = [...initial];
  const invalid = () => problems.some((p) => INVALID_KINDS.has(p.kind));
  if (intended.grids.length === 0) problems.push({ kind: 'invalid', gridIds: [], message: 'A street needs at least one grid' });
  problems.push(...(await codeProblems(db, intended.grids)));
  if (invalid()) return { problems, grids: intended.grids };
  const outline = latticeOutline(street.geometry);
  let grids = snapped(outline, intended.grids, current);
  // Rounding can collapse a ring that was only a centimetre wide.
  for (const g of grids) {
    const defect = g.changed ? polygonDefect(g.geometry) : null;
    if (defect) problems.push({ kind: 'invalid', gridIds: [g.key], message: `${g.name}: ${defect} (on the 1e-7° lattice)` });
  }
  if (invalid()) return { problems, grids };
  problems.push(...(await validityProblems(db, grids.filter((g) => g.changed))));
  if (invalid()) return { problems, grids };
  if (grids.some((g) => g.absorbs.length > 0)) {
    const joined: IntendedGrid[] = [];
    for (const g of grids) {
      if (g.absorbs.length === 0) {
        joined.push(g);
        continue;
      }
      const union = await absorb(db, g.geometry, g.absorbs);
      if (union) joined.push({ ...g, geometry: union });
      else {
        problems.push({ kind: 'give_to', gridIds: [g.key, ...g.absorbs], message: `The area given to ${g.name} does not join it into one piece: give it to a neighbour` });
        joined.push(g);
      }
    }
    // The union comes back from PostGIS: onto the lattice again, with its neighbours.
    grids = snapped(outline, joined, current);
  }
  if (invalid()) return { problems, grids };
  const found = await partitionProblems(db, outline, grids, GRID_RULES);
  problems.push(...found);
  // The independent exact check must agree before anything is committed: what it finds is a problem even when
  // the geometry engine saw none (it then reports the area itself).
  if (!found.some((p) => PARTITION_KINDS.has(p.kind))) problems.push(...exactProblems(outline, grids));
  return { problems, grids };
}

/** Codes chosen for new grids must be unused (grid codes are unique across the city) and distinct. */
async function codeProblems(db: Db, grids: IntendedGrid[]): Promise<Problem[]> {
  const chosen = grids.filter((g) => g.id === null && g.code !== undefined) as (IntendedGrid & { code: string })[];
  if (chosen.length === 0) return [];
  const taken = new Set(
    (await rows<{ code: string }>(db, sql`SELECT code FROM grids WHERE code IN (${sql.join(chosen.map((g) => sql`${g.code}`), sql`, `)})`)).map((r) => r.code),
  );
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const g of chosen) {
    if (taken.has(g.code) || seen.has(g.code)) problems.push({ kind: 'invalid', gridIds: [g.key], message: `Grid code ${g.code} is already in use` });
    seen.add(g.code);
  }
  return problems;
}

const staleProblems = (stale: Stale[]): Problem[] =>
  stale.map((s) => ({
    kind: 'stale',
    gridIds: [s.id],
    message: s.current === null ? `Grid ${s.id} was deleted or merged by someone else` : `Grid ${s.id} is at version ${s.current}; the change was based on version ${s.version}`,
  }));

export interface Preview {
  ok: boolean;
  problems: Problem[];
  impact: Impact | null;
}

/** `signal`: aborted when the client left or asked for a newer preview; the work stops there (cancel.ts). */
export async function previewGridChanges(services: AppServices, streetCode: string, set: ChangeSet, signal?: AbortSignal): Promise<Preview> {
  throwIfCancelled(signal);
  // The model first: on PGlite the engine's own reads cannot run inside ours.
  const figures = await services.coverage.ask({ q: 'streetCounts', streetCode });
  const counts = new Map(figures.counts);
  const model = { asOf: figures.asOf, counts, areas: counts };
  return cancellableRead(services.store, signal, async (db) => {
    const street = await readStreet(db, streetCode);
    const current = await readGrids(db, streetCode);
    const plan = planChangeSet(current, set, await goneGridIds(db, streetCode, current));
    const { problems, grids } = await evaluate(db, street, current, fromPlan(plan), [...plan.problems, ...staleProblems(plan.stale)]);
    const geometryUsable = !problems.some((p) => INVALID_KINDS.has(p.kind));
    const deleted = plan.deleted.map((d) => ({ id: d.id, name: current.find((g) => g.id === d.id)?.name ?? String(d.id) }));
    const impact = geometryUsable ? await impactOf(db, model, streetCode, grids, deleted, model.asOf) : null;
    return { ok: problems.length === 0, problems, impact };
  });
}

export interface CommitResult {
  /** Null when the change set changed nothing (every grid sent as it is): nothing was written. */
  changeSetId: number | null;
  grids: { id: number; version: number }[];
}

/** Throws the rejection a caller must see: 412 stale, 422 invalid, 409 not a partition. Nothing is written then. */
function rejectIfAny(problems: Problem[], stale: Stale[]): void {
  if (stale.length) throw new ApiError(412, 'stale_version', 'Some grids changed since you loaded them: reload and re-apply your edits', { stale });
  const invalid = problems.filter((p) => INVALID_KINDS.has(p.kind));
  if (invalid.length) throw new ApiError(422, 'invalid_geometry', invalid.map((p) => p.message).join('; '), { problems: invalid });
  if (problems.length) throw new ApiError(409, 'not_a_partition', 'The grids would no longer tile the street exactly', { problems });
}

/** The problems a change set would meet (stale versions included), without the coverage impact a preview adds:
 *  what a grid-file import checks, in a thread that has the store but not the coverage engine. */
export async function gridChangeProblems(store: Store, streetCode: string, set: ChangeSet): Promise<Problem[]> {
  return store.read(async (db) => {
    const street = await readStreet(db, streetCode);
    const current = await readGrids(db, streetCode);
    const plan = planChangeSet(current, set, await goneGridIds(db, streetCode, current));
    return (await evaluate(db, street, current, fromPlan(plan), [...plan.problems, ...staleProblems(plan.stale)])).problems;
  });
}

export async function commitGridChanges(store: Store, principal: Principal, streetCode: string, set: ChangeSet): Promise<CommitResult> {
  return store.write(async (tx) => {
    // Locking the street serialises edits of one street: versions are checked and written atomically.
    const street = await readStreet(tx, streetCode, true);
    const current = await readGrids(tx, streetCode);
    const plan = planChangeSet(current, set, await goneGridIds(tx, streetCode, current));
    if (plan.stale.length) rejectIfAny([], plan.stale);
    const { problems, grids } = await evaluate(tx, street, current, fromPlan(plan), plan.problems);
    rejectIfAny(problems, []);
    return write(tx, principal, streetCode, current, { grids, deleted: plan.deleted }, set.note ?? null, null);
  });
}

/** Restores the state before or after a recorded change set, as a new change set. */
export async function revertGridChanges(
  services: AppServices,
  principal: Principal,
  streetCode: string,
  changeSetId: number,
  state: 'before' | 'after',
  base: { id: number; version: number }[],
  note: string | null,
): Promise<CommitResult> {
  return services.store.write(async (tx) => {
    const street = await readStreet(tx, streetCode, true);
    const recorded = await readChangeSet(tx, streetCode, changeSetId);
    const current = await readGrids(tx, streetCode);
    rejectIfAny([], staleBase(current, base));
    const intended = fromSnapshot(current, recorded[state]);
    const { problems, grids } = await evaluate(tx, street, current, intended, []);
    rejectIfAny(problems, []);
    return write(tx, principal, streetCode, current, { grids, deleted: intended.deleted }, note ?? `Revert to ${state === 'before' ? 'before' : 'after'} change ${changeSetId}`, changeSetId);
  });
}

/**
 * A revert replaces the street's whole grid set, so its base is the whole set: every grid's version as the
 * editor saw it. A grid changed, added (reported with version 0: not in the base) or gone since is stale.
 */
function staleBase(current: CurrentGrid[], base: { id: number; version: number }[]): Stale[] {
  const seen = new Map(base.map((b) => [b.id, b.version]));
  const now = new Set(current.map((g) => g.id));
  return [
    ...current.filter((g) => seen.get(g.id) !== g.version).map((g) => ({ id: g.id, version: seen.get(g.id) ?? 0, current: g.version })),
    ...base.filter((b) => !now.has(b.id)).map((b) => ({ id: b.id, version: b.version, current: null })),
  ];
}

async function nextCodes(tx: Db, streetCode: string, n: number): Promise<string[]> {
  // Codes are never reused, not even a deleted grid's: a revert may bring that grid back.
  const [r] = await rows<{ m: number | null }>(
    tx,
    sql`SELECT max(substring(code FROM '-G([0-9]+)$')::int) AS m FROM (
          SELECT code FROM grids WHERE street_code = ${streetCode}
          UNION ALL SELECT jsonb_array_elements(before || after) ->> 'code' FROM grid_change_sets WHERE street_code = ${streetCode}
        ) c`,
  );
  const start = (r?.m ?? 0) + 1;
  return Array.from({ length: n }, (_, i) => `${streetCode}-G${start + i}`);
}

async function write(
  tx: Db,
  principal: Principal,
  streetCode: string,
  current: CurrentGrid[],
  intended: { grids: IntendedGrid[]; deleted: { id: number; giveTo: number | null }[] },
  note: string | null,
  revertOf: number | null,
): Promise<CommitResult> {
  const actor = actorOf(principal);
  const byId = new Map(current.map((g) => [g.id, g]));
  const deletedIds = intended.deleted.map((d) => d.id);
  if (deletedIds.length) {
    const ids = sql.join(deletedIds.map((id) => sql`${id}`), sql`, `);
    // Members let go of the grid first (foreign keys); assignGrids below places them again.
    await tx.execute(sql`UPDATE buildings SET grid_id = NULL WHERE grid_id IN (${ids})`);
    await tx.execute(sql`UPDATE enterprises SET grid_id = NULL WHERE grid_id IN (${ids})`);
    await tx.execute(sql`UPDATE stations SET grid_id = NULL WHERE grid_id IN (${ids})`);
    await tx.execute(sql`DELETE FROM grids WHERE id IN (${ids})`);
  }
  if (deletedIds.length === 0 && !intended.grids.some((g) => g.changed)) return { changeSetId: null, grids: [] };
  const created = intended.grids.filter((g) => g.id === null && g.code === undefined);
  const codes = await nextCodes(tx, streetCode, created.length);
  const ids = new Map<GridKey, number>();
  const changes: HistoryChange[] = [];
  for (const g of intended.grids) {
    const geojson = JSON.stringify(g.geometry);
    const old = g.id === null ? undefined : byId.get(g.id);
    if (old) {
      ids.set(g.key, old.id);
      if (!g.changed) continue;
      await tx.execute(sql`UPDATE grids SET geom = ST_SetSRID(ST_GeomFromGeoJSON(${geojson}::text), 4326), name = ${g.name}, version = version + 1 WHERE id = ${old.id}`);
      changes.push({ gridId: old.id, name: g.name, action: 'update', before: old.geometry, after: g.geometry });
      continue;
    }
    const code = g.code ?? (codes.shift() as string);
    const [row] = await rows<{ id: number }>(
      tx,
      sql`INSERT INTO grids (${g.id === null ? sql`` : sql`id, `}street_code, code, name, geom, illustrative, source)
          VALUES (${g.id === null ? sql`` : sql`${g.id}, `}${streetCode}, ${code}, ${g.name}, ST_SetSRID(ST_GeomFromGeoJSON(${geojson}::text), 4326), false, ${`grid editor (${actor})`})
          RETURNING id`,
    );
    ids.set(g.key, (row as { id: number }).id);
    // A grid a revert brings back keeps its id (and gets a version above any it had: migration 0015's trigger).
    changes.push({ gridId: (row as { id: number }).id, name: g.name, action: g.id === null ? 'create' : 'restore', before: null, after: g.geometry });
  }
  for (const d of intended.deleted) {
    const old = byId.get(d.id) as CurrentGrid;
    changes.push({ gridId: d.id, name: old.name, action: 'delete', before: old.geometry, after: null, ...(d.giveTo !== null ? { giveTo: d.giveTo } : {}) });
  }
  await assignGrids(tx, streetCode);
  const after = await readGrids(tx, streetCode);
  const before: GridSnapshot[] = snapshotOf(current);
  const [set] = await rows<{ id: number }>(
    tx,
    sql`INSERT INTO grid_change_sets (street_code, actor, note, changes, before, after, revert_of)
        VALUES (${streetCode}, ${actor}, ${note}, ${JSON.stringify(changes)}::jsonb, ${JSON.stringify(before)}::jsonb, ${JSON.stringify(snapshotOf(after))}::jsonb, ${revertOf})
        RETURNING id`,
  );
  const changeSetId = (set as { id: number }).id;
  await audit(tx, {
    actor,
    action: revertOf === null ? 'grids.change' : 'grids.revert',
    entity: 'street',
    entityId: streetCode,
    note,
    before: { changeSetId, grids: changes.filter((c) => c.before).map((c) => ({ id: c.gridId, name: c.name, geometry: c.before })) },
    after: { changeSetId, grids: changes.filter((c) => c.after).map((c) => ({ id: c.gridId, name: c.name, geometry: c.after })) },
  });
  const touched = new Set(changes.map((c) => c.gridId));
  return { changeSetId, grids: after.filter((g) => touched.has(g.id)).map((g) => ({ id: g.id, version: g.version })) };
}
