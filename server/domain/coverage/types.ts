// Facts the coverage rules work on: plain data loaded from the store, no I/O here.
export type PartyCoverage = 'own' | 'joint' | 'instructor' | 'none';
export type UnionCoverage = 'own' | 'joint' | 'none';

import { ORG_KINDS, ORG_KIND_TERMS, type OrgKind } from '../vocabulary/index.js';

/** The organisation kinds that count for party coverage, and for union coverage (the vocabulary's families). */
export const PARTY_KINDS: readonly OrgKind[] = ORG_KINDS.filter((k) => ORG_KIND_TERMS[k].family === 'party');
export const UNION_KINDS: readonly OrgKind[] = ORG_KINDS.filter((k) => ORG_KIND_TERMS[k].family === 'union');

/** An enterprise's link to an organisation that covers it, with both the organisation's and the link's dates. */
export interface OrgLink {
  kind: string;
  formation: 'own' | 'joint';
  foundedOn: string;
  dissolvedOn: string | null;
  since: string;
  until: string | null;
}

export interface Assignment {
  since: string;
  until: string | null;
}

export interface EnterpriseFacts {
  id: number;
  buildingId: number;
  employees: number;
  partyMembers: number;
  registeredOn: string;
  deregisteredOn: string | null;
  noOrgReason: string | null;
  links: OrgLink[];
  assignments: Assignment[];
}

export interface BuildingFacts {
  id: number;
  name: string;
  streetCode: string;
  gridId: number | null;
  businessDistrictId: number | null;
  lon: number;
  lat: number;
}

export interface StationFacts {
  id: number;
  name: string;
  type: string;
  alsoTypes: string[];
  openTo: 'public' | 'building' | 'members';
  reachM: number | null;
  buildingId: number | null;
  openedOn: string | null;
  lon: number;
  lat: number;
}

/** 'city' is the whole territory (one area, id CITY_ID): every district is under it. */
export type Level = 'city' | 'district' | 'street' | 'grid' | 'businessDistrict' | 'building';

export interface AreaInfo {
  level: Level;
  id: string;
  name: string;
  parentId: string | null;
}

export interface Rate {
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator, or null when there is nothing to divide by. */
  value: number | null;
}
