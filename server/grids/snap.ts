// The one snap at every entry point of grid boundaries (API change sets, reverts, grid imports, stored data at
// start-up) and the exact check's verdict as problems. The outline is read, never changed here (ADR 0013).
import type { MultiPolygon, Polygon } from 'geojson';
import { snapGrids } from '../domain/topology/snap.js';
import { snapMultiPolygon } from '../domain/topology/lattice.js';
import { partitionDefects } from '../domain/topology/partition.js';
import type { GridKey, Problem } from '../domain/topology/types.js';

export const sameCoordinates = (a: Polygon | MultiPolygon, b: Polygon | MultiPolygon): boolean => JSON.stringify(a.coordinates) === JSON.stringify(b.coordinates);

/**
 * The outline as the lattice holds it. Stored outlines are on the lattice already (rounded where they enter and
 * once at start-up), so this is the identity; it guards the exact check against one that is not.
 */
export const latticeOutline = (outline: MultiPolygon): MultiPolygon => snapMultiPolygon(outline);

/** The street's intended grids on the lattice, together, against its outline (shared corners identical, T-junctions noded). */
export function snapStreetGrids<G extends { key: GridKey; geometry: Polygon }>(outline: MultiPolygon, grids: G[]): G[] {
  return snapGrids<GridKey, G>(latticeOutline(outline), grids);
}

const MAX_LISTED = 50;
/** m² of one lattice step² at latitude 0 (1e-7° ≈ 1.113 cm); scaled by cos(latitude) like the PostGIS side. */
const STEP2_M2 = 12392029030.5 * 1e-14;

/** The exact check's verdict as problems, each with its area as a polygon. */
export function exactProblems(outline: MultiPolygon, grids: { key: GridKey; geometry: Polygon }[]): Problem[] {
  const defects = partitionDefects(latticeOutline(outline), grids);
  return defects.slice(0, MAX_LISTED).map((d) => {
    const lat = (d.ring.reduce((s, p) => s + (p[1] as number), 0) / d.ring.length) * (Math.PI / 180);
    const m2 = d.areaSteps2 * STEP2_M2 * Math.cos(lat);
    const shown = m2 >= 0.1 ? Math.round(m2 * 10) / 10 : Number(m2.toPrecision(2));
    const geometry: Polygon = { type: 'Polygon', coordinates: [d.ring] };
    const message =
      d.kind === 'gap' ? `A gap of ${shown} m² inside the street belongs to no grid` : d.kind === 'outside' ? `${shown} m² lie outside the street` : `Grids overlap by ${shown} m²`;
    return { kind: d.kind, gridIds: d.gridKeys, areaM2: shown, geometry, message };
  });
}
