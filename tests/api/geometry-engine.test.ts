// A spatial operation that fails is an error on every driver, never an empty answer (issue 12): PGlite's GEOS
// answers a failed overlay with no rows and no result description, PostgreSQL raises; rows() turns both into
// EngineFailure and the API into a 422 that changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { EngineFailure, rows } from '../../server/db/store.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';

// A bow-tie: GEOS cannot overlay it (TopologyException), whichever driver runs it.
const BOWTIE = 'POLYGON((0 0,1 1,1 0,0 1,0 0))';
const TRIANGLE = 'POLYGON((0 0,0.5 0,0.5 0.5,0 0))';

for (const kind of storeKinds()) {
  describe(`geometry engine failures (${kind})`, () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await openTestStore(kind, { empty: true });
    });
    afterAll(() => t.dispose());

    it('a failed overlay throws EngineFailure instead of returning no rows', async () => {
      // One failure only: PGlite's session does not survive a few GEOS failures in a row (resowner errors after).
      const query = sql`SELECT ST_AsText(ST_Intersection(${BOWTIE}::geometry, ${TRIANGLE}::geometry)) AS g`;
      const err = await t.store.read((db) => rows(db, query)).catch((e: unknown) => e);
      expect(err, String((err as { cause?: Error }).cause?.message)).toBeInstanceOf(EngineFailure);
      expect(await t.store.read((db) => rows(db, sql`SELECT 1 AS one`))).toEqual([{ one: 1 }]);
    });

    it('an empty answer that is true stays empty: a query with no matching row, a write without RETURNING', async () => {
      expect(await t.store.read((db) => rows(db, sql`SELECT 1 AS one WHERE false`))).toEqual([]);
      expect(await t.store.write((tx) => rows(tx, sql`UPDATE streets SET name = name WHERE false`))).toEqual([]);
      expect(await t.store.read((db) => rows(db, sql`SELECT ST_AsText(ST_Intersection(${TRIANGLE}::geometry, 'POINT(9 9)'::geometry)) AS g`))).toEqual([{ g: 'POINT EMPTY' }]);
    });
  });
}
