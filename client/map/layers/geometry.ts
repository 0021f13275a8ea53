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

export type BBox = [number, number, number, number];

/** Segments cut into spatial chunks of at most `maxPerChunk` each, by halving the longer side of a chunk's
 *  extent at the median until it is small enough, with each chunk's bounding box: a layer can then leave out
 *  the chunks the view does not touch. Every segment is in exactly one chunk, in its original order. */
export function segmentChunks<S extends [Position, Position]>(segments: S[], maxPerChunk: number): { bbox: BBox; segments: S[] }[] {
  const out: { bbox: BBox; segments: S[] }[] = [];
  const mid = (s: S, axis: 0 | 1) => ((s[0][axis] as number) + (s[1][axis] as number)) / 2;
  // Indices keep the original order inside each chunk whatever the sorting did.
  const split = (idx: number[]): void => {
    const part = idx.map((i) => segments[i] as S);
    const bbox = bboxOf({ type: 'MultiLineString', coordinates: part });
    if (idx.length <= Math.max(1, maxPerChunk)) {
      out.push({ bbox, segments: part });
      return;
    }
    const axis = bbox[2] - bbox[0] >= bbox[3] - bbox[1] ? 0 : 1;
    const sorted = [...idx].sort((a, b) => mid(segments[a] as S, axis) - mid(segments[b] as S, axis));
    const half = Math.ceil(sorted.length / 2);
    split(sorted.slice(0, half).sort((a, b) => a - b));
    split(sorted.slice(half).sort((a, b) => a - b));
  };
  if (segments.length) split(segments.map((_, i) => i));
  return out;
}

/** Whether two boxes [w, s, e, n] overlap (touching counts). */
export function boxesMeet(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}
