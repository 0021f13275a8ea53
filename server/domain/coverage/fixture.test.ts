// A tiny hand-made territory whose every figure was worked out by hand (arithmetic in the comments)
// and is asserted exactly against the model: counts and rates per area, reach and walking bands,
// and the gap rankings with their suggestions, for today and for a past date.
import { describe, expect, it } from 'vitest';
import { ACTION_LABELS, type ActionCode } from './suggest.js';
import { rankGaps, type Gap, type GapKind, type GapLevel } from './gaps.js';
import { CoverageModel, type SummaryNode, type Territory } from './model.js';
import { computeReach, DEFAULT_REACH_CONFIG, distanceM, nearestByType, nearestOfType } from './reach.js';
import type { BuildingFacts, EnterpriseFacts, Level, OrgLink, Rate, StationFacts } from './types.js';

// Every date in the fixture is on or before 2024-07-01, so "today" gives the same figures on any later day.
const TODAY = new Date().toISOString().slice(0, 10);
// The past date: S1 not yet opened (2023-03-01), the joint party branch not yet founded (2023-01-01),
// E3 not yet registered (2023-05-01), E7's link not yet begun (2022-07-01); several dates fall exactly on it.
const PAST = '2022-06-30';

// ---------------------------------------------------------------------------------------------------
// Territory: district D01 > street S01 > grids 1 and 2; business district 10 spans grids.
//
//   building  grid  bd   lon       lat
//   101 甲楼   1     10   121.4500  31.2300
//   102 乙楼   1     10   121.4560  31.2300
//   103 丙楼   2     -    121.4500  31.2340
//   104 丁楼   2     10   121.4650  31.2450
//
//   station  type (+also)                        openTo    building  openedOn    lon       lat
//   1 S1     party_service_station (500 m)       public    -         2023-03-01  121.4500  31.2300
//   2 S2     workers_home + mothers_room (500 m) public    -         null        121.4545  31.2360
//   3 S3     party_service_point (300 m)         building  104       2019-05-01  121.4650  31.2450
// ---------------------------------------------------------------------------------------------------
const building = (id: number, name: string, gridId: number, businessDistrictId: number | null, lon: number, lat: number): BuildingFacts => ({
  id, name, streetCode: 'S01', gridId, businessDistrictId, lon, lat,
});
const BUILDINGS: BuildingFacts[] = [
  building(101, '甲楼', 1, 10, 121.45, 31.23),
  building(102, '乙楼', 1, 10, 121.456, 31.23),
  building(103, '丙楼', 2, null, 121.45, 31.234),
  building(104, '丁楼', 2, 10, 121.465, 31.245),
];

const STATIONS: StationFacts[] = [
  { id: 1, name: 'S1', type: 'party_service_station', alsoTypes: [], openTo: 'public', reachM: null, buildingId: null, openedOn: '2023-03-01', lon: 121.45, lat: 31.23 },
  { id: 2, name: 'S2', type: 'workers_home', alsoTypes: ['mothers_room'], openTo: 'public', reachM: null, buildingId: null, openedOn: null, lon: 121.4545, lat: 31.236 },
  { id: 3, name: 'S3', type: 'party_service_point', alsoTypes: [], openTo: 'building', reachM: null, buildingId: 104, openedOn: '2019-05-01', lon: 121.465, lat: 31.245 },
];

const link = (kind: string, formation: 'own' | 'joint', foundedOn: string, dissolvedOn: string | null, since: string, until: string | null = null): OrgLink => ({
  kind, formation, foundedOn, dissolvedOn, since, until,
});
const ent = (id: number, buildingId: number, employees: number, partyMembers: number, registeredOn: string, rest: Partial<EnterpriseFacts> = {}): EnterpriseFacts => ({
  id, buildingId, employees, partyMembers, registeredOn, deregisteredOn: null, noOrgReason: null, links: [], assignments: [], ...rest,
});

//  id bldg emp  pm   coverage today (party/union)      coverage on PAST (party/union)
//  E1  101 120   8   own / own                         own / own
//  E2  101  30   2   joint / joint                     instructor (branch founded 2023) / joint
//  E3  101  10   0   instructor / none                 not registered (2023-05-01)
//  E4  102  60   4   none (org dissolved 2021) / none   none / own (union link until 2024-01-01)
//  E5  102   5   1   deregistered 2024-07-01           none / none
//  E6  103 200 120   instructor / joint (federation)   instructor / none (federation founded 2024)
//  E7  103  80  55   joint (formation) / none          none (link since 2022-07-01) / none
//  E8  104   0   0   none (youth league ignored) / none none / none (registered on PAST itself)
//  E9  104  25   3   own / none                        own / none
//  E10 104  24   0   instructor / none                 instructor (assigned on PAST itself) / none
//  E11 999 1000 50   building 999 does not exist: ignored everywhere
const ENTERPRISES: EnterpriseFacts[] = [
  ent(1, 101, 120, 8, '2010-01-01', {
    links: [link('party_branch', 'own', '2018-01-01', null, '2018-01-01'), link('union', 'own', '2016-01-01', null, '2016-01-01')],
    assignments: [{ since: '2017-01-01', until: null }],
  }),
  ent(2, 101, 30, 2, '2015-01-01', {
    links: [link('joint_party_branch', 'joint', '2023-01-01', null, '2023-01-01'), link('joint_union', 'joint', '2020-01-01', null, '2020-06-01')],
    assignments: [{ since: '2021-01-01', until: '2023-02-01' }],
  }),
  ent(3, 101, 10, 0, '2023-05-01', { noOrgReason: 'no_members', assignments: [{ since: '2023-06-01', until: null }] }),
  ent(4, 102, 60, 4, '2012-03-01', {
    noOrgReason: 'members_not_transferred',
    links: [link('party_committee', 'own', '2015-01-01', '2021-01-01', '2015-01-01'), link('union', 'own', '2019-01-01', null, '2019-01-01', '2024-01-01')],
  }),
  ent(5, 102, 5, 1, '2019-01-01', { deregisteredOn: '2024-07-01', noOrgReason: 'too_small' }),
  ent(6, 103, 200, 120, '2005-01-01', {
    noOrgReason: 'awaiting_approval',
    // A building union federation is a joint union whatever its formation says.
    links: [link('building_union_federation', 'own', '2024-01-01', null, '2024-01-01')],
    assignments: [{ since: '2020-01-01', until: null }],
  }),
  // A party branch formed jointly is a joint organisation.
  ent(7, 103, 80, 55, '2008-01-01', { links: [link('party_branch', 'joint', '2018-01-01', null, '2022-07-01')] }),
  ent(8, 104, 0, 0, PAST, { noOrgReason: 'no_staff', links: [link('youth_league', 'own', '2021-01-01', null, '2021-01-01')] }),
  ent(9, 104, 25, 3, '2016-01-01', { links: [link('party_general_branch', 'own', '2017-01-01', null, '2017-01-01')] }),
  ent(10, 104, 24, 0, '2020-02-01', { noOrgReason: 'no_members', assignments: [{ since: PAST, until: null }] }),
  ent(11, 999, 1000, 50, '2000-01-01'),
];

const TERRITORY: Territory = {
  districts: [{ code: 'D01', name: '示范区' }],
  streets: [{ code: 'S01', name: '示范街道', districtCode: 'D01' }],
  grids: [
    { id: 1, name: '网格一', streetCode: 'S01' },
    { id: 2, name: '网格二', streetCode: 'S01' },
  ],
  businessDistricts: [{ id: 10, name: '商圈', streetCode: 'S01' }],
  buildings: BUILDINGS,
  enterprises: ENTERPRISES,
  stations: STATIONS,
};

const R = (numerator: number, denominator: number): Rate => ({ numerator, denominator, value: denominator > 0 ? numerator / denominator : null });

interface Figures {
  enterprises: number;
  employees: number;
  partyMembers: number;
  /** [numerator, denominator] of partyOrg, standalone, work, union, workersServed */
  partyOrg: [number, number];
  standalone: [number, number];
  work: [number, number];
  union: [number, number];
  workersServed: [number, number];
}

const node = (level: Level, id: string, name: string, f: Figures): SummaryNode => ({
  id, name, level, enterprises: f.enterprises, employees: f.employees, partyMembers: f.partyMembers,
  rates: { partyOrg: R(...f.partyOrg), standalone: R(...f.standalone), work: R(...f.work), union: R(...f.union), workersServed: R(...f.workersServed) },
});

// ---------------------------------------------------------------------------------------------------
// Reach (equirectangular: dx = Δlon × 111320 × cos(midLat), dy = Δlat × 110574, d = √(dx² + dy²)).
//
//  B1–S2: mid 31.2330°, cos 0.855066, 111320·cos = 95185.9; dx = −0.0045·95185.9 = −428.34; dy = −0.006·110574 = −663.44
//         d = √(183472 + 440158) = √623630 = 789.70 m  (> 500: not served; 789.70 / 75 m·min⁻¹ = 10.53 → 10.5 min)
//  B2–S1: mid 31.2300°, cos 0.855093, ·111320 = 95188.9; dx = 0.006·95188.9 = 571.13; dy = 0 → d = 571.13 m (> 500)
//         571.13 / 75 = 7.615 → 7.6 min → band 10
//  B2–S2: mid 31.2330°, 95185.9; dx = 0.0015·95185.9 = 142.78; dy = −663.44; d = √(20386 + 440158) = √460544 = 678.63 m
//         (> 500; on PAST the nearest public: 678.63 / 75 = 9.048 → 9.0 min → band 10)
//  B3–S1: dx = 0; dy = 0.004·110574 = 442.30 → d = 442.30 m (≤ 500: served; 442.30 / 75 = 5.897 → 5.9 min → band 10)
//  B3–S2: mid 31.2350°, cos 0.855048, 95183.9; dx = −0.0045·95183.9 = −428.33; dy = −0.002·110574 = −221.15
//         d = √(183465 + 48906) = √232371 = 482.05 m (≤ 500: served; on PAST 482.05 / 75 = 6.427 → 6.4 min → band 10)
//  B4–S1: mid 31.2375°, cos 0.855025, 95181.4; dx = 0.015·95181.4 = 1427.72; dy = 0.015·110574 = 1658.61
//         d = √(2038387 + 2750987) = √4789374 = 2188.46 m
//  B4–S2: mid 31.2405°, cos 0.854998, 95178.4; dx = 0.0105·95178.4 = 999.37; dy = 0.009·110574 = 995.17
//         d = √(998746 + 990355) = √1989101 = 1410.36 m (nearest public; 1410.36 / 75 = 18.80 min > 15 → no band)
//  B1–S1 = 0 (same point): walk 0 min → band 5.  S3 serves B4 alone (openTo building), at distance 0.
//  4.5 km/h = 75 m/min.
// ---------------------------------------------------------------------------------------------------
const D = { b1s2: 789.7, b2s1: 571.13, b2s2: 678.63, b3s1: 442.3, b3s2: 482.05, b4s1: 2188.46, b4s2: 1410.36 };

interface ExpectedReach {
  servedBy: number[];
  nearest: Record<string, [number, number]>;
  walkMinutes: number | null;
  band: number | null;
}

const REACH_TODAY: Record<number, ExpectedReach> = {
  101: { servedBy: [1], nearest: { party_service_station: [1, 0], workers_home: [2, D.b1s2], mothers_room: [2, D.b1s2] }, walkMinutes: 0, band: 5 },
  102: { servedBy: [], nearest: { party_service_station: [1, D.b2s1], workers_home: [2, D.b2s2], mothers_room: [2, D.b2s2] }, walkMinutes: 7.6, band: 10 },
  103: { servedBy: [1, 2], nearest: { party_service_station: [1, D.b3s1], workers_home: [2, D.b3s2], mothers_room: [2, D.b3s2] }, walkMinutes: 5.9, band: 10 },
  104: {
    servedBy: [3],
    nearest: { party_service_station: [1, D.b4s1], workers_home: [2, D.b4s2], mothers_room: [2, D.b4s2], party_service_point: [3, 0] },
    walkMinutes: 18.8,
    band: null,
  },
};
// On PAST S1 has not opened: only S2 (public) and S3 (B4 only).
const REACH_PAST: Record<number, ExpectedReach> = {
  101: { servedBy: [], nearest: { workers_home: [2, D.b1s2], mothers_room: [2, D.b1s2] }, walkMinutes: 10.5, band: 15 },
  102: { servedBy: [], nearest: { workers_home: [2, D.b2s2], mothers_room: [2, D.b2s2] }, walkMinutes: 9.0, band: 10 },
  103: { servedBy: [2], nearest: { workers_home: [2, D.b3s2], mothers_room: [2, D.b3s2] }, walkMinutes: 6.4, band: 10 },
  104: { servedBy: [3], nearest: { workers_home: [2, D.b4s2], mothers_room: [2, D.b4s2], party_service_point: [3, 0] }, walkMinutes: 18.8, band: null },
};

// ---------------------------------------------------------------------------------------------------
// Counts today (served: 101 by S1, 102 not, 103 by S1+S2, 104 by S3).
//  101: E1 (120, 8, own/own) + E2 (30, 2, joint/joint) + E3 (10, 0, instructor/none)
//       enterprises 3, employees 120+30+10 = 160, members 8+2+0 = 10
//       partyOrg (1+1)/3, standalone 1/3, work (1+1+1)/3, union (1+1)/3, served 160/160
//  102: E4 (60, 4, none/none); E5 deregistered → enterprises 1, employees 60, members 4
//       partyOrg 0/1, standalone 0/1, work 0/1, union 0/1, served 0/60
//  103: E6 (200, 120, instructor/joint) + E7 (80, 55, joint/none)
//       enterprises 2, employees 280, members 175; partyOrg (0+1)/2, standalone 0/2, work (0+1+1)/2, union (0+1)/2, served 280/280
//  104: E8 (0, 0, none/none) + E9 (25, 3, own/none) + E10 (24, 0, instructor/none)
//       enterprises 3, employees 49, members 3; partyOrg 1/3, standalone 1/3, work (1+0+1)/3, union 0/3, served 49/49
//  grid 1 = 101 + 102: 4 enterprises, 220 employees, 14 members; partyOrg 2/4, standalone 1/4, work 3/4, union 2/4, served (160+0)/220
//  grid 2 = 103 + 104: 5, 329, 178; partyOrg (1+1)/5, standalone (0+1)/5, work (2+2)/5, union (1+0)/5, served 329/329
//  bd 10  = 101 + 102 + 104: 7, 160+60+49 = 269, 10+4+3 = 17; partyOrg (2+0+1)/7, standalone (1+0+1)/7,
//           work (3+0+2)/7, union (2+0+0)/7, served (160+0+49)/269 = 209/269
//  street = district = grid 1 + grid 2: 9, 549, 192; partyOrg 4/9, standalone 2/9, work 7/9, union 3/9, served 489/549
// ---------------------------------------------------------------------------------------------------
const TODAY_FIGURES: Record<string, Figures> = {
  'building:101': { enterprises: 3, employees: 160, partyMembers: 10, partyOrg: [2, 3], standalone: [1, 3], work: [3, 3], union: [2, 3], workersServed: [160, 160] },
  'building:102': { enterprises: 1, employees: 60, partyMembers: 4, partyOrg: [0, 1], standalone: [0, 1], work: [0, 1], union: [0, 1], workersServed: [0, 60] },
  'building:103': { enterprises: 2, employees: 280, partyMembers: 175, partyOrg: [1, 2], standalone: [0, 2], work: [2, 2], union: [1, 2], workersServed: [280, 280] },
  'building:104': { enterprises: 3, employees: 49, partyMembers: 3, partyOrg: [1, 3], standalone: [1, 3], work: [2, 3], union: [0, 3], workersServed: [49, 49] },
  'grid:1': { enterprises: 4, employees: 220, partyMembers: 14, partyOrg: [2, 4], standalone: [1, 4], work: [3, 4], union: [2, 4], workersServed: [160, 220] },
  'grid:2': { enterprises: 5, employees: 329, partyMembers: 178, partyOrg: [2, 5], standalone: [1, 5], work: [4, 5], union: [1, 5], workersServed: [329, 329] },
  'businessDistrict:10': { enterprises: 7, employees: 269, partyMembers: 17, partyOrg: [3, 7], standalone: [2, 7], work: [5, 7], union: [2, 7], workersServed: [209, 269] },
  'street:S01': { enterprises: 9, employees: 549, partyMembers: 192, partyOrg: [4, 9], standalone: [2, 9], work: [7, 9], union: [3, 9], workersServed: [489, 549] },
  'district:D01': { enterprises: 9, employees: 549, partyMembers: 192, partyOrg: [4, 9], standalone: [2, 9], work: [7, 9], union: [3, 9], workersServed: [489, 549] },
  'city:all': { enterprises: 9, employees: 549, partyMembers: 192, partyOrg: [4, 9], standalone: [2, 9], work: [7, 9], union: [3, 9], workersServed: [489, 549] },
};

// ---------------------------------------------------------------------------------------------------
// Counts on PAST (served: 101 no, 102 no, 103 by S2, 104 by S3).
//  101: E1 (120, 8, own/own) + E2 (30, 2, instructor/joint); E3 not registered
//       2, 150, 10; partyOrg 1/2, standalone 1/2, work (1+0+1)/2, union (1+1)/2, served 0/150
//  102: E4 (60, 4, none/own) + E5 (5, 1, none/none): 2, 65, 5; partyOrg 0/2, standalone 0/2, work 0/2, union 1/2, served 0/65
//  103: E6 (200, 120, instructor/none) + E7 (80, 55, none/none): 2, 280, 175; partyOrg 0/2, standalone 0/2, work 1/2, union 0/2, served 280/280
//  104: as today (E8 registered on PAST, E10 assigned on PAST): 3, 49, 3; 1/3, 1/3, 2/3, 0/3, 49/49
//  grid 1: 4, 215, 15; partyOrg 1/4, standalone 1/4, work 2/4, union (2+1)/4, served 0/215
//  grid 2: 5, 329, 178; partyOrg 1/5, standalone 1/5, work (1+2)/5, union 0/5, served 329/329
//  bd 10 = 101 + 102 + 104: 7, 150+65+49 = 264, 10+5+3 = 18; partyOrg (1+0+1)/7, standalone 2/7, work (2+0+2)/7,
//          union (2+1+0)/7, served 49/264
//  street = district: 9, 544, 193; partyOrg 2/9, standalone 2/9, work 5/9, union 3/9, served 329/544
// ---------------------------------------------------------------------------------------------------
const PAST_FIGURES: Record<string, Figures> = {
  'building:101': { enterprises: 2, employees: 150, partyMembers: 10, partyOrg: [1, 2], standalone: [1, 2], work: [2, 2], union: [2, 2], workersServed: [0, 150] },
  'building:102': { enterprises: 2, employees: 65, partyMembers: 5, partyOrg: [0, 2], standalone: [0, 2], work: [0, 2], union: [1, 2], workersServed: [0, 65] },
  'building:103': { enterprises: 2, employees: 280, partyMembers: 175, partyOrg: [0, 2], standalone: [0, 2], work: [1, 2], union: [0, 2], workersServed: [280, 280] },
  'building:104': { enterprises: 3, employees: 49, partyMembers: 3, partyOrg: [1, 3], standalone: [1, 3], work: [2, 3], union: [0, 3], workersServed: [49, 49] },
  'grid:1': { enterprises: 4, employees: 215, partyMembers: 15, partyOrg: [1, 4], standalone: [1, 4], work: [2, 4], union: [3, 4], workersServed: [0, 215] },
  'grid:2': { enterprises: 5, employees: 329, partyMembers: 178, partyOrg: [1, 5], standalone: [1, 5], work: [3, 5], union: [0, 5], workersServed: [329, 329] },
  'businessDistrict:10': { enterprises: 7, employees: 264, partyMembers: 18, partyOrg: [2, 7], standalone: [2, 7], work: [4, 7], union: [3, 7], workersServed: [49, 264] },
  'street:S01': { enterprises: 9, employees: 544, partyMembers: 193, partyOrg: [2, 9], standalone: [2, 9], work: [5, 9], union: [3, 9], workersServed: [329, 544] },
  'district:D01': { enterprises: 9, employees: 544, partyMembers: 193, partyOrg: [2, 9], standalone: [2, 9], work: [5, 9], union: [3, 9], workersServed: [329, 544] },
  'city:all': { enterprises: 9, employees: 544, partyMembers: 193, partyOrg: [2, 9], standalone: [2, 9], work: [5, 9], union: [3, 9], workersServed: [329, 544] },
};

const NAMES: Record<string, string> = {
  'building:101': '甲楼', 'building:102': '乙楼', 'building:103': '丙楼', 'building:104': '丁楼',
  'grid:1': '网格一', 'grid:2': '网格二', 'businessDistrict:10': '商圈', 'street:S01': '示范街道', 'district:D01': '示范区', 'city:all': '全市',
};
const CHILDREN: Record<string, string[]> = {
  'building:101': [], 'building:102': [], 'building:103': [], 'building:104': [],
  'grid:1': ['building:101', 'building:102'],
  'grid:2': ['building:103', 'building:104'],
  'businessDistrict:10': ['building:101', 'building:102', 'building:104'],
  'street:S01': ['grid:1', 'grid:2'],
  'district:D01': ['street:S01'],
  'city:all': ['district:D01'],
};

function expectedSummary(key: string, figures: Record<string, Figures>): SummaryNode {
  const [level, id] = key.split(':') as [Level, string];
  const n = node(level, id, NAMES[key] as string, figures[key] as Figures);
  n.children = (CHILDREN[key] as string[]).map((k) => {
    const [l, i] = k.split(':') as [Level, string];
    return node(l, i, NAMES[k] as string, figures[k] as Figures);
  });
  return n;
}

const act = (code: ActionCode, enterprises: number, workers: number) => ({ code, label: ACTION_LABELS[code], enterprises, workers });
const gap = (rank: number, level: GapLevel, id: string, kind: GapKind, g: Omit<Gap, 'rank' | 'level' | 'id' | 'kind' | 'name' | 'streetCode' | 'suggestion' | 'reachReasons'> & Partial<Pick<Gap, 'reachReasons'>>): Gap => ({
  rank, level, id, name: NAMES[`${level}:${id}`] as string, streetCode: 'S01', kind, reachReasons: [], ...g, suggestion: g.actions[0] as Gap['suggestion'],
});
// The fixture has no roads: a reach gap's reason is the straight line, the nearest station's band in metres
// at 75 m/min (10 min → 750 m, 15 min → 1,125 m).
const straightReason = (minutes: number, enterprises: number): Gap['reachReasons'][number] => {
  const metres = minutes * 75;
  const en = metres.toLocaleString('en-US');
  return {
    code: 'beyond_reach_straight', minutes, metres, enterprises,
    label: { zh: `最近阵地在直线${metres}米内，但不在其服务范围（无路网，按直线估算）`, en: `Nearest station within ${en} m in a straight line, but beyond its service reach (no roads here: straight-line estimate)` },
  };
};

describe('coverage fixture: hand-computed figures', () => {
  const today = new CoverageModel(TERRITORY, DEFAULT_REACH_CONFIG, TODAY);
  const past = new CoverageModel(TERRITORY, DEFAULT_REACH_CONFIG, PAST);

  it('today is after every date in the fixture', () => {
    expect(TODAY > '2024-07-01').toBe(true);
  });

  it('has exactly the areas of the territory', () => {
    expect([...today.areas.keys()].sort()).toEqual(Object.keys(NAMES).sort());
  });

  for (const [label, asOf, figures] of [['today', () => today, TODAY_FIGURES], ['past', () => past, PAST_FIGURES]] as const) {
    describe(`summaries ${label}`, () => {
      for (const key of Object.keys(figures)) {
        it(key, () => {
          const [level, id] = key.split(':') as [Level, string];
          expect(asOf().summary(level, id)).toEqual(expectedSummary(key, figures));
        });
      }
    });
  }

  it('an enterprise in an unknown building counts nowhere', () => {
    expect(today.enterprises.has(11)).toBe(false);
    expect(today.summary('district', 'D01')?.employees).toBe(549);
  });

  it('an unknown area has no summary', () => {
    expect(today.summary('grid', '3')).toBeNull();
  });

  it('classifies each enterprise as in the table', () => {
    const cls = (m: CoverageModel) => Object.fromEntries([...m.enterprises.entries()].map(([id, s]) => [id, `${s.classified.operating ? 'op' : 'off'} ${s.classified.party}/${s.classified.union}`]));
    expect(cls(today)).toEqual({
      1: 'op own/own', 2: 'op joint/joint', 3: 'op instructor/none', 4: 'op none/none', 5: 'off none/none',
      6: 'op instructor/joint', 7: 'op joint/none', 8: 'op none/none', 9: 'op own/none', 10: 'op instructor/none',
    });
    expect(cls(past)).toEqual({
      1: 'op own/own', 2: 'op instructor/joint', 3: 'off none/none', 4: 'op none/own', 5: 'op none/none',
      6: 'op instructor/none', 7: 'op none/none', 8: 'op none/none', 9: 'op own/none', 10: 'op instructor/none',
    });
  });

  describe('reach', () => {
    it('distanceM matches the hand computation within 1 m', () => {
      const pos = (id: number) => BUILDINGS.find((b) => b.id === id) as BuildingFacts;
      const st = (id: number) => STATIONS.find((s) => s.id === id) as StationFacts;
      const d = (b: number, s: number) => distanceM(pos(b).lon, pos(b).lat, st(s).lon, st(s).lat);
      expect(d(101, 1)).toBe(0);
      expect(Math.abs(d(101, 2) - D.b1s2)).toBeLessThanOrEqual(1);
      expect(Math.abs(d(102, 1) - D.b2s1)).toBeLessThanOrEqual(1);
      expect(Math.abs(d(102, 2) - D.b2s2)).toBeLessThanOrEqual(1);
      expect(Math.abs(d(103, 1) - D.b3s1)).toBeLessThanOrEqual(1);
      expect(Math.abs(d(103, 2) - D.b3s2)).toBeLessThanOrEqual(1);
      expect(Math.abs(d(104, 1) - D.b4s1)).toBeLessThanOrEqual(1);
      expect(Math.abs(d(104, 2) - D.b4s2)).toBeLessThanOrEqual(1);
      // Symmetric.
      expect(distanceM(121.4545, 31.236, 121.45, 31.23)).toBe(d(101, 2));
    });

    for (const [label, m, expected] of [['today', () => today, REACH_TODAY], ['past', () => past, REACH_PAST]] as const) {
      it(`served-by, nearest station by type and walking band ${label}`, () => {
        expect([...m().reach.keys()].sort()).toEqual([101, 102, 103, 104]);
        for (const [id, e] of Object.entries(expected)) {
          const r = m().reach.get(Number(id));
          expect(r, `building ${id}`).toBeDefined();
          if (!r) continue;
          expect(r.servedBy, `building ${id} servedBy`).toEqual(e.servedBy);
          expect(r.served).toBe(e.servedBy.length > 0);
          const byType = nearestByType(r);
          expect(Object.keys(byType).sort(), `building ${id} types`).toEqual(Object.keys(e.nearest).sort());
          for (const [type, [stationId, metres]] of Object.entries(e.nearest)) {
            const n = byType[type as keyof typeof byType];
            expect(n?.stationId, `building ${id} ${type}`).toBe(stationId);
            expect(Math.abs((n?.distanceM ?? NaN) - metres), `building ${id} ${type} metres`).toBeLessThanOrEqual(1);
          }
          expect(r.walkMinutes, `building ${id} walk`).toBe(e.walkMinutes);
          expect(r.band, `building ${id} band`).toBe(e.band);
        }
      });
    }

    it('a station open to its building serves no other building, even one within its reach', () => {
      // S3 moved next to B2 (0.0001° east: 0.0001 × 95188.9 = 9.5 m away) but still belongs to B4: B2 stays unserved, B4 stays served.
      const moved = STATIONS.map((s) => (s.id === 3 ? { ...s, lon: 121.4561, lat: 31.23 } : s));
      const r = computeReach(BUILDINGS, moved, DEFAULT_REACH_CONFIG, TODAY);
      expect(r.get(102)?.servedBy).toEqual([]);
      expect(nearestOfType(r.get(102)!, 'party_service_point')).toBeUndefined();
      expect(r.get(104)?.servedBy).toEqual([3]);
      // A public S3 there would serve B2 (9.5 m < 300 m).
      const pub = moved.map((s) => (s.id === 3 ? { ...s, openTo: 'public' as const, buildingId: null } : s));
      expect(computeReach(BUILDINGS, pub, DEFAULT_REACH_CONFIG, TODAY).get(102)?.servedBy).toEqual([3]);
    });

    it('the nearest station is chosen on the exact distance, not the rounded one', () => {
      // Two workers' posts north of a building at 100.4 m (id 7, listed first) and 100.2 m (id 3): both round to 100.
      const b: BuildingFacts = { id: 1, name: 'b', streetCode: 'S01', gridId: null, businessDistrictId: null, lon: 121.45, lat: 31.23 };
      const post = (id: number, metresNorth: number): StationFacts => ({
        id, name: `P${id}`, type: 'workers_post', alsoTypes: [], openTo: 'public', reachM: null, buildingId: null, openedOn: null, lon: 121.45, lat: 31.23 + metresNorth / 110_574,
      });
      const near = nearestOfType(computeReach([b], [post(7, 100.4), post(3, 100.2)], DEFAULT_REACH_CONFIG, TODAY).get(1)!, 'workers_post');
      expect(near).toEqual({ stationId: 3, distanceM: 100 });
      // 100.6 (id 2, first) vs 100.45 (id 9): the nearer, id 9, whatever the order.
      for (const list of [[post(2, 100.6), post(9, 100.45)], [post(9, 100.45), post(2, 100.6)]]) {
        expect(nearestOfType(computeReach([b], list, DEFAULT_REACH_CONFIG, TODAY).get(1)!, 'workers_post')?.stationId).toBe(9);
      }
      // Equal distances: the lower id, whatever the order.
      for (const list of [[post(7, 100.3), post(3, 100.3)], [post(3, 100.3), post(7, 100.3)]]) {
        expect(nearestOfType(computeReach([b], list, DEFAULT_REACH_CONFIG, TODAY).get(1)!, 'workers_post')?.stationId).toBe(3);
      }
    });

    it('walking-band edges: exactly 5 minutes is band 5, 5.1 minutes band 10, beyond 15 minutes none', () => {
      const b: BuildingFacts = { id: 1, name: 'b', streetCode: 'S01', gridId: null, businessDistrictId: null, lon: 121.45, lat: 31.23 };
      const at = (metresNorth: number) =>
        computeReach([b], [{ id: 1, name: 'x', type: 'workers_post', alsoTypes: [], openTo: 'public', reachM: null, buildingId: null, openedOn: null, lon: 121.45, lat: 31.23 + metresNorth / 110_574 }], DEFAULT_REACH_CONFIG, TODAY).get(1);
      // 375 m / 75 = 5.0; 380 m / 75 = 5.07 → 5.1; 1125 m / 75 = 15.0; 1130 m / 75 = 15.07 → 15.1.
      expect(at(375)).toMatchObject({ walkMinutes: 5, band: 5 });
      expect(at(380)).toMatchObject({ walkMinutes: 5.1, band: 10 });
      expect(at(1125)).toMatchObject({ walkMinutes: 15, band: 15 });
      expect(at(1130)).toMatchObject({ walkMinutes: 15.1, band: null });
      // Reach edge of a 300 m post: 299.9 m served, 300.1 m not.
      expect(at(299.9)?.served).toBe(true);
      expect(at(300.1)?.served).toBe(false);
      // Beyond the 3,000 m search radius nothing is reported.
      expect(at(3001)).toMatchObject({ servedBy: [], served: false, walkMinutes: null, band: null, network: false });
      expect(nearestByType(at(3001)!)).toEqual({});
    });
  });

  describe('gap rankings today', () => {
    // Affected (operating, employees > 0):
    //  party (instructor or none): E3 (101, 10 workers, 0 members → assign_instructor, no_members),
    //        E4 (102, 60, 4 → form_party_branch, members_not_transferred), E6 (103, 200, 120 → form_party_committee,
    //        awaiting_approval), E10 (104, 24, 0 → assign_instructor, no_members). E8 has no employees.
    //  work (none): E4 only.
    //  union (none): E3 (10 < 25 → form_joint_union), E4 (60 → form_union), E7 (80 → form_union), E9 (25 → form_union),
    //        E10 (24 → form_joint_union). No reasons for union gaps.
    //  reach (building unserved): 102 → E4 (60); E5 is deregistered.
    const expected: Record<GapKind, Record<'building' | 'grid', Gap[]>> = {
      party: {
        building: [
          gap(1, 'building', '103', 'party', { workersAffected: 200, enterprisesAffected: 1, partyMembersAffected: 120, rate: R(1, 2), actions: [act('form_party_committee', 1, 200)], reasons: [{ reason: 'awaiting_approval', enterprises: 1 }] }),
          gap(2, 'building', '102', 'party', { workersAffected: 60, enterprisesAffected: 1, partyMembersAffected: 4, rate: R(0, 1), actions: [act('form_party_branch', 1, 60)], reasons: [{ reason: 'members_not_transferred', enterprises: 1 }] }),
          gap(3, 'building', '104', 'party', { workersAffected: 24, enterprisesAffected: 1, partyMembersAffected: 0, rate: R(1, 3), actions: [act('assign_instructor', 1, 24)], reasons: [{ reason: 'no_members', enterprises: 1 }] }),
          gap(4, 'building', '101', 'party', { workersAffected: 10, enterprisesAffected: 1, partyMembersAffected: 0, rate: R(2, 3), actions: [act('assign_instructor', 1, 10)], reasons: [{ reason: 'no_members', enterprises: 1 }] }),
        ],
        // grid 2: E6 + E10 = 224 workers, 120 members; grid 1: E3 + E4 = 70 workers, 4 members.
        grid: [
          gap(1, 'grid', '2', 'party', {
            workersAffected: 224, enterprisesAffected: 2, partyMembersAffected: 120, rate: R(2, 5),
            actions: [act('form_party_committee', 1, 200), act('assign_instructor', 1, 24)],
            reasons: [{ reason: 'awaiting_approval', enterprises: 1 }, { reason: 'no_members', enterprises: 1 }],
          }),
          gap(2, 'grid', '1', 'party', {
            workersAffected: 70, enterprisesAffected: 2, partyMembersAffected: 4, rate: R(2, 4),
            actions: [act('form_party_branch', 1, 60), act('assign_instructor', 1, 10)],
            reasons: [{ reason: 'members_not_transferred', enterprises: 1 }, { reason: 'no_members', enterprises: 1 }],
          }),
        ],
      },
      work: {
        building: [gap(1, 'building', '102', 'work', { workersAffected: 60, enterprisesAffected: 1, partyMembersAffected: 4, rate: R(0, 1), actions: [act('assign_instructor', 1, 60)], reasons: [{ reason: 'members_not_transferred', enterprises: 1 }] })],
        grid: [gap(1, 'grid', '1', 'work', { workersAffected: 60, enterprisesAffected: 1, partyMembersAffected: 4, rate: R(3, 4), actions: [act('assign_instructor', 1, 60)], reasons: [{ reason: 'members_not_transferred', enterprises: 1 }] })],
      },
      union: {
        // 103: E7 80; 102: E4 60; 104: E9 25 + E10 24 = 49; 101: E3 10.
        building: [
          gap(1, 'building', '103', 'union', { workersAffected: 80, enterprisesAffected: 1, partyMembersAffected: 55, rate: R(1, 2), actions: [act('form_union', 1, 80)], reasons: [] }),
          gap(2, 'building', '102', 'union', { workersAffected: 60, enterprisesAffected: 1, partyMembersAffected: 4, rate: R(0, 1), actions: [act('form_union', 1, 60)], reasons: [] }),
          gap(3, 'building', '104', 'union', { workersAffected: 49, enterprisesAffected: 2, partyMembersAffected: 3, rate: R(0, 3), actions: [act('form_union', 1, 25), act('form_joint_union', 1, 24)], reasons: [] }),
          gap(4, 'building', '101', 'union', { workersAffected: 10, enterprisesAffected: 1, partyMembersAffected: 0, rate: R(2, 3), actions: [act('form_joint_union', 1, 10)], reasons: [] }),
        ],
        // grid 2: E7 80 + E9 25 + E10 24 = 129 (form_union 2 / 105, joint 1 / 24), members 55+3+0 = 58;
        // grid 1: E3 10 + E4 60 = 70 (form_union 1 / 60, joint 1 / 10), members 4.
        grid: [
          gap(1, 'grid', '2', 'union', { workersAffected: 129, enterprisesAffected: 3, partyMembersAffected: 58, rate: R(1, 5), actions: [act('form_union', 2, 105), act('form_joint_union', 1, 24)], reasons: [] }),
          gap(2, 'grid', '1', 'union', { workersAffected: 70, enterprisesAffected: 2, partyMembersAffected: 4, rate: R(2, 4), actions: [act('form_union', 1, 60), act('form_joint_union', 1, 10)], reasons: [] }),
        ],
      },
      reach: {
        // 102 walks 7.6 min (straight line) to S1: within 10 minutes, beyond S1's 500 m.
        building: [gap(1, 'building', '102', 'reach', { workersAffected: 60, enterprisesAffected: 1, partyMembersAffected: 4, rate: R(0, 60), actions: [act('set_up_station', 1, 60)], reasons: [], reachReasons: [straightReason(10, 1)] })],
        grid: [gap(1, 'grid', '1', 'reach', { workersAffected: 60, enterprisesAffected: 1, partyMembersAffected: 4, rate: R(160, 220), actions: [act('set_up_station', 1, 60)], reasons: [], reachReasons: [straightReason(10, 1)] })],
      },
    };

    for (const kind of ['party', 'work', 'union', 'reach'] as const) {
      for (const level of ['building', 'grid'] as const) {
        it(`${kind} by ${level}`, () => {
          expect(rankGaps(today, level, kind, { limit: 100 })).toEqual(expected[kind][level]);
          expect(rankGaps(today, level, kind, { limit: 100, streetCode: 'S01' })).toEqual(expected[kind][level]);
        });
      }
    }

    it('limit keeps the top ranks; another street has no gaps', () => {
      expect(rankGaps(today, 'building', 'party', { limit: 2 })).toEqual(expected.party.building.slice(0, 2));
      expect(rankGaps(today, 'building', 'party', { limit: 0 })).toEqual([]);
      expect(rankGaps(today, 'grid', 'union', { limit: 10, streetCode: 'S99' })).toEqual([]);
    });

    it('business districts: building 103 (E6, E7) is outside, so only E3, E4, E10 are party gaps there', () => {
      // 10 + 60 + 24 = 94 workers, 0 + 4 + 0 = 4 members; actions form_party_branch 60, assign_instructor 2 / 34.
      // Reasons: no_members ×2 (E3, E10), members_not_transferred ×1.
      expect(rankGaps(today, 'businessDistrict', 'party', { limit: 10 })).toEqual([
        {
          rank: 1, level: 'businessDistrict', id: '10', name: '商圈', streetCode: 'S01', kind: 'party',
          workersAffected: 94, enterprisesAffected: 3, partyMembersAffected: 4, rate: R(3, 7),
          suggestion: act('form_party_branch', 1, 60),
          actions: [act('form_party_branch', 1, 60), act('assign_instructor', 2, 34)],
          reasons: [{ reason: 'no_members', enterprises: 2 }, { reason: 'members_not_transferred', enterprises: 1 }],
          reachReasons: [],
        },
      ]);
    });
  });

  describe('gap rankings in the past', () => {
    it('reach: 101 (E1 120 + E2 30) and 102 (E4 60 + E5 5) are unserved before S1 opened', () => {
      expect(rankGaps(past, 'building', 'reach', { limit: 10 })).toEqual([
        // 101 walks 10.5 min to S2 (band 15), 102 9.0 min (band 10): both beyond S2's 500 m.
        gap(1, 'building', '101', 'reach', { workersAffected: 150, enterprisesAffected: 2, partyMembersAffected: 10, rate: R(0, 150), actions: [act('set_up_station', 2, 150)], reasons: [], reachReasons: [straightReason(15, 2)] }),
        gap(2, 'building', '102', 'reach', { workersAffected: 65, enterprisesAffected: 2, partyMembersAffected: 5, rate: R(0, 65), actions: [act('set_up_station', 2, 65)], reasons: [], reachReasons: [straightReason(10, 2)] }),
      ]);
      expect(rankGaps(past, 'grid', 'reach', { limit: 10 })).toEqual([
        gap(1, 'grid', '1', 'reach', { workersAffected: 215, enterprisesAffected: 4, partyMembersAffected: 15, rate: R(0, 215), actions: [act('set_up_station', 4, 215)], reasons: [], reachReasons: [straightReason(10, 2), straightReason(15, 2)] }),
      ]);
    });

    it('work: E4 (60), E5 (5, too_small) and E7 (80, no reason) have no party coverage at all', () => {
      // grid 2: E7 80 workers, 55 members; grid 1: E4 60 + E5 5 = 65 workers, 4 + 1 = 5 members.
      expect(rankGaps(past, 'grid', 'work', { limit: 10 })).toEqual([
        gap(1, 'grid', '2', 'work', { workersAffected: 80, enterprisesAffected: 1, partyMembersAffected: 55, rate: R(3, 5), actions: [act('assign_instructor', 1, 80)], reasons: [] }),
        gap(2, 'grid', '1', 'work', {
          workersAffected: 65, enterprisesAffected: 2, partyMembersAffected: 5, rate: R(2, 4), actions: [act('assign_instructor', 2, 65)],
          reasons: [{ reason: 'members_not_transferred', enterprises: 1 }, { reason: 'too_small', enterprises: 1 }],
        }),
      ]);
    });
  });

  it('a business district reaching into another street keeps its own street on its gaps, whatever the order of enterprises', () => {
    // Building 105 lies in street S02 but inside business district 10 (street S01); its enterprise E12 (50 workers, no
    // coverage) comes first, then the enterprises of 101, 102, 104 as above.
    const b105: BuildingFacts = { id: 105, name: '戊楼', streetCode: 'S02', gridId: null, businessDistrictId: 10, lon: 121.44, lat: 31.22 };
    const e12 = ent(12, 105, 50, 0, '2010-01-01');
    const t: Territory = {
      ...TERRITORY,
      streets: [...TERRITORY.streets, { code: 'S02', name: '邻街道', districtCode: 'D01' }],
      buildings: [...BUILDINGS, b105],
      enterprises: [e12, ...ENTERPRISES],
    };
    const m = new CoverageModel(t, DEFAULT_REACH_CONFIG, TODAY);
    const codes = () => rankGaps(m, 'businessDistrict', 'union', { limit: 10 }).map((g) => [g.id, g.streetCode]);
    expect(codes()).toEqual([['10', 'S01']]);
    // Re-saving E12 moves it to the end of the model's enterprises: the answer must not change.
    m.upsertEnterprise(e12);
    expect(codes()).toEqual([['10', 'S01']]);
    // A building's gap carries the building's street.
    expect(rankGaps(m, 'building', 'union', { limit: 10, streetCode: 'S02' }).map((g) => [g.id, g.streetCode])).toEqual([['105', 'S02']]);
  });

  it('labels of the suggested actions', () => {
    expect(ACTION_LABELS.form_party_committee.zh).toBe('成立党委');
    expect(ACTION_LABELS.set_up_station.zh).toBe('新建党群服务点');
  });
});
