// Splitting a grid with a drawn line. Exact rather than boolean: the cut path is inserted into the ring
// at the two crossing points, so both halves share the cut's vertices, and neighbours holding the cut
// edges get the crossing points too (their edges stay shared).
import { lineIntersect, lineSlice, lineString, point } from '@turf/turf';
import type { LineString, Polygon, Position } from 'geojson';
import type { EditGrid, StreetOutline } from './types';
import { cleanRing, latticeOnSegment, planar, roundPos, samePos, segmentDistance } from './geom';
import { insertSharedVertex } from './vertices';
import type { EditResult } from './edits';

/** Index of the ring edge a point lies on (closest edge). */
function edgeIndex(ring: Position[], p: Position): number {
  const f = planar(p[1] as number);
  const q = f(p);
  let best = -1;
  let bestD = Infinity;
  for (let i = 0; i + 1 < ring.length; i++) {
    const d = segmentDistance(q, f(ring[i] as Position), f(ring[i + 1] as Position)).d;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/** Distance along a line to a point on it (in line-parameter units: segment index + fraction). */
function along(line: Position[], p: Position): number {
  const f = planar(p[1] as number);
  const q = f(p);
  let best = 0;
  let bestD = Infinity;
  for (let i = 0; i + 1 < line.length; i++) {
    const s = segmentDistance(q, f(line[i] as Position), f(line[i + 1] as Position));
    if (s.d < bestD) {
      bestD = s.d;
      best = i + s.t;
    }
  }
  return best;
}

export function splitGrid(grids: EditGrid[], key: string, line: LineString, fresh: Omit<EditGrid, 'geometry'>, _street: StreetOutline): EditResult {
  const g = grids.find((x) => x.key === key);
  if (!g) return { ok: false, reason: 'not_found' };
  if (g.geometry.coordinates.length > 1) return { ok: false, reason: 'has_holes' };
  const ring = g.geometry.coordinates[0] as Position[];
  // A crossing point goes onto the crossed edge as exactly as 7 decimals allow (the edge may be the
  // locked street outline, which cannot take the new vertex: plain rounding would leave a sliver).
  const onEdge = (raw: Position): Position => {
    const r = roundPos(raw);
    if (ring.some((q) => samePos(q, r))) return r;
    const i = edgeIndex(ring, raw);
    return latticeOnSegment(raw, ring[i] as Position, ring[i + 1] as Position);
  };
  const hits = lineIntersect(lineString(ring), lineString(line.coordinates)).features.map((f) => onEdge(f.geometry.coordinates));
  const unique = hits.filter((p, i) => hits.findIndex((q) => samePos(p, q)) === i).sort((a, b) => along(line.coordinates, a) - along(line.coordinates, b));
  if (unique.length < 2) return { ok: false, reason: 'line_does_not_cross' };
  const enter = unique[0] as Position;
  const exit = unique[1] as Position;
  // The cut: the drawn line between its first two crossings, inner vertices as drawn.
  const cut = lineSlice(point(enter), point(exit), lineString(line.coordinates)).geometry.coordinates.map(roundPos);
  cut[0] = enter;
  cut[cut.length - 1] = exit;

  // Put both crossing points into the ring (and into neighbours sharing those edges).
  let all = grids;
  for (const p of [enter, exit]) {
    const cur = (all.find((x) => x.key === key) as EditGrid).geometry.coordinates[0] as Position[];
    if (cur.some((q) => samePos(q, p))) continue;
    const i = edgeIndex(cur, p);
    all = insertSharedVertex(all, cur[i] as Position, cur[i + 1] as Position, p);
  }
  const r = ((all.find((x) => x.key === key) as EditGrid).geometry.coordinates[0] as Position[]).slice(0, -1);
  const iEnter = r.findIndex((q) => samePos(q, enter));
  const iExit = r.findIndex((q) => samePos(q, exit));
  if (iEnter < 0 || iExit < 0 || iEnter === iExit) return { ok: false, reason: 'line_does_not_cross' };
  // Walk the ring from exit to enter, then back along the cut; and from enter to exit, then the cut reversed.
  const arc = (from: number, to: number): Position[] => {
    const out: Position[] = [];
    for (let i = from; ; i = (i + 1) % r.length) {
      out.push(r[i] as Position);
      if (i === to) break;
    }
    return out;
  };
  const inner = cut.slice(1, -1);
  const a: Polygon = { type: 'Polygon', coordinates: [cleanRing([...arc(iExit, iEnter), ...inner])] };
  const b: Polygon = { type: 'Polygon', coordinates: [cleanRing([...arc(iEnter, iExit), ...[...inner].reverse()])] };
  if ((a.coordinates[0] as Position[]).length < 4 || (b.coordinates[0] as Position[]).length < 4) return { ok: false, reason: 'line_does_not_cross' };
  return {
    ok: true,
    grids: [...all.map((x) => (x.key === key ? { ...x, geometry: a } : x)), { ...fresh, geometry: b }],
  };
}
