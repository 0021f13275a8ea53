import { describe, expect, it } from 'vitest';
import { areaStats, redact, secondarySuppression } from './redact.js';
import { organisationTerms, textScrubber } from './private-text.js';
import { DEFAULT_CONFIG, RedactionSchema, storedConfig } from './config.js';
import type { AreaCounts, InternalArea, InternalFacts, InternalStation, PublicationConfig } from './types.js';

const counts = (o: Partial<AreaCounts>): AreaCounts => ({
  enterprises: 0, employees: 0, partyOwn: 0, partyJoint: 0, partyInstructor: 0, unionOwn: 0, unionJoint: 0, employeesServed: 0, organisations: 0, ...o,
});
const square = { type: 'Polygon' as const, coordinates: [[[121.45, 31.22], [121.46, 31.22], [121.46, 31.23], [121.45, 31.23], [121.45, 31.22]]] };
const area = (id: number, c: Partial<AreaCounts>, streetCode = '310106012'): InternalArea => ({ id, name: `网格${id}`, streetCode, geometry: square, counts: counts(c) });
const station = (o: Partial<InternalStation>): InternalStation => ({
  id: 1, name: '南京西路街道党群服务中心', type: 'party_service_centre', alsoTypes: [], streetCode: '310106012', buildingName: '汇智大厦', buildingAddress: '1号(示意)', address: '南京西路1号',
  floor: '1F', areaM2: 120, hours: '周一至周日 9:00-21:00', hoursWeek: null, services: ['党员教育'], openTo: 'public', reachM: 800, phone: '13800001111',
  publicPhone: '021-5550 0101', accessibility: '无障碍坡道', openedOn: '2020-01-01',
  lon: 121.4575123456, lat: 31.2262987654, ...o,
});

function facts(o: Partial<InternalFacts> = {}): InternalFacts {
  return {
    slug: 'njxl', title: '南京西路党建版图', scope: { level: 'street', id: '310106012', name: '南京西路街道' }, asOf: '2026-06-30',
    streets: [{ code: '310106012', name: '南京西路街道', nameEn: 'Nanjing Rd W', geometry: { type: 'MultiPolygon', coordinates: [square.coordinates] } }],
    roads: [], water: [],
    grids: [area(1, { enterprises: 40, employees: 900, partyOwn: 10, partyJoint: 12, partyInstructor: 6, unionOwn: 8, unionJoint: 20, employeesServed: 450, organisations: 6 }), area(2, { enterprises: 3, employees: 30, partyOwn: 1, organisations: 1 })],
    businessDistricts: [],
    stations: [station({}), station({ id: 2, name: '会员之家', openTo: 'members' }), station({ id: 3, name: '楼内驿站', openTo: 'building' })],
    activities: [
      { id: 1, title: '主题党日', type: 'theme_party_day', stationId: 1, heldAt: '2026-07-05T10:00:00+08:00', participants: 30, organiserName: '某某有限公司党支部', signupNote: '请在前台登记' },
      { id: 2, title: '王伟主讲的微党课', type: 'training', stationId: 1, heldAt: '2026-07-06T10:00:00+08:00', participants: 20, organiserName: null, signupNote: null },
      { id: 3, title: '过去的活动', type: 'culture', stationId: 1, heldAt: '2026-06-01T10:00:00+08:00', participants: 20, organiserName: null, signupNote: null },
      { id: 4, title: '楼内活动', type: 'culture', stationId: 3, heldAt: '2026-07-01T10:00:00+08:00', participants: 20, organiserName: null, signupNote: null },
    ],
    totals: counts({ enterprises: 43, employees: 930, partyOwn: 11, partyJoint: 12, partyInstructor: 6, unionOwn: 8, unionJoint: 20, employeesServed: 450, organisations: 7 }),
    privateRows: { enterprises: 43, organisationsWithSecretary: 7, organisationsWithPhone: 7, instructors: 2, instructorsWithPhone: 2, buildings: 5 },
    privateTerms: ['王伟', '13800001111', '上海瑞达信息科技有限公司'],
    ...o,
  };
}

describe('redact', () => {
  it('keeps public station fields only, drops members-only stations and phones, rounds coordinates', () => {
    const { public: p, redacted } = redact(facts(), DEFAULT_CONFIG);
    expect(p.stations.map((s) => s.id)).toEqual(['1', '3']);
    const s = p.stations[0] as unknown as Record<string, unknown>;
    expect(Object.keys(s).sort()).toEqual(['accessibility', 'activities', 'address', 'alsoTypes', 'bd09', 'buildingName', 'floor', 'gcj02', 'hours', 'id', 'lat', 'lon', 'name', 'openTo', 'phone', 'photo', 'services', 'type', 'week']);
    // The public line is published; the internal contact (a mobile) never is.
    expect(s.phone).toBe('021-5550 0101');
    expect(s.services).toEqual(['party_education']);
    expect(s.week).toEqual(Array.from({ length: 7 }, () => [['09:00', '21:00']]));
    expect(s.lon).toBe(121.457512);
    expect(JSON.stringify(p)).not.toContain('13800001111');
    expect(redacted).toContainEqual(expect.objectContaining({ field: 'stations.phone', count: 3 }));
    expect(redacted).toContainEqual(expect.objectContaining({ field: 'stations[open_to=members]', count: 1 }));
  });

  it('lists upcoming activities at public stations only, without organisers, and withholds titles naming a person', () => {
    const { public: p, redacted } = redact(facts(), DEFAULT_CONFIG);
    expect(p.stations[0]?.activities).toEqual([
      { title: '主题党日', type: 'theme_party_day', heldAt: '2026-07-05T10:00:00+08:00', signup: '请在前台登记' },
      { title: null, type: 'training', heldAt: '2026-07-06T10:00:00+08:00', signup: null },
    ]);
    expect(p.stations[1]?.activities).toEqual([]);
    expect(JSON.stringify(p)).not.toContain('王伟');
    expect(JSON.stringify(p)).not.toContain('某某有限公司');
    expect(redacted).toContainEqual(expect.objectContaining({ field: 'activities.title', count: 1 }));
    expect(redacted).toContainEqual(expect.objectContaining({ field: 'activities.organiser', count: 1 }));
  });

  it('withholds counts below minCount and every rate built on them', () => {
    const { public: p } = redact(facts(), DEFAULT_CONFIG);
    const [big, small] = p.grids;
    expect(big?.stats?.rates).toEqual({ partyOrg: 55, work: 70, union: 70, workersServed: 50 });
    expect(small?.stats).toEqual({ enterprises: null, organisations: null, rates: { partyOrg: null, work: null, union: null, workersServed: null } });
  });

  it('applies secondary suppression when one grid of a street is withheld', () => {
    const hidden = secondarySuppression([area(1, { enterprises: 40, organisations: 6 }), area(2, { enterprises: 3, organisations: 8 }), area(3, { enterprises: 20, organisations: 9 })], 5);
    expect(hidden.get(3)).toEqual(new Set(['enterprises']));
    expect(hidden.get(1)).toBeUndefined();
    const { public: p } = redact(facts(), DEFAULT_CONFIG);
    // Grid 1 is the only other grid: its counts go too, so the total cannot give grid 2 away.
    expect(p.grids[0]?.stats?.enterprises).toBeNull();
    expect(p.grids[0]?.stats?.organisations).toBeNull();
  });

  it('honours a configured minimum and layer switches', () => {
    const config: PublicationConfig = { ...DEFAULT_CONFIG, layers: { ...DEFAULT_CONFIG.layers, coverage: false, activities: false }, redaction: { ...DEFAULT_CONFIG.redaction, minCount: 50, stationAudiences: ['public'] } };
    const { public: p } = redact(facts(), config);
    expect(p.grids[0]?.stats).toBeNull();
    expect(p.totals).toBeNull();
    expect(p.stations.map((s) => s.id)).toEqual(['1']);
    expect(p.stations[0]?.activities).toEqual([]);
    expect(areaStats(counts({ enterprises: 40, partyOwn: 30 }), 50).stats.enterprises).toBeNull();
  });

  it('scrubs free text with private terms, phone numbers or ID numbers', () => {
    const scrub = textScrubber(['上海瑞达信息科技有限公司', '王伟']);
    expect(scrub('上海瑞达信息科技有限公司职工之家')).toBeNull();
    expect(scrub('咨询 021-62881234')).toBeNull();
    expect(scrub('联系 13912345678')).toBeNull();
    expect(scrub('身份证 31010619800101123X')).toBeNull();
    expect(scrub('周一至周日 9:00-21:00')).toBe('周一至周日 9:00-21:00');
    const { public: p, redacted } = redact(facts({ stations: [station({ name: '上海瑞达信息科技有限公司职工之家' })] }), DEFAULT_CONFIG);
    expect(p.stations[0]?.name).toBe('party_service_centre');
    expect(redacted).toContainEqual(expect.objectContaining({ field: 'stations.name', count: 1 }));
  });

  it('finds phone and ID numbers however they are written', () => {
    const scrub = textScrubber([]);
    for (const t of [
      '预约 138-1234-5678', '预约 138 1234 5678', '预约+8613812345678', '预约 +86 138 1234 5678', '预约１３８１２３４５６７８', '预约 138.1234.5678',
      '咨询(021)62345678', '咨询 021-6234 5678', '咨询（０２１）６２３４５６７８', '咨询 0471-1234567', '电话 62345678', '电话 6234-5678', '电话 6234567',
      '身份证 310106 19800101 123X', '身份证３１０１０６１９８００１０１１２３ｘ', '预约 138\u200b1234\u200b5678',
    ]) expect(scrub(t), t).toBeNull();
    for (const t of [
      '周一至周日 9:00-21:00', '工作日 9:00-17:00', '工作日 09:00 - 17:30', '每日 9.00-17.00', '2026-06-30 开放', '2026/06/30—2026/07/05', '2026.6.30',
      '2020-2026 年度', '成立于2020年', '2026年6月30日 14:00', '南京西路1266号', '南京西路1266-1268号', '威海路590弄12号', '3F-5F', '1号楼 2层',
      '邮编 200040', '面积 120 平方米', '电话预约',
    ]) expect(scrub(t), t).toBe(t);
  });

  it('matches private terms after normalising width, spacing and punctuation', () => {
    const scrub = textScrubber(['恒越信息科技党支部', '021-62881234']);
    expect(scrub('恒越信息科技党支部活动')).toBeNull();
    expect(scrub('恒越 信息科技·党支部 活动')).toBeNull();
    expect(scrub('恒越信息科技\u200d党支部')).toBeNull();
    expect(scrub('ＡＢ恒越信息科技党支部')).toBeNull();
    expect(scrub('恒越信息科技')).toBe('恒越信息科技');
  });

  it('takes organisation and alliance member names, and their distinctive parts unless a public place is named so', () => {
    const places = ['恒隆广场', '南京西路街道', '金葫芦科技大厦', '上海湾区科创中心'];
    const stations = ['上海国际集团大厦"白领驿家"党群服务站', '文汇报社党委党群服务站'];
    const terms = organisationTerms(
      ['恒越信息科技党支部', '恒隆广场联合党支部', '南京西路街道党工委', '上海国际集团党委', '绿地金创集团党委(示意)', '达观餐饮管理第2党支部', '金葫芦科技大厦楼宇工会联合会',
        '上海湾区科创发展(集团)有限公司党支部', '上海湾区科创中心楼宇治理委员会(楼委会)', '亿滋工会', '文汇报社党委', '恒隆广场', '工会'],
      { places, stations },
    );
    expect(terms).toEqual(expect.arrayContaining(['恒越信息科技党支部', '恒越信息科技', '恒隆广场联合党支部', '南京西路街道党工委', '上海国际集团党委', '绿地金创集团党委(示意)', '绿地金创集团党委', '绿地金创',
      '达观餐饮管理第2党支部', '达观餐饮管理', '上海湾区科创发展', '亿滋工会', '文汇报社党委']));
    // Parts that name a public place or station (or are too short to be distinctive) are not terms; nor is a place's own name.
    for (const t of ['恒隆广场', '南京西路街道', '上海国际集团', '上海国际', '金葫芦科技大厦', '金葫芦科技大厦楼宇', '上海湾区科创中心', '文汇报社', '亿滋', '工会']) expect(terms, t).not.toContain(t);
    // Station names are withheld when they carry an organisation's name, and kept when they only share a place with it.
    const scrub = textScrubber(terms);
    expect(scrub('文汇报社党委党群服务站')).toBeNull();
    expect(scrub('上海国际集团大厦"白领驿家"党群服务站')).not.toBeNull();
    expect(scrub('恒隆广场"白领驿家"')).not.toBeNull();
    expect(scrub('绿地金创读书会')).toBeNull();
  });

  it('withholds station hours, floors and services and activity titles that carry a number or an organisation, and lists them', () => {
    const { public: p, redacted } = redact(
      facts({
        privateTerms: ['恒越信息科技党支部'],
        stations: [station({ hours: '预约 138-1234-5678', floor: '前台 6234 5678', services: ['党员教育', '咨询（021）62345678'] })],
        activities: [{ id: 9, title: '恒越信息科技党支部主题党日', type: 'theme_party_day', stationId: 1, heldAt: '2026-07-05T10:00:00+08:00', participants: 5, organiserName: null, signupNote: null }],
      }),
      DEFAULT_CONFIG,
    );
    const s = p.stations[0];
    expect(s?.hours).toBeNull();
    expect(s?.floor).toBeNull();
    expect(s?.services).toEqual(['party_education']);
    expect(s?.activities).toEqual([{ title: null, type: 'theme_party_day', heldAt: '2026-07-05T10:00:00+08:00', signup: null }]);
    const text = JSON.stringify(p);
    expect(text).not.toMatch(/1234|5678|恒越/);
    for (const field of ['stations.hours', 'stations.floor', 'stations.services', 'activities.title']) expect(redacted).toContainEqual(expect.objectContaining({ field, count: 1 }));
  });

  it('withholds counts under 5 at least: a configured minimum of 3 or 4 is refused', () => {
    expect(RedactionSchema.safeParse({ ...DEFAULT_CONFIG.redaction, minCount: 3 }).success).toBe(false);
    expect(RedactionSchema.safeParse({ ...DEFAULT_CONFIG.redaction, minCount: 4 }).success).toBe(false);
    expect(RedactionSchema.safeParse({ ...DEFAULT_CONFIG.redaction, minCount: 5 }).success).toBe(true);
    expect(RedactionSchema.safeParse({ ...DEFAULT_CONFIG.redaction, minCount: 100 }).success).toBe(true);
    expect(RedactionSchema.safeParse({ ...DEFAULT_CONFIG.redaction, minCount: 101 }).success).toBe(false);
    // A draft stored by older code with a threshold of 3 keeps its other settings and is raised to 5.
    const old = storedConfig({ ...DEFAULT_CONFIG, texts: { ...DEFAULT_CONFIG.texts, intro: '欢迎' }, redaction: { ...DEFAULT_CONFIG.redaction, minCount: 3 } });
    expect(old.redaction.minCount).toBe(5);
    expect(old.texts.intro).toBe('欢迎');
  });

  it('publishes a station\'s public line only when it is an institution\'s number that no private record holds', () => {
    const phoneOf = (publicPhone: string | null, privateTerms = ['王伟', '13800001111']) =>
      redact(facts({ privateTerms, stations: [station({ publicPhone })] }), DEFAULT_CONFIG);
    expect(phoneOf('021-5550 0101').public.stations[0]?.phone).toBe('021-5550 0101');
    expect(phoneOf('400-820-0000').public.stations[0]?.phone).toBe('400-820-0000');
    for (const bad of ['138 1234 5678', '+86 13812345678', '王伟 021-55500101', '55500101', '021-5550 0101 转 王伟']) {
      const r = phoneOf(bad);
      expect(r.public.stations[0]?.phone, bad).toBeNull();
      expect(r.redacted).toContainEqual(expect.objectContaining({ field: 'stations.public_phone' }));
    }
    // A landline that is also someone's private number (an organisation's contact) is withheld.
    expect(phoneOf('021-5550 0101', ['02155500101']).public.stations[0]?.phone).toBeNull();
  });

  it('publishes signup notes and accessibility notes scrubbed like every free text', () => {
    const r = redact(
      facts({ stations: [station({ accessibility: '电梯可达，联系王伟' })], activities: [{ id: 1, title: '读书会', type: 'culture', stationId: 1, heldAt: '2026-07-05T10:00:00+08:00', participants: 0, organiserName: null, signupNote: '报名请致电 138 0000 1111' }] }),
      DEFAULT_CONFIG,
    );
    expect(r.public.stations[0]?.accessibility).toBeNull();
    expect(r.public.stations[0]?.activities[0]?.signup).toBeNull();
    expect(JSON.stringify(r.public)).not.toMatch(/王伟|1111/);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(redact(facts(), DEFAULT_CONFIG))).toBe(JSON.stringify(redact(facts(), DEFAULT_CONFIG)));
  });
});
