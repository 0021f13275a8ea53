// The one snap at every grid entry point (API change sets, reverts, imports, stored data at start-up):
// the street's outline and its intended grids go through the domain's snapStreet together, and the pure
// partition check reads the result. The editor receives these coordinates and snaps with the same function.
import type { MultiPolygon, Polygon } from 'geojson';
import { snapStreet } from '../domain/topology/snap.js';
import { partitionDefects } from '../domain/topology/partition.js';
import type { GridKey, Problem } from '../domain/topology/types.js';

export const sameCoordinates = (a: Polygon | MultiPolygon, b: Polygon | MultiPolygon): boolean => JSON.stringify(a.coordinates) === JSON.stringify(b.coordinates);

export interface SnappedStreet<G extends { key: GridKey; geometry: Polygon }> {
  outline: MultiPolygon;
  outlineChanged: boolean;
  grids: G[];
}

/** The street's outline and grids on the lattice, together (shared vertices stay shared, T-junctions are noded). */
export function snapGrids<G extends { key: GridKey; geometry: Polygon }>(outline: MultiPolygon, grids: G[]): SnappedStreet<G> {
  const out = snapStreet({ outline, grids });
  return { outline: out.outline, outlineChanged: !sameCoordinates(out.outline, outline), grids: grids.map((g, i) => ({ ...g, geometry: (out.grids[i] as { geometry: Polygon }).geometry })) };
}

const MAX_EDGE_PROBLEMS = 20;

/** The exact check's verdict as problems: pieces of boundary that neither a neighbour nor the outline matches. */
export function edgeProblems(outline: MultiPolygon, grids: { key: GridKey; geometry: Polygon }[]): Problem[] {
  const defects = partitionDefects(outline, grids);
  return defects.slice(0, MAX_EDGE_PROBLEMS).map((d) => ({
    kind: 'edge' as const,
    gridIds: d.gridKeys,
    location: { type: 'Point' as const, coordinates: [((d.from[0] as number) + (d.to[0] as number)) / 2, ((d.from[1] as number) + (d.to[1] as number)) / 2] },
    message:
      d.gridKeys.length === 0
        ? `A piece of the street outline at ${fmt(d.from)}–${fmt(d.to)} lies along no grid (a gap)`
        : `The boundary of grid ${d.gridKeys.join(', ')} at ${fmt(d.from)}–${fmt(d.to)} meets ${d.onOutline ? 'the outline' : 'no neighbour'} exactly (a gap or overlap)`,
  }));
}

const fmt = (p: number[]) => `${(p[0] as number).toFixed(7)},${(p[1] as number).toFixed(7)}`;
