// The demos: the hand-made territory built by geodata/ (seeded, anchored to a date), or the synthetic city
// (DEMO=city), loaded into an empty store.
import type { Store } from './db/database.js';
import { loadDataset } from './db/bulk-load.js';
import { snapStoredBoundaries } from './grids/snap-stored.js';
import { buildDemoTerritory, type DemoDataset } from '../geodata/generate/index.js';
import { CITY_100K, syntheticCity, type SyntheticCity } from '../geodata/synthetic/city.js';

export async function loadDemoTerritory(store: Store, today = new Date()): Promise<DemoDataset> {
  const data = buildDemoTerritory({ today });
  await loadDataset(store, data);
  // The generator draws in full precision: its boundaries go onto the lattice like any other (ADR 0013).
  await snapStoredBoundaries(store);
  return data;
}

/** The synthetic city (geodata/synthetic) as a demo of scale: nothing in it is real, all under district 310199. */
export async function loadSyntheticCity(store: Store, opts: { streets: number; today: string }): Promise<SyntheticCity> {
  const city = syntheticCity({ ...CITY_100K, streets: opts.streets, today: opts.today });
  await loadDataset(store, { ...city, activities: [], alliances: [], allianceMembers: [] });
  await snapStoredBoundaries(store);
  return city;
}
