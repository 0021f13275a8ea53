// A street cut into cells the way a GIS tool does it, in full double precision: a quadrilateral outline and a
// bilinear mesh of cells whose corners on the outline lie on its edges (exactly in real numbers, to a few ulps
// in doubles). Test and benchmark data for the snap and the exact check; never used by the product itself.
import type { Polygon, Position } from 'geojson';

export interface Mesh {
  outline: Position[];
  cells: { key: number; row: number; col: number; geometry: Polygon }[];
}

/** Corners a, b, c, d counter-clockwise; `ss` and `ts` cut a–b (and d–c) and a–d (and b–c), each from 0 to 1. */
export function bilinearMesh(a: Position, b: Position, c: Position, d: Position, ss: number[], ts: number[]): Mesh {
  const at = (s: number, t: number): Position => {
    const x = (1 - t) * ((1 - s) * (a[0] as number) + s * (b[0] as number)) + t * ((1 - s) * (d[0] as number) + s * (c[0] as number));
    const y = (1 - t) * ((1 - s) * (a[1] as number) + s * (b[1] as number)) + t * ((1 - s) * (d[1] as number) + s * (c[1] as number));
    return [x, y];
  };
  const cells: Mesh['cells'] = [];
  for (let j = 0; j + 1 < ts.length; j++) {
    for (let i = 0; i + 1 < ss.length; i++) {
      const [s0, s1, t0, t1] = [ss[i] as number, ss[i + 1] as number, ts[j] as number, ts[j + 1] as number];
      const ring = [at(s0, t0), at(s1, t0), at(s1, t1), at(s0, t1), at(s0, t0)];
      cells.push({ key: cells.length + 1, row: j, col: i, geometry: { type: 'Polygon', coordinates: [ring] } });
    }
  }
  return { outline: [a, b, c, d, a], cells };
}
