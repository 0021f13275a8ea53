// Snapping while dragging or drawing: to a vertex of another grid or of the (locked) street outline
// first, else to the nearest point of one of their edges, within a pixel tolerance; and, when the planner
// turns it on, to a road centre line (a road's vertex or junction first, else the nearest point on it).
// Only the vertex being drawn moves: the partition rules decide what the new ring means, as for any vertex.
import type { Polygon, Position } from 'geojson';
import { latticeOnSegment, roundPos, samePos } from './geom';

/** The point of screen segment pa–pb nearest the cursor, and its distance; null for a zero-length segment. */
function closestOnSegment(cursor: { x: number; y: number }, pa: { x: number; y: number }, pb: { x: number; y: number }): { x: number; y: number; d: number } | null {
  const dx = pb.x - pa.x;
  const dy = pb.y - pa.y;
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return null;
  const s = Math.max(0, Math.min(1, ((cursor.x - pa.x) * dx + (cursor.y - pa.y) * dy) / len2));
  const x = pa.x + s * dx;
  const y = pa.y + s * dy;
  return { x, y, d: Math.hypot(x - cursor.x, y - cursor.y) };
}

export type Project = (p: Position) => { x: number; y: number };
export type Unproject = (x: number, y: number) => Position;

export interface SnapTargets {
  /** Rings to snap to (other grids' and the outline's). */
  rings: Position[][];
  /** A vertex being moved: it and the edges touching it are not targets (they move with it). */
  moving?: Position | null;
  /** Road centre lines, tried after the grids and the outline (they keep the partition exact). */
  lines?: Position[][];
}

export function snapTargets(polygons: Polygon[], moving: Position | null = null, lines: Position[][] = []): SnapTargets {
  return { rings: polygons.flatMap((p) => p.coordinates), moving, lines };
}

export function snap(cursor: { x: number; y: number }, t: SnapTargets, project: Project, unproject: Unproject, tolerancePx = 10): Position | undefined {
  return snapToRings(cursor, t, project, unproject, tolerancePx) ?? snapToLines(cursor, t.lines ?? [], project, unproject, tolerancePx);
}

function snapToRings(cursor: { x: number; y: number }, t: SnapTargets, project: Project, unproject: Unproject, tolerancePx: number): Position | undefined {
  let best: Position | undefined;
  let bestD = tolerancePx;
  const skip = (p: Position) => !!t.moving && samePos(p, t.moving);
  for (const ring of t.rings)
    for (const p of ring) {
      if (skip(p)) continue;
      const q = project(p);
      const d = Math.hypot(q.x - cursor.x, q.y - cursor.y);
      if (d < bestD) {
        bestD = d;
        best = p;
      }
    }
  if (best) return best;
  bestD = tolerancePx;
  for (const ring of t.rings)
    for (let i = 0; i + 1 < ring.length; i++) {
      const a = ring[i] as Position;
      const b = ring[i + 1] as Position;
      if (skip(a) || skip(b)) continue;
      const c = closestOnSegment(cursor, project(a), project(b));
      if (c && c.d < bestD) {
        bestD = c.d;
        best = latticeOnSegment(unproject(c.x, c.y), a, b);
      }
    }
  return best;
}

/** A road's vertex (its junctions and bends) within tolerance, else the nearest point on one of its segments. */
export function snapToLines(cursor: { x: number; y: number }, lines: Position[][], project: Project, unproject: Unproject, tolerancePx = 10): Position | undefined {
  let best: Position | undefined;
  let bestD = tolerancePx;
  for (const line of lines)
    for (const p of line) {
      const q = project(p);
      const d = Math.hypot(q.x - cursor.x, q.y - cursor.y);
      if (d < bestD) {
        bestD = d;
        best = p;
      }
    }
  if (best) return roundPos(best);
  bestD = tolerancePx;
  for (const line of lines)
    for (let i = 0; i + 1 < line.length; i++) {
      const c = closestOnSegment(cursor, project(line[i] as Position), project(line[i + 1] as Position));
      if (c && c.d < bestD) {
        bestD = c.d;
        best = unproject(c.x, c.y);
      }
    }
  return best && roundPos(best);
}
