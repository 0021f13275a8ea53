// Kinds of organisation (组织): party organisations, unions and the other organisations of a building.
import type { Term } from './terms.js';

export const ORG_KINDS = [
  'party_committee', 'party_general_branch', 'party_branch', 'joint_party_branch',
  'union', 'joint_union', 'building_union_federation', 'building_committee', 'youth_league', 'womens_federation',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export interface OrgKindTerm extends Term {
  /** Which coverage an organisation of this kind counts for. */
  family: 'party' | 'union' | 'other';
}

export const ORG_KIND_TERMS: Readonly<Record<OrgKind, OrgKindTerm>> = {
  party_committee: { zh: '党委', en: 'Party committee', family: 'party' },
  party_general_branch: { zh: '党总支', en: 'General party branch', family: 'party' },
  party_branch: { zh: '党支部', en: 'Party branch', family: 'party' },
  joint_party_branch: { zh: '联合党支部', en: 'Joint party branch', family: 'party' },
  union: { zh: '工会', en: 'Trade union', family: 'union' },
  joint_union: { zh: '联合工会', en: 'Joint union', family: 'union' },
  building_union_federation: { zh: '楼宇工会联合会', en: 'Building union federation', family: 'union' },
  building_committee: { zh: '楼委会', en: 'Building committee', family: 'other' },
  youth_league: { zh: '团组织', en: 'Youth league', family: 'other' },
  womens_federation: { zh: '妇联组织', en: "Women's federation", family: 'other' },
};
