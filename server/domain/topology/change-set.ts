// Turns a submitted change set into the street's intended grid set: which grids keep, change, appear
// or disappear, which deleted grid's area goes to whom, and what is wrong before any geometry is computed.
// Pure: the caller supplies the street's current grids; PostGIS does the geometry afterwards.
import type { Polygon } from 'geojson';
import { flatPolygon, polygonDefect } from './polygon.js';
import type { GridKey, Problem } from './types.js';

export interface CurrentGrid {
  id: number;
  code: string;
  name: string;
  version: number;
  geometry: Polygon;
}

export type Change =
  | { id: number; version: number; geometry: Polygon; name?: string }
  | { geometry: Polygon; name: string; code?: string }
  | { id: number; version: number; delete: true; giveTo: number };

export interface ChangeSet {
  note?: string;
  changes: Change[];
}

/** One grid of the intended set. */
export interface PlannedGrid {
  key: GridKey;
  id: number | null;
  name: string;
  /** The submitted boundary, or the current one when only the name changed or nothing did. */
  geometry: Polygon;
  /** A new grid's code when the caller chose one (an import keeps its file's codes). */
  code?: string;
  /** Deleted grids whose area this grid absorbs. */
  absorbs: number[];
  changed: boolean;
}

export interface Stale {
  id: number;
  version: number;
  /** The grid's version now, or null when someone else deleted (merged away) the grid. */
  current: number | null;
}

export interface Plan {
  grids: PlannedGrid[];
  deleted: { id: number; giveTo: number }[];
  stale: Stale[];
  /** Problems found without geometry operations (422). */
  problems: Problem[];
}

const isDelete = (c: Change): c is Extract<Change, { delete: true }> => 'delete' in c;
const isNew = (c: Change): c is Extract<Change, { name: string }> & { geometry: Polygon } => !('id' in c);

const sameCoordinates = (a: Polygon, b: Polygon) => JSON.stringify(a.coordinates) === JSON.stringify(b.coordinates);

/**
 * `gone` holds ids of grids this street had and no longer has: a change based on one of them lost a
 * race with another editor's merge or delete, which is a stale base (412), not an unknown grid.
 */
export function planChangeSet(current: CurrentGrid[], set: ChangeSet, gone: ReadonlySet<number> = new Set()): Plan {
  const byId = new Map(current.map((g) => [g.id, g]));
  const problems: Problem[] = [];
  const stale: Stale[] = [];
  const updates = new Map<number, { geometry: Polygon; name?: string }>();
  const deletes = new Map<number, number>();
  const created: PlannedGrid[] = [];
  const seen = new Set<number>();

  set.changes.forEach((c, index) => {
    if (isNew(c)) {
      const key: GridKey = `new:${index}`;
      const defect = polygonDefect(c.geometry);
      if (defect) problems.push({ kind: 'invalid', gridIds: [key], message: `${c.name}: ${defect}` });
      created.push({ key, id: null, name: c.name, ...(c.code !== undefined ? { code: c.code } : {}), geometry: flatPolygon(c.geometry), absorbs: [], changed: true });
      return;
    }
    const grid = byId.get(c.id);
    if (!grid && gone.has(c.id)) {
      stale.push({ id: c.id, version: c.version, current: null });
      return;
    }
    if (!grid) {
      problems.push({ kind: 'unknown_grid', gridIds: [c.id], message: `Grid ${c.id} is not a grid of this street` });
      return;
    }
    if (seen.has(c.id)) {
      problems.push({ kind: 'invalid', gridIds: [c.id], message: `Grid ${c.id} appears more than once in the change set` });
      return;
    }
    seen.add(c.id);
    if (c.version !== grid.version) stale.push({ id: c.id, version: c.version, current: grid.version });
    if (isDelete(c)) {
      deletes.set(c.id, c.giveTo);
      return;
    }
    const defect = polygonDefect(c.geometry);
    if (defect) problems.push({ kind: 'invalid', gridIds: [c.id], message: `${grid.name}: ${defect}` });
    updates.set(c.id, { geometry: flatPolygon(c.geometry), ...(c.name !== undefined ? { name: c.name } : {}) });
  });

  for (const [id, giveTo] of deletes) {
    const receiver = byId.get(giveTo);
    if (giveTo === id) problems.push({ kind: 'give_to', gridIds: [id], message: `Grid ${id} cannot give its area to itself` });
    else if (!receiver) problems.push({ kind: 'give_to', gridIds: [id], message: `Grid ${id} gives its area to ${giveTo}, which is not a grid of this street` });
    else if (deletes.has(giveTo)) problems.push({ kind: 'give_to', gridIds: [id, giveTo], message: `Grid ${id} gives its area to ${giveTo}, which is deleted too` });
  }

  const grids: PlannedGrid[] = [];
  for (const g of current) {
    if (deletes.has(g.id)) continue;
    const u = updates.get(g.id);
    const absorbs = [...deletes].filter(([, to]) => to === g.id).map(([id]) => id);
    const name = u?.name ?? g.name;
    // Re-sending a grid as it is (an import of the same file) changes nothing and bumps no version.
    const edited = !!u && (name !== g.name || !sameCoordinates(u.geometry, g.geometry));
    grids.push({
      key: g.id,
      id: g.id,
      name,
      geometry: u?.geometry ?? g.geometry,
      absorbs,
      changed: edited || absorbs.length > 0,
    });
  }
  grids.push(...created);
  return { grids, deleted: [...deletes].map(([id, giveTo]) => ({ id, giveTo })), stale, problems };
}
