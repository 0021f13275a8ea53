// Whole-grid edits and the one-click fixes. Each takes the street's grids and returns new grids (or a
// reason it cannot), then snaps shared boundaries together so results tile exactly.
import type { Polygon } from 'geojson';
import type { EditGrid, StreetOutline } from './types';
import { areaM2, differenceGeom, intersectGeom, polygonsOf, tidy, unionGeoms, type Areal } from './geom';
import { snapTogether } from './vertices';

export type EditResult = { ok: true; grids: EditGrid[] } | { ok: false; reason: 'not_adjacent' | 'empty' | 'not_found' | 'line_does_not_cross' | 'has_holes' };

const largestFirst = (g: Areal | null): Polygon[] =>
  polygonsOf(g)
    .map(tidy)
    .filter((p): p is Polygon => p !== null)
    .sort((a, b) => areaM2(b) - areaM2(a));

const outlinePolys = (street: StreetOutline): Polygon[] => polygonsOf(street.geometry);

function replace(grids: EditGrid[], updates: Map<string, Polygon | null>, street: StreetOutline): EditGrid[] {
  const out = grids
    .filter((g) => updates.get(g.key) !== null)
    .map((g) => {
      const u = updates.get(g.key);
      return u ? { ...g, geometry: u } : g;
    });
  return snapTogether(out, outlinePolys(street));
}

/** Cuts a grid back to the street outline (keeping its largest part). */
export function clipToStreet(grids: EditGrid[], key: string, street: StreetOutline): EditResult {
  const g = grids.find((x) => x.key === key);
  if (!g) return { ok: false, reason: 'not_found' };
  const [inside] = largestFirst(intersectGeom(g.geometry, street.geometry));
  if (!inside) return { ok: false, reason: 'empty' };
  return { ok: true, grids: replace(grids, new Map([[key, inside]]), street) };
}

/** Removes grid `keep`'s area from grid `from` (resolves an overlap in favour of `keep`). */
export function subtractFromNeighbour(grids: EditGrid[], keep: string, from: string, street: StreetOutline): EditResult {
  const a = grids.find((x) => x.key === keep);
  const b = grids.find((x) => x.key === from);
  if (!a || !b) return { ok: false, reason: 'not_found' };
  const [rest] = largestFirst(differenceGeom(b.geometry, a.geometry));
  if (!rest) return { ok: false, reason: 'empty' };
  return { ok: true, grids: replace(grids, new Map([[from, rest]]), street) };
}

/** Joins an area (a gap) to a grid. */
export function giveAreaTo(grids: EditGrid[], area: Areal, key: string, street: StreetOutline): EditResult {
  const g = grids.find((x) => x.key === key);
  if (!g) return { ok: false, reason: 'not_found' };
  const joined = largestFirst(unionGeoms([g.geometry, area]));
  if (joined.length !== 1) return { ok: false, reason: 'not_adjacent' };
  return { ok: true, grids: replace(grids, new Map([[key, joined[0] as Polygon]]), street) };
}

/** Merges `gone` into `into` (= deleting `gone`, giving its area to `into`). */
export function mergeInto(grids: EditGrid[], gone: string, into: string, street: StreetOutline): EditResult {
  const a = grids.find((x) => x.key === gone);
  const b = grids.find((x) => x.key === into);
  if (!a || !b || gone === into) return { ok: false, reason: 'not_found' };
  const joined = largestFirst(unionGeoms([b.geometry, a.geometry]));
  if (joined.length !== 1) return { ok: false, reason: 'not_adjacent' };
  return { ok: true, grids: replace(grids, new Map<string, Polygon | null>([[into, joined[0] as Polygon], [gone, null]]), street) };
}

/**
 * Adds a drawn grid: it is clipped to the street and carved out of every grid it overlaps. A grid cut
 * into pieces keeps its largest one; the small pieces join the new grid when they touch it.
 */
export function carveNewGrid(grids: EditGrid[], drawn: Polygon, fresh: Omit<EditGrid, 'geometry'>, street: StreetOutline): EditResult {
  let [shape] = largestFirst(intersectGeom(drawn, street.geometry));
  if (!shape) return { ok: false, reason: 'empty' };
  const updates = new Map<string, Polygon | null>();
  for (const g of grids) {
    if (!intersectGeom(g.geometry, shape)) continue;
    const [keep, ...rest] = largestFirst(differenceGeom(g.geometry, shape));
    if (!keep) {
      // A grid swallowed whole stays; the new grid goes around it (deleting it would need a receiver).
      const [around] = largestFirst(differenceGeom(shape, g.geometry));
      if (!around) return { ok: false, reason: 'empty' };
      shape = around;
      continue;
    }
    updates.set(g.key, keep);
    for (const piece of rest) {
      const joined = largestFirst(unionGeoms([shape, piece]));
      if (joined.length === 1) shape = joined[0] as Polygon;
    }
  }
  return { ok: true, grids: replace([...grids, { ...fresh, geometry: shape }], updates, street) };
}
