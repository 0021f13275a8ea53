// A real GIS client reads the OGC API: GDAL's ogrinfo (Debian gdal-bin) against the running server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ServerType } from '@hono/node-server';
import { closeNow, serveOnLoopback } from '../helpers/serve.js';
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';
import { createApp } from '../../server/app.js';
import { existsSync } from 'node:fs';
import { openTestStore, storeKinds, testEnv, type TestStore } from '../helpers/stores.js';
import { TEST_OFFICIAL_TOKEN } from '../helpers/constants.js';

const run = promisify(execFile);
const OGRINFO = '/usr/bin/ogrinfo';
const HAS_OGRINFO = existsSync(OGRINFO);
// CI installs gdal-bin (.ci/run): there a missing client is a failure. On a developer machine say so loudly.
if (!HAS_OGRINFO && testEnv.CI) throw new Error(`${OGRINFO} is missing: install Debian's gdal-bin`);
if (!HAS_OGRINFO) console.warn(`SKIPPED the GDAL client tests: ${OGRINFO} is missing (apt-get install gdal-bin)`);

describe.runIf(HAS_OGRINFO).each(storeKinds())('GDAL ogrinfo reads the OGC API on %s', (kind) => {
  let t: TestStore;
  let server: ServerType;
  let url: string;
  const itemRequests: string[] = [];

  beforeAll(async () => {
    t = await openTestStore(kind);
    const app = createApp(t.services);
    let base: string;
    ({ server, base } = await serveOnLoopback((req) => {
      const u = new URL(req.url);
      if (u.pathname.endsWith('/items')) itemRequests.push(u.pathname + u.search);
      return app.fetch(req);
    }));
    url = `OAPIF:${base}/ogc`;
  });
  afterAll(async () => {
    await closeNow(server);
    await t?.dispose();
  });

  const ogrinfo = async (...args: string[]) => {
    const { stdout } = await run(OGRINFO, ['-ro', ...args], {
      env: { ...process.env, GDAL_HTTP_HEADERS: `Authorization: Bearer ${TEST_OFFICIAL_TOKEN}`, CPL_DEBUG: 'OFF' },
      maxBuffer: 256 * 1024 * 1024,
      timeout: 120_000,
    });
    return stdout;
  };

  it('lists every collection', async () => {
    const out = await ogrinfo('-so', url);
    for (const id of ['districts', 'streets', 'grids', 'business-districts', 'buildings', 'enterprises', 'stations', 'activities', 'alliances']) {
      expect(out, id).toMatch(new RegExp(`\\d+: ${id} \\(`));
    }
  });

  it.each(['buildings', 'enterprises'])('reads every %s feature across pages, count equal to the database', async (layer) => {
    const table = layer;
    const [db] = await t.store.read((d) => rows<{ n: number }>(d, sql.raw(`SELECT count(*)::int AS n FROM ${table}`)));
    itemRequests.length = 0;
    const out = await ogrinfo('-al', '-q', url, layer);
    const features = out.match(/^OGRFeature\(/gm) ?? [];
    expect(features.length).toBe(db?.n);
    expect(itemRequests.filter((r) => /offset=[1-9]/.test(r)).length).toBeGreaterThan(0);
    if (layer === 'buildings') expect(out).toContain('恒隆广场');
    if (layer === 'enterprises') expect(out).toMatch(/partyMembers \(Integer\) = \d+/);
  });

  it('sends the declared attribute filter to the server', async () => {
    itemRequests.length = 0;
    const out = await ogrinfo('-al', '-q', '-where', "streetCode = '310104004'", url, 'buildings');
    const [db] = await t.store.read((d) => rows<{ n: number }>(d, sql`SELECT count(*)::int AS n FROM buildings WHERE street_code = '310104004'`));
    expect((out.match(/^OGRFeature\(/gm) ?? []).length).toBe(db?.n);
    expect(itemRequests.some((r) => r.includes('streetCode=310104004'))).toBe(true);
  });
});
