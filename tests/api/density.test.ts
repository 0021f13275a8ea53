// Enterprise density in hexagons (/api/density/hexagons): every operating enterprise of the box is counted once,
// in the hexagon PostGIS's ST_HexagonGrid would put its building in (same lattice, same numbering, same ring, on
// both drivers); bad boxes are 400, boxes past the budget 413, and only internal readers get figures.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { adminSession, client, displayAuth, type Client } from '../helpers/client.js';
import type { Density } from '../../server/density/contract.js';
import { hexSize } from '../../server/domain/density/hexbin.js';

const SHANGHAI = '121.40,31.19,121.52,31.26';

describe.each(storeKinds())('enterprise density hexagons on %s', (kind) => {
  let t: TestStore;
  let c: Client;
  let admin: Record<string, string>;
  const hexes = async (bbox: string, zoom: number, auth = admin) => {
    const r = await c.get(`/api/density/hexagons?bbox=${bbox}&zoom=${zoom}`, auth);
    expect(r.status).toBe(200);
    return (await r.json()) as Density;
  };
  beforeAll(async () => {
    t = await openTestStore(kind);
    c = client(t.services);
    admin = await adminSession(c);
  });
  afterAll(() => t?.dispose());

  it('counts every operating enterprise of the territory once, and those without a party organisation', async () => {
    const whole = await hexes('70,15,140,55', 5);
    const r = await c.get('/api/coverage/summary?level=city&id=all', admin);
    const city = (await r.json()) as { enterprises: number; rates: { partyOrg: { numerator: number } } };
    const sum = (k: 'enterprises' | 'uncovered') => whole.features.reduce((s, f) => s + f.properties[k], 0);
    expect(city.enterprises).toBeGreaterThan(1000);
    expect(sum('enterprises')).toBe(city.enterprises);
    expect(sum('uncovered')).toBe(city.enterprises - city.rates.partyOrg.numerator);
    // Hexagons shrink with the zoom: more of them over the same enterprises.
    const z10 = await hexes(SHANGHAI, 10);
    const z14 = await hexes(SHANGHAI, 14);
    expect(z14.features.length).toBeGreaterThan(z10.features.length);
    expect(z14.features.reduce((s, f) => s + f.properties.enterprises, 0)).toBe(z10.features.reduce((s, f) => s + f.properties.enterprises, 0));
    expect(z14.hexSize).toBeCloseTo(hexSize(14), 6);
    // Gzipped when the client takes it, the same document.
    const gz = await c.get(`/api/density/hexagons?bbox=${SHANGHAI}&zoom=14`, { ...admin, 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8'))).toEqual(z14);
  });

  it("puts each building's enterprises in the hexagon ST_HexagonGrid holds it in, with ST_HexagonGrid's ring", async () => {
    const d = await hexes(SHANGHAI, 14);
    const size = d.hexSize;
    // Every building with operating enterprises, in the hexagon PostGIS finds for its centroid (as the model places it).
    const inPostgis = await t.store.read((db) => rows<{ i: number; j: number; ring: string }>(db, sql`
      WITH b AS (
        SELECT DISTINCT b.id, ST_Transform(ST_SetSRID(ST_MakePoint(round(ST_X(ST_Centroid(b.geom))::numeric, 7)::float8, round(ST_Y(ST_Centroid(b.geom))::numeric, 7)::float8), 4326), 3857) AS p
        FROM buildings b JOIN enterprises e ON e.building_id = b.id
        WHERE ST_Intersects(b.geom, ST_MakeEnvelope(121.40, 31.19, 121.52, 31.26, 4326)))
      SELECT DISTINCT h.i, h.j, ST_AsGeoJSON(ST_Transform(h.geom, 4326), 9) AS ring
      FROM b JOIN LATERAL ST_HexagonGrid(${size}::float8, ST_Expand(b.p, 1)) h ON ST_Intersects(h.geom, b.p)`));
    const ours = new Map(d.features.map((f) => [`${f.properties.i}:${f.properties.j}`, f]));
    expect(ours.size).toBeGreaterThan(10);
    // Each of our hexagons is one PostGIS found a building in (buildings of closed enterprises only may add more there).
    const theirs = new Map(inPostgis.map((h) => [`${h.i}:${h.j}`, h]));
    for (const k of ours.keys()) expect(theirs.has(k), `hexagon ${k}`).toBe(true);
    for (const [k, f] of ours) {
      const ring = (JSON.parse((theirs.get(k) as { ring: string }).ring) as { coordinates: number[][][] }).coordinates[0] as number[][];
      // The same six corners (ours rounded to 7 decimals, as GeoJSON here is).
      const ourRing = f.geometry.coordinates[0] as [number, number][];
      expect(ourRing).toHaveLength(7);
      for (const p of ring) expect(ourRing.some((q) => Math.abs(q[0] - (p[0] as number)) < 2e-7 && Math.abs(q[1] - (p[1] as number)) < 2e-7), `corner ${p} of ${k}`).toBe(true);
    }
  });

  it('refuses a bad box (400), a box too large for its zoom (413), and anonymous callers; a wall display reads it', async () => {
    for (const q of ['bbox=1,2,3&zoom=10', 'bbox=121,31,121.5,31.3&zoom=x', 'bbox=121,31,121.5,31.3', 'bbox=121,31,121.5,31.3&zoom=10&extra=1', 'bbox=122,31,121,32&zoom=10', 'bbox=121,95,122,96&zoom=3']) {
      const r = await c.get(`/api/density/hexagons?${q}`, admin);
      expect(r.status, q).toBe(400);
    }
    const big = await c.get('/api/density/hexagons?bbox=70,15,140,55&zoom=14', admin);
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { message: string } }).error.message).toMatch(/smaller box or a lower zoom/);
    expect((await c.get(`/api/density/hexagons?bbox=${SHANGHAI}&zoom=12`)).status).toBe(401);
    expect((await hexes(SHANGHAI, 12, displayAuth)).features.length).toBeGreaterThan(0);
  });
});
