// Publications: roles, drafts with If-Match, preview, publish → immutable snapshot, rollback, unpublish,
// the export zip and /p/{slug}/ served from the same artifacts, and a scan of every public byte for
// the demo data's private names, phones and enterprise names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { rows } from '../../server/db/store.js';
import { setPublicShellRoot } from '../../server/publications/artifacts.js';
import { scanSnapshot } from '../../server/publications/leak-guard.js';
import type { PublicSnapshot } from '../../server/publications/contract.js';
import { SERVICE_CODES } from '../../server/domain/vocabulary/index.js';
import { formatExport, publishExport, PublishExportError } from '../../server/cli/publish-export.js';
import { addUpcomingActivities, leaks, privateStrings, type PrivateStrings } from './publications-scan.js';
import { adminSession, BASE, client, displayAuth, officialAuth, type Client } from '../helpers/client.js';
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
    expect(pub?.activities).toContainEqual({ title: null, type: 'theme_party_day', heldAt: '2026-07-04T10:00:00+08:00', signup: null });
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
    expect(names).toEqual([`${slug}/_headers`, `${slug}/assets/chunk-def.js`, `${slug}/assets/public-abc.css`, `${slug}/assets/public-abc.js`, `${slug}/data/publication.json`, `${slug}/index.html`, `${slug}/share.png`]);
    expect(strFromU8(entries[`${slug}/index.html`] as Uint8Array)).toContain('src="./assets/public-abc.js"');
    expect(strFromU8(entries[`${slug}/index.html`] as Uint8Array)).toContain('<meta property="og:title" content="南京西路街道党建版图" />');
    // Share cards need an absolute image address: an export names it when told where it will be served
    // (?base=), and /p/{slug}/ by its own address, so the served page is the export made for that address.
    expect(strFromU8(entries[`${slug}/index.html`] as Uint8Array)).toContain('<meta property="og:image" content="share.png" />');
    const servedHere = unzipSync(new Uint8Array(await (await c.get(`/api/publications/${id}/export.zip?base=${encodeURIComponent(`${BASE}/p/${slug}/`)}`, admin)).arrayBuffer()));
    expect(strFromU8(servedHere[`${slug}/index.html`] as Uint8Array)).toContain(`<meta property="og:image" content="${BASE}/p/${slug}/share.png" />`);
    expect((await c.get(`/api/publications/${id}/export.zip?base=javascript:alert(1)`, admin)).status).toBe(400);

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
        const exported = path === 'index.html' ? (servedHere[name] as Uint8Array) : bytes;
        expect(Buffer.from(served).equals(Buffer.from(exported)), `${path} is the exported file`).toBe(true);
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
    // What the publish-time guard saw passes its normalised, per-field scan.
    expect(scanSnapshot(data, priv.store)).toEqual([]);

    // What gets people to the door (issue 17): every station has a road address, a public line (never one of
    // the store's private numbers), a week of hours and services from the controlled list; the demo's planned
    // activities are listed with their signup notes, and the roads and water of the scope come along.
    const full = data as unknown as PublicSnapshot;
    expect(full.stations.length).toBeGreaterThan(8);
    const privatePhones = new Set(priv.store.phones.map((x) => x.replace(/\D/g, '')));
    for (const st of full.stations) {
      expect(st.address, st.name).toMatch(/[路街]\d+[号弄]$/);
      expect(st.phone, st.name).toMatch(/^021-5550 01\d\d$/);
      expect(privatePhones.has((st.phone as string).replace(/\D/g, ''))).toBe(false);
      expect(st.week, st.name).toHaveLength(7);
      for (const code of st.services) expect(SERVICE_CODES as readonly string[]).toContain(code);
      expect(st.accessibility).toBeTruthy();
    }
    const upcoming = full.stations.flatMap((st) => st.activities);
    expect(upcoming.filter((a) => a.signup).length).toBeGreaterThan(10);
    expect((full.roads ?? []).map((r) => r.name)).toEqual(expect.arrayContaining(['南京西路', '威海路']));
  });

  it("npm run publish:export writes exactly the zip's files into a directory, by slug or id, and refuses what is not published", async () => {
    const list = ((await (await c.get('/api/publications', admin)).json()) as { publications: { id: number; slug: string; status: string }[] }).publications;
    const { id, slug } = list[0] as { id: number; slug: string };
    const draft = list.find((p) => p.status === 'draft') as { id: number; slug: string };
    const entries = unzipSync(new Uint8Array(await (await c.get(`/api/publications/${id}/export.zip`, admin)).arrayBuffer()));
    const out = mkdtempSync(join(tmpdir(), 'pbmap-export-'));
    try {
      const listFiles = (dir: string, prefix = ''): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
      for (const [target, dir] of [[slug, join(out, 'by-slug')], [String(id), join(out, 'by-id')]] as const) {
        const r = await publishExport(t.store, target, dir);
        expect(r).toMatchObject({ id, slug, version: 1 });
        const zipped = Object.keys(entries).map((n) => n.slice(slug.length + 1)).sort();
        expect(listFiles(dir).sort()).toEqual(zipped);
        expect(r.files.map((f) => f.path).sort()).toEqual(zipped);
        for (const path of zipped) {
          expect(Buffer.from(readFileSync(join(dir, path))).equals(Buffer.from(entries[`${slug}/${path}`] as Uint8Array)), path).toBe(true);
        }
        expect(r.totalBytes).toBe(Object.values(entries).reduce((n, b) => n + b.length, 0));
        // index.html is written last: a sync running meanwhile never sees a page without its assets.
        expect(r.files.at(-1)?.path).toBe('index.html');
        const report = formatExport(r);
        expect(report).toContain('data/publication.json');
        expect(report).toContain(`${r.files.length} files, ${r.totalBytes} bytes`);
      }
      // Told where the files will be served, the share card names its image there.
      await publishExport(t.store, slug, join(out, 'with-base'), 'https://cdn.example.org/maps/njxl/');
      expect(readFileSync(join(out, 'with-base', 'index.html'), 'utf8')).toContain('<meta property="og:image" content="https://cdn.example.org/maps/njxl/share.png" />');
      rmSync(join(out, 'with-base'), { recursive: true, force: true });
      await expect(publishExport(t.store, slug, join(out, 'bad-base'), 'ftp://x/')).rejects.toThrow(/not an http\(s\) address/);
      await expect(publishExport(t.store, 'no-such-map', join(out, 'x'))).rejects.toThrow(/No publication/);
      await expect(publishExport(t.store, draft.slug, join(out, 'draft'))).rejects.toThrow(/never been published: nothing written/);
      await expect(publishExport(t.store, String(draft.id), join(out, 'draft'))).rejects.toBeInstanceOf(PublishExportError);
      // Without the built client: a clear refusal, nothing written.
      const empty = mkdtempSync(join(tmpdir(), 'pbmap-noshell-'));
      setPublicShellRoot(empty);
      try {
        await expect(publishExport(t.store, slug, join(out, 'noshell'))).rejects.toThrow(/not built.*nothing written/);
      } finally {
        setPublicShellRoot(shell);
        rmSync(empty, { recursive: true, force: true });
      }
      expect(readdirSync(out).sort()).toEqual(['by-id', 'by-slug']);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
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
    await expect(publishExport(t.store, slug, join(tmpdir(), 'pbmap-never-written'))).rejects.toThrow(/is unpublished/);
    const audits = await t.store.read((db) => rows<{ action: string }>(db, sql`SELECT action FROM audit_log WHERE entity = 'publication' AND entity_id = ${String(id)} ORDER BY id`));
    expect(audits.map((a) => a.action)).toEqual(['create', 'update', 'publish', 'update', 'publish', 'rollback', 'unpublish']);
  });

  it('withholds an enterprise name typed into the intro by redaction: the publish passes the guard', async () => {
    const [ent] = await t.store.read((db) => rows<{ name: string }>(db, sql`SELECT name FROM enterprises WHERE char_length(name) >= 6 ORDER BY id LIMIT 1`));
    if (!ent) throw new Error('demo data has no enterprise');
    const { id } = (await (await create({ title: '介绍里有企业名', scope: 'street:310106012', texts: { intro: `欢迎${ent.name}的职工来站点` } })).json()) as { id: number };
    const pub = await c.send('POST', `/api/publications/${id}/publish`, undefined, admin);
    expect(pub.status).toBe(200);
    const { slug } = (await pub.json()) as { slug: string };
    const json = await (await c.get(`/p/${slug}/data/publication.json`)).text();
    expect(json).not.toContain(ent.name);
    expect((JSON.parse(json) as { texts: { intro: string } }).texts.intro).toBe('');
    const v = (await getPub(id)).body as unknown as { versions: { redacted: { field: string }[] }[] };
    expect(v.versions).toHaveLength(1);
    expect(v.versions[0]?.redacted.map((f) => f.field)).toContain('texts.intro');
  });

  it('blocks a publish with 422 when private data reaches the snapshot past redaction, naming field and kind but never the value; stores and audits nothing', async () => {
    // Street names come from the territory, not free text, so redact() does not scrub them: a person's
    // name typed into a street's English name gets past redaction. The guard stops it.
    const [person] = await t.store.read((db) => rows<{ name: string }>(db, sql`SELECT secretary_name AS name FROM organisations WHERE secretary_name IS NOT NULL ORDER BY id LIMIT 1`));
    if (!person) throw new Error('demo data has no secretary');
    const [street] = await t.store.read((db) => rows<{ nameEn: string | null }>(db, sql`SELECT name_en AS "nameEn" FROM streets WHERE code = '310106012'`));
    const { id } = (await (await create({ title: '守门测试', scope: 'street:310106012' })).json()) as { id: number };
    const auditsOf = () => t.store.read((db) => rows<{ action: string }>(db, sql`SELECT action FROM audit_log WHERE entity = 'publication' AND entity_id = ${String(id)} ORDER BY id`));
    const countVersions = () => t.store.read((db) => rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM publication_versions`));
    const versionsBefore = await countVersions();
    await t.store.write((tx) => tx.execute(sql`UPDATE streets SET name_en = ${`Nanjing Rd W (contact ${person.name})`} WHERE code = '310106012'`));
    try {
      const preview = (await (await c.get(`/api/publications/${id}/preview`, admin)).json()) as { public: unknown };
      expect(JSON.stringify(preview.public)).toContain(person.name);
      const before = await getPub(id);
      const r = await c.send('POST', `/api/publications/${id}/publish`, undefined, admin);
      expect(r.status).toBe(422);
      const text = await r.text();
      expect(text).not.toContain(person.name);
      const body = JSON.parse(text) as { error: { code: string; message: string; details: { path: string; kind: string }[] } };
      expect(body.error.code).toBe('unprocessable');
      expect(body.error.details).toEqual([{ path: 'streets[0].nameEn', kind: 'person_name' }]);
      const after = await getPub(id);
      expect(after.body).toMatchObject({ status: 'draft', currentVersion: null, version: before.body.version, versions: [] });
      expect(await countVersions()).toEqual(versionsBefore);
      expect((await auditsOf()).map((a) => a.action)).toEqual(['create']);
    } finally {
      await t.store.write((tx) => tx.execute(sql`UPDATE streets SET name_en = ${street?.nameEn ?? null} WHERE code = '310106012'`));
    }
    // Put right, the same draft publishes.
    expect((await c.send('POST', `/api/publications/${id}/publish`, undefined, admin)).status).toBe(200);
    expect((await auditsOf()).map((a) => a.action)).toEqual(['create', 'publish']);
  });

  it('blocks a phone number chosen as the slug, and a rollback to a version that now names a private person', async () => {
    const { id } = (await (await create({ title: '地址里有电话', scope: 'street:310106012', slug: 'tel-13912345678' })).json()) as { id: number };
    const r = await c.send('POST', `/api/publications/${id}/publish`, undefined, admin);
    expect(r.status).toBe(422);
    expect(((await r.json()) as { error: { details: unknown } }).error.details).toEqual([{ path: 'slug', kind: 'phone_or_id_pattern' }]);
    expect((await c.get('/p/tel-13912345678/')).status).toBe(404);

    // v1 names a public station; later an instructor is registered under exactly that name. Publishing
    // again would withhold it (redaction); rolling back to v1 is refused by the guard.
    const [st] = await t.store.read((db) => rows<{ name: string }>(db, sql`SELECT name FROM stations WHERE street_code = '310106012' AND open_to = 'public' AND char_length(name) >= 6 ORDER BY id LIMIT 1`));
    if (!st) throw new Error('no public station');
    const { id: id2 } = (await (await create({ title: '回滚守门', scope: 'street:310106012' })).json()) as { id: number };
    expect((await c.send('POST', `/api/publications/${id2}/publish`, undefined, admin)).status).toBe(200);
    expect((await c.send('POST', `/api/publications/${id2}/unpublish`, undefined, admin)).status).toBe(200);
    await t.store.write((tx) => tx.execute(sql`INSERT INTO instructors (name, role, street_code, source) VALUES (${st.name}, 'instructor', '310106012', 'test')`));
    try {
      const rb = await c.send('POST', `/api/publications/${id2}/rollback`, { version: 1 }, admin);
      expect(rb.status).toBe(422);
      const text = await rb.text();
      expect(text).not.toContain(st.name);
      const body = JSON.parse(text) as { error: { code: string; details: { kind: string }[] } };
      expect(body.error.code).toBe('unprocessable');
      expect(body.error.details.map((d) => d.kind)).toContain('person_name');
      expect((await getPub(id2)).body).toMatchObject({ status: 'unpublished', currentVersion: 1 });
    } finally {
      await t.store.write((tx) => tx.execute(sql`DELETE FROM instructors WHERE source = 'test' AND name = ${st.name}`));
    }
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
