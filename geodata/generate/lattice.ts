// Draws an illustrative street as a jittered lattice of cells, one work grid per cell. Neighbouring
// cells share the very same vertex objects, so the grids tile the street exactly by construction.
import type { Polygon, Position } from 'geojson';
import type { Rng } from './random.js';
import { closeRing, offset, pos } from './geometry.js';

export interface LatticeSpec {
  /** [west, south, east, north] in degrees. */
  bbox: [number, number, number, number];
  columns: number;
  rows: number;
}

export interface LatticeStreet {
  outline: Polygon;
  cells: { column: number; row: number; polygon: Polygon }[];
}

export function latticeStreet(spec: LatticeSpec, rng: Rng): LatticeStreet {
  const [w, s, e, n] = spec.bbox;
  const { columns: nx, rows: ny } = spec;
  const dx = (e - w) / nx;
  const dy = (n - s) / ny;
  const corner = new Map<string, Position>();
  const P = (i: number, j: number): Position => {
    const key = `${i}:${j}`;
    let p = corner.get(key);
    if (!p) {
      const interiorX = i > 0 && i < nx;
      const interiorY = j > 0 && j < ny;
      // Interior lattice points wander; points on the outline slide along it only.
      const jx = interiorX ? rng.range(-0.15, 0.15) * dx : 0;
      const jy = interiorY ? rng.range(-0.15, 0.15) * dy : 0;
      p = pos(w + i * dx + jx, s + j * dy + jy);
      corner.set(key, p);
    }
    return p;
  };
  const mid = new Map<string, Position>();
  const H = (i: number, j: number): Position => midpoint(`h:${i}:${j}`, P(i, j), P(i + 1, j), 'north', j === 0 || j === ny);
  const V = (i: number, j: number): Position => midpoint(`v:${i}:${j}`, P(i, j), P(i, j + 1), 'east', i === 0 || i === nx);
  function midpoint(key: string, a: Position, b: Position, axis: 'north' | 'east', onOutline: boolean): Position {
    let p = mid.get(key);
    if (!p) {
      const m = pos(((a[0] as number) + (b[0] as number)) / 2, ((a[1] as number) + (b[1] as number)) / 2);
      // Small bends make hand-drawn-looking edges; kept small on the outline so neighbouring streets never meet.
      const bend = onOutline ? rng.range(-10, 10) : rng.range(-40, 40);
      p = axis === 'north' ? offset(m, 0, bend) : offset(m, bend, 0);
      mid.set(key, p);
    }
    return p;
  }

  const cells: LatticeStreet['cells'] = [];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const ring = [P(i, j), H(i, j), P(i + 1, j), V(i + 1, j), P(i + 1, j + 1), H(i, j + 1), P(i, j + 1), V(i, j)];
      cells.push({ column: i, row: j, polygon: { type: 'Polygon', coordinates: [closeRing(ring)] } });
    }
  }
  const outline: Position[] = [];
  for (let i = 0; i < nx; i++) outline.push(P(i, 0), H(i, 0));
  for (let j = 0; j < ny; j++) outline.push(P(nx, j), V(nx, j));
  for (let i = nx; i > 0; i--) outline.push(P(i, ny), H(i - 1, ny));
  for (let j = ny; j > 0; j--) outline.push(P(0, j), V(0, j - 1));
  return { outline: { type: 'Polygon', coordinates: [closeRing(outline)] }, cells };
}
