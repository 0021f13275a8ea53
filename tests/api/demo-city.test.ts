// DEMO=city starts the product on the synthetic city (here cut to 2 streets): a real server process on an
// empty data directory fills it with the city, not the hand-made territory, and the map opens on its densest street.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, signIn, type ServerProcess } from '../helpers/processes.js';
import { loadEnv } from '../../server/env.js';
import { TEST_ADMIN_PASSWORD } from '../helpers/constants.js';

describe('DEMO=city', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pbmap-city-'));
  let server: ServerProcess;
  let auth: Record<string, string>;
  beforeAll(async () => {
    server = await startServer({ DEMO: 'city', DEMO_CITY_STREETS: '2', DATA_DIR: join(dir, 'data'), DATABASE_URL: '', ADMIN_PASSWORD: TEST_ADMIN_PASSWORD });
    auth = await signIn(server.base, TEST_ADMIN_PASSWORD);
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fills an empty store with the synthetic city and says so', async () => {
    expect(server.output()).toMatch(/Loaded the synthetic city: 2 streets, 20 grids, 1000 buildings, 5000 enterprises/);
    expect(server.output()).not.toContain('Loaded the demo territory');
    const streets = (await (await fetch(`${server.base}/ogc/collections/streets/items`, { headers: auth })).json()) as { features: { id: string; properties: { districtCode: string } }[] };
    expect(streets.features).toHaveLength(2);
    for (const s of streets.features) expect(s.properties.districtCode).toBe('310199');
  });

  it("opens the map on the city's street with the most enterprises, framed by its extent, with its figures", async () => {
    const config = (await (await fetch(`${server.base}/api/config`, { headers: auth })).json()) as { home: { level: string; id: string; bbox: number[] } | null };
    expect(config.home?.level).toBe('street');
    expect(config.home?.id).toMatch(/^310199/);
    const [w, s, e, n] = config.home?.bbox ?? [];
    expect((w as number) < (e as number) && (s as number) < (n as number)).toBe(true);
    const summary = await fetch(`${server.base}/api/coverage/summary?level=street&id=${config.home?.id}`, { headers: auth });
    expect(summary.status).toBe(200);
    expect(((await summary.json()) as { enterprises: number }).enterprises).toBeGreaterThan(0);
  });

  it('keeps the two demos apart: DATA_DIR defaults to ./data-city with DEMO=city, ./data otherwise', () => {
    expect(loadEnv({ DEMO: 'city' }).DATA_DIR).toBe('./data-city');
    expect(loadEnv({}).DATA_DIR).toBe('./data');
    expect(loadEnv({ DEMO: 'city', DATA_DIR: '/srv/x' }).DATA_DIR).toBe('/srv/x');
    expect(() => loadEnv({ DEMO: 'town' })).toThrow(/DEMO/);
  });
});
