// The one precision of every stored boundary (ADR 0013): coordinates are whole multiples of 1e-7° (~1 cm).
// Pure and shared: the server rounds with it where boundaries enter, the editor with the very same function,
// and PostGIS overlays run with the same grid size, so nothing computed from snapped input moves.
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';

/** Lattice steps per degree. */
export const LATTICE = 1e7;
/** The lattice step in degrees, as PostGIS's gridSize argument. */
export const LATTICE_STEP = 1 / LATTICE;

/**
 * The lattice value nearest to v, as the double a JSON or PostGIS round trip reads back (k / 1e7 is correctly
 * rounded, so rounding is idempotent). -0 becomes 0 so that equal positions print equally.
 */
export function snapValue(v: number): number {
  const s = Math.round(v * LATTICE) / LATTICE;
  return s === 0 ? 0 : s;
}

export const snapPosition = (p: Position): Position => [snapValue(p[0] as number), snapValue(p[1] as number)];

export const onLattice = (v: number): boolean => snapValue(v) === v;

/** Whether every coordinate already lies on the lattice. */
export const isSnapped = (rings: Position[][]): boolean => rings.every((r) => r.every((p) => onLattice(p[0] as number) && onLattice(p[1] as number)));

/** Integer lattice coordinates of a position on the lattice. */
export const latticeOf = (p: Position): [number, number] => [Math.round((p[0] as number) * LATTICE), Math.round((p[1] as number) * LATTICE)];

export const fromLattice = (x: number, y: number): Position => [snapValue(x / LATTICE), snapValue(y / LATTICE)];

/** A ring rounded to the lattice with the repeated positions rounding makes dropped (the ring stays closed). */
export function snapRing(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const q of ring) {
    const p = snapPosition(q);
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

/** One polygon rounded on its own: a street outline where it enters, a file's grid before noding. */
export const snapPolygon = (p: Polygon): Polygon => ({ type: 'Polygon', coordinates: p.coordinates.map(snapRing) });

export const snapMultiPolygon = (p: MultiPolygon): MultiPolygon => ({ type: 'MultiPolygon', coordinates: p.coordinates.map((poly) => poly.map(snapRing)) });

/** An areal geometry on the lattice (each polygon on its own); anything else as it is. */
export function snapGeometry<G extends Geometry>(g: G): G {
  if (g.type === 'Polygon') return snapPolygon(g) as G;
  if (g.type === 'MultiPolygon') return snapMultiPolygon(g) as G;
  return g;
}
