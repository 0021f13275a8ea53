// The demos: the hand-made territory built by geodata/ (seeded, anchored to a date), or the synthetic city
// (DEMO=city), loaded into an empty store.
import type { Store } from './db/database.js';
import { loadDataset, loadDatasetInParts } from './db/bulk-load.js';
import { snapStoredBoundaries } from './grids/snap-stored.js';
import { buildDemoTerritory, type DemoDataset } from '../geodata/generate/index.js';
import { CITY_100K, syntheticCityByStreet } from '../geodata/synthetic/city.js';

export async function loadDemoTerritory(store: Store, today = new Date()): Promise<DemoDataset> {
  const data = buildDemoTerritory({ today });
  await loadDataset(store, data);
  // The generator draws in full precision: its boundaries go onto the lattice like any other (ADR 0013).
  await snapStoredBoundaries(store);
  return data;
}

export interface CityCounts { streets: number; grids: number; buildings: number; enterprises: number; stations: number }

/** The synthetic city (geodata/synthetic) as a demo of scale: nothing in it is real, all under district 310199.
 *  Generated and inserted a street at a time, so the first start holds one street's rows, not the city's. */
export async function loadSyntheticCity(store: Store, opts: { streets: number; today: string }): Promise<CityCounts> {
  const counts: CityCounts = { streets: 0, grids: 0, buildings: 0, enterprises: 0, stations: 0 };
  function* counted() {
    for (const street of syntheticCityByStreet({ ...CITY_100K, streets: opts.streets, today: opts.today })) {
      for (const key of Object.keys(counts) as (keyof CityCounts)[]) counts[key] += street[key].length;
      yield { ...street, activities: [], alliances: [], allianceMembers: [] };
    }
  }
  await loadDatasetInParts(store, counted());
  await snapStoredBoundaries(store);
  return counts;
}
