// Publications: roles, drafts with If-Match, preview, publish → immutable snapshot, rollback, unpublish,
// the export zip and /p/{slug}/ served from the same artifacts, and a scan of every public byte for
// the demo data's private names, phones and enterprise names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { rows } from '../../server/db/store.js';
import { setPublicShellRoot } from '../../server/publications/artifacts.js';
import { addUpcomingActivities, leaks, privateStrings, type PrivateStrings } from './publications-scan.js';
import { adminSession, client, displayAuth, officialAuth, type Client } from '../helpers/client.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';

/** A stand-in for the Vite build (the browser test uses the real one): an entry importing a chunk. */
function fakeShell(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pbmap-shell-'));
  mkdirSync(join(dir, 'public-map'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'public-map', 'index.html'), '<!doctype html><script type="module" crossorigin src="/assets/public-abc.js"></script><link rel="stylesheet" href="/assets/public-abc.css"><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'public-abc.js'), 'import{x}from"./chunk-def.js";fetch("data/publication.json")');
  writeFileSync(join(dir, 'assets', 'chunk-def.js'), 'export const x=1');
  writeFileSync(join(dir, 'assets', 'public-abc.css'), 'body{}');
  writeFileSync(join(dir, 'assets', 'main-app.js'), 'the internal app, never exported');
  return dir;
}

describe.each(storeKinds())('publications on %s', (kind) => {
  let t: TestStore;
  let c: Client;
  let admin: Record<string, string>;
  let shell: string;
  let priv: PrivateStrings;
  beforeAll(async () => {
    t = await openTestStore(kind);
    c = client(t.services);
    admin = await adminSession(c);
    shell = fakeShell();
    setPublicShellRoot(shell);
    priv = await privateStrings(t);
    await addUpcomingActivities(t, '310106012');
  });
  afterAll(async () => {
    if (shell) rmSync(shell, { recursive: true, force: true });
    await t?.dispose();
  });

  const create = async (body: unknown) => c.send('POST', '/api/publications', body, admin);
  const getPub = async (id: number) => {
    const r = await c.get(`/api/publications/${id}`, admin);
    return { status: r.status, etag: r.headers.get('etag'), body: (await r.json()) as { status: string; currentVersion: number | null; version: number; slug: string; versions: { number: number; sha256: string; copiedFrom: number | null }[] } };
  };

  it('has the private demo strings it scans for', () => {
    expect(priv.people.length).toBeGreaterThan(50);
    expect(priv.phones.length).toBeGreaterThan(50);
    expect(priv.enterprises.length + priv.shortEnterprises).toBe(2211);
    // Short names are substrings of street and building names ("静安"…): scanning them would only find those.
    expect(priv.shortEnterprises).toBeLessThan(50);
    expect(priv.organisations.length).toBeGreaterThan(100);
  });

  it('lets only admins in: 401 without a session, 403 for officials and display tokens', async () => {
    expect((await c.get('/api/publications')).status).toBe(401);
    expect((await c.get('/api/publications', displayAuth)).status).toBe(403);
    expect((await c.get('/api/publications', officialAuth)).status).toBe(403);
    expect((await c.send('POST', '/api/publications', { title: 'x', scope: 'street:310106012' }, officialAuth)).status).toBe(403);
    expect((await c.send('POST', '/api/publications', { title: 'x', scope: 'street:310106012' }, displayAuth)).status).toBe(403);
    expect((await c.send('POST', '/api/publications', { title: 'x', scope: 'street:310106012' })).status).toBe(401);
    expect((await c.get('/api/publications/1/export.zip', displayAuth)).status).toBe(403);
    expect((await c.get('/api/publications', admin)).status).toBe(200);
  });

  it('refuses bad input with 400/404/409, never 500', async () => {
    for (const body of [{}, { title: '', scope: 'street:310106012' }, { title: 'x', scope: 'city:1' }, { title: 'x', scope: 'street:310106012', extra: 1 }, { title: 'x', scope: 'street:310106012', slug: 'A B' }, { title: 'x', scope: 'street:310106012', redaction: { minCount: 1 } }, { title: 'x', scope: 'street:310106012', redaction: { minCount: 3 } }, { title: 'x', scope: 'street:310106012', redaction: { minCount: 4 } }, { title: 'x', scope: 'street:310106012', redaction: { stationAudiences: ['members'] } }]) {
      const r = await create(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    expect((await c.send('POST', '/api/publications', '{not json', admin)).status).toBe(400);
    expect((await create({ title: 'x', scope: 'street:999999999' })).status).toBe(404);
    expect((await c.get('/api/publications/999999', admin)).status).toBe(404);
    expect((await c.get('/api/publications/abc', admin)).status).toBe(400);
    expect((await c.get('/api/publications/99999999999', admin)).status).toBe(400);
  });

  it('creates a draft with a slug, changes it with If-Match (412 when stale), audits it', async () => {
    const r = await create({ title: '南京西路街道党建版图', scope: 'street:310106012' });
    expect(r.status).toBe(201);
    const draft = (await r.json()) as { id: number; slug: string; status: string; version: number; config: { redaction: { minCount: number } } };
    expect(draft).toMatchObject({ slug: 'street-310106012', status: 'draft', version: 1 });
    expect(draft.config.redaction.minCount).toBe(5);
    expect(r.headers.get('etag')).toBe('"1"');
    const second = (await (await create({ title: 'again', scope: 'street:310106012' })).json()) as { slug: string };
    expect(second.slug).toBe('street-310106012-2');
    expect((await create({ title: 'dup', scope: 'street:310106012', slug: 'street-310106012' })).status).toBe(409);

    expect((await c.send('PATCH', `/api/publications/${draft.id}`, { title: 'x' }, admin)).status).toBe(400);
    const ok = await c.send('PATCH', `/api/publications/${draft.id}`, { texts: { approvalNumber: '沪S(2026)001号', intro: '找到离您最近的党群服务站点。' } }, { ...admin, 'if-match': '"1"' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"2"');
    const stale = await c.send('PATCH', `/api/publications/${draft.id}`, { title: 'late' }, { ...admin, 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    const now = await getPub(draft.id);
    expect(now.body).toMatchObject({ version: 2 });
    expect((now.body as unknown as { title: string }).title).toBe('南京西路街道党建版图');
    const audits = await t.store.read((db) => rows<{ action: string }>(db, sql`SELECT action FROM audit_log WHERE entity = 'publication' AND entity_id = ${String(draft.id)} ORDER BY id`));
    expect(audits.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('previews what the public will see beside the internal view, listing every withheld field', async () => {
    const [{ id }] = (await (await c.get('/api/publications', admin)).json() as { publications: { id: number }[] }).publications as [{ id: number }];
    const r = await c.get(`/api/publications/${id}/preview`, admin);
    expect(r.status).toBe(200);
    const body = (await r.json()) as { public: { stations: { name: string; openTo: string }[]; grids: unknown[]; businessDistricts: { name: string }[] }; redacted: { field: string; count: number }[]; internal: { stations: { phone: string | null }[] } };
    expect(body.public.stations.length).toBeGreaterThan(3);
    expect(body.public.businessDistricts.map((b) => b.name)).toEqual(expect.arrayContaining(['恒隆广场商圈']));
    const fields = body.redacted.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['activities.organiser', 'activities.participants', 'enterprises.*', 'organisations.secretary_name', 'organisations.contact_phone', 'instructors.name', 'districts.geom']));
    expect(body.internal.stations.length).toBeGreaterThanOrEqual(body.public.stations.length);
    expect(leaks(JSON.stringify(body.public), priv)).toEqual([]);
    expect(JSON.stringify(body)).not.toContain('privateTerms');
  });

  it('withholds a phone typed into station hours in any grouping and an activity titled with an organisation name', async () => {
    const [{ id }] = (await (await c.get('/api/publications', admin)).json() as { publications: { id: number }[] }).publications as [{ id: number }];
    const [org] = await t.store.read((db) => rows<{ name: string }>(db, sql`SELECT name FROM organisations WHERE street_code = '310106012' AND char_length(name) >= 4 ORDER BY id LIMIT 1`));
    const [st] = await t.store.read((db) => rows<{ id: number }>(db, sql`SELECT id FROM stations WHERE street_code = '310106012' AND open_to = 'public' ORDER BY id LIMIT 1`));
    if (!org || !st) throw new Error('demo data has no organisation or public station in 310106012');
    await t.store.write(async (tx) => {
      await tx.execute(sql`UPDATE stations SET hours = '预约 138-1234-5678' WHERE id = ${st.id}`);
      await tx.execute(sql`
        INSERT INTO activities (title, type, street_code, station_id, building_id, held_at, participants, geom, source)
        SELECT ${org.name}, 'theme_party_day', s.street_code, s.id, s.building_id, timestamptz '2026-07-04 10:00:00+08', 12, s.geom, 'test'
        FROM stations s WHERE s.id = ${st.id}`);
    });
    const body = (await (await c.get(`/api/publications/${id}/preview`, admin)).json()) as {
      public: { stations: { id: string; hours: string | null; activities: { title: string | null; type: string; heldAt: string }[] }[] };
      redacted: { field: string; count: number }[];
    };
    const pub = body.public.stations.find((s) => s.id === String(st.id));
    expect(pub?.hours).toBeNull();
    expect(pub?.activities).toContainEqual({ title: null, type: 'theme_party_day', heldAt: '2026-07-04T10:00:00+08:00' });
    const text = JSON.stringify(body.public);
    expect(text).not.toContain(org.name);
    expect(text).not.toContain('1234-5678');
    expect(leaks(text, priv)).toEqual([]);
    expect(body.redacted.map((f) => f.field)).toEqual(expect.arrayContaining(['stations.hours', 'activities.title']));
  });

  it('publishes an immutable snapshot, serves /p/{slug}/ and the export from the same artifacts, and leaks nothing', async () => {
    const list = (await (await c.get('/api/publications', admin)).json()) as { publications: { id: number; slug: string }[] };
    const { id, slug } = list.publications[0] as { id: number; slug: string };
    expect((await c.get(`/p/${slug}/`)).status).toBe(404);
    expect((await c.get(`/api/publications/${id}/export.zip`, admin)).status).toBe(409);
    const pub = await c.send('POST', `/api/publications/${id}/publish`, undefined, admin);
    expect(pub.status).toBe(200);
    expect(await pub.json()).toMatchObject({ status: 'published', currentVersion: 1 });

    const redirect = await c.get(`/p/${slug}?lang=en`);
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe(`/p/${slug}/?lang=en`);

    const zipRes = await c.get(`/api/publications/${id}/export.zip`, admin);
    expect(zipRes.status).toBe(200);
    expect(zipRes.headers.get('content-type')).toBe('application/zip');
    const entries = unzipSync(new Uint8Array(await zipRes.arrayBuffer()));
    const names = Object.keys(entries).sort();
    expect(names).toEqual([`${slug}/_headers`, `${slug}/assets/chunk-def.js`, `${slug}/assets/public-abc.css`, `${slug}/assets/public-abc.js`, `${slug}/data/publication.json`, `${slug}/index.html`]);
    expect(strFromU8(entries[`${slug}/index.html`] as Uint8Array)).toContain('src="./assets/public-abc.js"');

    // Every exported byte, and every public response (with and without an admin cookie: no difference).
    for (const [name, bytes] of Object.entries(entries)) {
      const text = strFromU8(bytes);
      expect(leaks(text, priv), name).toEqual([]);
      const path = name.slice(slug.length + 1);
      if (path === '_headers') continue;
      for (const headers of [{}, admin]) {
        const res = await c.get(`/p/${slug}/${path === 'index.html' ? '' : path}`, headers);
        expect(res.status, path).toBe(200);
        const served = new Uint8Array(await res.arrayBuffer());
        expect(Buffer.from(served).equals(Buffer.from(bytes)), `${path} is the exported file`).toBe(true);
        expect(leaks(new TextDecoder().decode(served), priv), path).toEqual([]);
        expect(res.headers.get('set-cookie')).toBeNull();
        expect(res.headers.get('content-security-policy')).toContain("frame-ancestors *");
        expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      }
    }
    expect((await c.get(`/p/${slug}/assets/main-app.js`)).status).toBe(404);
    expect((await c.get(`/p/${slug}/_headers`)).status).toBe(404);
    // Malformed or encoded paths are not asset names: 404, never 500, never decoded a second time.
    for (const bad of ['%FF', '%E0%A4', 'assets/%FF.js', 'assets/public-abc.js%C0', '%25', '%2541', 'assets%2Fpublic-abc.js', 'data%2Fpublication.json', 'assets/..%2Fassets%2Fpublic-abc.js']) {
      expect((await c.get(`/p/${slug}/${bad}`)).status, bad).toBe(404);
      expect((await c.app.request(`http://test.local/p/${slug}/${bad}`, { method: 'HEAD' })).status, `HEAD ${bad}`).toBe(404);
    }
    expect((await c.get(`/p/${slug}/../../api/publications`)).status).not.toBe(200);

    const data = JSON.parse(strFromU8(entries[`${slug}/data/publication.json`] as Uint8Array)) as { version: number; stations: unknown[]; texts: { approvalNumber: string } };
    expect(data.version).toBe(1);
    expect(data.texts.approvalNumber).toBe('沪S(2026)001号');
    const v = await getPub(id);
    const sha = createHash('sha256').update(entries[`${slug}/data/publication.json`] as Uint8Array).digest('hex');
    expect(v.body.versions[0]?.sha256).toBe(sha);
  });

  it('keeps published versions frozen: later edits change nothing public, and the database refuses UPDATE/DELETE', async () => {
    const { id, slug } = ((await (await c.get('/api/publications', admin)).json()) as { publications: { id: number; slug: string }[] }).publications[0] as { id: number; slug: string };
    const before = await (await c.get(`/p/${slug}/data/publication.json`)).text();
    await t.store.write(async (tx) => {
      await tx.execute(sql`UPDATE stations SET name = name || '（已改名）', hours = '预约开放' WHERE street_code = '310106012'`);
      await tx.execute(sql`UPDATE business_districts SET name = '改过的商圈' WHERE street_code = '310106012'`);
    });
    const edit = await c.send('PATCH', `/api/publications/${id}`, { title: '改过的标题' }, { ...admin, 'if-match': `"${(await getPub(id)).body.version}"` });
    expect(edit.status).toBe(200);
    expect(await (await c.get(`/p/${slug}/data/publication.json`)).text()).toBe(before);
    await expect(t.store.write((tx) => tx.execute(sql`UPDATE publication_versions SET snapshot = '{}'::jsonb WHERE publication_id = ${id}`))).rejects.toThrow();
    await expect(t.store.write((tx) => tx.execute(sql`DELETE FROM publication_versions WHERE publication_id = ${id}`))).rejects.toThrow();
    expect(await (await c.get(`/p/${slug}/data/publication.json`)).text()).toBe(before);

    // The next publish shows the edits; a rollback brings version 1's data back as version 3.
    expect((await c.send('POST', `/api/publications/${id}/publish`, undefined, admin)).status).toBe(200);
    const v2 = JSON.parse(await (await c.get(`/p/${slug}/data/publication.json`)).text()) as { version: number; title: string; businessDistricts: { name: string }[] };
    expect(v2.version).toBe(2);
    expect(v2.title).toBe('改过的标题');
    expect(v2.businessDistricts.every((b) => b.name === '改过的商圈')).toBe(true);
    expect((await c.send('POST', `/api/publications/${id}/rollback`, { version: 9 }, admin)).status).toBe(404);
    expect((await c.send('POST', `/api/publications/${id}/rollback`, { version: 2 }, admin)).status).toBe(409);
    expect((await c.send('POST', `/api/publications/${id}/rollback`, { version: 1 }, { ...admin, 'if-match': '"1"' })).status).toBe(412);
    const rb = await c.send('POST', `/api/publications/${id}/rollback`, { version: 1 }, admin);
    expect(rb.status).toBe(200);
    expect(await rb.json()).toMatchObject({ currentVersion: 3 });
    const v3 = JSON.parse(await (await c.get(`/p/${slug}/data/publication.json`)).text()) as Record<string, unknown>;
    const v1 = JSON.parse(before) as Record<string, unknown>;
    expect({ ...v3, version: 0, publishedAt: '' }).toEqual({ ...v1, version: 0, publishedAt: '' });
    expect(v3.version).toBe(3);
    expect((await getPub(id)).body.versions.map((v) => [v.number, v.copiedFrom !== null])).toEqual([[3, true], [2, false], [1, false]]);

    // Unpublish: the page is gone (404), the versions stay.
    expect((await c.send('POST', `/api/publications/${id}/unpublish`, undefined, admin)).status).toBe(200);
    expect((await c.send('POST', `/api/publications/${id}/unpublish`, undefined, admin)).status).toBe(409);
    expect((await c.get(`/p/${slug}/`)).status).toBe(404);
    expect((await c.get(`/p/${slug}/data/publication.json`)).status).toBe(404);
    expect((await getPub(id)).body.versions).toHaveLength(3);
    const audits = await t.store.read((db) => rows<{ action: string }>(db, sql`SELECT action FROM audit_log WHERE entity = 'publication' AND entity_id = ${String(id)} ORDER BY id`));
    expect(audits.map((a) => a.action)).toEqual(['create', 'update', 'publish', 'update', 'publish', 'rollback', 'unpublish']);
  });

  it('publishes a district scope without drawing the district boundary', async () => {
    const r = await create({ title: '静安区', scope: 'district:310106', redaction: { minCount: 10 } });
    const { id } = (await r.json()) as { id: number };
    const prev = (await (await c.get(`/api/publications/${id}/preview`, admin)).json()) as { public: Record<string, unknown> & { streets: unknown[]; minCount: number } };
    expect(Object.keys(prev.public)).not.toContain('districts');
    expect(prev.public.streets.length).toBeGreaterThanOrEqual(1);
    expect(prev.public.minCount).toBe(10);
    expect(leaks(JSON.stringify(prev.public), priv)).toEqual([]);
  });
});
