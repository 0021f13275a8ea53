// Step 3: organisations (party, union, building committees, youth league, women's federation), the
// enterprises each covers, instructors/liaisons, and the reasons recorded where there is no organisation.
import { LANDMARK_ORGANISATIONS, MACALLINE_TRADES, type OrgKind } from '../seed/landmarks.js';
import { GIVEN, NO_ORG_REASONS, SURNAMES } from './names.js';
import { SYNTHETIC, addDays, dateBetween, gridOf, isoDate, type BuildingInfo, type Ctx } from './context.js';

type EnterpriseRow = Ctx['data']['enterprises'][number];

/** The ledger rule of thumb (domain.md): 3+ members → own branch, 50+ → general branch, 100+ → committee. */
function partyKindFor(members: number): OrgKind {
  if (members >= 100) return 'party_committee';
  if (members >= 50) return 'party_general_branch';
  return 'party_branch';
}
const PARTY_SUFFIX: Partial<Record<OrgKind, string>> = {
  party_committee: '党委', party_general_branch: '党总支', party_branch: '党支部',
};

export function generateOrganisations(ctx: Ctx): void {
  const covered = { party: new Set<number>(), union: new Set<number>() };
  const byBuilding = new Map<number, EnterpriseRow[]>();
  for (const e of ctx.data.enterprises) {
    const list = byBuilding.get(e.buildingId) ?? [];
    list.push(e);
    byBuilding.set(e.buildingId, list);
  }
  const enterpriseById = new Map(ctx.data.enterprises.map((e) => [e.id as number, e]));

  for (const o of LANDMARK_ORGANISATIONS) {
    const seat = ctx.buildingByKey.get(o.seat);
    const id = addOrg(ctx, { name: o.name, kind: o.kind, formation: o.formation, streetCode: o.streetCode, seatBuildingId: seat?.id ?? null, members: o.members, foundedOn: o.foundedOn, source: o.source });
    ctx.organisationByKey.set(o.key, id);
    const targets = o.covers.flatMap((c) =>
      c.startsWith('building:')
        ? (byBuilding.get(ctx.buildingByKey.get(c.slice(9))?.id ?? -1) ?? []).map((e) => e.id as number)
        : [ctx.enterpriseByKey.get(c) ?? -1],
    );
    for (const eid of targets) {
      const e = enterpriseById.get(eid);
      if (!e) continue;
      cover(ctx, id, e, o.foundedOn);
      if (isParty(o.kind)) covered.party.add(eid);
      if (isUnion(o.kind)) covered.union.add(eid);
    }
  }

  for (const b of ctx.buildings) {
    const list = byBuilding.get(b.id) ?? [];
    const m = gridOf(ctx, b.gridId).maturity;
    const special = b.key === 'bayarea';
    partyOrgs(ctx, b, list, m, covered.party, special);
    unionOrgs(ctx, b, list, m, covered.union);
    otherOrgs(ctx, b, list);
  }
  instructorsAndReasons(ctx, covered.party);
  for (const e of ctx.data.enterprises) {
    if (covered.union.has(e.id as number)) e.unionMembers = Math.round(e.employees * ctx.rng.range(0.6, 0.95));
  }
}

const isParty = (k: OrgKind): boolean => k.startsWith('party') || k === 'joint_party_branch';
const isUnion = (k: OrgKind): boolean => k === 'union' || k === 'joint_union' || k === 'building_union_federation';

interface NewOrg {
  name: string;
  kind: OrgKind;
  formation: 'own' | 'joint';
  streetCode: string;
  seatBuildingId: number | null;
  members: number;
  foundedOn: string;
  dissolvedOn?: string | null;
  source: string;
}

function addOrg(ctx: Ctx, o: NewOrg): number {
  const id = ctx.nextId('organisations');
  const { rng } = ctx;
  ctx.data.organisations.push({
    id, name: o.name, kind: o.kind, formation: o.formation, streetCode: o.streetCode, seatBuildingId: o.seatBuildingId,
    members: o.members, secretaryName: `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}`,
    contactPhone: `138${String(rng.int(0, 99_999_999)).padStart(8, '0')}`, foundedOn: o.foundedOn,
    dissolvedOn: o.dissolvedOn ?? null, source: o.source,
  });
  return id;
}

function cover(ctx: Ctx, organisationId: number, e: EnterpriseRow, from: string): void {
  const since = from > e.registeredOn ? from : e.registeredOn;
  ctx.data.organisationCoverage.push({ organisationId, enterpriseId: e.id as number, since, until: e.deregisteredOn ?? null });
}

/** When an organisation was founded: mostly years ago, some in the last year (the trend the wall shows).
 *  Never before the enterprise registered, never after it closed. */
function foundingDate(ctx: Ctx, notBefore: string, closedOn?: string | null): string {
  const { rng, today } = ctx;
  const floor = new Date(notBefore > '2008-01-01' ? notBefore : '2008-01-01');
  const ceiling = closedOn ? new Date(closedOn) : addDays(today, -3);
  if (ceiling <= floor) return isoDate(floor);
  const yearAgo = addDays(today, -365);
  const recent = !closedOn && rng.chance(0.16) && yearAgo > floor;
  return recent ? dateBetween(rng, yearAgo, ceiling) : dateBetween(rng, floor, yearAgo < ceiling && yearAgo > floor ? yearAgo : ceiling);
}

function shortName(name: string): string {
  return name.replace(/^(上海|内蒙古|呼和浩特市)/, '').replace(/(\(中国\))?(有限公司|店)$/, '').slice(0, 10);
}

function partyOrgs(ctx: Ctx, b: BuildingInfo, list: EnterpriseRow[], m: number, covered: Set<number>, bayArea: boolean): void {
  const { rng } = ctx;
  for (const e of list) {
    if (covered.has(e.id as number) || e.partyMembers < 3) continue;
    // In 上海湾区科创中心 every unit with 3+ members has its own organisation (5 in all, seeds/001).
    if (!bayArea && !rng.chance(m)) continue;
    const kind = partyKindFor(e.partyMembers);
    const foundedOn = foundingDate(ctx, e.registeredOn, e.deregisteredOn);
    const id = addOrg(ctx, {
      name: `${shortName(e.name)}${PARTY_SUFFIX[kind]}`, kind, formation: 'own', streetCode: b.streetCode, seatBuildingId: b.id,
      members: e.partyMembers, foundedOn, dissolvedOn: e.deregisteredOn, source: SYNTHETIC,
    });
    cover(ctx, id, e, foundedOn);
    covered.add(e.id as number);
  }
  if (bayArea) return;
  const rest = list.filter((e) => !covered.has(e.id as number) && !e.deregisteredOn);
  if (rest.length < 3 || !rng.chance(m)) return;
  const joined = rest.filter((e) => rng.chance(e.partyMembers > 0 ? 0.75 : 0.35));
  if (joined.length === 0) return;
  const foundedOn = foundingDate(ctx, '2012-01-01');
  const id = addOrg(ctx, {
    name: `${b.name}联合党支部`, kind: 'joint_party_branch', formation: 'joint', streetCode: b.streetCode, seatBuildingId: b.id,
    members: joined.reduce((a, e) => a + e.partyMembers, 0), foundedOn, source: SYNTHETIC,
  });
  for (const e of joined) {
    // Some enterprises joined the branch later than its founding.
    cover(ctx, id, e, rng.chance(0.3) ? dateBetween(rng, new Date(foundedOn), ctx.today) : foundedOn);
    covered.add(e.id as number);
  }
}

function unionOrgs(ctx: Ctx, b: BuildingInfo, list: EnterpriseRow[], m: number, covered: Set<number>): void {
  const { rng } = ctx;
  if (b.key === 'macalline') {
    // seeds/003: 240 shops organised into 6 joint unions by trade.
    MACALLINE_TRADES.forEach((trade, i) => {
      const foundedOn = `2021-0${(i % 6) + 1}-15`;
      const id = addOrg(ctx, { name: `红星美凯龙世博家居广场${trade}联合工会`, kind: 'joint_union', formation: 'joint', streetCode: b.streetCode, seatBuildingId: b.id, members: 0, foundedOn, source: 'seeds/003 (按6个门类建立6个联合工会)' });
      for (const e of list.filter((x) => x.industry === trade && !x.deregisteredOn && rng.chance(0.92))) {
        cover(ctx, id, e, foundedOn);
        covered.add(e.id as number);
      }
    });
    return;
  }
  for (const e of list) {
    if (covered.has(e.id as number) || e.employees < 25 || !rng.chance(m * 0.9)) continue;
    const foundedOn = foundingDate(ctx, e.registeredOn, e.deregisteredOn);
    const id = addOrg(ctx, { name: `${shortName(e.name)}工会`, kind: 'union', formation: 'own', streetCode: b.streetCode, seatBuildingId: b.id, members: 0, foundedOn, dissolvedOn: e.deregisteredOn, source: SYNTHETIC });
    cover(ctx, id, e, foundedOn);
    covered.add(e.id as number);
  }
  const rest = list.filter((e) => !covered.has(e.id as number) && !e.deregisteredOn);
  if (rest.length < 3 || !rng.chance(m * 0.85)) return;
  const foundedOn = foundingDate(ctx, '2012-01-01');
  const id = addOrg(ctx, { name: `${b.name}联合工会`, kind: 'joint_union', formation: 'joint', streetCode: b.streetCode, seatBuildingId: b.id, members: 0, foundedOn, source: SYNTHETIC });
  for (const e of rest.filter(() => rng.chance(0.75))) {
    cover(ctx, id, e, foundedOn);
    covered.add(e.id as number);
  }
}

function otherOrgs(ctx: Ctx, b: BuildingInfo, list: EnterpriseRow[]): void {
  const { rng } = ctx;
  for (const e of list) {
    if (e.employees < 150 || e.deregisteredOn) continue;
    if (rng.chance(0.35)) {
      const foundedOn = foundingDate(ctx, e.registeredOn);
      const id = addOrg(ctx, { name: `${shortName(e.name)}团支部`, kind: 'youth_league', formation: 'own', streetCode: b.streetCode, seatBuildingId: b.id, members: Math.round(e.employees * 0.08), foundedOn, source: SYNTHETIC });
      cover(ctx, id, e, foundedOn);
    }
    if (rng.chance(0.25)) {
      const foundedOn = foundingDate(ctx, e.registeredOn);
      const id = addOrg(ctx, { name: `${shortName(e.name)}妇委会`, kind: 'womens_federation', formation: 'own', streetCode: b.streetCode, seatBuildingId: b.id, members: Math.round(e.employees * 0.3), foundedOn, source: SYNTHETIC });
      cover(ctx, id, e, foundedOn);
    }
  }
  if (b.key === 'plaza66' || b.key === 'citic' || (b.floors >= 30 && rng.chance(0.15))) {
    addOrg(ctx, { name: `${b.name}楼宇治理委员会(楼委会)`, kind: 'building_committee', formation: 'joint', streetCode: b.streetCode, seatBuildingId: b.id, members: rng.int(7, 15), foundedOn: foundingDate(ctx, '2019-01-01'), source: SYNTHETIC });
  }
}

function instructorsAndReasons(ctx: Ctx, covered: Set<number>): void {
  const { rng, data } = ctx;
  const streets = [...new Set(ctx.grids.map((g) => g.streetCode))];
  for (const streetCode of streets) {
    const count = Math.max(2, Math.round(ctx.grids.filter((g) => g.streetCode === streetCode).length * 1.5));
    const ids = Array.from({ length: count }, (_, i) => {
      const id = ctx.nextId('instructors');
      data.instructors.push({
        id, name: `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}`, role: i % 3 === 2 ? 'liaison' : 'instructor', streetCode,
        phone: `139${String(rng.int(0, 99_999_999)).padStart(8, '0')}`, source: SYNTHETIC,
      });
      return id;
    });
    for (const e of data.enterprises.filter((x) => x.streetCode === streetCode && !covered.has(x.id as number))) {
      const m = gridOf(ctx, e.gridId as number).maturity;
      if (!e.deregisteredOn && rng.chance(m * 0.55)) {
        const since = dateBetween(rng, new Date(e.registeredOn > '2015-01-01' ? e.registeredOn : '2015-01-01'), addDays(ctx.today, -1));
        data.instructorAssignments.push({ instructorId: rng.pick(ids), enterpriseId: e.id as number, since, until: null });
      }
      if (rng.chance(0.7)) e.noOrgReason = e.partyMembers === 0 ? '无正式党员' : rng.pick(NO_ORG_REASONS);
    }
  }
}
