import { describe, expect, it } from 'vitest';
import { privateMatcher, scannedStrings, scanSnapshot, type PrivateStrings } from './leak-guard.js';
import { redact } from './redact.js';
import { DEFAULT_CONFIG } from './config.js';
import type { InternalFacts } from './types.js';

const priv: PrivateStrings = {
  people: ['王伟', '李 晓明'],
  phones: ['138-0000-1111', '021-6234 5678'],
  idNumbers: ['91310106MA1FL0AB2C'],
  enterprises: ['恒越信息科技有限公司', '静安', 'ACME Trading Co.'],
  organisations: ['恒越信息科技党支部', '党委'],
  allianceMembers: ['嘉里中心物业'],
};

const snapshot = (o: Record<string, unknown> = {}) => ({
  format: 'pbmap-publication/1',
  slug: 'street-310106012-2',
  title: '南京西路街道党建版图',
  scope: { level: 'street', id: '310106012', name: '南京西路街道' },
  asOf: '2026-06-30',
  publishedAt: '2026-06-30T12:00:00Z',
  version: 1,
  texts: { intro: '找到离您最近的党群服务站点。', dataSource: '', approvalNumber: '沪S(2026)001号' },
  streets: [{ code: '310106012', name: '南京西路街道', nameEn: 'Nanjing Rd W', geometry: { type: 'MultiPolygon', coordinates: [[[[121.45, 31.22]]]] } }],
  grids: [{ id: '12', name: '网格12', streetCode: '310106012', stats: { enterprises: 40 } }],
  stations: [
    { id: '1', name: '南京西路街道党群服务中心', address: '南京西路1266-1268号', hours: '周一至周日 9:00-21:00', services: ['党员教育'], activities: [{ title: null, heldAt: '2026-07-04T10:00:00+08:00' }] },
  ],
  ...o,
});

describe('leak guard', () => {
  it('passes a clean snapshot: public codes, dates, times and house numbers are not phone numbers', () => {
    expect(scanSnapshot(snapshot(), priv)).toEqual([]);
  });

  it('finds every kind of private string, normalised as redact does, by field path and kind only', () => {
    const s = snapshot({
      title: '王 伟的版图',
      texts: { intro: '欢迎恒越信息科技(有限公司)来访', dataSource: '嘉里中心·物业', approvalNumber: '91310106ma1fl0ab2c' },
      stations: [{ id: '1', name: '站点', address: 'ＡＣＭＥ　trading co', hours: '预约 (021)6234-5678', services: ['服务', '李晓明 主讲'], activities: [] }],
    });
    const found = scanSnapshot(s, priv);
    expect(found).toEqual([
      { path: 'title', kind: 'person_name' },
      { path: 'texts.intro', kind: 'enterprise_name' },
      { path: 'texts.dataSource', kind: 'alliance_member_name' },
      { path: 'texts.approvalNumber', kind: 'id_number' },
      { path: 'texts.approvalNumber', kind: 'phone_or_id_pattern' },
      { path: 'stations[0].address', kind: 'enterprise_name' },
      { path: 'stations[0].hours', kind: 'phone' },
      { path: 'stations[0].hours', kind: 'phone_or_id_pattern' },
      { path: 'stations[0].services[1]', kind: 'person_name' },
    ]);
    // The result never carries a private value.
    const text = JSON.stringify(found);
    for (const { value } of scannedStrings(priv)) expect(text).not.toContain(value);
  });

  it('catches phone and ID numbers not in the store, in any grouping, and a phone hidden in the slug', () => {
    expect(scanSnapshot(snapshot({ texts: { intro: '咨询 +86 139 1234 5678' } }), priv)).toEqual([{ path: 'texts.intro', kind: 'phone_or_id_pattern' }]);
    expect(scanSnapshot(snapshot({ texts: { intro: '１３９１２３４５６７８' } }), priv)).toEqual([{ path: 'texts.intro', kind: 'phone_or_id_pattern' }]);
    expect(scanSnapshot(snapshot({ texts: { intro: '310101199001011234' } }), priv)).toEqual([{ path: 'texts.intro', kind: 'phone_or_id_pattern' }]);
    expect(scanSnapshot(snapshot({ slug: 'tel-13912345678' }), priv)).toEqual([{ path: 'slug', kind: 'phone_or_id_pattern' }]);
    // A code is public only where the snapshot publishes it as one: the same digits elsewhere are still a number.
    expect(scanSnapshot(snapshot({ scope: { level: 'street', id: '13912345678', name: 'x' } }), priv)).toEqual([{ path: 'scope.id', kind: 'phone_or_id_pattern' }]);
  });

  it('lets a station\'s public line through only as an institution\'s number that is no private phone', () => {
    const withLine = (phone: string) => snapshot({ stations: [{ id: '1', name: '站', phone, services: [], activities: [] }] });
    expect(scanSnapshot(withLine('021-5550 0101'), priv)).toEqual([]);
    expect(scanSnapshot(withLine('400-820-0000'), priv)).toEqual([]);
    // A mobile, or a number anywhere else, is still a number.
    expect(scanSnapshot(withLine('139 1234 5678'), priv)).toEqual([{ path: 'stations[0].phone', kind: 'phone_or_id_pattern' }]);
    expect(scanSnapshot(snapshot({ texts: { intro: '021-5550 0101' } }), priv)).toEqual([{ path: 'texts.intro', kind: 'phone_or_id_pattern' }]);
    // A landline the store holds as someone's private number is a hit in the public-line field too.
    const withPrivateLandline: PrivateStrings = { ...priv, phones: [...priv.phones, '021-55500101'] };
    expect(scanSnapshot(withLine('021 5550 0101'), withPrivateLandline)).toEqual([{ path: 'stations[0].phone', kind: 'phone' }]);
  });

  it('does not scan for names shorter than 4 characters, nor match across two strings', () => {
    // "静安" (an enterprise) and "党委" (an organisation) are too short to be distinctive.
    expect(scanSnapshot(snapshot({ texts: { intro: '静安区党委' } }), priv)).toEqual([]);
    // "恒越信息" + "科技党支部" in two neighbouring strings is not the organisation's name.
    expect(scanSnapshot(snapshot({ stations: [{ services: ['恒越信息', '科技党支部'] }] }), priv)).toEqual([]);
    expect(scannedStrings(priv).map((s) => s.value)).not.toContain('静安');
  });

  it('does not take the official names of the streets it covers for a person called like a part of them', () => {
    const withJiangning: PrivateStrings = { ...priv, people: [...priv.people, '江宁'] };
    const s = (o: Record<string, unknown>) => snapshot({ slug: 'street-310106006', scope: { level: 'street', id: '310106006', name: '江宁路街道' }, streets: [{ code: '310106006', name: '江宁路街道', nameEn: 'Jiangning Rd' }], grids: [], ...o });
    expect(scanSnapshot(s({ title: '江宁路街道党建版图' }), withJiangning)).toEqual([]);
    expect(scanSnapshot(s({ title: '江宁路街道联系人江宁' }), withJiangning)).toEqual([{ path: 'title', kind: 'person_name' }]);
    expect(scanSnapshot(s({ texts: { intro: '江宁' } }), withJiangning)).toEqual([{ path: 'texts.intro', kind: 'person_name' }]);
    // A private string that merely contains the street's name is still one.
    const withCentre: PrivateStrings = { ...priv, organisations: ['江宁路街道党群服务中心'] };
    expect(scanSnapshot(s({ texts: { intro: '江宁路街道党群服务中心欢迎您' } }), withCentre)).toEqual([{ path: 'texts.intro', kind: 'organisation_name' }]);
  });

  it('reports each field and kind once, however often it matches', () => {
    expect(scanSnapshot(snapshot({ title: '王伟 王伟 王伟' }), priv)).toEqual([{ path: 'title', kind: 'person_name' }]);
  });

  it('matches single texts with privateMatcher', () => {
    const m = privateMatcher(priv);
    expect(m('恒越信息科技党支部活动')).toEqual(expect.arrayContaining(['organisation_name']));
    expect(m('南京西路')).toEqual([]);
  });

  it('finds nothing in what redact() makes from facts holding the same private strings', () => {
    const facts: InternalFacts = {
      slug: 'njxl', title: '王伟的版图', scope: { level: 'street', id: '310106012', name: '南京西路街道' }, asOf: '2026-06-30',
      streets: [{ code: '310106012', name: '南京西路街道', nameEn: 'Nanjing Rd W', geometry: { type: 'MultiPolygon', coordinates: [[[[121.45, 31.22], [121.46, 31.22], [121.46, 31.23], [121.45, 31.22]]]] } }],
      roads: [], water: [], grids: [], businessDistricts: [],
      stations: [{
        id: 1, name: '恒越信息科技党支部活动室', type: 'party_service_centre', alsoTypes: [], streetCode: '310106012', buildingName: '汇智大厦', buildingAddress: null, address: '南京西路1号',
        floor: '1F', areaM2: 120, hours: '预约 138 0000 1111', hoursWeek: null, services: ['李晓明主讲'], openTo: 'public', reachM: 800, phone: '13800001111',
        publicPhone: '021-5550 0101', accessibility: '李晓明陪同', openedOn: '2020-01-01', lon: 121.45, lat: 31.22,
      }],
      activities: [],
      totals: { enterprises: 0, employees: 0, partyOwn: 0, partyJoint: 0, partyInstructor: 0, unionOwn: 0, unionJoint: 0, employeesServed: 0, organisations: 0 },
      privateRows: { enterprises: 0, organisationsWithSecretary: 0, organisationsWithPhone: 0, instructors: 0, instructorsWithPhone: 0, buildings: 0 },
      privateTerms: [...priv.people, ...priv.phones, ...priv.idNumbers, '恒越信息科技有限公司', '恒越信息科技党支部'],
    };
    const config = { ...DEFAULT_CONFIG, texts: { intro: '恒越信息科技有限公司欢迎您', dataSource: '', approvalNumber: '' } };
    const r = redact(facts, config);
    expect(scanSnapshot(r.public, priv)).toEqual([]);
    // …while the same texts, had they not been redacted, would be blocked.
    expect(scanSnapshot({ ...r.public, texts: config.texts }, priv)).toEqual([{ path: 'texts.intro', kind: 'enterprise_name' }]);
  });
});

describe('leak guard on station photos', () => {
  const sha = '3141592653589793238462643383279502884197169399375105820974944592';
  it('lets a photo path that is a content hash through, and nothing else in that field', () => {
    const photo = (src: string) => snapshot({ stations: [{ id: '1', name: '站', photo: { src, thumb: `photos/${sha}.jpg`, width: 10, height: 10 } }] });
    expect(scanSnapshot(photo(`photos/${sha}.jpg`), priv)).toEqual([]);
    expect(scanSnapshot(photo('photos/13912345678.jpg'), priv)).toEqual([{ path: 'stations[0].photo.src', kind: 'phone_or_id_pattern' }]);
    expect(scanSnapshot(photo(`photos/${sha}.jpg?王伟`), priv).map((l) => l.kind)).toContain('person_name');
  });

  it('passes a JPEG with no metadata and refuses one with EXIF or a comment', async () => {
    const { photoIsClean } = await import('./leak-guard.js');
    const { jpegWithGps } = await import('../../tests/helpers/exif-jpeg.js');
    const { processPhoto } = await import('../stations/image/process.js');
    expect(photoIsClean(jpegWithGps(16, 16))).toBe(false);
    expect(photoIsClean(processPhoto(jpegWithGps(16, 16)).photo)).toBe(true);
    const withComment = processPhoto(jpegWithGps(16, 16)).photo;
    const com = new Uint8Array([0xff, 0xfe, 0x00, 0x05, 0x68, 0x69, 0x21]);
    expect(photoIsClean(new Uint8Array([...withComment.subarray(0, 2), ...com, ...withComment.subarray(2)]))).toBe(false);
    expect(photoIsClean(new TextEncoder().encode('not a jpeg at all, really'))).toBe(false);
  });
});
