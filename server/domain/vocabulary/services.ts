// Services a station offers, as one controlled list: the public page filters and shows these, not the
// free-text tags people type ("休憩" / "休憩阅读" / "阅读" / "借阅" were four filter entries for two
// services). Stations keep their tags as written (faithful records); serviceCodesOf maps them to this
// list wherever they are read for the public (publication gather, import preview). Each code has a
// Chinese and English name and a one-character icon the page and poster draw in a badge.
import type { Term } from './terms.js';

export const SERVICE_CODES = [
  'party_education', 'policy_advice', 'volunteering', 'consultation', 'workers_services', 'union_membership', 'hardship_aid',
  'white_collar_classes', 'reading', 'rest', 'water_charging', 'nursing', 'convenience',
] as const;
export type ServiceCode = (typeof SERVICE_CODES)[number];

export interface ServiceTerm extends Term {
  /** One character for the badge (system CJK font; no icon font is shipped). */
  icon: string;
  /** Free-text tags (normalised: no spaces) that mean this service; a tag containing one maps to it. */
  tags: readonly string[];
}

export const SERVICE_TERMS: Readonly<Record<ServiceCode, ServiceTerm>> = {
  party_education: { zh: '党员教育学习', en: 'Party education', icon: '学', tags: ['党员教育', '党员学习', '党课', '微党课', '主题党日', '党建'] },
  policy_advice: { zh: '政策咨询宣传', en: 'Policy advice', icon: '策', tags: ['政策咨询', '政策宣传', '政策宣讲', '法律咨询'] },
  volunteering: { zh: '志愿服务', en: 'Volunteering', icon: '志', tags: ['志愿服务', '志愿'] },
  consultation: { zh: '议事协商', en: 'Community consultation', icon: '议', tags: ['议事协商', '议事', '协商'] },
  workers_services: { zh: '职工服务', en: "Workers' services", icon: '工', tags: ['职工服务'] },
  union_membership: { zh: '入会服务', en: 'Joining the union', icon: '会', tags: ['入会服务', '入会'] },
  hardship_aid: { zh: '困难帮扶', en: 'Hardship aid', icon: '扶', tags: ['困难帮扶', '帮扶', '慰问'] },
  white_collar_classes: { zh: '白领课堂', en: 'Lunchtime classes', icon: '课', tags: ['白领午间课堂', '白领服务', '午间课堂', '白领'] },
  reading: { zh: '阅读借阅', en: 'Reading & lending', icon: '书', tags: ['阅读', '借阅', '书屋', '读书'] },
  rest: { zh: '休憩', en: 'Rest area', icon: '憩', tags: ['休憩', '休息', '歇脚'] },
  water_charging: { zh: '饮水充电', en: 'Water & charging', icon: '水', tags: ['饮水', '充电', '热水'] },
  nursing: { zh: '母婴哺乳', en: 'Nursing room', icon: '婴', tags: ['哺乳', '母婴'] },
  convenience: { zh: '便民服务', en: 'Everyday help', icon: '便', tags: ['便民服务', '便民'] },
};

const norm = (s: string) => s.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');

/**
 * The services of free-text tags, in the list's order, each once: a tag maps to every service one of
 * whose tags it contains ("休憩阅读" → rest and reading; "歇脚饮水" → rest and water). A code given as
 * such is kept. Tags that match nothing are dropped: the public sees only the controlled list.
 */
export function serviceCodesOf(tags: readonly string[]): ServiceCode[] {
  const found = new Set<ServiceCode>();
  for (const raw of tags) {
    const tag = norm(raw);
    if ((SERVICE_CODES as readonly string[]).includes(raw)) found.add(raw as ServiceCode);
    for (const code of SERVICE_CODES) if (SERVICE_TERMS[code].tags.some((t) => tag.includes(t))) found.add(code);
  }
  return SERVICE_CODES.filter((c) => found.has(c));
}

/**
 * What an import stores for a station's services: the codes its tags map to (in the list's order, each once),
 * then the tags that map to nothing, as written, so nothing typed is lost; the import reports those.
 */
export function mapServiceTags(tags: readonly string[]): { services: string[]; unknown: string[] } {
  const unknown: string[] = [];
  for (const tag of tags) if (serviceCodesOf([tag]).length === 0 && !unknown.includes(tag)) unknown.push(tag);
  return { services: [...serviceCodesOf(tags), ...unknown], unknown };
}
