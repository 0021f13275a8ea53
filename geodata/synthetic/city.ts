// A synthetic city for benchmarks: a seeded block of streets, each one grid, filled with building
// footprints on a jittered lattice. Nothing here is real; codes use the reserved district 310199.
import type { DemoDataset } from '../generate/context.js';
import { createRng } from '../generate/random.js';
import { offset, pos, rectangle } from '../generate/geometry.js';

export interface SyntheticCityOptions {
  seed?: number;
  /** South-west corner of the city. */
  origin?: [number, number];
  streets: number;
  buildingsPerStreet: number;
  spacingM?: number;
}

export type SyntheticCity = Pick<DemoDataset, 'districts' | 'streets' | 'grids' | 'buildings'>;

export function syntheticCity(opts: SyntheticCityOptions, firstIds = { grid: 100_000, building: 1_000_000 }): SyntheticCity {
  const rng = createRng(opts.seed ?? 7);
  const spacing = opts.spacingM ?? 60;
  const perSide = Math.ceil(Math.sqrt(opts.buildingsPerStreet));
  const side = perSide * spacing;
  const streetsPerRow = Math.ceil(Math.sqrt(opts.streets));
  const origin = opts.origin ?? [121.2, 31.05];
  const city: SyntheticCity = {
    districts: [{ code: '310199', name: '合成区', nameEn: 'Synthetic District', city: '合成市', geom: null, illustrative: true, source: 'synthetic' }],
    streets: [],
    grids: [],
    buildings: [],
  };
  let gridId = firstIds.grid;
  let buildingId = firstIds.building;
  for (let s = 0; s < opts.streets; s++) {
    const sw = offset(origin, (s % streetsPerRow) * side, Math.floor(s / streetsPerRow) * side);
    const ne = offset(sw, side, side);
    const ring = [pos(sw[0] as number, sw[1] as number), pos(ne[0] as number, sw[1] as number), pos(ne[0] as number, ne[1] as number), pos(sw[0] as number, ne[1] as number)];
    const polygon = { type: 'Polygon' as const, coordinates: [[...ring, ring[0] as [number, number]]] };
    const code = `310199${(s + 1).toString(36).toUpperCase().padStart(3, '0')}`;
    city.streets.push({ code, districtCode: '310199', name: `合成街道${s + 1}`, nameEn: `Synthetic ${s + 1}`, geom: { type: 'MultiPolygon', coordinates: [polygon.coordinates] }, illustrative: true, source: 'synthetic' });
    city.grids.push({ id: gridId, streetCode: code, code: `${code}-G1`, name: '合成网格', geom: polygon, illustrative: true, source: 'synthetic' });
    for (let b = 0; b < opts.buildingsPerStreet; b++) {
      const c = offset(sw, (b % perSide) * spacing + spacing / 2 + rng.range(-8, 8), Math.floor(b / perSide) * spacing + spacing / 2 + rng.range(-8, 8));
      city.buildings.push({
        id: buildingId++, name: `合成楼宇${buildingId}`, address: '合成', streetCode: code, gridId, kind: 'office', floors: rng.int(3, 40),
        geom: rectangle(c, rng.range(18, 32), rng.range(15, 28), rng.range(-15, 15)), illustrative: true, source: 'synthetic',
      });
    }
    gridId++;
  }
  return city;
}
