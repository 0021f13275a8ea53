// Keeping a city's model small (issue 18 point 7): the model holds one state per enterprise (500,000 on the
// synthetic city), so every byte per enterprise is half a megabyte. The same values are shared instead of
// repeated: dates (a few thousand distinct days) are one string each, the 24 possible classifications are one
// object each, the empty link and assignment lists are one array, and the areas an enterprise counts towards are
// one array per building (held by reference, as they were when it was placed).
import { isOperating, partyCoverage, unionCoverage, type Classified } from './classify.js';
import type { Assignment, EnterpriseFacts, OrgLink, PartyCoverage, UnionCoverage } from './types.js';

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
const PARTY: readonly PartyCoverage[] = ['own', 'joint', 'instructor', 'none'];
const UNION: readonly UnionCoverage[] = ['own', 'joint', 'none'];
/** The 24 possible classifications, one frozen object each, at (operating ? 12 : 0) + 3 × party + union. */
const CLASSIFICATIONS: readonly Classified[] = [false, true].flatMap((operating) => PARTY.flatMap((party) => UNION.map((union) => Object.freeze({ operating, party, union }))));
const indexOf = (operating: boolean, party: PartyCoverage, union: UnionCoverage): number => (operating ? 12 : 0) + 3 * PARTY.indexOf(party) + UNION.indexOf(union);

/** The shared, frozen object equal to `c`. */
export function sharedClassified(c: Classified): Classified {
  return CLASSIFICATIONS[indexOf(c.operating, c.party, c.union)] as Classified;
}

/** `classify(e, asOf)` as the shared object: nothing is allocated (a past view classifies every enterprise of a
 *  city, once per pass). */
export function classifyShared(e: EnterpriseFacts, asOf: string): Classified {
  return CLASSIFICATIONS[indexOf(isOperating(e, asOf), partyCoverage(e.links, e.assignments, asOf), unionCoverage(e.links, asOf))] as Classified;
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
