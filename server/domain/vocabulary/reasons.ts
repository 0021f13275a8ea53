// Why an enterprise has no party organisation (未建原因). The field is free text, typed by street
// staff or imported from rosters; the product groups it into a few kinds so every reason can be named in
// either language and counted, while the words as recorded stay available as data.
import type { Term } from './terms.js';

export const NO_ORG_REASONS = ['too_few_members', 'no_members', 'new_arrival', 'membership_not_transferred', 'small_high_turnover', 'moving_out', 'other'] as const;
export type NoOrgReason = (typeof NO_ORG_REASONS)[number];

export const NO_ORG_REASON_TERMS: Readonly<Record<NoOrgReason, Term>> = {
  too_few_members: { zh: '正式党员不足3人', en: 'Fewer than 3 full party members' },
  no_members: { zh: '无正式党员', en: 'No full party members' },
  new_arrival: { zh: '新入驻，正在摸排党员', en: 'Newly arrived, members being surveyed' },
  membership_not_transferred: { zh: '党员组织关系未转入', en: "Members' affiliation not transferred in" },
  small_high_turnover: { zh: '规模小、人员流动大', en: 'Small, high staff turnover' },
  moving_out: { zh: '拟迁出本辖区', en: 'Moving out of the area' },
  other: { zh: '其他原因', en: 'Other reason' },
};

/** Phrases that identify each kind, most specific first (不足 before 无, because 不足3人 is not 无). */
const PATTERNS: readonly [NoOrgReason, RegExp][] = [
  ['membership_not_transferred', /关系未转|未转入|关系不在|not transferred/i],
  ['too_few_members', /不足|少于|不满|fewer than|less than/i],
  ['no_members', /无(正式)?党员|没有(正式)?党员|no (full )?(party )?members/i],
  ['new_arrival', /新入驻|新迁入|新注册|摸排|newly|new arrival/i],
  ['moving_out', /迁出|注销|搬离|moving out|relocat/i],
  ['small_high_turnover', /规模小|流动|人员少|turnover|small/i],
];

/** The kind of a recorded reason; anything not recognised is 'other' (shown with its words as recorded). */
export function classifyNoOrgReason(text: string): NoOrgReason {
  for (const [kind, re] of PATTERNS) if (re.test(text)) return kind;
  return 'other';
}
