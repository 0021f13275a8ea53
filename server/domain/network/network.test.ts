// The walking graph and network reach, on hand-made roads whose every distance is worked out by hand, and
// properties on random street grids: a walk is never shorter than the straight line, Dijkstra agrees with an
// exhaustive search, and an incremental road edit gives the reach a full rebuild gives.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Position } from 'geojson';
import { buildWalkGraph, snapToGraph, type RoadLine } from './graph.js';
import { walkDistances } from './dijkstra.js';
import { NetworkReach } from './network-reach.js';
import { CoverageModel, type Territory } from '../coverage/model.js';
import { computeReach, DEFAULT_REACH_CONFIG, distanceM, nearestOfType } from '../coverage/reach.js';
import type { BuildingFacts, EnterpriseFacts, StationFacts } from '../coverage/types.js';

// A local frame in metres about (121.45, 31.23): x east, y north.
const LON0 = 121.45;
const LAT0 = 31.23;
const M_LAT = 110_574;
const M_LON = 111_320 * Math.cos((LAT0 * Math.PI) / 180);
const at = (x: number, y: number): Position => [LON0 + x / M_LON, LAT0 + y / M_LAT];
const road = (id: number, pts: [number, number][], barrier = false): RoadLine => ({ id, barrier, lines: [pts.map(([x, y]) => at(x, y))] });

const station = (id: number, x: number, y: number, type = 'workers_post'): StationFacts => {
  const [lon, lat] = at(x, y) as [number, number];
  return { id, name: `S${id}`, type, alsoTypes: [], openTo: 'public', reachM: null, buildingId: null, openedOn: null, lon, lat };
};
const building = (id: number, x: number, y: number): BuildingFacts => {
  const [lon, lat] = at(x, y) as [number, number];
  return { id, name: `B${id}`, streetCode: 'S01', gridId: 1, businessDistrictId: null, lon, lat };
};
const enterprise = (id: number, buildingId: number, employees: number): EnterpriseFacts => ({
  id, buildingId, employees, partyMembers: 0, registeredOn: '2020-01-01', deregisteredOn: null, noOrgReason: null, links: [], assignments: [],
});
const TODAY = '2026-06-30';

// ---------------------------------------------------------------------------------------------------
// The river with one bridge. A river runs east-west between y = 0 and y = 150. The south bank road runs
// along y = -10, the north bank road along y = 160, from x = -1500 to x = 1500; the only bridge is at
// x = 1000 (from (1000, -10) to (1000, 160)). A 职工驿站 (workers_post, 300 m reach) stands at (0, -30), a
// building at (0, 170): 200 m apart in straight line.
//   straight line: 200 m → served (≤ 300 m), 2.7 min at 75 m/min → the 5-minute band.
//   on foot: 20 (to the road) + 1000 (to the bridge) + 170 (across) + 1000 (back) + 10 (to the door) = 2200 m
//            → not served, 29.3 min → in no band.
// ---------------------------------------------------------------------------------------------------
const RIVER_ROADS: RoadLine[] = [road(1, [[-1500, -10], [1500, -10]]), road(2, [[-1500, 160], [1500, 160]]), road(3, [[1000, -10], [1000, 160]])];
const POST = station(1, 0, -30);
const HOUSE = building(10, 0, 170);
const territory = (roads: RoadLine[] | undefined): Territory => ({
  districts: [{ code: 'D01', name: 'D' }],
  streets: [{ code: 'S01', name: 'S', districtCode: 'D01' }],
  grids: [{ id: 1, name: 'G', streetCode: 'S01' }],
  businessDistricts: [],
  buildings: [HOUSE],
  enterprises: [enterprise(100, 10, 50)],
  stations: [POST],
  ...(roads ? { roads } : {}),
});

describe('the river with one bridge', () => {
  it('straight line says served in the 5-minute band', () => {
    expect(distanceM(POST.lon, POST.lat, HOUSE.lon, HOUSE.lat)).toBeCloseTo(200, 0);
    const r = computeReach([HOUSE], [POST], DEFAULT_REACH_CONFIG, TODAY).get(10);
    expect(r).toMatchObject({ served: true, servedBy: [1], band: 5, network: false });
  });

  it('the network says 2,200 m round by the bridge: not served, in no band', () => {
    const net = new NetworkReach(RIVER_ROADS, DEFAULT_REACH_CONFIG.searchRadiusM);
    expect(net.walkM(POST, HOUSE)).toBeCloseTo(2200, 0);
    const r = computeReach([HOUSE], [POST], DEFAULT_REACH_CONFIG, TODAY, net).get(10);
    expect(r).toMatchObject({ served: false, servedBy: [], band: null, network: true });
    expect(r?.walkMinutes).toBeCloseTo(2200 / 75, 1);
    expect(nearestOfType(r!, 'workers_post')?.distanceM).toBe(2200);
  });

  it('the product (the coverage model) says not served, and counts the 50 workers as unserved', () => {
    const withRoads = new CoverageModel(territory(RIVER_ROADS), DEFAULT_REACH_CONFIG, TODAY);
    expect(withRoads.reach.get(10)?.served).toBe(false);
    expect(withRoads.summary('street', 'S01')?.rates.workersServed).toMatchObject({ numerator: 0, denominator: 50 });
    const withoutRoads = new CoverageModel(territory(undefined), DEFAULT_REACH_CONFIG, TODAY);
    expect(withoutRoads.summary('street', 'S01')?.rates.workersServed).toMatchObject({ numerator: 50, denominator: 50 });
  });

  it('a second bridge next to them, added as a road edit, serves the building incrementally as a rebuild would', () => {
    const m = new CoverageModel(territory(RIVER_ROADS), DEFAULT_REACH_CONFIG, TODAY);
    const bridged = [...RIVER_ROADS, road(4, [[40, -10], [40, 160]])];
    m.setRoads(bridged);
    // 20 + 40 + 170 + 40 + 10 = 280 m: within the 300 m reach.
    expect(m.network.walkM(POST, HOUSE)).toBeCloseTo(280, 1);
    expect(m.reach.get(10)?.served).toBe(true);
    const fresh = new CoverageModel(territory(bridged), DEFAULT_REACH_CONFIG, TODAY);
    expect(m.reach.get(10)).toEqual(fresh.reach.get(10));
    expect(m.summary('street', 'S01')).toEqual(fresh.summary('street', 'S01'));
    expect(m.reach.get(10)?.band).toBe(5);
  });
});

describe('the walking graph', () => {
  it('nodes roads where they cross between vertices, and where one ends on (or 0.5 m short of) another', () => {
    const g = buildWalkGraph([road(1, [[0, 0], [200, 0]]), road(2, [[100, -100], [100, 100]]), road(3, [[150, 80], [150, 0.5]])]);
    // Nodes: 4 ends of roads 1 and 2, the crossing (100, 0), road 3's top and its foot moved onto road 1.
    expect(g.nodeCount).toBe(7);
    // Edges: road 1 cut twice (3), road 2 cut once (2), road 3 (1).
    expect(g.edgeA.length).toBe(6);
    const from = snapToGraph(g, ...(at(0, 0) as [number, number]), 5)!;
    const d = walkDistances(g, [{ node: g.edgeA[from.edge]!, startM: 0 }], 1e9);
    const nodeAt = (x: number, y: number) => [...Array(g.nodeCount).keys()].find((n) => distanceM(g.lon[n]!, g.lat[n]!, ...(at(x, y) as [number, number])) < 1)!;
    expect(d.get(nodeAt(100, 100))).toBeCloseTo(200, 1);
    expect(d.get(nodeAt(150, 80))).toBeCloseTo(230, 0);
  });

  it('never walks on a barrier nor turns where a street passes under one', () => {
    // An elevated road (barrier) along y = 0, a street crossing it at x = 0 and another along y = 1 m.
    const g = buildWalkGraph([road(1, [[-500, 0], [500, 0]], true), road(2, [[0, -300], [0, 300]])]);
    expect(g.edgeA.length).toBe(1);
    expect(snapToGraph(g, ...(at(-400, 0) as [number, number]), 250)).toBeNull();
  });

  it('gives no graph for barriers alone, and reach is straight-line there', () => {
    const net = new NetworkReach([road(1, [[-500, 0], [500, 0]], true)], 3000);
    expect(net.walkGraph).toBeNull();
    expect(net.walkM(POST, HOUSE)).toBeNull();
  });
});

// Random street grids: rows and columns of streets at random spacing, some segments missing, a few barriers.
const gridArb = fc.record({
  cols: fc.integer({ min: 2, max: 6 }),
  rows: fc.integer({ min: 2, max: 6 }),
  spacing: fc.integer({ min: 60, max: 300 }),
  drop: fc.array(fc.boolean(), { minLength: 72, maxLength: 72 }),
  barrier: fc.integer({ min: 0, max: 11 }),
  s: fc.tuple(fc.double({ min: -100, max: 1000, noNaN: true }), fc.double({ min: -100, max: 1000, noNaN: true })),
  b: fc.tuple(fc.double({ min: -100, max: 1000, noNaN: true }), fc.double({ min: -100, max: 1000, noNaN: true })),
});
function gridRoads(p: { cols: number; rows: number; spacing: number; drop: boolean[]; barrier: number }): RoadLine[] {
  const out: RoadLine[] = [];
  let id = 0;
  const add = (a: [number, number], b: [number, number]) => {
    id++;
    if (!p.drop[id % 72]) out.push(road(id, [a, b], id % 12 === p.barrier));
  };
  const s = p.spacing;
  for (let c = 0; c <= p.cols; c++) for (let r = 0; r < p.rows; r++) add([c * s, r * s], [c * s, (r + 1) * s]);
  for (let r = 0; r <= p.rows; r++) for (let c = 0; c < p.cols; c++) add([c * s, r * s], [(c + 1) * s, r * s]);
  return out;
}

describe('network reach: properties', () => {
  it('a walk is never shorter than the straight line between its ends', () => {
    fc.assert(
      fc.property(gridArb, (p) => {
        const net = new NetworkReach(gridRoads(p), 5000);
        const s = station(1, ...p.s);
        const b = building(2, ...p.b);
        const w = net.walkM(s, b);
        if (w === null || !Number.isFinite(w)) return;
        expect(w).toBeGreaterThanOrEqual(distanceM(s.lon, s.lat, b.lon, b.lat) - 1e-6);
      }),
      { numRuns: 150 },
    );
  });

  it("Dijkstra's distances equal an exhaustive relaxation (Bellman-Ford) on every node", () => {
    fc.assert(
      fc.property(gridArb, fc.integer({ min: 0, max: 1000 }), (p, cutoff) => {
        const g = buildWalkGraph(gridRoads(p));
        if (g.nodeCount === 0) return;
        const d = walkDistances(g, [{ node: 0, startM: 0 }], cutoff);
        const bf = new Float64Array(g.nodeCount).fill(Infinity);
        bf[0] = 0;
        for (let k = 0; k < g.nodeCount; k++) {
          for (let e = 0; e < g.edgeA.length; e++) {
            const a = g.edgeA[e]!, b = g.edgeB[e]!, l = g.edgeLen[e]!;
            if (bf[a]! + l < bf[b]!) bf[b] = bf[a]! + l;
            if (bf[b]! + l < bf[a]!) bf[a] = bf[b]! + l;
          }
        }
        for (let n = 0; n < g.nodeCount; n++) {
          if (bf[n]! <= cutoff) expect(d.get(n)).toBeCloseTo(bf[n]!, 6);
          else expect(d.has(n)).toBe(false);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('removing a road and putting it back (incremental) gives the reach of a model built from scratch', () => {
    fc.assert(
      fc.property(gridArb, fc.integer({ min: 0, max: 60 }), (p, pick) => {
        const roads = gridRoads(p);
        if (!roads.length) return;
        const cut = roads.filter((_, i) => i !== pick % roads.length);
        const t = (rs: RoadLine[]): Territory => ({ ...territory(rs), buildings: [building(10, ...p.b), building(11, ...p.s)], stations: [station(1, 0, 0), station(2, p.spacing * p.cols, p.spacing * p.rows, 'party_service_centre')], enterprises: [enterprise(100, 10, 5), enterprise(101, 11, 7)] });
        const m = new CoverageModel(t(roads), DEFAULT_REACH_CONFIG, TODAY);
        m.setRoads(cut);
        const fresh = new CoverageModel(t(cut), DEFAULT_REACH_CONFIG, TODAY);
        expect([...m.reach.entries()]).toEqual([...fresh.reach.entries()]);
        expect(m.summary('street', 'S01')).toEqual(fresh.summary('street', 'S01'));
      }),
      { numRuns: 60 },
    );
  });
});
