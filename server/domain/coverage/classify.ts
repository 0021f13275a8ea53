// Per-enterprise coverage by the official definitions (domain.md), as of a date (YYYY-MM-DD).
import { PARTY_KINDS, UNION_KINDS, type Assignment, type EnterpriseFacts, type OrgLink, type PartyCoverage, type UnionCoverage } from './types.js';

const within = (asOf: string, from: string, to: string | null): boolean => from <= asOf && (to === null || asOf < to);

export function isOperating(e: Pick<EnterpriseFacts, 'registeredOn' | 'deregisteredOn'>, asOf: string): boolean {
  return within(asOf, e.registeredOn, e.deregisteredOn);
}

function activeLink(l: OrgLink, asOf: string): boolean {
  return within(asOf, l.foundedOn, l.dissolvedOn) && within(asOf, l.since, l.until);
}

const isPartyKind = (k: string) => (PARTY_KINDS as readonly string[]).includes(k);
const isUnionKind = (k: string) => (UNION_KINDS as readonly string[]).includes(k);

/** A joint organisation is either a joint kind (联合党支部, 联合工会, 楼宇工会联合会) or formed jointly. */
const isJoint = (l: OrgLink) => l.formation === 'joint' || l.kind === 'joint_party_branch' || l.kind === 'joint_union' || l.kind === 'building_union_federation';

/** own (单独组建) beats joint (联合组建) beats an instructor/liaison (工作覆盖 only) beats none. Loops rather than
 *  filters: a city's past view classifies half a million enterprises and should leave nothing behind. */
export function partyCoverage(links: readonly OrgLink[], assignments: readonly Assignment[], asOf: string): PartyCoverage {
  let joint = false;
  for (const l of links) {
    if (!isPartyKind(l.kind) || !activeLink(l, asOf)) continue;
    if (!isJoint(l)) return 'own';
    joint = true;
  }
  if (joint) return 'joint';
  for (const a of assignments) if (within(asOf, a.since, a.until)) return 'instructor';
  return 'none';
}

export function unionCoverage(links: readonly OrgLink[], asOf: string): UnionCoverage {
  let joint = false;
  for (const l of links) {
    if (!isUnionKind(l.kind) || !activeLink(l, asOf)) continue;
    if (!isJoint(l)) return 'own';
    joint = true;
  }
  return joint ? 'joint' : 'none';
}

export interface Classified {
  operating: boolean;
  party: PartyCoverage;
  union: UnionCoverage;
}

export function classify(e: EnterpriseFacts, asOf: string): Classified {
  return { operating: isOperating(e, asOf), party: partyCoverage(e.links, e.assignments, asOf), union: unionCoverage(e.links, asOf) };
}
