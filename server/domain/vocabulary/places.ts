// Kinds of building (楼宇) and the ownership (经济类型) of the enterprises in them.
import type { Term } from './terms.js';

export const BUILDING_KINDS = ['office', 'complex', 'park', 'market'] as const;
export type BuildingKind = (typeof BUILDING_KINDS)[number];

export const BUILDING_KIND_TERMS: Readonly<Record<BuildingKind, Term>> = {
  office: { zh: '商务楼宇', en: 'Office building' },
  complex: { zh: '综合体', en: 'Mixed-use complex' },
  park: { zh: '园区', en: 'Business park' },
  market: { zh: '市场', en: 'Market' },
};

export const OWNERSHIPS = ['state', 'private', 'foreign', 'hk_macao_taiwan', 'collective', 'individual'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];

export const OWNERSHIP_TERMS: Readonly<Record<Ownership, Term>> = {
  state: { zh: '国有', en: 'State-owned' },
  private: { zh: '民营', en: 'Private' },
  foreign: { zh: '外资', en: 'Foreign-invested' },
  hk_macao_taiwan: { zh: '港澳台', en: 'Hong Kong, Macao or Taiwan' },
  collective: { zh: '集体', en: 'Collective' },
  individual: { zh: '个体', en: 'Individual business' },
};
