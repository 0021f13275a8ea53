// Walking bands and reach on the road network through the API and the coverage engine, on every store: an
// area's and a station's bands answer; and a road edit (the only bridge deleted) makes a building across a river
// unserved by an incremental update of the running engine, with no full build, its gap saying why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';
import { makeUscc } from '../../geodata/generate/uscc.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { client, displayAuth, type Client } from '../helpers/client.js';
import type { StationWalkBandAreas, StationWalkBands, WalkBandAreas, WalkBands } from '../../server/coverage/contract.js';
import { inRing } from '../../server/domain/network/contour.js';

const STREET = '310106012';
// A place of its own, far from the demo's streets (metres east/north of it): the river runs between y = 0 and
// y = 150, bank roads along y = -10 and y = 160, the only bridge at x = 40. A 职工驿站 (300 m) at (0, -30), a
// building at (0, 170): 200 m apart; on foot 20 + 40 + 170 + 40 + 10 = 280 m.
const LON0 = 121.62;
const LAT0 = 31.12;
const M_LON = 111_320 * Math.cos((LAT0 * Math.PI) / 180);
const pt = (x: number, y: number) => `${LON0 + x / M_LON} ${LAT0 + y / 110_574}`;
const lonLat = (x: number, y: number): [number, number] => [LON0 + x / M_LON, LAT0 + y / 110_574];
/** Whether a place is inside a band's MultiPolygon (in an outer ring, not in one of its holes). */
const within = (f: WalkBandAreas['features'][number] | undefined, [lon, lat]: [number, number]) =>
  (f?.geometry.coordinates ?? []).some(([outer, ...holes]) => inRing(outer as [number, number][], lon, lat) && !holes.some((h) => inRing(h as [number, number][], lon, lat)));
const line = (pts: [number, number][]) => `SRID=4326;MULTILINESTRING((${pts.map(([x, y]) => pt(x, y)).join(', ')}))`;

describe.each(storeKinds())('walking bands and road edits (%s)', (kind) => {
  let t: TestStore;
  let c: Client;
  const ids = { building: 0, station: 0, bridge: 0 };

  beforeAll(async () => {
    t = await openTestStore(kind);
    c = client(t.services);
    await t.store.write(async (tx) => {
      const road = async (name: string, pts: [number, number][]) =>
        (await rows<{ id: number }>(tx, sql`INSERT INTO roads (name, class, geom, source) VALUES (${name}, 'branch', ST_GeomFromEWKT(${line(pts)}), 'test') RETURNING id`))[0]?.id as number;
      await road('南岸路', [[-1500, -10], [1500, -10]]);
      await road('北岸路', [[-1500, 160], [1500, 160]]);
      ids.bridge = await road('独桥', [[40, -10], [40, 160]]);
      ids.building = (await rows<{ id: number }>(tx, sql`INSERT INTO buildings (name, address, street_code, kind, floors, geom, source)
        VALUES ('河北楼', '河北岸1号', ${STREET}, 'office', 5, ST_GeomFromEWKT(${`SRID=4326;POINT(${pt(0, 170)})`}), 'test') RETURNING id`))[0]?.id as number;
      ids.station = (await rows<{ id: number }>(tx, sql`INSERT INTO stations (name, type, street_code, geom, source)
        VALUES ('河南驿站', 'workers_post', ${STREET}, ST_GeomFromEWKT(${`SRID=4326;POINT(${pt(0, -30)})`}), 'test') RETURNING id`))[0]?.id as number;
      await tx.execute(sql`INSERT INTO enterprises (uscc, name, building_id, street_code, industry, ownership, employees, registered_on, geom, source)
        VALUES (${makeUscc('310106', 990_001)}, '河北公司', ${ids.building}, ${STREET}, '软件', 'private', 50, '2020-01-01', ST_GeomFromEWKT(${`SRID=4326;POINT(${pt(0, 170)})`}), 'test')`);
    });
  }, 120_000);
  afterAll(() => t?.dispose());

  const engine = () => t.services.coverage;
  const reachOf = async (id: number) => (await engine().ask({ q: 'derivedBuildings', ids: [id] }))[0];

  it("answers an area's bands and a station's own bands", async () => {
    const res = await c.get(`/api/coverage/bands?level=street&id=${STREET}`, displayAuth);
    expect(res.status).toBe(200);
    const b = (await res.json()) as WalkBands;
    expect(b.bands.map((x) => x.minutes)).toEqual([5, 10, 15]);
    // Cumulative and complementary: within + unserved = all, each band holding the one before.
    for (const x of b.bands) expect(x.workers + x.workersUnserved).toBe(b.workers);
    expect(b.bands[0]!.workers).toBeLessThanOrEqual(b.bands[1]!.workers);
    expect(b.bands[1]!.workers).toBeLessThanOrEqual(b.bands[2]!.workers);
    expect(b.workers).toBeGreaterThan(0);
    const s = await c.get(`/api/coverage/stations/${ids.station}/bands`, displayAuth);
    expect(s.status).toBe(200);
    const own = (await s.json()) as StationWalkBands;
    expect(own).toMatchObject({ stationId: ids.station, name: '河南驿站', network: true, buildings: 1, workers: 50, straightBuildings: 0 });
    expect(own.bands.map((x) => x.workers)).toEqual([50, 50, 50]);
    expect((await c.get('/api/coverage/stations/999999/bands', displayAuth)).status).toBe(404);
    expect((await c.get('/api/coverage/bands?level=street&id=nowhere', displayAuth)).status).toBe(404);
    expect((await c.get('/api/coverage/bands?level=planet&id=1', displayAuth)).status).toBe(400);
    expect((await c.get(`/api/coverage/bands?level=street&id=${STREET}`)).status).toBe(401);
  }, 120_000);

  it("draws an area's bands and a station's own as one MultiPolygon per band, walked over the bridge, drawn once until a change", async () => {
    const res = await c.get(`/api/coverage/bands/polygons?level=street&id=${STREET}`, displayAuth);
    expect(res.status).toBe(200);
    const area = (await res.json()) as WalkBandAreas;
    expect(area.features.map((f) => f.properties.minutes)).toEqual([5, 10, 15]);
    expect(area.stations).toBeGreaterThan(0);
    expect(area.features[2]!.geometry.coordinates.length).toBeGreaterThan(0);
    // The whole territory spans two cities far apart: each group of stations is drawn on its own grid, at 10 m.
    const city = (await (await c.get('/api/coverage/bands/polygons?level=city&id=all', displayAuth)).json()) as WalkBandAreas;
    expect(city.cellM).toBe(10);
    expect(city.stations).toBeGreaterThan(area.stations);
    const draws = (await engine().stats()).bandAreaDraws;
    const own = (await (await c.get(`/api/coverage/stations/${ids.station}/bands/polygons`, displayAuth)).json()) as StationWalkBandAreas;
    expect(own).toMatchObject({ stationId: ids.station, stations: 1, stationsOnRoads: 1, method: 'network', cellM: 10 });
    // 280 m over the bridge: the house is in the 5-minute band; 400 m along the far bank is not (280 + 400 > 375).
    expect(own.features[0]!.geometry.coordinates).toHaveLength(1);
    expect(within(own.features[0], lonLat(0, 170))).toBe(true);
    expect(within(own.features[0], lonLat(-400, 170))).toBe(false);
    // Asked again with nothing changed: the cached drawing.
    await c.get(`/api/coverage/stations/${ids.station}/bands/polygons`, displayAuth);
    expect((await engine().stats()).bandAreaDraws).toBe(draws + 1);
    expect((await c.get('/api/coverage/stations/999999/bands/polygons', displayAuth)).status).toBe(404);
    expect((await c.get('/api/coverage/bands/polygons?level=street&id=nowhere', displayAuth)).status).toBe(404);
    expect((await c.get(`/api/coverage/bands/polygons?level=street&id=${STREET}`)).status).toBe(401);
  }, 120_000);

  it('deleting the only bridge makes the building unserved, incrementally, and its gap says no station within 15 minutes\' walk', async () => {
    expect(await reachOf(ids.building)).toMatchObject({ served: true, band: 5 });
    const before = await engine().stats();
    await t.store.write((tx) => tx.execute(sql`DELETE FROM roads WHERE id = ${ids.bridge}`));
    expect(await reachOf(ids.building)).toMatchObject({ served: false, band: null });
    const after = await engine().stats();
    expect(after.fullBuilds).toBe(before.fullBuilds);
    expect(after.incrementalUpdates).toBe(before.incrementalUpdates + 1);
    const { gaps } = await engine().gaps('building', 'reach', { limit: 500, streetCode: STREET });
    const gap = gaps.find((g) => g.id === String(ids.building));
    expect(gap?.reachReasons).toEqual([{ code: 'no_station_walk', minutes: 15, metres: null, enterprises: 1, label: { zh: '步行15分钟内无党群服务阵地', en: "No station within 15 minutes' walk" } }]);
    // The station's own bands follow: the building is beyond every band now.
    const own = (await (await c.get(`/api/coverage/stations/${ids.station}/bands`, displayAuth)).json()) as StationWalkBands;
    expect(own.bands.map((x) => x.workers)).toEqual([0, 0, 0]);
    expect(own.bands[2]?.workersUnserved).toBe(50);
    // And its drawn bands, drawn again after the road change: the far bank is out of every band, though 200 m away.
    const drawn = (await (await c.get(`/api/coverage/stations/${ids.station}/bands/polygons`, displayAuth)).json()) as StationWalkBandAreas;
    for (const f of drawn.features) expect(within(f, lonLat(0, 170)), `${f.properties.minutes} min`).toBe(false);
    expect(within(drawn.features[0], lonLat(0, -10))).toBe(true);
  }, 120_000);

  it('draws a station with no road near it as straight-line circles and says so, and an area with both as mixed', async () => {
    const areaBands = async () => (await (await c.get(`/api/coverage/bands/polygons?level=street&id=${STREET}`, displayAuth)).json()) as WalkBandAreas;
    const before = await areaBands();
    // 1,040 m north of the far bank road: beyond the 250 m a walker is joined to the network from.
    const offRoad = await t.store.write(async (tx) =>
      (await rows<{ id: number }>(tx, sql`INSERT INTO stations (name, type, street_code, geom, source)
        VALUES ('山上驿站', 'workers_post', ${STREET}, ST_GeomFromEWKT(${`SRID=4326;POINT(${pt(0, 1200)})`}), 'test') RETURNING id`))[0]?.id as number);
    const own = (await (await c.get(`/api/coverage/stations/${offRoad}/bands/polygons`, displayAuth)).json()) as StationWalkBandAreas;
    expect(own).toMatchObject({ stationId: offRoad, stations: 1, stationsOnRoads: 0, method: 'straight' });
    // A circle: 350 m (inside 375 m, five minutes at 4.5 km/h) every way is in, 400 m is not.
    for (const [dx, dy] of [[350, 0], [-350, 0], [0, 350], [0, -350]] as const) expect(within(own.features[0], lonLat(dx, 1200 + dy)), `${dx},${dy}`).toBe(true);
    expect(within(own.features[0], lonLat(400, 1200))).toBe(false);
    const area = await areaBands();
    expect(area.stations).toBe(before.stations + 1);
    expect(area.stationsOnRoads).toBe(before.stationsOnRoads);
    expect(area.stationsOnRoads).toBeGreaterThan(0);
    expect(area.method).toBe('mixed');
  }, 120_000);
});
