// The store: persistent PGlite, the drizzle schema agreeing with the migrations, constraints that
// hold in the database itself, and the same answers from PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { is, sql } from 'drizzle-orm';
import * as schema from '../../server/db/schema.js';
import { openPglite, rows } from '../../server/db/store.js';
import { migrationFiles } from '../../server/db/migrate.js';
import { putSetting, readSetting } from '../../server/db/settings.js';
import { grids } from '../../server/db/schema.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { client, officialAuth } from '../helpers/client.js';

describe('embedded PGlite store', () => {
  it('persists across restarts in DATA_DIR and applies migrations once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pbmap-persist-'));
    try {
      const a = await openPglite(dir);
      await a.write((tx) => tx.execute(sql`INSERT INTO districts (code, name, name_en, city, source) VALUES ('310106', '静安区', 'Jing''an', '上海市', 'test')`));
      await a.close();
      const b = await openPglite(dir);
      const r = await b.read((db) => rows<{ name: string }>(db, sql`SELECT name FROM districts`));
      const m = await b.read((db) => rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM schema_migrations`));
      await b.close();
      expect(r).toEqual([{ name: '静安区' }]);
      expect(m[0]?.n).toBe(migrationFiles().length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Two first starts of PGlite in a directory: a minute each on a loaded two-core machine.
  }, 180_000);
});

describe.each(storeKinds())('store on %s', (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
  });
  afterAll(() => t?.dispose());

  it('has exactly the columns the drizzle schema declares, with GiST indexes on every geometry', async () => {
    const cols = await t.store.read((db) =>
      rows<{ table_name: string; column_name: string }>(db, sql`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'`),
    );
    const tables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTable));
    expect(tables.length).toBeGreaterThanOrEqual(18);
    for (const table of tables) {
      const cfg = getTableConfig(table);
      const inDb = cols.filter((c) => c.table_name === cfg.name).map((c) => c.column_name).sort();
      expect(cfg.columns.map((c) => c.name).sort(), cfg.name).toEqual(inDb);
    }
    const geomCols = await t.store.read((db) =>
      rows<{ t: string }>(db, sql`SELECT f_table_name AS t FROM geometry_columns WHERE f_table_schema = 'public'`),
    );
    const gist = await t.store.read((db) =>
      rows<{ t: string }>(db, sql`SELECT tablename AS t FROM pg_indexes WHERE schemaname = 'public' AND indexdef ILIKE '%USING gist%'`),
    );
    expect(new Set(gist.map((g) => g.t))).toEqual(new Set(geomCols.map((g) => g.t)));
  });

  it('refuses invalid polygons in the database itself (bow-tie), and rolls the whole transaction back', async () => {
    const before = await t.store.read((db) => rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_log`));
    await expect(
      t.store.write(async (tx) => {
        await tx.execute(sql`INSERT INTO audit_log (actor, action, entity) VALUES ('test', 'probe', 'grid')`);
        await tx.insert(grids).values({
          streetCode: '310106012', code: 'bowtie', name: 'bow-tie', source: 'test',
          geom: { type: 'Polygon', coordinates: [[[121.45, 31.22], [121.46, 31.23], [121.46, 31.22], [121.45, 31.23], [121.45, 31.22]]] },
        });
      }),
    ).rejects.toThrow();
    const after = await t.store.read((db) => rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_log`));
    expect(after).toEqual(before);
  });

  it('writes versioned settings only from the version read: a second first-writer loses', async () => {
    const results = await t.store.write(async (tx) => [
      await putSetting(tx, 'test-key', { a: 1 }, 0),
      await putSetting(tx, 'test-key', { a: 2 }, 0),
      await putSetting(tx, 'test-key', { a: 3 }, 1),
      await putSetting(tx, 'test-key', { a: 4 }, 1),
      await putSetting(tx, 'missing-key', { a: 5 }, 3),
    ]);
    expect(results).toEqual([1, null, 2, null, null]);
    const stored = await t.store.read((db) => readSetting(db, 'test-key'));
    expect(stored).toEqual({ value: { a: 3 }, version: 2 });
  });

  it('reads geometries back through the one geometry column type', async () => {
    const [g] = await t.store.read((db) => db.select().from(grids).limit(1));
    expect(g?.geom.type).toBe('Polygon');
    expect(g?.geom.coordinates[0]?.length).toBeGreaterThan(4);
  });
});

describe.runIf(storeKinds().includes('postgres'))('PGlite and PostgreSQL give identical answers (features, coverage, gaps)', () => {
  let a: TestStore;
  let b: TestStore;
  beforeAll(async () => {
    [a, b] = await Promise.all([openTestStore('pglite'), openTestStore('postgres')]);
  });
  afterAll(async () => {
    await a?.dispose();
    await b?.dispose();
  });

  it.each([
    '/ogc/collections/streets/items?limit=100',
    '/ogc/collections/grids/items?limit=100',
    '/ogc/collections/buildings/items?limit=1000&bbox=121.44,31.21,121.47,31.24',
    '/ogc/collections/enterprises/items?limit=500&offset=700',
    '/ogc/collections/stations/items?limit=100',
    '/ogc/collections/activities/items?limit=200&datetime=2026-01-01/..',
    '/ogc/collections/alliances/items?limit=50',
    '/api/coverage/summary?level=district&id=310106',
    '/api/coverage/summary?level=street&id=310104004&asOf=2025-01-01',
    '/api/coverage/gaps?level=building&kind=party&limit=100',
    '/api/coverage/gaps?level=grid&kind=union&limit=100',
    '/api/coverage/gaps?level=building&kind=reach&limit=100',
  ])('%s', async (path) => {
    const strip = (body: { timeStamp?: string }) => ({ ...body, timeStamp: undefined });
    const [x, y] = await Promise.all([a, b].map(async (s) => strip((await (await client(s.services).get(path, officialAuth)).json()) as { timeStamp?: string })));
    expect(x).toEqual(y);
  });
});
