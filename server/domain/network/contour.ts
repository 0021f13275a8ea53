// The outline of {value ≤ threshold} on a grid of samples, as polygons with holes (marching squares with linear
// interpolation). Used to draw walking bands: one MultiPolygon per band, whatever the number of stations, because
// the field sampled is already the walk to the nearest station. Pure.
//
// Each crossing of the threshold lies on one grid edge and is named by it; in every square the contour runs from
// where the inside region leaves the square's boundary (walked counter-clockwise) to where it enters again, so the
// inside is always on the contour's left: outer rings come out counter-clockwise, holes clockwise, and linking the
// pieces is following crossing → crossing until the ring closes. Samples outside the grid count as outside, so
// every ring closes.

/** Rings of [x, y] in grid units (sample i, j at x = i, y = j), first point repeated last. */
export type Ring = [number, number][];

/** A polygon: its outer ring (counter-clockwise) and its holes (clockwise). */
export type GridPolygon = Ring[];

/**
 * values[j * nx + i] is the sample at (i, j). Infinity is allowed (never reached). A value is capped at
 * threshold + cap before interpolating, so an unreachable neighbour puts the outline at most `cap` (in value
 * units, e.g. one cell's metres) beyond the last inside sample instead of on it.
 */
export function contour(values: ArrayLike<number>, nx: number, ny: number, threshold: number, cap: number): GridPolygon[] {
  const hi = threshold + cap;
  const at = (i: number, j: number): number => (i < 0 || j < 0 || i >= nx || j >= ny ? hi : Math.min(hi, values[j * nx + i] as number));
  // Crossing keys: horizontal edge (i, j)-(i+1, j) and vertical edge (i, j)-(i, j+1), for i, j from -1.
  const w = nx + 1;
  const hKey = (i: number, j: number) => ((j + 1) * w + (i + 1)) * 2;
  const vKey = (i: number, j: number) => ((j + 1) * w + (i + 1)) * 2 + 1;
  const point = (key: number): [number, number] => {
    const cell = key >> 1;
    const i = (cell % w) - 1;
    const j = Math.floor(cell / w) - 1;
    const a = at(i, j);
    if (key & 1) {
      const b = at(i, j + 1);
      return [i, j + (threshold - a) / (b - a)];
    }
    const b = at(i + 1, j);
    return [i + (threshold - a) / (b - a), j];
  };
  const next = new Map<number, number>();
  for (let j = -1; j < ny; j++) {
    for (let i = -1; i < nx; i++) {
      // Corners counter-clockwise from bottom-left, and the edges between them (edge k runs from corner k to k+1).
      const v = [at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)];
      const inside = v.map((x) => x <= threshold);
      const n = inside.filter(Boolean).length;
      if (n === 0 || n === 4) continue;
      const edges = [hKey(i, j), vKey(i + 1, j), hKey(i, j + 1), vKey(i, j)];
      const exits: number[] = [];
      const entries: number[] = [];
      for (let k = 0; k < 4; k++) {
        const a = inside[k] as boolean;
        const b = inside[(k + 1) % 4] as boolean;
        if (a && !b) exits.push(k);
        else if (!a && b) entries.push(k);
      }
      if (exits.length === 1) {
        next.set(edges[exits[0] as number] as number, edges[entries[0] as number] as number);
        continue;
      }
      // A saddle (two opposite corners inside): the centre decides whether the two inside corners are joined.
      const joined = ((v[0] as number) + (v[1] as number) + (v[2] as number) + (v[3] as number)) / 4 <= threshold;
      for (const x of exits) {
        const e = joined ? (x + 1) % 4 : (x + 3) % 4;
        next.set(edges[x] as number, edges[e] as number);
      }
    }
  }
  const rings: Ring[] = [];
  for (const start of next.keys()) {
    if (!next.has(start)) continue;
    const ring: Ring = [];
    let k = start;
    while (next.has(k)) {
      ring.push(point(k));
      const to = next.get(k) as number;
      next.delete(k);
      k = to;
    }
    if (ring.length >= 3) rings.push([...dropCollinear(ring), ring[0] as [number, number]]);
  }
  return nest(rings);
}

/** Points in the middle of a straight run add nothing to the outline (a band along a straight road). */
function dropCollinear(ring: Ring): Ring {
  const out: Ring = [];
  const n = ring.length;
  for (let k = 0; k < n; k++) {
    const [ax, ay] = ring[(k + n - 1) % n] as [number, number];
    const [bx, by] = ring[k] as [number, number];
    const [cx, cy] = ring[(k + 1) % n] as [number, number];
    if (Math.abs((bx - ax) * (cy - ay) - (by - ay) * (cx - ax)) > 1e-9) out.push([bx, by]);
  }
  return out.length >= 3 ? out : ring;
}

export function signedArea(ring: Ring): number {
  let s = 0;
  for (let k = 1; k < ring.length; k++) {
    const [ax, ay] = ring[k - 1] as [number, number];
    const [bx, by] = ring[k] as [number, number];
    s += ax * by - bx * ay;
  }
  return s / 2;
}

export function inRing(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  for (let k = 1; k < ring.length; k++) {
    const [ax, ay] = ring[k - 1] as [number, number];
    const [bx, by] = ring[k] as [number, number];
    if (ay > y !== by > y && x < ax + ((y - ay) * (bx - ax)) / (by - ay)) inside = !inside;
  }
  return inside;
}

/** Each hole goes to the smallest outer ring around it (contours of one threshold never cross). */
function nest(rings: Ring[]): GridPolygon[] {
  const outers = rings.filter((r) => signedArea(r) > 0).sort((a, b) => signedArea(a) - signedArea(b));
  const polygons: GridPolygon[] = outers.map((r) => [r]);
  for (const hole of rings.filter((r) => signedArea(r) < 0)) {
    const [x, y] = hole[0] as [number, number];
    const k = outers.findIndex((o) => inRing(o, x, y));
    if (k >= 0) (polygons[k] as GridPolygon).push(hole);
  }
  return polygons;
}
