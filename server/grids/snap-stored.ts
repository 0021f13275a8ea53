// Stored boundaries on the one lattice (ADR 0013), once: a street's outline rounded, its grids snapped with it,
// written back only where they differ. Run at start-up (data from before the lattice, a restored backup) and
// after the demo territory loads. Idempotent: a street already on the lattice is read, found equal, left alone.
// This is the only place besides a street import that ever writes an outline for the lattice's sake.
import { sql } from 'drizzle-orm';
import type { Polygon } from 'geojson';
import { rows, type Db, type Store } from '../db/store.js';
import { assignGrids } from '../db/assign-grids.js';
import { readGrids, readStreet } from './state.js';
import { latticeOutline, sameCoordinates, snapStreetGrids } from './snap.js';

/** Snaps one street's stored outline and grids; returns how many boundaries were rewritten. */
export async function snapStoredStreet(tx: Db, streetCode: string): Promise<number> {
  const street = await readStreet(tx, streetCode, true);
  const grids = await readGrids(tx, streetCode);
  const outline = latticeOutline(street.geometry);
  let written = 0;
  if (!sameCoordinates(outline, street.geometry)) {
    await tx.execute(sql`UPDATE streets SET geom = ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(outline)}::text), 4326) WHERE code = ${streetCode}`);
    written++;
  }
  const snapped = snapStreetGrids(outline, grids.map((g) => ({ ...g, key: g.id })));
  for (const [i, g] of snapped.entries()) {
    if (sameCoordinates((grids[i] as { geometry: Polygon }).geometry, g.geometry)) continue;
    // A new version: an editor still holding the unsnapped boundary reloads instead of overwriting.
    await tx.execute(sql`UPDATE grids SET geom = ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(g.geometry)}::text), 4326), version = version + 1 WHERE id = ${g.id}`);
    written++;
  }
  if (written > 0 && grids.length > 0) await assignGrids(tx, streetCode);
  return written;
}

/** Every street, one transaction each. */
export async function snapStoredBoundaries(store: Store): Promise<{ streets: number; written: number }> {
  const codes = await store.read((db) => rows<{ code: string }>(db, sql`SELECT code FROM streets ORDER BY code`));
  let written = 0;
  for (const { code } of codes) written += await store.write((tx) => snapStoredStreet(tx, code));
  return { streets: codes.length, written };
}
