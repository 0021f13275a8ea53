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

/** own (单独组建) beats joint (联合组建) beats an instructor/liaison (工作覆盖 only) beats none. */
export function partyCoverage(links: OrgLink[], assignments: Assignment[], asOf: string): PartyCoverage {
  const active = links.filter((l) => isPartyKind(l.kind) && activeLink(l, asOf));
  if (active.some((l) => !isJoint(l))) return 'own';
  if (active.length > 0) return 'joint';
  if (assignments.some((a) => within(asOf, a.since, a.until))) return 'instructor';
  return 'none';
}

export function unionCoverage(links: OrgLink[], asOf: string): UnionCoverage {
  const active = links.filter((l) => isUnionKind(l.kind) && activeLink(l, asOf));
  if (active.some((l) => !isJoint(l))) return 'own';
  return active.length > 0 ? 'joint' : 'none';
}

export interface Classified {
  operating: boolean;
  party: PartyCoverage;
  union: UnionCoverage;
}

export function classify(e: EnterpriseFacts, asOf: string): Classified {
  return { operating: isOperating(e, asOf), party: partyCoverage(e.links, e.assignments, asOf), union: unionCoverage(e.links, asOf) };
}
