// Walking bands and reach reasons on hand-made places whose distances are worked out by hand, and a road edit
// (the only bridge removed) applied incrementally: the building across the river becomes unserved, its reason
// names the walk, and only the stations near the bridge walk again.
import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { CoverageModel, type Territory } from './model.js';
import { areaBands, stationBandsIn } from './bands.js';
import { reachReasonOf } from './reach-reasons.js';
import { rankGaps } from './gaps.js';
import { DEFAULT_REACH_CONFIG } from './reach.js';
import type { BuildingFacts, EnterpriseFacts, StationFacts } from './types.js';
import type { RoadLine } from '../network/graph.js';

// A local frame in metres about (121.45, 31.23): x east, y north (as in network.test.ts).
const LON0 = 121.45;
const LAT0 = 31.23;
const M_LAT = 110_574;
const M_LON = 111_320 * Math.cos((LAT0 * Math.PI) / 180);
const at = (x: number, y: number): Position => [LON0 + x / M_LON, LAT0 + y / M_LAT];
const road = (id: number, pts: [number, number][]): RoadLine => ({ id, barrier: false, lines: [pts.map(([x, y]) => at(x, y))] });
const station = (id: number, x: number, y: number): StationFacts => {
  const [lon, lat] = at(x, y) as [number, number];
  return { id, name: `S${id}`, type: 'workers_post', alsoTypes: [], openTo: 'public', reachM: null, buildingId: null, openedOn: null, lon, lat };
};
const building = (id: number, x: number, y: number): BuildingFacts => {
  const [lon, lat] = at(x, y) as [number, number];
  return { id, name: `B${id}`, streetCode: 'S01', gridId: 1, businessDistrictId: null, lon, lat };
};
const enterprise = (id: number, buildingId: number, employees: number): EnterpriseFacts => ({
  id, buildingId, employees, partyMembers: 0, registeredOn: '2020-01-01', deregisteredOn: null, noOrgReason: null, links: [], assignments: [],
});
const TODAY = '2026-06-30';
const territory = (buildings: BuildingFacts[], stations: StationFacts[], enterprises: EnterpriseFacts[], roads?: RoadLine[]): Territory => ({
  districts: [{ code: 'D01', name: 'D' }],
  streets: [{ code: 'S01', name: 'S', districtCode: 'D01' }],
  grids: [{ id: 1, name: 'G', streetCode: 'S01' }],
  businessDistricts: [],
  buildings, enterprises, stations,
  ...(roads ? { roads } : {}),
});

describe('walking bands, straight line (no roads)', () => {
  // One post at the origin; buildings due east at 200, 600, 1,000 and 2,000 m with 10, 20, 30 and 40 workers.
  // At 75 m/min: 2.7, 8.0, 13.3 and 26.7 minutes → within 5: B1; within 10: B1, B2; within 15: B1–B3.
  const m = new CoverageModel(
    territory([building(1, 200, 0), building(2, 600, 0), building(3, 1000, 0), building(4, 2000, 0)], [station(1, 0, 0)], [enterprise(1, 1, 10), enterprise(2, 2, 20), enterprise(3, 3, 30), enterprise(4, 4, 40)]),
    DEFAULT_REACH_CONFIG, TODAY,
  );

  it("counts an area's buildings and workers within each band, and the rest as unserved", () => {
    expect(areaBands(m, 'street:S01', DEFAULT_REACH_CONFIG)).toEqual({
      speedKmh: 4.5, buildings: 4, workers: 100, straightBuildings: 4, straightWorkers: 100,
      bands: [
        { minutes: 5, metres: 375, buildings: 1, workers: 10, buildingsUnserved: 3, workersUnserved: 90 },
        { minutes: 10, metres: 750, buildings: 2, workers: 30, buildingsUnserved: 2, workersUnserved: 70 },
        { minutes: 15, metres: 1125, buildings: 3, workers: 60, buildingsUnserved: 1, workersUnserved: 40 },
      ],
    });
    // The grid holds the same buildings; a building is an area of one.
    expect(areaBands(m, 'grid:1', DEFAULT_REACH_CONFIG)).toEqual(areaBands(m, 'street:S01', DEFAULT_REACH_CONFIG));
    expect(areaBands(m, 'building:3', DEFAULT_REACH_CONFIG)?.bands.map((b) => b.workers)).toEqual([0, 0, 30]);
    expect(areaBands(m, 'street:nowhere', DEFAULT_REACH_CONFIG)).toBeNull();
  });

  it("counts a station's own bands over the buildings within its widest band in straight line", () => {
    const s = stationBandsIn(m, station(1, 0, 0), DEFAULT_REACH_CONFIG, m.network);
    // B4 (2,000 m) is beyond 1,125 m in straight line: not among the station's buildings at all.
    expect(s).toMatchObject({ stationId: 1, network: false, buildings: 3, workers: 60, straightBuildings: 3 });
    expect(s.bands.map((b) => [b.minutes, b.buildings, b.workers, b.workersUnserved])).toEqual([[5, 1, 10, 50], [10, 2, 30, 30], [15, 3, 60, 0]]);
  });

  it('names the straight-line distance as the reason of a reach gap', () => {
    // B3 walks 13.3 min to a 300 m post: within 15 minutes, beyond its reach. B4: no station within 1,125 m.
    const gaps = rankGaps(m, 'building', 'reach', { limit: 10 });
    expect(gaps.map((g) => [g.id, g.reachReasons.map((r) => [r.code, r.minutes, r.metres, r.enterprises])])).toEqual([
      ['4', [['no_station_straight', 15, 1125, 1]]],
      ['3', [['beyond_reach_straight', 15, 1125, 1]]],
      ['2', [['beyond_reach_straight', 10, 750, 1]]],
    ]);
    expect(gaps[0]?.reachReasons[0]?.label).toEqual({ zh: '直线1125米内无党群服务阵地（无路网，按直线估算）', en: 'No station within 1,125 m in a straight line (no roads here: straight-line estimate)' });
  });
});

// ---------------------------------------------------------------------------------------------------
// The river with one bridge (network.test.ts): the south bank road along y = -10, the north bank road along
// y = 160, from x = -1500 to 1500; the only bridge at x = 40. A post at (0, -30), a building B10 at (0, 170),
// 200 m away in straight line; on foot 20 + 40 + 170 + 40 + 10 = 280 m ≤ 300 m: served, 3.7 min.
// A second post far away (6 km east, on its own road) is nowhere near the bridge.
// ---------------------------------------------------------------------------------------------------
const BRIDGE = road(3, [[40, -10], [40, 160]]);
const RIVER: RoadLine[] = [road(1, [[-1500, -10], [1500, -10]]), road(2, [[-1500, 160], [1500, 160]]), BRIDGE, road(4, [[5500, 0], [6500, 0]])];
const riverTerritory = (roads: RoadLine[]) =>
  territory([building(10, 0, 170), building(11, 6000, 20)], [station(1, 0, -30), station(2, 6000, -20)], [enterprise(100, 10, 50), enterprise(101, 11, 5)], roads);

describe('the only bridge removed (a road edit, applied incrementally)', () => {
  it('serves B10 on foot by the bridge, in the 5-minute band', () => {
    const m = new CoverageModel(riverTerritory(RIVER), DEFAULT_REACH_CONFIG, TODAY);
    expect(m.reach.get(10)).toMatchObject({ served: true, band: 5, network: true });
    expect(m.reach.get(10)?.walkMinutes).toBeCloseTo(280 / 75, 1);
    expect(areaBands(m, 'building:10', DEFAULT_REACH_CONFIG)?.bands[0]).toMatchObject({ minutes: 5, workers: 50 });
    const own = stationBandsIn(m, m.stationById(1) as StationFacts, DEFAULT_REACH_CONFIG, m.network);
    expect(own).toMatchObject({ network: true, straightBuildings: 0 });
    expect(own.bands.map((b) => b.workers)).toEqual([50, 50, 50]);
  });

  it('makes B10 unserved without a rebuild, as a rebuild would, and re-walks only the station near the bridge', () => {
    const m = new CoverageModel(riverTerritory(RIVER), DEFAULT_REACH_CONFIG, TODAY);
    expect(m.network.walksDone).toBe(2);
    expect(m.summary('street', 'S01')?.rates.workersServed).toMatchObject({ numerator: 55, denominator: 55 });
    const cut = RIVER.filter((r) => r.id !== BRIDGE.id);
    m.setRoads(cut);
    expect(m.reach.get(10)).toMatchObject({ served: false, band: null, walkMinutes: null, network: true });
    expect(m.summary('street', 'S01')?.rates.workersServed).toMatchObject({ numerator: 5, denominator: 55 });
    // S1 walked again (near the bridge); S2's walk carried over to the new graph.
    expect(m.network.walksDone).toBe(3);
    expect(m.network.walkM(m.stationById(2) as StationFacts, m.buildings.get(11) as BuildingFacts)).toBeCloseTo(40, 1);
    expect(m.network.walksDone).toBe(3);
    const fresh = new CoverageModel(riverTerritory(cut), DEFAULT_REACH_CONFIG, TODAY);
    expect([...m.reach.entries()]).toEqual([...fresh.reach.entries()]);
    expect(m.summary('street', 'S01')).toEqual(fresh.summary('street', 'S01'));
    // The gap's reason names walking time, from the configured bands.
    const [gap] = rankGaps(m, 'building', 'reach', { limit: 5 });
    expect(gap?.reachReasons).toEqual([{ code: 'no_station_walk', minutes: 15, metres: null, enterprises: 1, label: { zh: '步行15分钟内无党群服务阵地', en: "No station within 15 minutes' walk" } }]);
    const cfg = { ...DEFAULT_REACH_CONFIG, bandsMinutes: [5, 10, 20] };
    expect(rankGaps(m, 'building', 'reach', { limit: 5 }, cfg)[0]?.reachReasons[0]?.label.zh).toBe('步行20分钟内无党群服务阵地');
  });

  it('puts the bridge back: served again, as a rebuild says', () => {
    const m = new CoverageModel(riverTerritory(RIVER.filter((r) => r.id !== BRIDGE.id)), DEFAULT_REACH_CONFIG, TODAY);
    expect(m.reach.get(10)?.served).toBe(false);
    m.setRoads(RIVER);
    expect(m.reach.get(10)?.served).toBe(true);
    expect([...m.reach.entries()]).toEqual([...new CoverageModel(riverTerritory(RIVER), DEFAULT_REACH_CONFIG, TODAY).reach.entries()]);
  });
});

describe('reach reasons', () => {
  const cfg = DEFAULT_REACH_CONFIG;
  it('on the network: walking minutes; within a band but beyond reach names the band', () => {
    expect(reachReasonOf({ walkMinutes: 7.2, band: 10, network: true }, cfg)).toMatchObject({ code: 'beyond_reach_walk', minutes: 10, metres: null, label: { zh: '最近阵地在步行10分钟内，但不在其服务范围' } });
    expect(reachReasonOf({ walkMinutes: 15.1, band: null, network: true }, cfg)).toMatchObject({ code: 'no_station_walk', minutes: 15 });
  });
  it('off the network (or no reach known): the straight line', () => {
    expect(reachReasonOf(undefined, cfg)).toMatchObject({ code: 'no_station_straight', minutes: 15, metres: 1125 });
    expect(reachReasonOf({ walkMinutes: 4, band: 5, network: false }, { ...cfg, walkingSpeedKmh: 6 })).toMatchObject({ code: 'beyond_reach_straight', minutes: 5, metres: 500 });
  });
});
