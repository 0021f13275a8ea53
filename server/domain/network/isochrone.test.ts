// Walking bands as areas: the river with one bridge cuts the 5-minute band where its circle would reach over;
// at every sample the drawn band agrees with the counted one (computeReach's walk to the nearest station); bands
// of several stations merge into one outline; without roads a band is the straight-line circle.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Position } from 'geojson';
import { NetworkReach } from './network-reach.js';
import { isochroneBands, walkField, type IsochroneInput } from './isochrone.js';
import { contour, signedArea, inRing } from './contour.js';
import { MAX_JOIN_M } from './walk.js';
import type { RoadLine } from './graph.js';
import { computeReach, DEFAULT_REACH_CONFIG, distanceM, nearestOfType } from '../coverage/reach.js';
import type { BuildingFacts, StationFacts } from '../coverage/types.js';

const LON0 = 121.45;
const LAT0 = 31.23;
const M_LAT = 110_574;
const M_LON = 111_320 * Math.cos((LAT0 * Math.PI) / 180);
const at = (x: number, y: number): [number, number] => [LON0 + x / M_LON, LAT0 + y / M_LAT];
const road = (id: number, pts: [number, number][], barrier = false): RoadLine => ({ id, barrier, lines: [pts.map(([x, y]) => at(x, y))] });
const station = (id: number, x: number, y: number): StationFacts => {
  const [lon, lat] = at(x, y);
  return { id, name: `S${id}`, type: 'workers_post', alsoTypes: [], openTo: 'public', reachM: null, buildingId: null, openedOn: null, lon, lat };
};
const building = (id: number, lon: number, lat: number): BuildingFacts => ({ id, name: `B${id}`, streetCode: 'S01', gridId: 1, businessDistrictId: null, lon, lat });
const box = (x0: number, y0: number, x1: number, y1: number): [number, number, number, number] => [...at(x0, y0), ...at(x1, y1)];

/** Whether a point is inside a MultiPolygon (outer ring and not in a hole of the same polygon). */
function inside(polygons: Position[][][], [lon, lat]: [number, number]): boolean {
  return polygons.some(([outer, ...holes]) => inRing(outer as [number, number][], lon, lat) && !holes.some((h) => inRing(h as [number, number][], lon, lat)));
}

function input(roads: RoadLine[], stations: StationFacts[], bandsM: number[], bbox: [number, number, number, number], cellM = 10): IsochroneInput {
  const net = new NetworkReach(roads, DEFAULT_REACH_CONFIG.searchRadiusM);
  return { graph: net.walkGraph, sources: stations.map((s) => ({ lon: s.lon, lat: s.lat, walk: net.walkOf(s) })), bandsM, bbox, cellM, joinM: MAX_JOIN_M };
}

// The river of network.test.ts: between y = 0 and y = 150, bank roads at y = -10 and y = 160, the only bridge at
// x = 1000. The station at (0, -30); the house at (0, 170), 200 m away in straight line, 2,200 m on foot.
const RIVER: RoadLine[] = [road(1, [[-1500, -10], [1500, -10]]), road(2, [[-1500, 160], [1500, 160]]), road(3, [[1000, -10], [1000, 160]])];
const POST = station(1, 0, -30);
const HOUSE = at(0, 170);

describe('walking bands as areas: the river with one bridge', () => {
  const bands = isochroneBands(input(RIVER, [POST], [375, 2250], box(-2700, -2700, 2700, 2700)));
  const [five, thirtyish] = bands;

  it('leaves the far bank out of the 5-minute band, though it is inside the straight-line circle', () => {
    expect(distanceM(POST.lon, POST.lat, ...HOUSE)).toBeLessThan(375);
    expect(inside(five!.polygons, HOUSE)).toBe(false);
    // The river's far half and the whole north bank are out; the near bank along the road is in.
    for (const [x, y] of [[0, 100], [-150, 170], [150, 200], [0, 300]] as [number, number][]) expect(inside(five!.polygons, at(x, y)), `${x},${y}`).toBe(false);
    for (const [x, y] of [[0, -20], [200, -10], [-300, -10], [0, 20]] as [number, number][]) expect(inside(five!.polygons, at(x, y)), `${x},${y}`).toBe(true);
    // 20 m to the road and 355 m along it each way: the band ends about x = ±355 on the road.
    expect(inside(five!.polygons, at(330, -10))).toBe(true);
    expect(inside(five!.polygons, at(380, -10))).toBe(false);
  });

  it('is one outline, and reaches the house over the bridge once the walk is long enough (2,200 m)', () => {
    expect(five!.polygons).toHaveLength(1);
    expect(inside(thirtyish!.polygons, HOUSE)).toBe(true);
    expect(inside(thirtyish!.polygons, at(1000, 80))).toBe(true);
  });

  it('agrees at every sample with the walk the coverage model counts for a building standing there', () => {
    const inp = input(RIVER, [POST], [375], box(-600, -500, 600, 500), 25);
    const { frame, field } = walkField(inp);
    const [band] = isochroneBands(inp);
    const buildings: BuildingFacts[] = [];
    for (let j = 0; j < frame.ny; j += 3) {
      for (let i = 0; i < frame.nx; i += 3) buildings.push(building(j * frame.nx + i, frame.lon0 + (i * frame.cellM) / frame.mLon, frame.lat0 + (j * frame.cellM) / M_LAT));
    }
    const net = new NetworkReach(RIVER, DEFAULT_REACH_CONFIG.searchRadiusM);
    const reach = computeReach(buildings, [POST], DEFAULT_REACH_CONFIG, '2026-06-30', net);
    let checked = 0;
    for (const b of buildings) {
      const r = reach.get(b.id);
      const counted = (r && nearestOfType(r, 'workers_post')?.distanceM) ?? Infinity;
      const drawn = field[b.id] as number;
      // The field is sampled only as far as the widest band: beyond it a place is in no band, whatever its walk.
      if (counted <= 375 || Number.isFinite(drawn)) expect(Math.abs(drawn - counted), `sample ${b.id}`).toBeLessThan(1.5);
      if (Math.abs(counted - 375) < 2) continue;
      expect(inside(band!.polygons, [b.lon, b.lat]), `sample ${b.id}: ${counted} m`).toBe(counted <= 375);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('walking bands as areas: merging and fallback', () => {
  it('merges the bands of two stations 200 m apart into one outline per band', () => {
    // Streets 400 m apart (and one at x = 200): no place is farther than 200 m from one, so every place walks.
    const roads = [-400, 0, 400].map((y, k) => road(k + 1, [[-1500, y], [1500, y]]));
    for (const x of [-400, 0, 200, 600]) roads.push(road(10 + x, [[x, -1500], [x, 1500]]));
    const bands = isochroneBands(input(roads, [station(1, 0, 10), station(2, 200, 10)], [375, 750], box(-1000, -1000, 1200, 1000)));
    for (const b of bands) expect(b.polygons, `${b.metres} m`).toHaveLength(1);
  });

  it('without roads a band is the straight-line circle', () => {
    const [b] = isochroneBands(input([], [station(1, 0, 0)], [375], box(-500, -500, 500, 500), 5));
    expect(b!.polygons).toHaveLength(1);
    const ring = b!.polygons[0]![0]!.map(([lon, lat]) => [((lon as number) - LON0) * M_LON, ((lat as number) - LAT0) * M_LAT] as [number, number]);
    expect(signedArea(ring) / (Math.PI * 375 * 375)).toBeCloseTo(1, 1);
    for (const [x, y] of ring) expect(Math.hypot(x, y)).toBeCloseTo(375, -1);
  });

  it('draws nothing where no station is near', () => {
    const [b] = isochroneBands(input([], [station(1, 5000, 5000)], [375], box(-500, -500, 500, 500)));
    expect(b!.polygons).toEqual([]);
  });
});

describe('contour', () => {
  it('outlines a ring-shaped region with its hole, counter-clockwise outside and clockwise inside', () => {
    const n = 9;
    const v = Array.from({ length: n * n }, (_, k) => Math.abs(Math.hypot((k % n) - 4, Math.floor(k / n) - 4) - 2.5));
    const polys = contour(v, n, n, 1, 1);
    expect(polys).toHaveLength(1);
    expect(polys[0]).toHaveLength(2);
    expect(signedArea(polys[0]![0]!)).toBeGreaterThan(0);
    expect(signedArea(polys[0]![1]!)).toBeLessThan(0);
  });

  it('on random grids: every sample is inside the outline exactly when its value is within the threshold', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 64, maxLength: 64 }), (nx, ny, vals) => {
        const v = vals.slice(0, nx * ny).map((x) => x + 0.5);
        const polys = contour(v, nx, ny, 5, 1);
        for (let j = 0; j < ny; j++) {
          for (let i = 0; i < nx; i++) {
            const inPoly = polys.some(([o, ...hs]) => inRing(o!, i, j) && !hs.some((h) => inRing(h, i, j)));
            expect(inPoly, `${i},${j}`).toBe((v[j * nx + i] as number) <= 5);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
