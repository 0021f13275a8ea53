// From the grids as loaded and the grids as edited to the ChangeSet the server commits, and back from
// the server's grid references ('new:<index>') to the editor's keys.
import type { Polygon } from 'geojson';
import type { Change, ChangeSet, EditGrid } from './types';
import { areaM2, intersectGeom } from './geom';
import { neighboursOf } from './validate';

export const sameGeometry = (a: Polygon, b: Polygon): boolean => JSON.stringify(a.coordinates) === JSON.stringify(b.coordinates);

export interface BuiltChanges {
  changeSet: ChangeSet;
  /** The editor key of each change, in order (so 'new:3' maps back to a key). */
  keys: string[];
}

/** The stored grid that now covers most of an area (where a deleted grid's area went). */
export function receiverOf(area: Polygon, edited: EditGrid[]): EditGrid | null {
  let best: EditGrid | null = null;
  let bestArea = 0;
  for (const g of edited) {
    if (g.id === null) continue;
    const a = areaM2(intersectGeom(area, g.geometry));
    if (a > bestArea) {
      bestArea = a;
      best = g;
    }
  }
  return best;
}

export function changesFrom(original: EditGrid[], edited: EditGrid[], note?: string): BuiltChanges {
  const changes: Change[] = [];
  const keys: string[] = [];
  const byId = new Map(edited.filter((g) => g.id !== null).map((g) => [g.id as number, g]));
  for (const g of edited) {
    if (g.id === null) {
      changes.push({ geometry: g.geometry, name: g.name });
      keys.push(g.key);
      continue;
    }
    const before = original.find((o) => o.id === g.id);
    if (!before) continue;
    const moved = !sameGeometry(before.geometry, g.geometry);
    const renamed = before.name !== g.name;
    if (!moved && !renamed) continue;
    changes.push({ id: g.id, version: g.version ?? before.version ?? 0, geometry: g.geometry, ...(renamed ? { name: g.name } : {}) });
    keys.push(g.key);
  }
  for (const o of original) {
    if (o.id === null || byId.has(o.id)) continue;
    // Where its area went; if nowhere yet (validation shows the gap), a stored neighbour along it.
    const to = receiverOf(o.geometry, edited) ?? edited.find((g) => g.id !== null && neighboursOf(o.geometry, [g], 1).length > 0) ?? edited.find((g) => g.id !== null);
    if (!to || to.id === null) continue;
    changes.push({ id: o.id, version: o.version ?? 0, delete: true, giveTo: to.id });
    keys.push(o.key);
  }
  return { changeSet: { ...(note ? { note } : {}), changes }, keys };
}

/** Maps a grid reference from the server (an id, or 'new:<index in changes>') to an editor key. */
export function keyOfServerRef(ref: number | string, built: BuiltChanges): string {
  if (typeof ref === 'number') return `g:${ref}`;
  const m = /^new:(\d+)$/.exec(ref);
  if (m) return built.keys[Number(m[1])] ?? ref;
  return /^\d+$/.test(ref) ? `g:${ref}` : ref;
}

/** Grid keys that a ChangeSet touches. */
export const touchedKeys = (built: BuiltChanges): Set<string> => new Set(built.keys);
