// Step 6: alliances (共建/联盟): 南京西路's "1+4+X" (street council with rotating chair, 4 business-district
// councils, 校际/文化/物业 alliances), 亿滋's pairing, 小东门's 三方共建, and 玉泉大厦's 党群共建 community.
import type { Polygon, Position } from 'geojson';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { offset } from './geometry.js';
import { addDays, isoDate, type Ctx } from './context.js';

interface Member {
  name: string;
  at: Position;
  organisationId?: number | null;
  buildingId?: number | null;
  stationId?: number | null;
  role?: 'lead' | 'chair' | 'member';
  chairFrom?: string | null;
  chairUntil?: string | null;
}

function addAlliance(ctx: Ctx, a: { name: string; kind: string; domain?: string | null; streetCode: string; businessDistrictId?: number | null; signedOn: string | null; source: string }, members: Member[]): void {
  const id = ctx.nextId('alliances');
  ctx.data.alliances.push({ id, name: a.name, kind: a.kind, domain: a.domain ?? null, streetCode: a.streetCode, businessDistrictId: a.businessDistrictId ?? null, signedOn: a.signedOn, geom: null, source: a.source });
  for (const m of members) {
    ctx.data.allianceMembers.push({
      id: ctx.nextId('alliance_members'), allianceId: id, name: m.name, organisationId: m.organisationId ?? null,
      buildingId: m.buildingId ?? null, stationId: m.stationId ?? null, role: m.role ?? 'member', chairFrom: m.chairFrom ?? null,
      chairUntil: m.chairUntil ?? null, geom: { type: 'Point', coordinates: m.at },
    });
  }
}

function orgMember(ctx: Ctx, key: string, extra: Partial<Member> = {}): Member {
  const id = ctx.organisationByKey.get(key);
  const o = ctx.data.organisations.find((x) => x.id === id);
  const b = ctx.buildings.find((x) => x.id === o?.seatBuildingId);
  if (!o || !b) throw new Error(`alliance member ${key} missing`);
  return { name: o.name, at: b.centre, organisationId: o.id ?? null, buildingId: b.id, ...extra };
}

function stationMember(ctx: Ctx, key: string, name: string, role: Member['role'] = 'lead'): Member {
  const id = ctx.stationByKey.get(key);
  const s = ctx.data.stations.find((x) => x.id === id);
  if (!s) throw new Error(`station ${key} missing`);
  return { name, at: s.geom.coordinates as Position, stationId: s.id ?? null, role };
}

/** Rotating chairs: each member chairs for a year, the latest term running through today. */
function rotate(ctx: Ctx, members: Member[], years: number): Member[] {
  const n = Math.min(years, members.length);
  return members.map((m, i) => {
    if (i >= n) return m;
    const from = addDays(ctx.today, -365 * (n - i));
    const until = i === n - 1 ? null : isoDate(addDays(from, 365));
    return { ...m, role: i === n - 1 ? 'chair' : 'member', chairFrom: isoDate(from), chairUntil: until };
  });
}

export function generateAlliances(ctx: Ctx): void {
  const { data, rng } = ctx;
  const njxl = '310106012';
  const ownParty = (streetCode: string) =>
    data.organisations.filter((o) => o.streetCode === streetCode && o.formation === 'own' && /party/.test(o.kind) && !o.dissolvedOn);
  const member = (o: (typeof data.organisations)[number]): Member => {
    const b = ctx.buildings.find((x) => x.id === o.seatBuildingId);
    return { name: o.name, at: b?.centre ?? [0, 0], organisationId: o.id ?? null, buildingId: b?.id ?? null };
  };

  // "1": the street's regional party-building council; 文汇报社 chaired until 2020-06-29, then 国际集团 (seeds/004).
  const big = ownParty(njxl).filter((o) => o.members >= 20 && !['sig-party', 'wenhui-party'].some((k) => ctx.organisationByKey.get(k) === o.id)).slice(0, 10);
  addAlliance(ctx, { name: '南京西路街道区域化党建联席会议', kind: 'street_council', streetCode: njxl, signedOn: '2017-06-01', source: 'seeds/004 (理事会、轮值主席交接)' }, [
    stationMember(ctx, 'njxl-centre', '南京西路街道党工委'),
    orgMember(ctx, 'wenhui-party', { chairFrom: '2019-06-01', chairUntil: '2020-06-29' }),
    orgMember(ctx, 'sig-party', { role: 'chair', chairFrom: '2020-06-29' }),
    orgMember(ctx, 'yicai-party'),
    ...big.map(member),
  ]);

  // "4": one council per business district, chaired in rotation by the organisations seated inside it.
  for (const bd of data.businessDistricts.filter((b) => b.streetCode === njxl)) {
    const inside = ownParty(njxl).filter((o) => {
      const b = ctx.buildings.find((x) => x.id === o.seatBuildingId);
      return b && booleanPointInPolygon(b.centre, bd.geom as Polygon);
    });
    const picked = inside.slice(0, 8).map(member);
    if (picked.length < 2) continue;
    addAlliance(ctx, { name: `${bd.name}党建联席会议`, kind: 'business_district_council', streetCode: njxl, businessDistrictId: bd.id ?? null, signedOn: '2020-06-29', source: 'seeds/004 (四个商圈党建联席会议的轮值主席)' }, rotate(ctx, picked, 4));
  }

  // "X": domain alliances. 物业联盟 is chaired by 中信泰富广场's property manager (seeds/004).
  const citic = ctx.buildingByKey.get('citic');
  const managers = ctx.buildings.filter((b) => b.streetCode === njxl && b.key !== 'citic').slice(0, 9);
  addAlliance(ctx, { name: '南京西路街道区域化党建"物业联盟"', kind: 'domain_alliance', domain: 'property', streetCode: njxl, signedOn: '2019-05-01', source: 'seeds/004' }, [
    { name: '中信泰富广场物业', at: citic?.centre ?? [0, 0], buildingId: citic?.id ?? null, role: 'chair', chairFrom: '2020-01-01', organisationId: null },
    ...managers.map((b) => ({ name: `${b.name}物业`, at: b.centre, buildingId: b.id })),
  ]);
  addAlliance(ctx, { name: '南京西路街道区域化党建"文化联盟"', kind: 'domain_alliance', domain: 'culture', streetCode: njxl, signedOn: '2019-05-01', source: 'seeds/004 (张园商圈发展专题研讨会)' }, [
    orgMember(ctx, 'yicai-party', { role: 'lead' }),
    orgMember(ctx, 'wenhui-party'),
    { name: '张园(丰盛里-吴江路)商圈党建联席会议', at: ctx.buildingByKey.get('zhangyuan')?.centre ?? [0, 0], buildingId: ctx.buildingByKey.get('zhangyuan')?.id ?? null },
    orgMember(ctx, 'sig-party'),
  ]);
  const centre = ctx.buildingByKey.get('plaza66')?.centre ?? [121.45, 31.23];
  addAlliance(ctx, { name: '南京西路街道区域化党建"校际联盟"', kind: 'domain_alliance', domain: 'school', streetCode: njxl, signedOn: '2019-05-01', source: 'seeds/004; 成员学校为示意' }, [
    stationMember(ctx, 'njxl-centre', '南京西路街道党工委'),
    ...['示意中学甲', '示意小学乙', '示意幼儿园丙', '示意职业学校丁'].map((name, i) => ({ name: `${name}党支部(示意)`, at: offset(centre, 300 * Math.cos(i * 1.7) + rng.range(-50, 50), 250 * Math.sin(i * 1.7) - 250) })),
  ]);

  // 结对共建: 亿滋党总支 with 湖南街道东湖街区党支部, signed at the 2025-03-21 opening (seeds/000).
  const hunanCentre = ctx.data.stations.find((s) => s.id === ctx.stationByKey.get('hunan-centre'));
  addAlliance(ctx, { name: '亿滋党总支—东湖街区党支部结对共建', kind: 'pairing', streetCode: '310104004', signedOn: '2025-03-21', source: 'seeds/000' }, [
    orgMember(ctx, 'mondelez-party', { role: 'lead' }),
    { name: '湖南街道东湖街区党支部', at: offset((hunanCentre?.geom.coordinates as Position) ?? [121.44, 31.21], 120, 180) },
  ]);

  // 三方共建: street + developer + property company at 绿地海珀外滩 (seeds/002; year illustrative).
  addAlliance(ctx, { name: '绿地海珀外滩党建联建(三方共建)', kind: 'tripartite', streetCode: '310101017', signedOn: '2024-07-30', source: 'seeds/002 (签约年份为示意)' }, [
    stationMember(ctx, 'djd-centre', '小东门街道党工委'),
    orgMember(ctx, 'greenland-party'),
    orgMember(ctx, 'hechuang-party'),
  ]);

  // 楼宇党群共建共同体 at 玉泉大厦: six units' party organisations (seeds/003); positions illustrative.
  const yq = ctx.buildingByKey.get('yuquan');
  if (yq) {
    addAlliance(ctx, { name: '玉泉大厦"楼宇党群共建"共同体', kind: 'community', streetCode: '150104D01', signedOn: '2021-05-28', source: 'seeds/003 (成员位置为示意)' }, [
      { name: '玉泉大厦党组织', at: yq.centre, buildingId: yq.id, role: 'lead' },
      ...['呼和浩特市总工会', '呼和浩特市妇联', '共青团呼和浩特市委', '呼和浩特市文化旅游广电局', '玉泉区总工会'].map((name, i) => ({ name: `${name}党组织`, at: offset(yq.centre, 500 * Math.cos(i * 1.25), 420 * Math.sin(i * 1.25)) })),
    ]);
  }
}
