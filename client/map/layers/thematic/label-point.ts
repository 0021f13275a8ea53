// Where an area's label goes: inside its largest polygon, on the horizontal line through that polygon's centroid,
// at the middle of the widest stretch inside it (a concave district's centroid can fall outside it).
import type { Geometry, Position } from 'geojson';

function ringArea(ring: Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += ((ring[j]?.[0] as number) * (ring[i]?.[1] as number)) - ((ring[i]?.[0] as number) * (ring[j]?.[1] as number));
  return a / 2;
}

function centroid(ring: Position[]): [number, number] {
  let [cx, cy, a] = [0, 0, 0];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j] as [number, number];
    const [x1, y1] = ring[i] as [number, number];
    const f = x0 * y1 - x1 * y0;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
    a += f;
  }
  if (a === 0) return [ring[0]?.[0] ?? 0, ring[0]?.[1] ?? 0] as [number, number];
  return [cx / (3 * a), cy / (3 * a)];
}

export function areaLabelPoint(g: Geometry): [number, number] | null {
  const polygons: Position[][][] = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  let best: Position[][] | null = null;
  let bestArea = -1;
  for (const p of polygons) {
    const a = Math.abs(ringArea(p[0] ?? []));
    if (a > bestArea) [best, bestArea] = [p, a];
  }
  if (!best || !best[0] || best[0].length < 4) return null;
  const [cx, cy] = centroid(best[0]);
  // Crossings of the line y = cy with every ring (holes included), left to right: inside between pairs.
  const xs: number[] = [];
  for (const ring of best) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x0, y0] = ring[j] as [number, number];
      const [x1, y1] = ring[i] as [number, number];
      if ((y0 > cy) !== (y1 > cy)) xs.push(x0 + ((cy - y0) * (x1 - x0)) / (y1 - y0));
    }
  }
  xs.sort((a, b) => a - b);
  let at: [number, number] = [cx, cy];
  let widest = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const [a, b] = [xs[i] as number, xs[i + 1] as number];
    // The stretch holding the centroid wins when there is one; else the widest.
    const score = cx >= a && cx <= b ? Infinity : b - a;
    if (score > widest) [widest, at] = [score, score === Infinity ? [cx, cy] : [(a + b) / 2, cy]];
  }
  return at;
}
