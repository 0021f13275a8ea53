// A real client reads the vector tiles: GDAL's MVT driver (Debian gdal-bin) opens a tile saved as z/x/y.pbf, places
// its features in EPSG:3857 inside the tile, and reads the properties the items endpoint gives for them. GDAL's OGCAPI
// driver, against the running server, follows the API from the landing page to a collection's tileset and its tile
// matrix set without an error; from GDAL 3.7 it also reads the tiles' features. Debian bookworm's GDAL 3.6 builds the
// driver without its vector-tile part (OSGeo/gdal#7993: OGR_ENABLE_DRIVER_GML unset for it), so there it can only
// discover the tilesets, and the MVT driver above (and MapLibre, tests/e2e/tiles-maplibre.test.ts) read them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import { BUFFER, EXTENT, tileBboxWgs84, tileBounds3857, tileOf } from '../../server/tiles/tms.js';
import { openTestStore, storeKinds, testEnv, type TestStore } from '../helpers/stores.js';
import { client, officialAuth, type Client } from '../helpers/client.js';
import type { ServerType } from '@hono/node-server';
import { closeNow, serveOnLoopback } from '../helpers/serve.js';
import { createApp } from '../../server/app.js';
import { TEST_OFFICIAL_TOKEN } from '../helpers/constants.js';

const run = promisify(execFile);
const OGRINFO = '/usr/bin/ogrinfo';
const HAS_OGRINFO = existsSync(OGRINFO);
if (!HAS_OGRINFO && testEnv.CI) throw new Error(`${OGRINFO} is missing: install Debian's gdal-bin`);
if (!HAS_OGRINFO) console.warn(`SKIPPED the GDAL tile tests: ${OGRINFO} is missing (apt-get install gdal-bin)`);

describe.runIf(HAS_OGRINFO).each(storeKinds())('GDAL reads the vector tiles on %s', (kind) => {
  let t: TestStore;
  let c: Client;
  let dir: string;
  beforeAll(async () => {
    t = await openTestStore(kind);
    c = client(t.services);
    dir = mkdtempSync(join(tmpdir(), 'pbmap-mvt-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.dispose();
  });

  it.each(['buildings', 'stations', 'roads'])('ogrinfo opens a %s tile: the items of the tile, in place, with their properties', async (id) => {
    const first = ((await (await c.get(`/ogc/collections/${id}/items?limit=1`, officialAuth)).json()) as FeatureCollection).features[0] as Feature;
    let p: unknown = (first.geometry as { coordinates: unknown }).coordinates;
    while (Array.isArray(p) && Array.isArray(p[0])) p = p[0];
    const tile = tileOf((p as number[])[0] as number, (p as number[])[1] as number, 15);
    const res = await c.get(`/ogc/collections/${id}/tiles/WebMercatorQuad/${tile.z}/${tile.y}/${tile.x}`, officialAuth);
    expect(res.status).toBe(200);
    mkdirSync(join(dir, id, String(tile.z), String(tile.x)), { recursive: true });
    const file = join(dir, id, String(tile.z), String(tile.x), `${tile.y}.pbf`);
    writeFileSync(file, new Uint8Array(await res.arrayBuffer()));

    const { stdout } = await run(OGRINFO, ['-ro', '-al', '-q', file], { env: { ...process.env, CPL_DEBUG: 'OFF' }, maxBuffer: 64 * 1024 * 1024 });
    const gdalIds = [...stdout.matchAll(/^\s+mvt_id \(Integer64\) = (\d+)$/gm)].map((m) => Number(m[1])).sort((a, b) => a - b);
    const itemsIn = async (margin: number) =>
      ((await (await c.get(`/ogc/collections/${id}/items?limit=1000&bbox=${tileBboxWgs84(tile, margin).join(',')}`, officialAuth)).json()) as FeatureCollection).features;
    // Every item inside the tile is read; everything read is an item of the tile grown by its buffer (a sliver in
    // the buffer can vanish when cut to whole tile units).
    const inside = await itemsIn(0);
    const buffered = new Set((await itemsIn(BUFFER / EXTENT)).map((f) => Number(f.id)));
    expect(inside.length).toBeGreaterThan(0);
    expect(gdalIds).toEqual(expect.arrayContaining(inside.map((f) => Number(f.id))));
    for (const g of gdalIds) expect(buffered.has(g), String(g)).toBe(true);
    // Names as the items give them.
    for (const f of inside) if (f.properties?.name) expect(stdout).toContain(`name (String) = ${String(f.properties.name)}`);
    // Every coordinate GDAL reads lies in the tile grown by its buffer, in Web Mercator metres.
    const [x0, y0, x1, y1] = tileBounds3857(tile, (BUFFER + 1) / EXTENT);
    const coords = [...stdout.matchAll(/(-?\d+\.\d+) (-?\d+\.\d+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    expect(coords.length).toBeGreaterThan(0);
    for (const [x, y] of coords) {
      expect(x).toBeGreaterThanOrEqual(x0);
      expect(x).toBeLessThanOrEqual(x1);
      expect(y).toBeGreaterThanOrEqual(y0);
      expect(y).toBeLessThanOrEqual(y1);
    }
  });

});

/** GDAL's version as [major, minor], from `ogrinfo --version` ("GDAL 3.6.2, released 2023/01/02"). */
async function gdalVersion(): Promise<[number, number]> {
  const { stdout } = await run(OGRINFO, ['--version']);
  const m = /GDAL (\d+)\.(\d+)/.exec(stdout);
  return [Number(m?.[1] ?? 0), Number(m?.[2] ?? 0)];
}

describe.runIf(HAS_OGRINFO).each(storeKinds())("GDAL's OGCAPI driver and the tilesets on %s", (kind) => {
  let t: TestStore;
  let server: ServerType;
  let base: string;
  let version: [number, number];
  const requests: string[] = [];

  beforeAll(async () => {
    t = await openTestStore(kind);
    const app = createApp(t.services);
    ({ server, base } = await serveOnLoopback((req) => {
      requests.push(new URL(req.url).pathname);
      return app.fetch(req);
    }));
    version = await gdalVersion();
  });
  afterAll(async () => {
    await closeNow(server);
    await t?.dispose();
  });

  /** ogrinfo's output and errors, whether or not it opened the dataset (exit code 1 is an answer here). */
  const ogrinfo = async (...args: string[]): Promise<{ out: string; err: string; ok: boolean }> => {
    try {
      const { stdout, stderr } = await run(OGRINFO, ['-ro', ...args], {
        env: { ...process.env, GDAL_HTTP_HEADERS: `Authorization: Bearer ${TEST_OFFICIAL_TOKEN}`, CPL_DEBUG: 'OFF' },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 120_000,
      });
      return { out: stdout, err: stderr, ok: true };
    } catch (e) {
      const x = e as { stdout?: string; stderr?: string };
      return { out: x.stdout ?? '', err: x.stderr ?? '', ok: false };
    }
  };

  it('lists the collections from the landing page, and follows a collection to its tileset and tile matrix set without an error', async () => {
    const landing = await ogrinfo('-so', `OGCAPI:${base}/ogc`);
    expect(landing.ok, landing.err).toBe(true);
    for (const id of ['buildings', 'stations', 'grids', 'roads']) expect(landing.out).toContain(`OGCAPI:${base}/ogc/collections/${id}`);

    requests.length = 0;
    const opened = await ogrinfo('-so', '-oo', 'API=TILES', `OGCAPI:${base}/ogc/collections/buildings`);
    // The tilesets-vector link, the tileset's self link, its tiling-scheme link: every step GDAL takes.
    expect(requests).toEqual(expect.arrayContaining([
      '/ogc/collections/buildings',
      '/ogc/collections/buildings/tiles',
      '/ogc/collections/buildings/tiles/WebMercatorQuad',
      '/ogc/tileMatrixSets/WebMercatorQuad',
    ]));
    expect(opened.err).not.toMatch(/ERROR/);
    if (version[0] > 3 || (version[0] === 3 && version[1] >= 7)) {
      expect(opened.ok, opened.err).toBe(true);
      expect(opened.out).toMatch(/: Zoom level 15\b/);
    } else {
      console.warn(`GDAL ${version.join('.')}: its OGCAPI driver is built without vector tiles (OSGeo/gdal#7993); it discovered the tileset, the MVT driver and MapLibre read the tiles`);
    }
  });

  it('from GDAL 3.7, reads the features of a zoom-15 tile with the properties items gives', async () => {
    if (version[0] === 3 && version[1] < 7) return; // see above: no vector tiles in this build of the driver
    const c = client(t.services);
    const first = ((await (await c.get('/ogc/collections/buildings/items?limit=1', officialAuth)).json()) as FeatureCollection).features[0] as Feature;
    let p: unknown = (first.geometry as { coordinates: unknown }).coordinates;
    while (Array.isArray(p) && Array.isArray(p[0])) p = p[0];
    const tile = tileOf((p as number[])[0] as number, (p as number[])[1] as number, 15);
    const [x0, y0, x1, y1] = tileBounds3857(tile);
    const { out, err, ok } = await ogrinfo('-q', '-oo', 'API=TILES', '-spat', String(x0), String(y0), String(x1), String(y1), `OGCAPI:${base}/ogc/collections/buildings`, 'Zoom level 15');
    expect(ok, err).toBe(true);
    expect(out).toContain(`name (String) = ${String(first.properties?.name)}`);
  });
});
