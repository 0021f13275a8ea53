// Kinds of alliance (共建联盟) and of activity (活动): the joint work of organisations.
import type { Term } from './terms.js';

export const ALLIANCE_KINDS = ['street_council', 'business_district_council', 'domain_alliance', 'pairing', 'tripartite', 'community'] as const;
export type AllianceKind = (typeof ALLIANCE_KINDS)[number];

export interface AllianceKindTerm extends Term {
  /** #rrggbb of its arcs on the map. */
  colour: string;
}

export const ALLIANCE_KIND_TERMS: Readonly<Record<AllianceKind, AllianceKindTerm>> = {
  street_council: { zh: '区域化党建联席会议', en: 'Street party-building council', colour: '#c8161d' },
  business_district_council: { zh: '商圈党建联席会议', en: 'Business-district council', colour: '#d4a017' },
  domain_alliance: { zh: '领域联盟', en: 'Domain alliance', colour: '#5aaae6' },
  pairing: { zh: '结对共建', en: 'Pairing agreement', colour: '#78c878' },
  tripartite: { zh: '三方共建', en: 'Tripartite agreement', colour: '#f0783c' },
  community: { zh: '党群共建共同体', en: 'Co-building community', colour: '#be78dc' },
};

export const ACTIVITY_TYPES = [
  'theme_party_day', 'training', 'volunteer', 'culture', 'wellbeing', 'council_meeting', 'union_care', 'youth',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_TYPE_TERMS: Readonly<Record<ActivityType, Term>> = {
  theme_party_day: { zh: '主题党日', en: 'Party theme day' },
  training: { zh: '学习培训', en: 'Training' },
  volunteer: { zh: '志愿服务', en: 'Volunteering' },
  culture: { zh: '文化活动', en: 'Culture' },
  wellbeing: { zh: '健康关爱', en: 'Wellbeing' },
  council_meeting: { zh: '联席会议', en: 'Council meeting' },
  union_care: { zh: '工会关爱', en: 'Union care' },
  youth: { zh: '青年活动', en: 'Youth' },
};
