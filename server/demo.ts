// The demo territory: built by geodata/ (seeded, anchored to a date) and loaded into an empty store.
import type { Store } from './db/database.js';
import { loadDataset } from './db/bulk-load.js';
import { snapStoredBoundaries } from './grids/snap-stored.js';
import { buildDemoTerritory, type DemoDataset } from '../geodata/generate/index.js';

export async function loadDemoTerritory(store: Store, today = new Date()): Promise<DemoDataset> {
  const data = buildDemoTerritory({ today });
  await loadDataset(store, data);
  // The generator draws in full precision: its boundaries go onto the lattice like any other (ADR 0013).
  await snapStoredBoundaries(store);
  return data;
}
