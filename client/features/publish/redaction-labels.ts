// The withheld-fields table names each field and reason in the user's language. The server tallies them
// as `table.column` paths and English sentences (stable strings in publications/redact.ts); this maps
// both to words, and falls back to the path itself (shown as code) for anything it does not know.
import type { Locale } from '../../i18n/messages';

type Names = Record<string, { zh: string; en: string }>;

const SEGMENTS: Names = {
  enterprises: { zh: '企业', en: 'enterprises' },
  '*': { zh: '全部字段', en: 'all fields' },
  organisations: { zh: '组织', en: 'organisations' },
  secretary_name: { zh: '书记姓名', en: "secretary's name" },
  contact_phone: { zh: '联系电话', en: 'contact phone' },
  instructors: { zh: '党建指导员', en: 'instructors' },
  name: { zh: '名称', en: 'name' },
  name_en: { zh: '英文名称', en: 'English name' },
  phone: { zh: '电话', en: 'phone' },
  public_phone: { zh: '公共服务电话', en: 'public service line' },
  accessibility: { zh: '无障碍说明', en: 'accessibility notes' },
  signup_note: { zh: '报名说明', en: 'signup note' },
  services: { zh: '服务', en: 'services' },
  hours: { zh: '开放时间', en: 'hours' },
  floor: { zh: '楼层', en: 'floor' },
  buildings: { zh: '楼宇', en: 'buildings' },
  coverage: { zh: '覆盖率', en: 'coverage' },
  districts: { zh: '区', en: 'districts' },
  geom: { zh: '边界', en: 'boundary' },
  grids: { zh: '网格', en: 'grids' },
  businessDistricts: { zh: '商圈', en: 'business districts' },
  totals: { zh: '合计', en: 'totals' },
  rates: { zh: '比率', en: 'rates' },
  partyOrg: { zh: '党组织覆盖率', en: 'party organisation coverage' },
  standalone: { zh: '单独组建率', en: 'own-organisation rate' },
  work: { zh: '工作覆盖率', en: 'work coverage' },
  union: { zh: '工会覆盖率', en: 'union coverage' },
  workersServed: { zh: '阵地服务职工占比', en: 'workers within reach' },
  stations: { zh: '站点', en: 'stations' },
  area_m2: { zh: '面积', en: 'floor area' },
  reach_m: { zh: '服务半径', en: 'reach' },
  opened_on: { zh: '启用日期', en: 'opening date' },
  address: { zh: '地址', en: 'address' },
  building_name: { zh: '所在楼宇', en: 'building' },
  activities: { zh: '活动', en: 'activities' },
  organiser: { zh: '主办方', en: 'organiser' },
  participants: { zh: '参与人次', en: 'participants' },
  title: { zh: '标题', en: 'title' },
  texts: { zh: '文字', en: 'texts' },
  intro: { zh: '简介', en: 'introduction' },
  dataSource: { zh: '数据来源', en: 'data source' },
  approvalNumber: { zh: '审图号', en: 'approval number' },
  // privateRows' keys
  organisationsWithSecretary: { zh: '有书记姓名的组织', en: "organisations with a secretary's name" },
  organisationsWithPhone: { zh: '有联系电话的组织', en: 'organisations with a phone number' },
  instructorsWithPhone: { zh: '有电话的指导员', en: 'instructors with a phone number' },
  'open_to=members': { zh: '仅会员开放', en: 'open to members only' },
  'open_to=building': { zh: '仅本楼宇开放', en: 'open to the building only' },
  'open_to=public': { zh: '对公众开放', en: 'open to the public' },
  'station not open to the public': { zh: '不对公众开放的站点', en: 'station not open to the public' },
};

/** Each known reason sentence, as a pattern (the small-count one carries the threshold). */
const REASONS: [RegExp, { zh: string; en: string }][] = [
  [/^per-enterprise records/, { zh: '逐企业记录（名称、信用代码、人员、党员）从不公开', en: 'per-enterprise records (names, USCC codes, staff, members) are never published' }],
  [/^person name$/, { zh: '个人姓名', en: 'person name' }],
  [/^phone number$/, { zh: '电话号码', en: 'phone number' }],
  [/^building-level figures/, { zh: '楼宇级数字只涉及少数企业；只公开网格与商圈汇总', en: 'building figures describe a few enterprises; only grid and business-district aggregates are published' }],
  [/^county-level and higher boundaries/, { zh: '区县及以上边界从不使用自有数据公开绘制', en: 'district and higher boundaries are never drawn from our own data' }],
  [/^small count \(< (\d+)\)/, { zh: '数量过小（少于 $1）或可由其推算', en: 'small count (< $1) or derivable from one' }],
  [/^contains a private name or number$/, { zh: '含有个人姓名或号码', en: 'contains a private name or number' }],
  [/^phone numbers are not published/, { zh: '电话号码不公开（没有字段标明其为公共服务电话）', en: 'phone numbers are not published (no field marks a public service line)' }],
  [/^the internal contact number is not published/, { zh: '内部联系电话不公开（公共服务电话另设字段）', en: 'the internal contact number is not published (the public line is its own field)' }],
  [/^not a landline or service line of an institution/, { zh: '不是机构固定电话或服务热线，或与内部号码相同', en: "not an institution's landline or service line, or a private number" }],
  [/^internal planning fields$/, { zh: '内部规划字段', en: 'internal planning fields' }],
  [/^open to members only$/, { zh: '仅对会员开放', en: 'open to members only' }],
  [/^audience not included by this publication$/, { zh: '本次发布未包含该开放对象', en: 'audience not included by this publication' }],
  [/^organiser organisations and people/, { zh: '主办组织和人员不公开', en: 'organiser organisations and people are not published' }],
  [/^attendance figures are internal$/, { zh: '参与人数为内部数据', en: 'attendance figures are internal' }],
  [/^activities at stations not open to the public$/, { zh: '不对公众开放的站点举办的活动', en: 'activities at stations not open to the public' }],
];

function segment(s: string, l: 'zh' | 'en'): string | null {
  const known = SEGMENTS[s];
  if (known) return known[l];
  // stations[open_to=members] and activities[station not open to the public]
  const m = /^(\w+)\[(.+)\]$/.exec(s);
  if (m) {
    const a = SEGMENTS[m[1] as string];
    const b = SEGMENTS[m[2] as string];
    return a && b ? (l === 'zh' ? `${a[l]}（${b[l]}）` : `${a[l]} (${b[l]})`) : null;
  }
  // 'area_m2, reach_m, opened_on'
  if (s.includes(', ')) {
    const parts = s.split(', ').map((p) => segment(p, l));
    return parts.every((p) => p !== null) ? parts.join(l === 'zh' ? '、' : ', ') : null;
  }
  return null;
}

/** `organisations.secretary_name` → 组织 · 书记姓名; null when a part is unknown. */
export function fieldLabel(field: string, l: 'zh' | 'en'): string | null {
  // Split on the dots between segments, not inside brackets.
  const parts = field.match(/[^.[\]]+(\[[^\]]*\])?/g) ?? [];
  const named = parts.map((p) => segment(p, l));
  return named.every((p) => p !== null) ? named.join(' · ') : null;
}

export function reasonLabel(reason: string, l: 'zh' | 'en'): string | null {
  for (const [re, names] of REASONS) {
    const m = re.exec(reason);
    if (m) return names[l].replace('$1', m[1] ?? '');
  }
  return null;
}

const lang = (locale: Locale): 'zh' | 'en' => (locale === 'en' ? 'en' : 'zh');
export const redactedFieldLabel = (field: string, locale: Locale): string => fieldLabel(field, lang(locale)) ?? field;
export const redactionReasonLabel = (reason: string, locale: Locale): string => reasonLabel(reason, lang(locale)) ?? reason;
