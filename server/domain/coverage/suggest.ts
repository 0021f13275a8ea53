// What to do about a gap: the ledger's member-count rule and the work/union alternatives (domain.md).
export const ACTION_CODES = [
  'form_party_committee',
  'form_general_branch',
  'form_branch_committee',
  'form_party_branch',
  'join_joint_party_branch',
  'assign_instructor',
  'form_union',
  'form_joint_union',
  'set_up_station',
] as const;
export type ActionCode = (typeof ACTION_CODES)[number];

export const ACTION_LABELS: Record<ActionCode, { zh: string; en: string }> = {
  form_party_committee: { zh: '成立党委', en: 'Form a party committee (100+ members)' },
  form_general_branch: { zh: '成立党总支', en: 'Form a general party branch (50+ members)' },
  form_branch_committee: { zh: '成立支部委员会', en: 'Form a branch with a committee (7+ members)' },
  form_party_branch: { zh: '单独成立党支部', en: 'Form its own party branch (3+ members)' },
  join_joint_party_branch: { zh: '纳入联合党支部', en: 'Join or form a joint party branch (1–2 members)' },
  assign_instructor: { zh: '选派党建指导员/联络员', en: 'Assign a party-building instructor or liaison' },
  form_union: { zh: '单独建立工会', en: 'Set up its own trade union' },
  form_joint_union: { zh: '建立联合工会', en: 'Set up a joint union' },
  set_up_station: { zh: '新建党群服务点', en: 'Set up a party-mass service point' },
};

/** The ledger rule of thumb: 1–2 full members → joint branch; 3+ own branch; 7+ committee; 50+ general branch; 100+ party committee. */
export function partyActionFor(members: number): ActionCode {
  if (members >= 100) return 'form_party_committee';
  if (members >= 50) return 'form_general_branch';
  if (members >= 7) return 'form_branch_committee';
  if (members >= 3) return 'form_party_branch';
  if (members >= 1) return 'join_joint_party_branch';
  return 'assign_instructor';
}

/** Enterprises big enough for their own union set one up; the rest join a joint union. */
export const OWN_UNION_MIN_EMPLOYEES = 25;

export function unionActionFor(employees: number): ActionCode {
  return employees >= OWN_UNION_MIN_EMPLOYEES ? 'form_union' : 'form_joint_union';
}
