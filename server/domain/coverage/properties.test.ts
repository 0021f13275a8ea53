// Property tests of the coverage model over random territories: rate bounds, street = Σ grids,
// locality of an enterprise move, incremental updates = rebuild from scratch, and the coverage
// precedence; plus a brute-force reference for every area's counts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partyCoverage, unionCoverage } from './classify.js';
import { rankGaps } from './gaps.js';
import { CoverageModel, type SummaryNode, type Territory } from './model.js';
import { ratesOf, type Counts } from './rates.js';
import { pastView, viewAsOf, type CoverageView } from './view.js';
import { DEFAULT_REACH_CONFIG, distanceM, type ReachConfig } from './reach.js';
import { STATION_TYPES } from '../vocabulary/index.js';
import { PARTY_KINDS, UNION_KINDS, type Assignment, type BuildingFacts, type EnterpriseFacts, type OrgLink, type Rate, type StationFacts } from './types.js';

const RUNS = { numRuns: 200 };
const CFG: ReachConfig = DEFAULT_REACH_CONFIG;

// A small pool of dates, so that starts and ends often fall exactly on the as-of date.
const DATES = ['2018-01-01', '2019-06-30', '2020-01-01', '2020-12-31', '2021-06-15', '2022-01-01', '2022-06-30', '2023-01-01', '2024-02-29', '2025-01-01'];
const dateArb = fc.constantFrom(...DATES);
const optDate = fc.option(dateArb, { nil: null });

// Coordinates in units of 1e-5° from (121.40, 31.20): a 0.06° square (about 5.7 × 6.6 km), wider than the
// 3 km search radius so that a station change touches some buildings and not others.
const SPAN = 6000;
const BASE_LON = 121.4;
const BASE_LAT = 31.2;
const lonOf = (x: number) => BASE_LON + x / 1e5;
const latOf = (y: number) => BASE_LAT + y / 1e5;

const linkArb: fc.Arbitrary<OrgLink> = fc.record({
  kind: fc.constantFrom<string>(...PARTY_KINDS, ...UNION_KINDS, 'youth_league', 'building_committee'),
  formation: fc.constantFrom<'own' | 'joint'>('own', 'joint'),
  foundedOn: dateArb,
  dissolvedOn: optDate,
  since: dateArb,
  until: optDate,
});
const assignmentArb: fc.Arbitrary<Assignment> = fc.record({ since: dateArb, until: optDate });

/** An enterprise's facts before it is placed: a building index to pick instead of ids. */
type RawEnterprise = Omit<EnterpriseFacts, 'id' | 'buildingId'> & { buildingPick: number };
const rawEnterpriseArb: fc.Arbitrary<RawEnterprise> = fc.record({
  buildingPick: fc.nat(),
  employees: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 500 })),
  partyMembers: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 150 })),
  registeredOn: dateArb,
  deregisteredOn: optDate,
  noOrgReason: fc.option(fc.constantFrom('no_members', 'too_small', 'moving_out'), { nil: null }),
  links: fc.array(linkArb, { maxLength: 3 }),
  assignments: fc.array(assignmentArb, { maxLength: 2 }),
});

interface RawBuilding {
  gridPick: number | null;
  streetPick: number;
  bdPick: number | null;
  x: number;
  y: number;
}
const rawBuildingArb: fc.Arbitrary<RawBuilding> = fc.record({
  gridPick: fc.option(fc.nat(), { nil: null }),
  streetPick: fc.nat(),
  bdPick: fc.option(fc.nat(), { nil: null }),
  x: fc.integer({ min: 0, max: SPAN }),
  y: fc.integer({ min: 0, max: SPAN }),
});

interface RawStation {
  type: string;
  alsoTypes: string[];
  openTo: StationFacts['openTo'];
  reachM: number | null;
  buildingPick: number | null;
  openedOn: string | null;
  x: number;
  y: number;
}
const rawStationArb: fc.Arbitrary<RawStation> = fc.record({
  type: fc.constantFrom<string>(...STATION_TYPES),
  alsoTypes: fc.subarray<string>([...STATION_TYPES], { maxLength: 2 }),
  openTo: fc.constantFrom<StationFacts['openTo']>('public', 'public', 'building', 'members'),
  reachM: fc.option(fc.integer({ min: 50, max: 1500 }), { nil: null }),
  buildingPick: fc.option(fc.nat(), { nil: null }),
  openedOn: optDate,
  x: fc.integer({ min: 0, max: SPAN }),
  y: fc.integer({ min: 0, max: SPAN }),
});

interface RawTerritory {
  districts: number;
  streets: number[];
  grids: number[];
  bds: number[];
  buildings: RawBuilding[];
  enterprises: RawEnterprise[];
  stations: RawStation[];
}
const rawTerritoryArb = (o: { minGrids?: number; minBuildings?: number; minEnterprises?: number } = {}): fc.Arbitrary<RawTerritory> =>
  fc.record({
    districts: fc.integer({ min: 1, max: 2 }),
    streets: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
    grids: fc.array(fc.nat(), { minLength: o.minGrids ?? 0, maxLength: 4 }),
    bds: fc.array(fc.nat(), { maxLength: 2 }),
    buildings: fc.array(rawBuildingArb, { minLength: o.minBuildings ?? 1, maxLength: 8 }),
    enterprises: fc.array(rawEnterpriseArb, { minLength: o.minEnterprises ?? 0, maxLength: 16 }),
    stations: fc.array(rawStationArb, { maxLength: 5 }),
  });

type Areas = Pick<Territory, 'districts' | 'streets' | 'grids' | 'businessDistricts'>;

/** A building from raw picks; its street is its grid's street, as in the store. Every building gets a grid when gridded. */
function toBuilding(r: RawBuilding, id: number, areas: Areas, gridded: boolean): BuildingFacts {
  const gridPick = gridded ? (r.gridPick ?? r.streetPick) : r.gridPick;
  const grid = gridPick !== null && areas.grids.length > 0 ? areas.grids[gridPick % areas.grids.length] : undefined;
  const street = areas.streets[r.streetPick % areas.streets.length] as Territory['streets'][number];
  const bd = r.bdPick !== null && areas.businessDistricts.length > 0 ? areas.businessDistricts[r.bdPick % areas.businessDistricts.length] : undefined;
  return {
    id, name: `B${id}`, streetCode: grid ? grid.streetCode : street.code, gridId: grid ? grid.id : null,
    businessDistrictId: bd ? bd.id : null, lon: lonOf(r.x), lat: latOf(r.y),
  };
}

function toEnterprise(r: RawEnterprise, id: number, buildings: BuildingFacts[]): EnterpriseFacts {
  const { buildingPick, ...rest } = r;
  return { id, buildingId: (buildings[buildingPick % buildings.length] as BuildingFacts).id, ...rest };
}

/** A station in a building stands at the building (within about 20 m); others anywhere. */
function toStation(r: RawStation, id: number, buildings: BuildingFacts[]): StationFacts {
  const b = r.buildingPick !== null && buildings.length > 0 ? buildings[r.buildingPick % buildings.length] : undefined;
  const jx = ((r.x % 41) - 20) / 1e5;
  const jy = ((r.y % 41) - 20) / 1e5;
  return {
    id, name: `S${id}`, type: r.type, alsoTypes: r.alsoTypes, openTo: r.openTo, reachM: r.reachM, buildingId: b ? b.id : null, openedOn: r.openedOn,
    lon: b ? b.lon + jx : lonOf(r.x), lat: b ? b.lat + jy : latOf(r.y),
  };
}

function toTerritory(raw: RawTerritory, gridded = false): Territory {
  const districts = Array.from({ length: raw.districts }, (_, i) => ({ code: `D${i + 1}`, name: `District ${i + 1}` }));
  const streets = raw.streets.map((p, i) => ({ code: `S${i + 1}`, name: `Street ${i + 1}`, districtCode: (districts[p % districts.length] as { code: string }).code }));
  const grids = raw.grids.map((p, i) => ({ id: i + 1, name: `Grid ${i + 1}`, streetCode: (streets[p % streets.length] as { code: string }).code }));
  const businessDistricts = raw.bds.map((p, i) => ({ id: i + 1, name: `BD ${i + 1}`, streetCode: (streets[p % streets.length] as { code: string }).code }));
  const areas = { districts, streets, grids, businessDistricts };
  // Building ids 1..n overlap grid and business-district ids on purpose.
  const buildings = raw.buildings.map((r, i) => toBuilding(r, i + 1, areas, gridded));
  const enterprises = raw.enterprises.map((r, i) => toEnterprise(r, i + 1, buildings));
  const stations = raw.stations.map((r, i) => toStation(r, i + 1, buildings));
  return { ...areas, buildings, enterprises, stations };
}

const asOfArb = dateArb;

// ---------------------------------------------------------------------------------------------------
// A brute-force reference, written from the definitions, with no index, no incremental sums.
// ---------------------------------------------------------------------------------------------------
const within = (asOf: string, from: string, to: string | null) => from <= asOf && (to === null || asOf < to);
const JOINT_KINDS = ['joint_party_branch', 'joint_union', 'building_union_federation'];
function refParty(links: OrgLink[], assignments: Assignment[], asOf: string): string {
  const active = links.filter((l) => (PARTY_KINDS as readonly string[]).includes(l.kind) && within(asOf, l.foundedOn, l.dissolvedOn) && within(asOf, l.since, l.until));
  const joint = (l: OrgLink) => l.formation === 'joint' || JOINT_KINDS.includes(l.kind);
  if (active.some((l) => !joint(l))) return 'own';
  if (active.some(joint)) return 'joint';
  if (assignments.some((a) => within(asOf, a.since, a.until))) return 'instructor';
  return 'none';
}
function refUnion(links: OrgLink[], asOf: string): string {
  const active = links.filter((l) => (UNION_KINDS as readonly string[]).includes(l.kind) && within(asOf, l.foundedOn, l.dissolvedOn) && within(asOf, l.since, l.until));
  const joint = (l: OrgLink) => l.formation === 'joint' || JOINT_KINDS.includes(l.kind);
  if (active.some((l) => !joint(l))) return 'own';
  return active.length > 0 ? 'joint' : 'none';
}
function refServed(t: Territory, b: BuildingFacts, asOf: string): boolean {
  return t.stations.some((s) => {
    if (s.openedOn !== null && s.openedOn > asOf) return false;
    if (s.buildingId === b.id) return true;
    if (s.openTo !== 'public') return false;
    const reach = s.reachM ?? Math.max(...[s.type, ...s.alsoTypes].map((x) => CFG.reachByType[x as keyof ReachConfig['reachByType']] ?? 0));
    const d = distanceM(b.lon, b.lat, s.lon, s.lat);
    return d <= CFG.searchRadiusM && d <= reach;
  });
}
const zero = (): Counts => ({ enterprises: 0, employees: 0, partyMembers: 0, partyOwn: 0, partyJoint: 0, partyInstructor: 0, unionOwn: 0, unionJoint: 0, employeesServed: 0 });
function refCounts(t: Territory, asOf: string): Map<string, Counts> {
  const out = new Map<string, Counts>();
  const areaKeys = [
    'city:all', ...t.districts.map((d) => `district:${d.code}`), ...t.streets.map((s) => `street:${s.code}`), ...t.grids.map((g) => `grid:${g.id}`),
    ...t.businessDistricts.map((b) => `businessDistrict:${b.id}`), ...t.buildings.map((b) => `building:${b.id}`),
  ];
  for (const key of areaKeys) {
    const c = zero();
    for (const e of t.enterprises) {
      const b = t.buildings.find((x) => x.id === e.buildingId);
      if (!b || !within(asOf, e.registeredOn, e.deregisteredOn)) continue;
      const district = t.streets.find((s) => s.code === b.streetCode)?.districtCode;
      // The whole city counts every enterprise of a known building.
      const inArea = key === 'city:all' || key === `building:${b.id}` || key === `street:${b.streetCode}` || (b.gridId !== null && key === `grid:${b.gridId}`)
        || (b.businessDistrictId !== null && key === `businessDistrict:${b.businessDistrictId}`) || (district !== undefined && key === `district:${district}`);
      if (!inArea) continue;
      const party = refParty(e.links, e.assignments, asOf);
      const union = refUnion(e.links, asOf);
      c.enterprises += 1;
      c.employees += e.employees;
      c.partyMembers += e.partyMembers;
      c.partyOwn += party === 'own' ? 1 : 0;
      c.partyJoint += party === 'joint' ? 1 : 0;
      c.partyInstructor += party === 'instructor' ? 1 : 0;
      c.unionOwn += union === 'own' ? 1 : 0;
      c.unionJoint += union === 'joint' ? 1 : 0;
      c.employeesServed += refServed(t, b, asOf) ? e.employees : 0;
    }
    out.set(key, c);
  }
  return out;
}

const countsOf = (m: CoverageModel, key: string): Counts => m.counts.get(key) ?? zero();

/** Everything observable about a model: every area's summary, reach, enterprises and gap rankings. */
function snapshot(m: CoverageModel) {
  const summaries: Record<string, SummaryNode | null> = {};
  for (const k of [...m.areas.keys()].sort()) summaries[k] = m.node(k, true);
  const reach = [...m.reach.entries()].sort((a, b) => a[0] - b[0]);
  const enterprises = [...m.enterprises.entries()].sort((a, b) => a[0] - b[0]);
  const byBuilding = [...m.byBuilding.entries()].filter(([, s]) => s.length > 0).map(([b, s]) => [b, [...s].sort((x, y) => x - y)] as const).sort((a, b) => a[0] - b[0]);
  const gaps = (['party', 'union', 'work', 'reach'] as const).flatMap((kind) => (['building', 'grid', 'businessDistrict'] as const).map((level) => rankGaps(m, level, kind, { limit: 1000 })));
  return { summaries, reach, enterprises, byBuilding, gaps };
}

function checkRate(r: Rate, where: string): void {
  expect(Number.isInteger(r.numerator) && Number.isInteger(r.denominator), where).toBe(true);
  expect(r.numerator, where).toBeGreaterThanOrEqual(0);
  expect(r.numerator, where).toBeLessThanOrEqual(r.denominator);
  if (r.denominator === 0) expect(r.value, where).toBeNull();
  else {
    expect(r.value, where).toBe(r.numerator / r.denominator);
    expect(r.value as number, where).toBeGreaterThanOrEqual(0);
    expect(r.value as number, where).toBeLessThanOrEqual(1);
  }
}

describe('coverage properties', () => {
  it('(a) every rate is null or in [0, 1], with numerator ≤ denominator', () => {
    fc.assert(
      fc.property(rawTerritoryArb(), asOfArb, (raw, asOf) => {
        const m = new CoverageModel(toTerritory(raw), CFG, asOf);
        for (const key of m.areas.keys()) {
          const n = m.node(key, true) as SummaryNode;
          for (const x of [n, ...(n.children ?? [])]) for (const [name, r] of Object.entries(x.rates)) checkRate(r, `${key} ${x.level}:${x.id} ${name}`);
          const c = countsOf(m, key);
          expect(c.partyOwn + c.partyJoint + c.partyInstructor).toBeLessThanOrEqual(c.enterprises);
          expect(c.unionOwn + c.unionJoint).toBeLessThanOrEqual(c.enterprises);
        }
        const t = toTerritory(raw);
        for (const kind of ['party', 'union', 'work', 'reach'] as const) {
          // A grid's or business district's gap carries that area's own street.
          for (const g of rankGaps(m, 'grid', kind, { limit: 1000 })) expect(g.streetCode).toBe(t.grids.find((x) => String(x.id) === g.id)?.streetCode);
          for (const g of rankGaps(m, 'businessDistrict', kind, { limit: 1000 })) expect(g.streetCode).toBe(t.businessDistricts.find((x) => String(x.id) === g.id)?.streetCode);
          const gaps = rankGaps(m, 'building', kind, { limit: 1000 });
          gaps.forEach((g, i) => {
            checkRate(g.rate, `gap ${kind} ${g.id}`);
            expect(g.rank).toBe(i + 1);
            if (i > 0) expect(g.workersAffected).toBeLessThanOrEqual((gaps[i - 1] as typeof g).workersAffected);
            expect(g.actions.reduce((a, x) => a + x.workers, 0)).toBe(g.workersAffected);
            expect(g.actions.reduce((a, x) => a + x.enterprises, 0)).toBe(g.enterprisesAffected);
            expect(g.suggestion).toEqual(g.actions[0]);
          });
        }
      }),
      RUNS,
    );
  });

  it('every area\'s counts equal a brute-force recount from the facts', () => {
    fc.assert(
      fc.property(rawTerritoryArb(), asOfArb, (raw, asOf) => {
        const t = toTerritory(raw);
        const m = new CoverageModel(t, CFG, asOf);
        const ref = refCounts(t, asOf);
        expect([...m.areas.keys()].sort()).toEqual([...ref.keys()].sort());
        for (const [key, c] of ref) expect(countsOf(m, key), key).toEqual(c);
      }),
      RUNS,
    );
  });

  it('(b) with every building in a grid, a street\'s figures are the sum of its grids\'', () => {
    fc.assert(
      fc.property(rawTerritoryArb({ minGrids: 1 }), asOfArb, (raw, asOf) => {
        const t = toTerritory(raw, true);
        expect(t.buildings.every((b) => b.gridId !== null)).toBe(true);
        const m = new CoverageModel(t, CFG, asOf);
        for (const s of t.streets) {
          const grids = t.grids.filter((g) => g.streetCode === s.code);
          const street = m.summary('street', s.code) as SummaryNode;
          // The street's children are exactly its grids, in id order.
          expect(street.children?.map((c) => `${c.level}:${c.id}`)).toEqual(grids.map((g) => `grid:${g.id}`));
          const sum = zero();
          for (const g of grids) for (const k of Object.keys(sum) as (keyof Counts)[]) sum[k] += countsOf(m, `grid:${g.id}`)[k];
          expect(countsOf(m, `street:${s.code}`), s.code).toEqual(sum);
          const nodes = grids.map((g) => m.summary('grid', String(g.id)) as SummaryNode);
          expect(street.enterprises).toBe(nodes.reduce((a, n) => a + n.enterprises, 0));
          expect(street.employees).toBe(nodes.reduce((a, n) => a + n.employees, 0));
          expect(street.partyMembers).toBe(nodes.reduce((a, n) => a + n.partyMembers, 0));
          for (const r of ['partyOrg', 'standalone', 'work', 'union', 'workersServed'] as const) {
            expect(street.rates[r].numerator, `${s.code} ${r}`).toBe(nodes.reduce((a, n) => a + n.rates[r].numerator, 0));
            expect(street.rates[r].denominator, `${s.code} ${r}`).toBe(nodes.reduce((a, n) => a + n.rates[r].denominator, 0));
          }
        }
        // And a district is the sum of its streets.
        for (const d of t.districts) {
          const sum = zero();
          for (const s of t.streets.filter((x) => x.districtCode === d.code)) for (const k of Object.keys(sum) as (keyof Counts)[]) sum[k] += countsOf(m, `street:${s.code}`)[k];
          expect(countsOf(m, `district:${d.code}`)).toEqual(sum);
        }
      }),
      RUNS,
    );
  });

  it('(c) moving one enterprise to another building changes only the two buildings and their areas', () => {
    fc.assert(
      fc.property(rawTerritoryArb({ minBuildings: 2, minEnterprises: 1 }), asOfArb, fc.nat(), fc.nat(), (raw, asOf, ePick, bPick) => {
        const t = toTerritory(raw);
        const m = new CoverageModel(t, CFG, asOf);
        const e = t.enterprises[ePick % t.enterprises.length] as EnterpriseFacts;
        const from = t.buildings.find((b) => b.id === e.buildingId) as BuildingFacts;
        const to = t.buildings[bPick % t.buildings.length] as BuildingFacts;
        const before = new Map([...m.areas.keys()].map((k) => [k, { ...countsOf(m, k) }]));
        const moved = { ...e, buildingId: to.id };
        m.upsertEnterprise(moved);
        const touched = new Set([...m.areasOfBuilding(from), ...m.areasOfBuilding(to)]);
        for (const [key, c] of before) if (!touched.has(key)) expect(countsOf(m, key), `${key} untouched`).toEqual(c);
        // The touched areas lose the enterprise's old contribution and gain the new one.
        const after = { ...t, enterprises: t.enterprises.map((x) => (x.id === e.id ? moved : x)) };
        const ref = refCounts(after, asOf);
        for (const key of m.areas.keys()) expect(countsOf(m, key), key).toEqual(ref.get(key));
        expect(snapshot(m)).toEqual(snapshot(new CoverageModel(after, CFG, asOf)));
        if (from.id === to.id) for (const [key, c] of before) expect(countsOf(m, key)).toEqual(c);
      }),
      RUNS,
    );
  });

  it('the compact model (shared dates, classifications and area lists) and its past views answer as the brute-force recount', () => {
    fc.assert(
      fc.property(rawTerritoryArb(), asOfArb, asOfArb, (raw, today, past) => {
        const t = toTerritory(raw);
        const m = new CoverageModel(t, CFG, today);
        for (const [date, v] of [[today, m], [past, viewAsOf(m, past)]] as const) {
          for (const [key, c] of refCounts(t, date)) {
            expect(v.counts.get(key) ?? zero(), `${date} ${key}`).toEqual(c);
            const [level, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)] as [SummaryNode['level'], string];
            expect(v.summary(level, id)?.rates, `${date} ${key}`).toEqual(ratesOf(c));
          }
        }
        // Every enterprise's facts are kept as given, only shared.
        for (const e of t.enterprises) if (m.enterprises.has(e.id)) expect(m.enterprises.get(e.id)?.facts).toEqual(e);
      }),
      RUNS,
    );
  });

  type Op =
    | { t: 'upsertEnterprise'; idPick: number; raw: RawEnterprise }
    | { t: 'removeEnterprise'; idPick: number }
    | { t: 'upsertBuilding'; isNew: boolean; pick: number; raw: RawBuilding; move: boolean }
    | { t: 'setStations'; changes: { action: 'add' | 'remove' | 'modify'; pick: number; raw: RawStation }[] };
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ t: fc.constant('upsertEnterprise' as const), idPick: fc.nat(), raw: rawEnterpriseArb }),
    fc.record({ t: fc.constant('removeEnterprise' as const), idPick: fc.nat() }),
    fc.record({ t: fc.constant('upsertBuilding' as const), isNew: fc.boolean(), pick: fc.nat(), raw: rawBuildingArb, move: fc.boolean() }),
    fc.record({
      t: fc.constant('setStations' as const),
      changes: fc.array(fc.record({ action: fc.constantFrom<'add' | 'remove' | 'modify'>('add', 'remove', 'modify'), pick: fc.nat(), raw: rawStationArb }), { minLength: 1, maxLength: 3 }),
    }),
  );

  /** Applies `ops` to model `m` built from `t`, as the engine applies edits; the territory they make. */
  function applyOps(t: Territory, m: CoverageModel, ops: Op[]): Territory {
    let buildings = [...t.buildings];
    let enterprises = [...t.enterprises];
    let stations = [...t.stations];
    const maxId = (xs: { id: number }[]) => xs.reduce((a, x) => Math.max(a, x.id), 0);
    for (const op of ops) {
      if (op.t === 'upsertEnterprise') {
        // An existing id (an edit), a removed one (re-added) or a new one.
        const id = (op.idPick % (maxId(enterprises) + 2)) + 1;
        const e = toEnterprise(op.raw, id, buildings);
        enterprises = [...enterprises.filter((x) => x.id !== id), e];
        m.upsertEnterprise(e);
      } else if (op.t === 'removeEnterprise') {
        const id = (op.idPick % (maxId(enterprises) + 2)) + 1;
        enterprises = enterprises.filter((x) => x.id !== id);
        m.removeEnterprise(id);
      } else if (op.t === 'upsertBuilding') {
        const old = op.isNew ? undefined : buildings[op.pick % buildings.length];
        const b = toBuilding(op.raw, old ? old.id : maxId(buildings) + 1, t, false);
        // An edit moves a building's outline a little at most (its stations stand in it); a new one goes anywhere.
        if (old) {
          b.lon = op.move ? old.lon + ((op.raw.x % 41) - 20) / 1e5 : old.lon;
          b.lat = op.move ? old.lat + ((op.raw.y % 41) - 20) / 1e5 : old.lat;
        }
        buildings = [...buildings.filter((x) => x.id !== b.id), b];
        m.upsertBuilding(b);
      } else {
        const next = [...stations];
        for (const c of op.changes) {
          if (c.action === 'add' || next.length === 0) next.push(toStation(c.raw, maxId([...stations, ...next]) + 1, buildings));
          else if (c.action === 'remove') next.splice(c.pick % next.length, 1);
          else {
            const i = c.pick % next.length;
            next[i] = toStation(c.raw, (next[i] as StationFacts).id, buildings);
          }
        }
        // As the engine does: the old and new places of every station added, removed or changed.
        const ids = new Set([...stations, ...next].map((s) => s.id));
        const moved: { lon: number; lat: number }[] = [];
        for (const id of ids) {
          const a = stations.find((s) => s.id === id);
          const b = next.find((s) => s.id === id);
          if (JSON.stringify(a) === JSON.stringify(b)) continue;
          for (const s of [a, b]) if (s) moved.push({ lon: s.lon, lat: s.lat });
        }
        stations = next;
        m.setStations(stations, moved);
      }
    }
    return { ...t, buildings, enterprises, stations };
  }

  it('(d) after any sequence of updates the incremental model equals a model built from scratch', () => {
    fc.assert(
      fc.property(rawTerritoryArb(), asOfArb, fc.array(opArb, { minLength: 1, maxLength: 12 }), (raw, asOf, ops) => {
        const t = toTerritory(raw);
        const m = new CoverageModel(t, CFG, asOf);
        const final = applyOps(t, m, ops);
        const scratch = new CoverageModel(final, CFG, asOf);
        expect(snapshot(m)).toEqual(snapshot(scratch));
        const ref = refCounts(final, asOf);
        for (const [key, c] of ref) expect(countsOf(m, key), key).toEqual(c);
      }),
      RUNS,
    );
  });

  /** Everything a past date's questions read of a view (summaries, counts, reach, each enterprise's classification
   *  and its building's list, gaps ranked whole and cut to a few, in a street), whatever the view is made of. */
  function pastAnswers(v: CoverageView, streets: readonly string[]) {
    const keys = [...v.areas.keys()].sort();
    const summaries = keys.map((k) => [k, v.summary(...(k.split(':') as [SummaryNode['level'], string]))] as const);
    const counts = keys.map((k) => [k, v.counts.get(k) ?? zero()] as const);
    const reach = [...v.buildings.keys()].sort((a, b) => a - b).map((id) => [id, v.reach.get(id) ?? null] as const);
    const enterprises = [...v.enterprises.values()].map((e) => [e.facts.id, e.classified, e.facts, e.areas] as const).sort((a, b) => a[0] - b[0]);
    // A building emptied by edits keeps an empty list in an edited model: the same as none.
    const byId = [...v.byBuilding.entries()]
      .filter(([, ids]) => ids.length > 0)
      .map(([b, ids]) => [b, [...ids].sort((x, y) => x - y).map((id) => v.enterprises.get(id)?.classified ?? null)] as const)
      .sort((a, b) => a[0] - b[0]);
    const gaps = (['party', 'union', 'work', 'reach'] as const).flatMap((kind) =>
      (['building', 'grid', 'businessDistrict'] as const).flatMap((level) => [
        rankGaps(v, level, kind, { limit: 1000 }),
        rankGaps(v, level, kind, { limit: 2 }),
        ...streets.map((streetCode) => rankGaps(v, level, kind, { limit: 3, streetCode })),
      ]),
    );
    return { asOf: v.asOf, summaries, counts, reach, enterprises, byId, gaps, size: v.enterprises.size };
  }

  it('a past date\'s shared view (counts only, enterprises classified as read) answers as a whole model built for the date, after random histories', () => {
    fc.assert(
      fc.property(rawTerritoryArb(), asOfArb, asOfArb, fc.array(opArb, { maxLength: 10 }), (raw, today, past, ops) => {
        const t = toTerritory(raw);
        const m = new CoverageModel(t, CFG, today);
        const final = applyOps(t, m, ops);
        const whole = new CoverageModel(final, CFG, past);
        const view = pastView(m, past);
        const streets = final.streets.map((s) => s.code);
        expect(pastAnswers(view, streets)).toEqual(pastAnswers(whole, streets));
        // The view keeps counts, not enterprises: its estimate grows with the areas (buildings among them), not with
        // the enterprises.
        expect(view.bytes).toBeLessThanOrEqual(600 * (whole.areas.size + 1));
        // Asked twice, the same (nothing in it is consumed or changed by a question).
        expect(pastAnswers(view, streets)).toEqual(pastAnswers(whole, streets));
      }),
      RUNS,
    );
  });

  describe('(e) classify precedence: own beats joint beats instructor beats none', () => {
    const ACTIVE = { foundedOn: '2000-01-01', dissolvedOn: null, since: '2000-01-01', until: null };
    const partyLink = (formation: 'own' | 'joint', kind: string = 'party_branch'): OrgLink => ({ kind, formation, ...ACTIVE });
    const ownPartyArb = fc.constantFrom('party_committee', 'party_general_branch', 'party_branch').map((kind) => partyLink('own', kind));
    const jointPartyArb = fc.oneof(
      fc.constantFrom('party_committee', 'party_general_branch', 'party_branch', 'joint_party_branch').map((kind) => partyLink('joint', kind)),
      fc.constant(partyLink('own', 'joint_party_branch')),
    );
    const activeAssignment: Assignment = { since: '2000-01-01', until: null };
    const rank = { own: 3, joint: 2, instructor: 1, none: 0 } as const;
    const linksArb = fc.array(linkArb, { maxLength: 5 });
    const assignmentsArb = fc.array(assignmentArb, { maxLength: 3 });

    it('party coverage matches the definition', () => {
      fc.assert(
        fc.property(linksArb, assignmentsArb, asOfArb, (links, assignments, asOf) => {
          expect(partyCoverage(links, assignments, asOf)).toBe(refParty(links, assignments, asOf));
          expect(unionCoverage(links, asOf)).toBe(refUnion(links, asOf));
        }),
        { numRuns: 200 },
      );
    });

    it('adding coverage of a kind yields the higher of the old and the added kind', () => {
      fc.assert(
        fc.property(linksArb, assignmentsArb, asOfArb, ownPartyArb, jointPartyArb, fc.nat(), (links, assignments, asOf, own, joint, at) => {
          const was = partyCoverage(links, assignments, asOf);
          const insert = <T,>(xs: T[], x: T) => [...xs.slice(0, at % (xs.length + 1)), x, ...xs.slice(at % (xs.length + 1))];
          expect(partyCoverage(insert(links, own), assignments, asOf)).toBe('own');
          expect(partyCoverage(insert(links, joint), assignments, asOf)).toBe(rank[was] >= rank.joint ? was : 'joint');
          expect(partyCoverage(links, insert(assignments, activeAssignment), asOf)).toBe(rank[was] >= rank.instructor ? was : 'instructor');
          expect(partyCoverage(insert(insert(links, joint), own), insert(assignments, activeAssignment), asOf)).toBe('own');
          expect(partyCoverage(insert(links, joint), insert(assignments, activeAssignment), asOf)).toBe(was === 'own' ? 'own' : 'joint');
          // Removing every party organisation leaves at most the instructor.
          const noParty = links.filter((l) => !(PARTY_KINDS as readonly string[]).includes(l.kind));
          expect(partyCoverage(noParty, assignments, asOf)).toBe(assignments.some((a) => within(asOf, a.since, a.until)) ? 'instructor' : 'none');
          // Union organisations and other kinds never count for the party, nor party ones for the union.
          const unionOnly = links.filter((l) => (UNION_KINDS as readonly string[]).includes(l.kind));
          expect(partyCoverage([...unionOnly, { ...own, kind: 'youth_league' }], [], asOf)).toBe('none');
          expect(unionCoverage([...links, own, joint], asOf)).toBe(unionCoverage(links, asOf));
        }),
        { numRuns: 200 },
      );
    });

    it('union: own beats joint beats none; a building union federation or joint union is joint whatever its formation', () => {
      fc.assert(
        fc.property(linksArb, asOfArb, fc.constantFrom('own', 'joint') as fc.Arbitrary<'own' | 'joint'>, (links, asOf, formation) => {
          const was = unionCoverage(links, asOf);
          const own: OrgLink = { kind: 'union', formation: 'own', ...ACTIVE };
          const federation: OrgLink = { kind: 'building_union_federation', formation, ...ACTIVE };
          const jointUnion: OrgLink = { kind: 'joint_union', formation, ...ACTIVE };
          expect(unionCoverage([...links, own], asOf)).toBe('own');
          expect(unionCoverage([...links, federation], asOf)).toBe(was === 'own' ? 'own' : 'joint');
          expect(unionCoverage([jointUnion, ...links], asOf)).toBe(was === 'own' ? 'own' : 'joint');
          expect(unionCoverage([{ ...own, formation: 'joint' }], asOf)).toBe('joint');
        }),
        { numRuns: 200 },
      );
    });

    it('a link counts only while both the organisation and the link are active (start inclusive, end exclusive)', () => {
      fc.assert(
        fc.property(linkArb, asOfArb, (l, asOf) => {
          const link = { ...l, kind: 'party_branch', formation: 'own' as const };
          const active = l.foundedOn <= asOf && (l.dissolvedOn === null || asOf < l.dissolvedOn) && l.since <= asOf && (l.until === null || asOf < l.until);
          expect(partyCoverage([link], [], asOf)).toBe(active ? 'own' : 'none');
        }),
        { numRuns: 200 },
      );
    });
  });
});
