// The demo territory: built by geodata/ (seeded, anchored to a date) and loaded into an empty store.
import type { Store } from './db/database.js';
import { loadDataset } from './db/bulk-load.js';
import { snapStoredBoundaries } from './grids/snap-stored.js';
import { buildDemoTerritory, type DemoDataset } from '../geodata/generate/index.js';

export async function loadDemoTerritory(store: Store, today = new Date()): Promise<DemoDataset> {
  const data = buildDemoTerritory({ today });
  await loadDataset(store, data);
  // The generator's coordinates are full precision: onto the one lattice, each street with its grids (ADR 0011).
  await snapStoredBoundaries(store);
  return data;
}
