// Shared-boundary editing: grids of a street hold identical coordinates where they meet, so moving,
// inserting or removing a vertex applies to every grid holding it. That keeps the partition exact
// without any boolean operation (and is what the property test checks).
import type { Polygon, Position } from 'geojson';
import type { EditGrid } from './types';
import { cleanRing, edgesOf, latticeOnSegment, planar, roundPos, samePos, segmentDistance } from './geom';

const mapRings = (g: EditGrid, f: (ring: Position[]) => Position[]): EditGrid => {
  let changed = false;
  const coordinates = g.geometry.coordinates.map((r) => {
    const out = f(r);
    if (out !== r) changed = true;
    return out;
  });
  return changed ? { ...g, geometry: { type: 'Polygon', coordinates } } : g;
};

/** Moves every occurrence of `from` (in every grid) to `to`. Grids not holding `from` are returned as they are. */
export function moveSharedVertex(grids: EditGrid[], from: Position, to: Position): EditGrid[] {
  const target = roundPos(to);
  return grids.map((g) => mapRings(g, (ring) => (ring.some((p) => samePos(p, from)) ? ring.map((p) => (samePos(p, from) ? target : p)) : ring)));
}

/** Inserts `at` between a and b in every ring that has the edge a–b (either direction). */
export function insertSharedVertex(grids: EditGrid[], a: Position, b: Position, at: Position): EditGrid[] {
  const p = roundPos(at);
  return grids.map((g) =>
    mapRings(g, (ring) => {
      let hit = false;
      const out: Position[] = [];
      for (let i = 0; i < ring.length; i++) {
        const cur = ring[i] as Position;
        out.push(cur);
        const next = ring[i + 1];
        if (next && ((samePos(cur, a) && samePos(next, b)) || (samePos(cur, b) && samePos(next, a)))) {
          out.push(p);
          hit = true;
        }
      }
      return hit ? out : ring;
    }),
  );
}

/** Removes `at` from every ring holding it (a ring that would drop under 3 corners keeps it). */
export function removeSharedVertex(grids: EditGrid[], at: Position): EditGrid[] {
  return grids.map((g) =>
    mapRings(g, (ring) => {
      if (!ring.some((p) => samePos(p, at))) return ring;
      const out = cleanRing(ring.slice(0, -1).filter((p) => !samePos(p, at)));
      return out.length >= 4 ? out : ring;
    }),
  );
}

/** Who holds a position: the keys of the grids with that exact vertex. */
export const holders = (grids: EditGrid[], p: Position): string[] =>
  grids.filter((g) => g.geometry.coordinates.some((r) => r.some((q) => samePos(q, p)))).map((g) => g.key);

export type RingEdit =
  | { kind: 'move'; from: Position; to: Position }
  | { kind: 'insert'; a: Position; b: Position; at: Position }
  | { kind: 'remove'; at: Position };

/** What a single vertex edit did to a ring (the editor sees only before and after from terra-draw). */
export function ringEdit(before: Position[], after: Position[]): RingEdit | null {
  const b = before.slice(0, -1);
  const a = after.slice(0, -1);
  if (a.length === b.length) {
    const diff = b.map((p, i) => i).filter((i) => !samePos(b[i] as Position, a[i] as Position));
    if (diff.length !== 1) return null;
    const i = diff[0] as number;
    return { kind: 'move', from: b[i] as Position, to: a[i] as Position };
  }
  if (a.length === b.length + 1) {
    // The inserted index is the first where the rings differ (or the end).
    let i = 0;
    while (i < b.length && samePos(b[i] as Position, a[i] as Position)) i++;
    const prev = b[(i - 1 + b.length) % b.length] as Position;
    const next = b[i % b.length] as Position;
    return { kind: 'insert', a: prev, b: next, at: a[i] as Position };
  }
  if (a.length + 1 === b.length) {
    let i = 0;
    while (i < a.length && samePos(b[i] as Position, a[i] as Position)) i++;
    return { kind: 'remove', at: b[i] as Position };
  }
  return null;
}

/** Applies a ring edit of one grid to the whole street, so shared vertices and edges follow. */
export function applyRingEdit(grids: EditGrid[], edit: RingEdit): EditGrid[] {
  if (edit.kind === 'move') return moveSharedVertex(grids, edit.from, edit.to);
  if (edit.kind === 'insert') return insertSharedVertex(grids, edit.a, edit.b, edit.at);
  return removeSharedVertex(grids, edit.at);
}

/**
 * Makes neighbouring grids topologically consistent after a boolean operation: a vertex within
 * `toleranceM` of another grid's vertex takes its exact coordinate, and one lying on another grid's
 * edge is inserted into that edge. Afterwards shared boundaries are the same coordinate sequences, so
 * no sliver of overlap or gap is left by floating-point intersection points.
 */
export function snapTogether(grids: EditGrid[], outline: Polygon[], toleranceM = 0.05): EditGrid[] {
  if (grids.length === 0) return grids;
  const lat = (grids[0]?.geometry.coordinates[0]?.[0]?.[1] as number | undefined) ?? 0;
  const f = planar(lat);
  // 1. unify near-identical vertices (outline vertices win, then earlier grids). A vertex on an
  //    outline edge (the outline is locked, so it cannot take the vertex) is put as exactly on that
  //    edge as 7 decimals allow, so no sliver of gap or overlap is left along it.
  const anchors: Position[] = outline.flatMap((p) => p.coordinates.flat());
  const outlineEdges = outline.flatMap((p) => [...edgesOf(p)]);
  const unify = (p: Position): Position => {
    const q = f(p);
    for (const a of anchors) {
      const r = f(a);
      if (Math.hypot(q[0] - r[0], q[1] - r[1]) <= toleranceM) return a;
    }
    const edge = outlineEdges.find(([a, b]) => segmentDistance(q, f(a), f(b)).d <= toleranceM);
    const at = edge ? latticeOnSegment(p, edge[0], edge[1]) : p;
    anchors.push(at);
    return at;
  };
  let out = grids.map((g) => ({ ...g, geometry: { type: 'Polygon' as const, coordinates: g.geometry.coordinates.map((r) => cleanRing(r.map(unify))) } }));
  // 2. insert vertices lying on another ring's edge (T-junctions) into that edge.
  const allEdges = [...outline.map((p) => ({ key: '', geometry: p })), ...out.map((g) => ({ key: g.key, geometry: g.geometry }))];
  const vertices = new Map<string, Position>();
  for (const e of allEdges) for (const r of e.geometry.coordinates) for (const p of r) vertices.set(`${p[0]},${p[1]}`, p);
  out = out.map((g) => {
    const coordinates = g.geometry.coordinates.map((ring) => {
      const res: Position[] = [];
      for (const [a, b] of edgesOf({ type: 'Polygon', coordinates: [ring] })) {
        res.push(a);
        const fa = f(a);
        const fb = f(b);
        const inner: { t: number; p: Position }[] = [];
        for (const p of vertices.values()) {
          if (samePos(p, a) || samePos(p, b)) continue;
          const s = segmentDistance(f(p), fa, fb);
          if (s.d <= toleranceM && s.t > 0 && s.t < 1) inner.push({ t: s.t, p });
        }
        inner.sort((x, y) => x.t - y.t).forEach((x) => res.push(x.p));
      }
      res.push(res[0] as Position);
      return cleanRing(res);
    });
    return { ...g, geometry: { type: 'Polygon' as const, coordinates } };
  });
  return out;
}
