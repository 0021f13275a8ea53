// Small geometry helpers the layer functions share.
import type { Geometry, Position } from 'geojson';

/** The average of a geometry's outer-ring vertices: a label point, good enough for convex-ish areas. */
export function labelPoint(g: Geometry): [number, number] {
  const ring: Position[] =
    g.type === 'Polygon' ? (g.coordinates[0] ?? []) : g.type === 'MultiPolygon' ? (g.coordinates[0]?.[0] ?? []) : g.type === 'Point' ? [g.coordinates] : [];
  const pts = ring.length > 1 ? ring.slice(0, -1) : ring;
  const n = Math.max(1, pts.length);
  return [pts.reduce((a, p) => a + (p[0] as number), 0) / n, pts.reduce((a, p) => a + (p[1] as number), 0) / n];
}

export function bboxOf(g: Geometry): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: unknown): void => {
    if (typeof (c as number[])[0] === 'number') {
      const [x, y] = c as [number, number];
      w = Math.min(w, x);
      s = Math.min(s, y);
      e = Math.max(e, x);
      n = Math.max(n, y);
    } else (c as unknown[]).forEach(walk);
  };
  if (g.type !== 'GeometryCollection') walk(g.coordinates);
  return [w, s, e, n];
}

/** The edges of the features' polygon rings as segments, each edge once: neighbouring areas (the grids of a street)
 *  share their borders, and a border drawn once is drawn in one colour (twice, a translucent line is darker). */
export function ringSegments(geometries: Geometry[]): [Position, Position][] {
  const seen = new Set<string>();
  const out: [Position, Position][] = [];
  const ring = (r: Position[]) => {
    for (let i = 0; i + 1 < r.length; i++) {
      const a = r[i] as Position;
      const b = r[i + 1] as Position;
      const ka = `${a[0]},${a[1]}`;
      const kb = `${b[0]},${b[1]}`;
      if (ka === kb) continue;
      const key = ka < kb ? `${ka} ${kb}` : `${kb} ${ka}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push([a, b]);
    }
  };
  for (const g of geometries) {
    if (g.type === 'Polygon') g.coordinates.forEach(ring);
    else if (g.type === 'MultiPolygon') g.coordinates.forEach((p) => p.forEach(ring));
  }
  return out;
}
