// Keeping a city's model small (issue 18 point 7): the model holds one state per enterprise (500,000 on the
// synthetic city), so every byte per enterprise is half a megabyte. The same values are shared instead of
// repeated: dates (a few thousand distinct days) are one string each, the 24 possible classifications are one
// object each, the empty link and assignment lists are one array, and the areas an enterprise counts towards are
// one array per building (held by reference, as they were when it was placed).
import { isOperating, partyCoverage, unionCoverage, type Classified } from './classify.js';
import type { Assignment, EnterpriseFacts, OrgLink, PartyCoverage, UnionCoverage } from './types.js';

/** One string per distinct value (dates, kinds, reasons): rows from the store carry a fresh string each. And one
 *  frozen link per distinct link: the members of a joint organisation each carry the same one (on the synthetic
 *  city a quarter of the links are distinct), so a link is 72 bytes once instead of once per member. */
export class Interner {
  private readonly seen = new Map<string, string>();
  private readonly linkSeen = new Map<string, OrgLink>();
  of<T extends string | null>(s: T): T {
    if (s === null) return s;
    const hit = this.seen.get(s);
    if (hit !== undefined) return hit as T;
    this.seen.set(s, s);
    return s;
  }
  link(l: OrgLink): OrgLink {
    // \u0001 cannot occur in a kind or a date; null is \u0002, distinct from any text.
    const key = [l.kind, l.formation, l.foundedOn, l.dissolvedOn ?? '\u0002', l.since, l.until ?? '\u0002'].join('\u0001');
    const hit = this.linkSeen.get(key);
    if (hit) return hit;
    const made: OrgLink = Object.freeze({ kind: this.of(l.kind), formation: l.formation, foundedOn: this.of(l.foundedOn), dissolvedOn: this.of(l.dissolvedOn), since: this.of(l.since), until: this.of(l.until) });
    this.linkSeen.set(key, made);
    return made;
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

/** Facts equal to `f`, their strings and links interned and empty lists shared (the model never mutates facts). */
export function compactFacts(f: EnterpriseFacts, s: Interner): EnterpriseFacts {
  const links: OrgLink[] = f.links.length ? f.links.map((l) => s.link(l)) : (EMPTY as never as OrgLink[]);
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
