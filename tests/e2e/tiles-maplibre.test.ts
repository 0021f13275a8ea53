// A real client reads the vector tiles with no product code: a bare page (served by this test, not by the product)
// gives MapLibre GL JS nothing but the buildings tileset's URL as a vector source and a bearer token in
// transformRequest. MapLibre takes the tileset as TileJSON, fetches the tiles (OGC API – Tiles paths), decodes and
// draws them; the features it holds carry the ids and properties the items endpoint gives (coverage figures too).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import { HAS_CHROMIUM, ARTIFACTS } from '../helpers/browser.js';
import { browserSession } from '../helpers/browser-session.js';
import { client, officialAuth } from '../helpers/client.js';
import { TEST_OFFICIAL_TOKEN } from '../helpers/constants.js';

const DIST = join('node_modules', 'maplibre-gl', 'dist');

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><link rel="stylesheet" href="/bare/maplibre-gl.css">
<style>html, body, #m { margin: 0; width: 100%; height: 100%; }</style></head>
<body><div id="m"></div>
<script type="module">
import * as maplibregl from '/bare/maplibre-gl.mjs';
maplibregl.setWorkerUrl('/bare/maplibre-gl-worker.mjs');
const [lon, lat] = location.hash.slice(1).split(',').map(Number);
const map = new maplibregl.Map({
  container: 'm',
  center: [lon, lat],
  zoom: 15,
  transformRequest: (url) => (url.startsWith(location.origin + '/ogc/') ? { url, headers: { Authorization: 'Bearer ${TEST_OFFICIAL_TOKEN}' } } : { url }),
  style: {
    version: 8,
    sources: { b: { type: 'vector', url: location.origin + '/ogc/collections/buildings/tiles/WebMercatorQuad' } },
    layers: [{ id: 'b', type: 'fill', source: 'b', 'source-layer': 'buildings', paint: { 'fill-color': '#c03', 'fill-opacity': 0.6 } }],
  },
});
map.once('idle', () => {
  window.__drawn = map.queryRenderedFeatures({ layers: ['b'] }).length;
  window.__features = map.querySourceFeatures('b', { sourceLayer: 'buildings' }).map((f) => ({ id: f.id, properties: f.properties }));
});
</script></body></html>`;

describe.runIf(HAS_CHROMIUM)('MapLibre with no product code reads the tilesets', () => {
  const s = browserSession();

  it('takes the tileset as a vector source, draws the buildings and holds their ids and properties as items gives them', async () => {
    const c = client(s.t.services);
    const fc = (await (await c.get('/ogc/collections/buildings/items?limit=1', officialAuth)).json()) as FeatureCollection;
    const first = fc.features[0] as Feature;
    let p: unknown = (first.geometry as { coordinates: unknown }).coordinates;
    while (Array.isArray(p) && Array.isArray(p[0])) p = p[0];
    const [lon, lat] = p as [number, number];

    await s.page.route(`${s.base}/bare/**`, (route) => {
      const name = new URL(route.request().url()).pathname.slice('/bare/'.length);
      if (name === 'index.html') return route.fulfill({ contentType: 'text/html', body: PAGE });
      if (!/^maplibre-gl[\w.-]*\.(mjs|css)$/.test(name)) return route.fulfill({ status: 404, body: '' });
      return route.fulfill({ contentType: name.endsWith('.css') ? 'text/css' : 'text/javascript', body: readFileSync(join(DIST, name)) });
    });
    s.requests.length = 0;
    await s.page.goto(`${s.base}/bare/index.html#${lon},${lat}`);
    await s.page.waitForFunction(() => (window as unknown as { __features?: unknown }).__features !== undefined, null, { timeout: 60_000 });
    await s.page.screenshot({ path: `${ARTIFACTS}/tiles-maplibre-bare.png` });

    // The tileset (TileJSON) and tiles by their OGC API – Tiles paths; no items, nothing of the product's client.
    expect(s.requests).toContain('/ogc/collections/buildings/tiles/WebMercatorQuad');
    expect(s.requests.some((r) => /^\/ogc\/collections\/buildings\/tiles\/WebMercatorQuad\/\d+\/\d+\/\d+$/.test(r))).toBe(true);
    expect(s.requests.filter((r) => r.includes('/items'))).toEqual([]);
    expect(await s.page.evaluate(() => (window as unknown as { __drawn: number }).__drawn)).toBeGreaterThan(0);

    const features = await s.page.evaluate(() => (window as unknown as { __features: { id: number; properties: Record<string, unknown> }[] }).__features);
    const mine = features.find((f) => f.id === Number(first.id));
    expect(mine, `building ${String(first.id)} in MapLibre's tiles`).toBeDefined();
    const expected = Object.fromEntries(Object.entries(first.properties ?? {}).filter(([, v]) => v !== null && v !== undefined));
    expect(mine?.properties).toEqual(expected);
    expect(s.errors).toEqual([]);
  });
});
