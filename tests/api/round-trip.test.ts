// Data that goes in comes back out unchanged: every roster collection the product exports (CSV, XLSX) and every
// boundary collection (GeoJSON), exported, imported again and exported again, gives the same data, and the
// import writes nothing (0 inserted, 0 updated, no version moves), on every store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { unzipSync, strFromU8 } from 'fflate';
import { rows } from '../../server/db/store.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { BASE, adminSession, client, type Client } from '../helpers/client.js';

const VERSIONED = ['enterprises', 'stations', 'activities', 'streets', 'grids', 'business_districts', 'buildings'];

/** What an export says, independent of the container: CSV and GeoJSON bytes; an xlsx's sheet and shared strings. */
function exportData(format: string, bytes: Uint8Array): string {
  if (format !== 'xlsx') return Buffer.from(bytes).toString('base64');
  const files = unzipSync(bytes);
  return Object.keys(files)
    .filter((n) => /^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/.test(n))
    .sort()
    .map((n) => `${n}\n${strFromU8(files[n] as Uint8Array)}`)
    .join('\n');
}

describe.each(storeKinds())('export → import → export is identity (%s)', (kind) => {
  let t: TestStore;
  let c: Client;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await openTestStore(kind);
    c = client(t.services);
    admin = await adminSession(c);
  });
  afterAll(() => t?.dispose());

  const versions = () =>
    t.store.read((db) => rows<{ t: string; s: number; n: number }>(db, sql.raw(VERSIONED.map((x) => `SELECT '${x}' AS t, coalesce(sum(version), 0)::int AS s, count(*)::int AS n FROM ${x}`).join(' UNION ALL '))));
  const exportOf = async (collection: string, format: string) => {
    const res = await c.get(`/api/export/${collection}?format=${format}`, admin);
    expect(res.status).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  };
  const importOf = async (importKind: string, bytes: Uint8Array, name: string) => {
    const form = new FormData();
    form.set('file', new Blob([bytes as BlobPart]), name);
    const res = await c.app.request(`${BASE}/api/import/${importKind}`, { method: 'POST', body: form, headers: admin });
    const body = (await res.json()) as { inserted: number; updated: number; unchanged: number; preview?: { issues: unknown[]; unknownColumns: string[] } };
    return { status: res.status, body };
  };

  const cases: [collection: string, importKind: string, format: string][] = [
    ['enterprises', 'enterprises', 'csv'], ['enterprises', 'enterprises', 'xlsx'],
    ['stations', 'stations', 'csv'], ['stations', 'stations', 'xlsx'],
    ['activities', 'activities', 'csv'], ['activities', 'activities', 'xlsx'],
    ['streets', 'streets', 'geojson'], ['business-districts', 'business-districts', 'geojson'],
    ['buildings', 'buildings', 'geojson'], ['grids', 'grids', 'geojson'],
  ];
  it.each(cases)('%s as %s (%s)', async (collection, importKind, format) => {
    const before = await versions();
    const first = await exportOf(collection, format);
    if (importKind === 'grids') {
      // A grid file holds one street's grids (the grid editor's rule): each street's grids go back on their own.
      const fc = JSON.parse(Buffer.from(first).toString('utf8')) as { features: { properties: { streetCode: string } }[] };
      for (const street of [...new Set(fc.features.map((f) => f.properties.streetCode))]) {
        const part = { type: 'FeatureCollection', features: fc.features.filter((f) => f.properties.streetCode === street) };
        const r = await importOf('grids', new TextEncoder().encode(JSON.stringify(part)), `grids-${street}.geojson`);
        expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(200);
        expect(r.body).toMatchObject({ inserted: 0, updated: 0 });
      }
    } else {
      const r = await importOf(importKind, first, `${collection}.${format}`);
      expect(r.status, JSON.stringify(r.body).slice(0, 800)).toBe(200);
      expect(r.body, JSON.stringify(r.body.preview?.issues.slice(0, 5))).toMatchObject({ inserted: 0, updated: 0 });
    }
    expect(await versions()).toEqual(before);
    expect(exportData(format, await exportOf(collection, format))).toBe(exportData(format, first));
  }, 300_000);
});
