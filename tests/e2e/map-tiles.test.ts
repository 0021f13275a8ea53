// The coverage map draws buildings, stations, enterprises (density) and activities from the server's vector tiles
// (OGC API – Tiles), not from paged GeoJSON: at a district-like zoom they come from tile requests, the building last
// in id order (the one a lowest-ids cap would drop first) is drawn and opens its file when clicked, and so does the
// last station (its profile).
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';
import { ARTIFACTS, HAS_CHROMIUM, signInAsAdmin, visibleMiddle } from '../helpers/browser.js';
import { browserSession } from '../helpers/browser-session.js';

describe.runIf(HAS_CHROMIUM)('coverage map buildings from vector tiles', () => {
  const s = browserSession();
  const requests = s.requests;

  const goTo = async (lng: number, lat: number, zoom: number, layers?: string) => {
    const u = new URL(s.page.url());
    u.searchParams.set('at', [lng.toFixed(5), lat.toFixed(5), zoom.toFixed(2), '0', '0'].join(','));
    if (layers) u.searchParams.set('layers', layers);
    await s.page.goto(u.toString());
    await s.page.waitForSelector('[data-testid=map] canvas');
    await s.idle();
    await s.page.waitForTimeout(2500);
  };

  it('at a district-like zoom the buildings come from tile requests, none from items', async () => {
    await signInAsAdmin(s.page, s.base);
    requests.length = 0;
    await goTo(121.4555, 31.2285, 12.5);
    const tiles = requests.filter((p) => p.startsWith('/ogc/collections/buildings/tiles/WebMercatorQuad/'));
    expect(tiles.length).toBeGreaterThan(0);
    expect(requests.filter((p) => p.startsWith('/ogc/collections/buildings/items'))).toEqual([]);
    await s.page.screenshot({ path: `${ARTIFACTS}/map-tiles-z12.png` });
    expect(s.errors).toEqual([]);
  });

  // At zoom 12.5 a building is a few pixels: clicking the one at the centre of the view proves it is drawn at a
  // district-like zoom and that its tile feature carries the building's id.
  it('draws the building last in id order at zoom 12.5 and opens its file when it is clicked', async () => {
    const [last] = await s.t.store.read((db) =>
      rows<{ id: number; lng: number; lat: number }>(
        db,
        sql`SELECT id, ST_X(ST_PointOnSurface(geom)) AS lng, ST_Y(ST_PointOnSurface(geom)) AS lat FROM buildings ORDER BY id DESC LIMIT 1`,
      ),
    );
    if (!last) throw new Error('no buildings');
    requests.length = 0;
    await goTo(last.lng, last.lat, 12.5);
    expect(requests.some((p) => p.startsWith('/ogc/collections/buildings/tiles/WebMercatorQuad/'))).toBe(true);
    const mid = await visibleMiddle(s.page);
    await s.page.mouse.click(mid.x, mid.y);
    await s.page.waitForSelector(`.profile.building[data-building="${last.id}"]`);
    await s.page.screenshot({ path: `${ARTIFACTS}/map-tiles-last-building.png` });
    expect(s.errors).toEqual([]);
  });

  it('stations and activities come from tile requests, enterprise density from the server\'s hexagons; no items', async () => {
    requests.length = 0;
    await goTo(121.4555, 31.2285, 14, 'boundaries,buildings,stations,density,activity');
    // Point tiles are read one level above the view's zoom (client/api/tile-grid.ts).
    for (const id of ['stations', 'activities']) {
      expect(requests.filter((p) => p.startsWith(`/ogc/collections/${id}/tiles/WebMercatorQuad/13/`)).length, id).toBeGreaterThan(0);
    }
    for (const id of ['stations', 'enterprises', 'activities']) expect(requests.filter((p) => p.startsWith(`/ogc/collections/${id}/items`)), id).toEqual([]);
    // Enterprises are counted where they are (no points sent at all).
    expect(requests.some((p) => p.startsWith('/api/density/hexagons'))).toBe(true);
    expect(requests.filter((p) => p.startsWith('/ogc/collections/enterprises/'))).toEqual([]);
    await s.page.screenshot({ path: `${ARTIFACTS}/map-tiles-points-z14.png` });
    expect(s.errors).toEqual([]);
  });

  it('draws the last station (by id) from its tile at zoom 17: a click opens its profile', async () => {
    const [last] = await s.t.store.read((db) =>
      rows<{ id: number; name: string; building: number; lng: number; lat: number }>(db, sql`SELECT id, name, building_id AS building, ST_X(geom) AS lng, ST_Y(geom) AS lat FROM stations WHERE building_id IS NOT NULL ORDER BY id DESC LIMIT 1`),
    );
    if (!last) throw new Error('no stations');
    await goTo(last.lng, last.lat, 17, 'boundaries,buildings,stations');
    expect(requests.some((p) => p.startsWith('/ogc/collections/stations/tiles/WebMercatorQuad/16/'))).toBe(true);
    const mid = await visibleMiddle(s.page);
    // The station's building lies under it: the tooltip tells the icon from the building (a station's name and type).
    await s.page.screenshot({ path: `${ARTIFACTS}/map-tiles-last-station.png` });
    await s.page.mouse.move(mid.x - 40, mid.y);
    await s.page.mouse.move(mid.x, mid.y);
    await s.page.waitForFunction((name) => document.querySelector('.map-tooltip')?.textContent?.includes(name), last.name, { timeout: 10_000 });
    await s.page.mouse.click(mid.x, mid.y);
    await s.page.waitForSelector(`.profile.station[data-station="${last.id}"]`);
    expect(s.errors).toEqual([]);
  });
});
