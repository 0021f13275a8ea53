// Coverage of grids before and after buildings change grid (a grid edit's impact preview). Enterprises
// follow their building, so each grid's counts move by whole buildings' counts: no reclassification.
import { areaKey } from './model.js';
import { ZERO, add, ratesOf, type Counts, type Rates } from './rates.js';

export interface BuildingMove<K> {
  buildingId: number;
  from: number | null;
  to: K | null;
}

export interface GridRatesChange<K> {
  key: K | number;
  before: Rates | null;
  after: Rates | null;
}

/**
 * Rates before and after of every grid in `report` and every grid a move touches. Numeric keys are
 * existing grids (counts in the model); keys in `survivors` exist afterwards (a missing one is deleted).
 */
export function ratesAfterMoves<K extends string | number>(
  model: { counts: ReadonlyMap<string, Counts>; areas: { has(key: string): boolean } },
  moves: BuildingMove<K>[],
  report: (K | number)[],
  survivors: ReadonlySet<K | number>,
): GridRatesChange<K>[] {
  const after = new Map<K | number, Counts>();
  const start = (key: K | number): Counts => {
    const known = typeof key === 'number' ? model.counts.get(areaKey('grid', key)) : undefined;
    return known ?? ZERO;
  };
  const touch = (key: K | number) => {
    if (!after.has(key)) after.set(key, start(key));
  };
  for (const m of moves) {
    const counts = model.counts.get(areaKey('building', m.buildingId)) ?? ZERO;
    if (m.from !== null) {
      touch(m.from);
      after.set(m.from, add(after.get(m.from) as Counts, counts, -1));
    }
    if (m.to !== null) {
      touch(m.to);
      after.set(m.to, add(after.get(m.to) as Counts, counts, 1));
    }
  }
  report.forEach(touch);
  return [...after.entries()].map(([key, counts]) => {
    const existed = typeof key === 'number' && model.areas.has(areaKey('grid', key));
    return {
      key,
      before: existed ? ratesOf(start(key)) : null,
      after: survivors.has(key) ? ratesOf(counts) : null,
    };
  });
}
