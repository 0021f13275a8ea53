// The offline basemap in a real browser: roads drawn from the server's road tiles at zoom 13, 15 and 17 in the
// dark and light themes, their names placed along the lines; the grid editor draws the same roads, and with
// "snap to road centre lines" on, a split line clicked a few pixels beside a road runs on the road's centre
// line, and the saved grids still tile the street exactly. The walking bands are drawn on the road network
// (the server's polygons, one outline per band) and the legend says so; a station's own bands are outlined.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import * as turf from '@turf/turf';
import { ARTIFACTS, HAS_CHROMIUM, signInAsAdmin } from '../helpers/browser.js';
import { browserSession } from '../helpers/browser-session.js';
import { screenOfOn, selectGridOn, type Pt } from '../helpers/grid-editor-page.js';

const STREET = '310106012';
const ROAD_LAYERS = ['road-arterial', 'road-secondary', 'road-branch', 'road-footway', 'road-elevated'];
/** 石门一路 runs north–south along this meridian through 南京西路街道 (geodata/seed/roads.ts). */
const SHIMEN_LON = 121.4622;

interface Drawn {
  roads: string[];
  labels: string[];
  arterialColor: unknown;
}

/** Which roads and which road names a MapLibre map has drawn in its view (through a page's test hook). */
function drawnOn(page: Page, hook: '__coverageMap' | '__gridEditor'): Promise<Drawn> {
  return page.evaluate(
    ([h, layers]) => {
      const map = (window as unknown as Record<string, { map: import('maplibre-gl').Map } | undefined>)[h as string]?.map;
      if (!map) throw new Error('no test hook');
      const present = (layers as string[]).filter((l) => map.getLayer(l));
      const names = (fs: { properties: Record<string, unknown> }[]) => [...new Set(fs.map((f) => String(f.properties.name)))].sort();
      return {
        roads: names(map.queryRenderedFeatures({ layers: present })),
        labels: names(map.queryRenderedFeatures({ layers: ['road-labels'] })),
        arterialColor: map.getPaintProperty('road-arterial', 'line-color'),
      };
    },
    [hook, ROAD_LAYERS] as const,
  );
}

function partitionError(street: Polygon | MultiPolygon, grids: Polygon[]): { gap: number; outside: number; overlap: number } {
  const s = street.type === 'Polygon' ? turf.polygon(street.coordinates) : turf.multiPolygon(street.coordinates);
  const all = turf.union(turf.featureCollection(grids.map((g) => turf.polygon(g.coordinates))));
  const gap = all ? turf.difference(turf.featureCollection([s, all])) : s;
  const outside = all ? turf.difference(turf.featureCollection([all, s])) : null;
  const sum = grids.reduce((n, g) => n + turf.area(turf.polygon(g.coordinates)), 0);
  return { gap: gap ? turf.area(gap) : 0, outside: outside ? turf.area(outside) : 0, overlap: sum - (all ? turf.area(all) : 0) };
}

describe.runIf(HAS_CHROMIUM)('offline basemap roads and the editor snap in Chromium', () => {
  const s = browserSession();
  const tileRequests: string[] = [];

  beforeAll(async () => {
    s.page.on('request', (r) => {
      const p = new URL(r.url()).pathname;
      if (p.startsWith('/ogc/collections/roads/tiles/')) tileRequests.push(p);
    });
  });

  /** Moves a page's map and resolves once it has loaded its tiles and drawn them (MapLibre's idle). */
  const settle = (hook: '__coverageMap' | '__gridEditor', camera?: { center: [number, number]; zoom: number }) =>
    s.page.evaluate(
      ([h, c]) =>
        new Promise<void>((resolve) => {
          const map = (window as unknown as Record<string, { map: import('maplibre-gl').Map } | undefined>)[h as string]?.map;
          if (!map) throw new Error('no test hook');
          map.once('idle', () => resolve());
          if (c) map.jumpTo(c as { center: [number, number]; zoom: number });
          else map.triggerRepaint();
        }),
      [hook, camera ?? null] as const,
    );

  it('draws the roads and their names at zoom 13, 15 and 17, dark and light', { timeout: 300_000 }, async () => {
    await signInAsAdmin(s.page, s.base);
    const seen: Record<string, Drawn> = {};
    for (const theme of ['dark', 'light'] as const) {
      // One page load per theme; the zooms by moving the camera, as a user would.
      const q = new URLSearchParams({ layers: '', at: '121.4555,31.2285,13,0,0', focus: `street:${STREET}`, ...(theme === 'light' ? { base: 'light' } : {}) });
      await s.page.goto(`${s.base}/?${q}`);
      await s.page.waitForSelector('[data-testid=map] canvas');
      await s.idle();
      for (const [zoom, at] of [[13, [121.4555, 31.2285]], [15, [121.4555, 31.2285]], [17, [121.4575, 31.2265]]] as const) {
        await settle('__coverageMap', { center: [at[0], at[1]], zoom });
        seen[`${theme}${zoom}`] = await drawnOn(s.page, '__coverageMap');
        await s.page.screenshot({ path: `${ARTIFACTS}/basemap-${theme}-z${zoom}.png` });
      }
    }
    expect(tileRequests.length).toBeGreaterThan(0);
    for (const theme of ['dark', 'light']) {
      // Zoom 13: the street's main roads and the names that fit; 15: the minor roads too; 17: the roads in view.
      expect(seen[`${theme}13`]?.roads).toEqual(expect.arrayContaining(['南京西路', '延安中路', '威海路', '陕西北路', '石门一路']));
      expect(seen[`${theme}13`]?.labels).toEqual(expect.arrayContaining(['南京西路']));
      expect(seen[`${theme}15`]?.roads).toEqual(expect.arrayContaining(['南京西路', '威海路', '茂名北路', '铜仁路']));
      expect(seen[`${theme}15`]?.labels).toEqual(expect.arrayContaining(['南京西路', '威海路', '石门一路']));
      expect(seen[`${theme}17`]?.roads).toEqual(expect.arrayContaining(['威海路', '茂名北路']));
      expect(seen[`${theme}17`]?.labels).toEqual(expect.arrayContaining(['威海路']));
    }
    // Each theme its own road colours.
    expect(seen.dark15?.arterialColor).not.toEqual(seen.light15?.arterialColor);
    expect(s.errors).toEqual([]);
  });

  it('draws the walking bands on the road network, one outline per band, and outlines a selected station\'s own', { timeout: 300_000 }, async () => {
    const asked: string[] = [];
    const seen = (r: import('playwright-core').Response) => {
      if (r.url().includes('/bands/polygons')) asked.push(`${new URL(r.url()).pathname} ${r.status()}`);
    };
    s.page.on('response', seen);
    await s.page.goto(`${s.base}/?${new URLSearchParams({ layers: 'reach,stations,boundaries', reach: 'bands', focus: `street:${STREET}`, at: '121.4555,31.2280,14,0,0' })}`);
    await s.page.waitForSelector('[data-legend=bands-method][data-method=network]', { timeout: 60_000 });
    await s.page.waitForSelector('[data-testid=map][data-drawn=true]');
    await s.idle();
    await s.page.screenshot({ path: `${ARTIFACTS}/bands-network.png` });
    expect(await s.page.textContent('[data-legend=bands-method]')).toContain('路网');
    // The station's profile: its own bands, outlined over the map (the first public station of the street).
    const items = (await (await s.page.request.get(`${s.base}/ogc/collections/stations/items?limit=100`)).json()) as { features: { id: number; properties: Record<string, unknown>; geometry: { coordinates: number[] } }[] };
    const station = items.features.find((f) => f.properties.streetCode === STREET && f.properties.openTo === 'public');
    expect(station).toBeDefined();
    const [lon, lat] = station!.geometry.coordinates as [number, number];
    await s.page.goto(`${s.base}/?${new URLSearchParams({ layers: 'stations,boundaries', focus: `street:${STREET}`, sel: `station:${station!.id}`, at: `${lon},${lat},14.6,0,0` })}`);
    await s.page.waitForSelector('[data-section=station-walk]');
    await s.idle();
    await s.page.screenshot({ path: `${ARTIFACTS}/bands-station.png` });
    s.page.off('response', seen);
    expect(asked).toEqual(expect.arrayContaining([`/api/coverage/bands/polygons 200`, `/api/coverage/stations/${station!.id}/bands/polygons 200`]));
    expect(s.errors).toEqual([]);
  });

  it('the editor draws the roads, and with the toggle on a split clicked beside 石门一路 runs on its centre line', { timeout: 300_000 }, async () => {
    await s.page.goto(`${s.base}/edit?street=${STREET}`);
    await s.page.waitForSelector('[data-testid=editor-map] canvas');
    await s.page.waitForSelector('.grid-label');
    await s.page.waitForSelector('.ge-problems[data-count="0"]');
    await s.idle();
    await settle('__gridEditor');
    const inEditor = await drawnOn(s.page, '__gridEditor');
    expect(inEditor.roads).toEqual(expect.arrayContaining(['南京西路', '威海路', '石门一路']));
    expect(inEditor.labels.length).toBeGreaterThan(0);

    await s.page.check('[data-control=snap-roads]');
    await s.page.waitForSelector('[data-roads]:not([data-roads=""]):not([data-roads=loading])');
    expect(Number(await s.page.getAttribute('[data-roads]', 'data-roads'))).toBeGreaterThanOrEqual(10);

    await selectGridOn(s.page, 3);
    // Zoom 15 (MapLibre’s 512 px tiles: about 2 m a pixel) over 石门一路, so a click 4 px beside the road is ~8 m off.
    await s.page.evaluate((lon) => window.__gridEditor?.map.jumpTo({ center: [lon, 31.2252], zoom: 15 }), SHIMEN_LON);
    await s.page.waitForTimeout(600);
    // The road's southern end (its vertex at 延安中路, outside the street) and a point of it inside 第二网格.
    const south = await screenOfOn(s.page, [SHIMEN_LON, 31.2199]);
    const north = await screenOfOn(s.page, [SHIMEN_LON, 31.2315]);
    const click = async (at: Pt) => {
      await s.page.mouse.move(at.x, at.y);
      await s.page.waitForTimeout(80);
      await s.page.mouse.down();
      await s.page.mouse.up();
      await s.page.waitForTimeout(250);
    };
    await s.page.click('[data-tool=split]');
    const a = { x: south.x + 4, y: south.y };
    const b = { x: north.x - 4, y: north.y };
    await click(a);
    await click(b);
    await click(b);
    await s.page.waitForSelector('.grid-list [data-grid="n:1"]');
    await s.page.waitForSelector('.ge-problems[data-count="0"]');
    await s.page.screenshot({ path: `${ARTIFACTS}/basemap-editor-snap.png` });

    await s.page.waitForSelector('[data-testid=impact]', { timeout: 30_000 });
    await s.page.fill('.ge-save textarea', 'e2e: 沿石门一路分割');
    await s.page.click('[data-control=save]');
    await s.page.waitForSelector('.notice', { timeout: 30_000 });
    await s.page.waitForSelector('.ge-save[data-state=idle]');

    const after = (await (await s.page.request.get(`${s.base}/api/streets/${STREET}/grid-editor`)).json()) as { street: { geometry: Polygon | MultiPolygon }; grids: { id: number; geometry: Polygon }[] };
    expect(after.grids).toHaveLength(5);
    const e = partitionError(after.street.geometry, after.grids.map((g) => g.geometry));
    expect(e.gap).toBeLessThan(1);
    expect(e.outside).toBeLessThan(1);
    expect(Math.abs(e.overlap)).toBeLessThan(1);
    // The cut: the vertices grid 3 and the new grid share lie on 石门一路's centre line (within half a metre),
    // not where the mouse was (8 m east or west of it).
    const three = after.grids.find((g) => g.id === 3)?.geometry.coordinates[0] ?? [];
    const fresh = after.grids.find((g) => g.id > 4)?.geometry.coordinates[0] ?? [];
    const shared = three.filter((p: Position) => fresh.some((q) => q[0] === p[0] && q[1] === p[1]));
    expect(shared.length).toBeGreaterThanOrEqual(2);
    const metresEast = (p: Position) => ((p[0] as number) - SHIMEN_LON) * 111_320 * Math.cos(((p[1] as number) * Math.PI) / 180);
    for (const p of shared) expect(Math.abs(metresEast(p))).toBeLessThan(0.5);
    expect(s.errors).toEqual([]);
  });
});
