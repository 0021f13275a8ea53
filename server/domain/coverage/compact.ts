// Keeping a city's model small (issue 18 point 7): the model holds one state per enterprise (500,000 on the
// synthetic city), so every byte per enterprise is half a megabyte. The same values are shared instead of
// repeated: dates (a few thousand distinct days) are one string each, the 36 possible classifications are one
// object each, the empty link and assignment lists are one array, and the areas an enterprise counts towards are
// one array per building (held by reference, as they were when it was placed).
import type { Classified } from './classify.js';
import type { Assignment, EnterpriseFacts, OrgLink } from './types.js';

/** One string per distinct value (dates, kinds, reasons): rows from the store carry a fresh string each. */
export class Interner {
  private readonly seen = new Map<string, string>();
  of<T extends string | null>(s: T): T {
    if (s === null) return s;
    const hit = this.seen.get(s);
    if (hit !== undefined) return hit as T;
    this.seen.set(s, s);
    return s;
  }
}

const EMPTY: readonly never[] = Object.freeze([]);
const classifications = new Map<string, Classified>();

/** The shared, frozen object equal to `c`. */
export function sharedClassified(c: Classified): Classified {
  const key = `${c.operating ? 1 : 0}${c.party}${c.union}`;
  let hit = classifications.get(key);
  if (!hit) classifications.set(key, (hit = Object.freeze({ ...c })));
  return hit;
}

/** Facts equal to `f`, their strings interned and empty lists shared (the model never mutates facts). */
export function compactFacts(f: EnterpriseFacts, s: Interner): EnterpriseFacts {
  const links: OrgLink[] = f.links.length
    ? f.links.map((l) => ({ kind: s.of(l.kind), formation: l.formation, foundedOn: s.of(l.foundedOn), dissolvedOn: s.of(l.dissolvedOn), since: s.of(l.since), until: s.of(l.until) }))
    : (EMPTY as never as OrgLink[]);
  const assignments: Assignment[] = f.assignments.length ? f.assignments.map((a) => ({ since: s.of(a.since), until: s.of(a.until) })) : (EMPTY as never as Assignment[]);
  return {
    id: f.id,
    buildingId: f.buildingId,
    employees: f.employees,
    partyMembers: f.partyMembers,
    registeredOn: s.of(f.registeredOn),
    deregisteredOn: s.of(f.deregisteredOn),
    noOrgReason: s.of(f.noOrgReason),
    links,
    assignments,
  };
}
