// Station photos: who may upload (admins, editors of the street), what is refused (not an image 422, an
// unreadable format 415, too large 413), what is stored and served (shrunk, ETag, no EXIF: the GPS position
// of the uploaded JPEG is not in any served byte), and the photo on the published page and in its export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { rows } from '../../server/db/store.js';
import { createApiToken } from '../../server/auth/service.js';
import { setPublicShellRoot } from '../../server/publications/artifacts.js';
import { metadataSegments } from '../../server/stations/image/jpeg-segments.js';
import type { PublicSnapshot } from '../../server/publications/contract.js';
import { CAMERA_MAKE, contains, jpegWithGps } from '../helpers/exif-jpeg.js';
import { adminSession, BASE, client, displayAuth, officialAuth, type Client } from '../helpers/client.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';

const STREET = '310106012';

/** No trace of the camera's EXIF: no metadata segment, no "Exif" header, not the make, not the GPS rationals. */
function expectNoExif(bytes: Uint8Array): void {
  expect(bytes[0]).toBe(0xff);
  expect(bytes[1]).toBe(0xd8);
  expect(metadataSegments(bytes)).toEqual([]);
  expect(contains(bytes, 'Exif')).toBe(false);
  expect(contains(bytes, CAMERA_MAKE)).toBe(false);
  // 48.5″ as the rational 4850/100, little-endian, as the GPS IFD holds it.
  expect(contains(bytes, new Uint8Array([0xf2, 0x12, 0, 0, 0x64, 0, 0, 0]))).toBe(false);
}

describe.each(storeKinds())('station photos on %s', (kind) => {
  let t: TestStore;
  let c: Client;
  let admin: Record<string, string>;
  let editorHere: Record<string, string>;
  let editorElsewhere: Record<string, string>;
  let station: { id: number; buildingId: number };
  let shell: string;
  const upload = (id: number, body: Uint8Array | string, headers: Record<string, string>) =>
    Promise.resolve(c.app.request(`${BASE}/api/stations/${id}/photo`, { method: 'PUT', body: body as BodyInit, headers: { 'content-type': 'image/jpeg', ...headers } }));

  beforeAll(async () => {
    t = await openTestStore(kind);
    c = client(t.services);
    admin = await adminSession(c);
    const token = async (streetCodes: string[]) => ({ authorization: `Bearer ${(await createApiToken(t.store, 'test', null, { name: `photo-${streetCodes.join()}`, role: 'editor', streetCodes })).token}` });
    editorHere = await token([STREET]);
    editorElsewhere = await token(['310106013']);
    [station] = (await t.store.read((db) =>
      rows<{ id: number; buildingId: number }>(db, sql`SELECT id, building_id AS "buildingId" FROM stations WHERE street_code = ${STREET} AND open_to = 'public' AND building_id IS NOT NULL ORDER BY id LIMIT 1`))) as [{ id: number; buildingId: number }];
    shell = mkdtempSync(join(tmpdir(), 'pbmap-shell-'));
    mkdirSync(join(shell, 'public-map'));
    mkdirSync(join(shell, 'assets'));
    writeFileSync(join(shell, 'public-map', 'index.html'), '<!doctype html><title>x</title><div id="root"></div>');
    setPublicShellRoot(shell);
  }, 120_000);
  afterAll(async () => {
    if (shell) rmSync(shell, { recursive: true, force: true });
    await t?.dispose();
  });

  it('only admins and editors of the street upload; the others are refused before anything is stored', { timeout: 240_000 }, async () => {
    const src = jpegWithGps(120, 80);
    expect((await upload(station.id, src, {})).status).toBe(401);
    expect((await upload(station.id, src, officialAuth)).status).toBe(403);
    expect((await upload(station.id, src, displayAuth)).status).toBe(403);
    expect((await upload(station.id, src, editorElsewhere)).status).toBe(403);
    expect((await upload(999_999, src, admin)).status).toBe(404);
    expect((await c.get(`/api/stations/${station.id}/photo`, admin)).status).toBe(404);
    const r = await upload(station.id, src, editorHere);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ width: 120, height: 80 });
  });

  it('refuses what is not an image (422), formats it cannot read (415) and files over the budget (413)', { timeout: 240_000 }, async () => {
    const status = async (body: Uint8Array | string) => (await upload(station.id, body, admin)).status;
    expect(await status('this is a text file, not a photo of the station')).toBe(422);
    expect(await status(jpegWithGps(64, 64).subarray(0, 300))).toBe(422);
    expect(await status(new Uint8Array(0))).toBe(422);
    expect(await status(new TextEncoder().encode('GIF89a\x01\x00\x01\x00\x00\x00\x00;'))).toBe(415);
    expect(await status(new Uint8Array(16 * 1024 * 1024).fill(0xff))).toBe(413);
    const body = (await (await upload(station.id, 'nope', admin)).json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unprocessable');
  });

  it('stores a photo shrunk to 1600 px with a thumbnail, serves it with an ETag, and no EXIF (GPS, camera) is in what is served', { timeout: 240_000 }, async () => {
    const src = jpegWithGps(2400, 1200, 1);
    expect(contains(src, CAMERA_MAKE)).toBe(true);
    const r = await upload(station.id, src, admin);
    expect(r.status).toBe(200);
    const info = (await r.json()) as { width: number; height: number; sha256: string };
    expect([info.width, info.height]).toEqual([1600, 800]);
    for (const size of ['photo', 'thumb']) {
      const res = await c.get(`/api/stations/${station.id}/photo?size=${size}`, displayAuth);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      const etag = res.headers.get('etag') as string;
      expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
      if (size === 'photo') expect(etag).toBe(`"${info.sha256}"`);
      expectNoExif(new Uint8Array(await res.arrayBuffer()));
      expect((await c.get(`/api/stations/${station.id}/photo?size=${size}`, { ...displayAuth, 'if-none-match': etag })).status).toBe(304);
    }
    expect((await c.get(`/api/stations/${station.id}/photo`)).status).toBe(401);
    // And nothing of it sits in the database either.
    const [stored] = await t.store.read((db) => rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM station_photos WHERE position(${Buffer.from(CAMERA_MAKE)}::bytea IN jpeg) > 0 OR position('Exif'::bytea IN jpeg) > 0`));
    expect(stored?.n).toBe(0);
  });

  it('the internal profile lists the building\'s stations with their photo; the internal phone only for staff', { timeout: 240_000 }, async () => {
    const staff = (await (await c.get(`/api/stations?buildingId=${station.buildingId}`, officialAuth)).json()) as { stations: { id: number; photo: unknown; editable: boolean }[] };
    const mine = staff.stations.find((s) => s.id === station.id);
    expect(mine?.photo).toMatchObject({ width: 1600, height: 800 });
    expect(mine?.editable).toBe(false);
    const wall = (await (await c.get(`/api/stations?buildingId=${station.buildingId}`, displayAuth)).json()) as { stations: Record<string, unknown>[] };
    expect(wall.stations.every((s) => !('phone' in s))).toBe(true);
    const ed = (await (await c.get(`/api/stations?streetCode=${STREET}`, editorHere)).json()) as { stations: { editable: boolean }[] };
    expect(ed.stations.length).toBeGreaterThan(0);
    expect(ed.stations.every((s) => s.editable)).toBe(true);
    expect((await c.get('/api/stations', admin)).status).toBe(400);
  });

  it('the published page shows the photo beside it (no EXIF), the export carries it, and a later photo does not change a published version', { timeout: 240_000 }, async () => {
    const pub = (await (await c.send('POST', '/api/publications', { title: '照片', scope: `street:${STREET}` }, admin)).json()) as { id: number; slug: string };
    const published0 = await c.send('POST', `/api/publications/${pub.id}/publish`, undefined, admin);
    expect(published0.status, await published0.text()).toBe(200);
    const snap = (await (await c.get(`/p/${pub.slug}/data/publication.json`)).json()) as PublicSnapshot;
    const s = snap.stations.find((x) => x.id === String(station.id));
    expect(s?.photo).toMatchObject({ width: 1600, height: 800 });
    const src = s?.photo?.src as string;
    expect(src).toMatch(/^photos\/[0-9a-f]{64}\.jpg$/);
    const res = await c.get(`/p/${pub.slug}/${src}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    const published = new Uint8Array(await res.arrayBuffer());
    expectNoExif(published);
    expect((await c.get(`/p/${pub.slug}/${s?.photo?.thumb}`)).status).toBe(200);
    // A photo path the snapshot does not show is not served.
    expect((await c.get(`/p/${pub.slug}/photos/${'0'.repeat(64)}.jpg`)).status).toBe(404);
    const zip = unzipSync(new Uint8Array(await (await c.get(`/api/publications/${pub.id}/export.zip`, admin)).arrayBuffer()));
    expect(zip[`${pub.slug}/${src}`]).toEqual(published);
    // A new photo: the published version still shows (and serves) the old one until published again.
    expect((await upload(station.id, jpegWithGps(300, 600), admin)).status).toBe(200);
    expect((await c.get(`/p/${pub.slug}/${src}`)).status).toBe(200);
    expect((await c.send('DELETE', `/api/stations/${station.id}/photo`, undefined, editorElsewhere)).status).toBe(403);
    expect((await c.send('DELETE', `/api/stations/${station.id}/photo`, undefined, admin)).status).toBe(204);
    expect((await c.get(`/p/${pub.slug}/${src}`)).status).toBe(200);
  });
});
