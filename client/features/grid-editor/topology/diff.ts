// History: where a past version differs from now, as the areas that belonged to another grid then.
import type { Polygon } from 'geojson';
import { areaM2, differenceGeom, polygonsOf, type Areal } from './geom';

export interface HistoricGrid {
  id: number;
  name: string;
  geometry: Polygon;
}

export interface ChangedArea {
  /** The grid the area belonged to then (null: not in any grid then). */
  thenId: number | null;
  geometry: Areal;
  areaM2: number;
}

/** For each grid id of `then`, the part of it not in the grid of the same id `now`. */
export function changedAreas(then: HistoricGrid[], now: HistoricGrid[], minM2 = 1): ChangedArea[] {
  const out: ChangedArea[] = [];
  const nowById = new Map(now.map((g) => [g.id, g]));
  for (const g of then) {
    const cur = nowById.get(g.id);
    const moved = cur ? differenceGeom(g.geometry, cur.geometry) : g.geometry;
    for (const piece of polygonsOf(moved)) {
      const a = areaM2(piece);
      if (a >= minM2) out.push({ thenId: g.id, geometry: piece, areaM2: a });
    }
  }
  return out;
}
