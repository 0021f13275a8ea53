// The street's grid set a change set (or a revert) asks for, whatever produced it.
import type { Polygon } from 'geojson';
import type { CurrentGrid, Plan } from '../domain/topology/change-set.js';
import type { GridKey } from '../domain/topology/types.js';
import type { GridSnapshot } from './state.js';

export interface IntendedGrid {
  key: GridKey;
  /** Existing grid id, or the id a revert brings back; null for a new grid. */
  id: number | null;
  /** The code for a grid being created: a revert's old code, an import's own; else one is generated. */
  code?: string;
  name: string;
  geometry: Polygon;
  /** Deleted grids whose area joins this one (resolved in PostGIS). */
  absorbs: number[];
  changed: boolean;
}

export interface Intended {
  grids: IntendedGrid[];
  deleted: { id: number; giveTo: number | null }[];
}

export const fromPlan = (plan: Plan): Intended => ({ grids: plan.grids, deleted: plan.deleted });

const sameGeometry = (a: Polygon, b: Polygon) => JSON.stringify(a.coordinates) === JSON.stringify(b.coordinates);

/** The change that turns the current grids back into a recorded state. */
export function fromSnapshot(current: CurrentGrid[], target: GridSnapshot[]): Intended {
  const now = new Map(current.map((g) => [g.id, g]));
  const wanted = new Set(target.map((g) => g.id));
  return {
    grids: target.map((t) => {
      const g = now.get(t.id);
      const changed = !g || g.name !== t.name || !sameGeometry(g.geometry, t.geometry);
      return { key: t.id, id: t.id, ...(g ? {} : { code: t.code }), name: t.name, geometry: t.geometry, absorbs: [], changed };
    }),
    deleted: current.filter((g) => !wanted.has(g.id)).map((g) => ({ id: g.id, giveTo: null })),
  };
}
