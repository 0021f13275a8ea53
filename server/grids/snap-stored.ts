// Stored boundaries on the one lattice (ADR 0011): a street's outline and grids snapped together and written
// back where they differ. Run for every street at start-up (data from before the lattice, a restored backup,
// the demo territory) and for a street whose outline an import just replaced. Idempotent: a snapped street
// is read, found equal and left alone.
import { sql } from 'drizzle-orm';
import type { Polygon } from 'geojson';
import { rows, type Db, type Store } from '../db/store.js';
import { readGrids, readStreet } from './state.js';
import { sameCoordinates, snapGrids } from './snap.js';
import { writeOutline } from './service.js';

/** Snaps one street's stored outline and grids; returns how many boundaries were rewritten. */
export async function snapStoredStreet(tx: Db, streetCode: string): Promise<number> {
  const street = await readStreet(tx, streetCode);
  const grids = await readGrids(tx, streetCode);
  const out = snapGrids(street.geometry, grids.map((g) => ({ ...g, key: g.id })));
  let written = 0;
  if (out.outlineChanged) {
    await writeOutline(tx, streetCode, out.outline);
    written++;
  }
  for (const [i, g] of out.grids.entries()) {
    const before = grids[i] as { geometry: Polygon };
    if (sameCoordinates(before.geometry, g.geometry)) continue;
    // A new version: an editor still holding the unsnapped boundary must reload, not overwrite.
    await tx.execute(sql`UPDATE grids SET geom = ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(g.geometry)}::text), 4326), version = version + 1 WHERE id = ${g.id}`);
    written++;
  }
  return written;
}

/** Every street, one transaction each. */
export async function snapStoredBoundaries(store: Store): Promise<{ streets: number; written: number }> {
  const codes = await store.read((db) => rows<{ code: string }>(db, sql`SELECT code FROM streets ORDER BY code`));
  let written = 0;
  for (const { code } of codes) written += await store.write((tx) => snapStoredStreet(tx, code));
  return { streets: codes.length, written };
}
