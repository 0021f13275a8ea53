// Two editors: after a 412, the user's edits are re-applied on top of the state the other editor saved,
// grid by grid. A grid the other save touched (new version, or gone) is a conflict and keeps the saved
// state; everything else takes the user's edit. Validation then shows whatever no longer fits.
import type { EditGrid } from './types';
import { sameGeometry } from './changes';

export interface Rebased {
  grids: EditGrid[];
  /** Keys of the user's grids that could not be re-applied. */
  conflicts: string[];
}

export function rebase(myOriginal: EditGrid[], myEdited: EditGrid[], current: EditGrid[]): Rebased {
  const conflicts: string[] = [];
  const cur = new Map(current.map((g) => [g.key, g]));
  const orig = new Map(myOriginal.map((g) => [g.key, g]));
  const touchedByThem = (key: string): boolean => {
    const o = orig.get(key);
    const c = cur.get(key);
    return !o || !c || o.version !== c.version;
  };
  const out = new Map(current.map((g) => [g.key, g]));
  for (const g of myEdited) {
    if (g.id === null) {
      out.set(g.key, g);
      continue;
    }
    const o = orig.get(g.key);
    if (!o || (sameGeometry(o.geometry, g.geometry) && o.name === g.name)) continue;
    if (touchedByThem(g.key)) {
      conflicts.push(g.key);
      continue;
    }
    const c = cur.get(g.key) as EditGrid;
    out.set(g.key, { ...g, version: c.version });
  }
  const mine = new Set(myEdited.map((g) => g.key));
  for (const o of myOriginal) {
    if (mine.has(o.key)) continue;
    // Deleted by me: only if the other save left it alone.
    if (touchedByThem(o.key)) conflicts.push(o.key);
    else out.delete(o.key);
  }
  return { grids: [...out.values()], conflicts };
}
