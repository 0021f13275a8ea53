import { describe, expect, it } from 'vitest';
import { syntheticCity, syntheticCityByStreet, type SyntheticCityOptions } from './city.js';

const SMALL: SyntheticCityOptions = { streets: 3, gridsPerStreet: { columns: 2, rows: 1 }, buildingsPerGrid: 4, enterprisesPerBuilding: 3, stationsPerStreet: 2, today: '2026-06-30' };

describe('the synthetic city a street at a time', () => {
  it('yields one street per part, the district with the first, and the whole city in the same order', () => {
    const parts = [...syntheticCityByStreet(SMALL)];
    expect(parts).toHaveLength(3);
    expect(parts.map((p) => p.districts.length)).toEqual([1, 0, 0]);
    for (const p of parts) {
      expect(p.streets).toHaveLength(1);
      const code = p.streets[0]?.code;
      // Every row of a part belongs to its street: nothing refers forward to a later part.
      for (const rows of [p.grids, p.buildings, p.enterprises, p.stations, p.organisations, p.instructors]) {
        for (const r of rows as { streetCode?: string }[]) expect(r.streetCode).toBe(code);
      }
    }
    const city = syntheticCity(SMALL);
    expect(city.enterprises.map((e) => e.id)).toEqual(parts.flatMap((p) => p.enterprises.map((e) => e.id)));
    expect(city.buildings).toHaveLength(3 * 2 * 4);
    expect(new Set(city.enterprises.map((e) => e.id)).size).toBe(3 * 2 * 4 * 3);
  });

  it('is the same city for the same seed', () => {
    expect(syntheticCity(SMALL)).toEqual(syntheticCity(SMALL));
    expect(syntheticCity({ ...SMALL, seed: 8 })).not.toEqual(syntheticCity(SMALL));
  });
});
