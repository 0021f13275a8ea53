// Live validation of a street's grids: what the server will reject, found before saving, each with the
// offending area so the map can draw it and a fix can target it.
import { kinks, polygon as turfPolygon } from '@turf/turf';
import type { Polygon, Position } from 'geojson';
import type { EditGrid, Problem, Rules, StreetOutline } from './types';
import { areaM2, bboxesTouch, bboxOf, differenceGeom, distanceToBoundaryM, intersectGeom, polygonsOf, unionGeoms, type Areal } from './geom';

const finiteLonLat = (p: Position): boolean =>
  p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0] as number) <= 180 && Math.abs(p[1] as number) <= 90;

/** Why a single grid's geometry cannot even be checked against the others, or null if it can. */
export function ringProblem(g: Polygon): 'bad_coordinates' | 'too_few_points' | null {
  if (!g.coordinates.every((r) => r.every(finiteLonLat))) return 'bad_coordinates';
  for (const ring of g.coordinates) {
    const distinct = new Set(ring.map((p) => `${p[0]},${p[1]}`));
    if (ring.length < 4 || distinct.size < 3) return 'too_few_points';
  }
  return null;
}

export function kinkPoints(g: Polygon): Position[] {
  try {
    return kinks(turfPolygon(g.coordinates)).features.map((f) => f.geometry.coordinates);
  } catch {
    return [];
  }
}

const idOf = (kind: string, keys: string[], g: Areal | null): string => {
  const b: [number, number, number, number] = g ? bboxOf(g) : [0, 0, 0, 0];
  return `${kind}:${keys.join('+')}:${((b[0] + b[2]) / 2).toFixed(5)},${((b[1] + b[3]) / 2).toFixed(5)}`;
};

export function validate(street: StreetOutline, grids: EditGrid[], rules: Rules): Problem[] {
  const problems: Problem[] = [];
  const usable: EditGrid[] = [];
  for (const g of grids) {
    const bad = ringProblem(g.geometry);
    if (bad) {
      problems.push({ kind: 'invalid', reason: bad, gridKeys: [g.key], areaM2: null, geometry: bad === 'bad_coordinates' ? null : g.geometry, id: `invalid:${g.key}` });
      continue;
    }
    usable.push(g);
    const points = kinkPoints(g.geometry);
    if (points.length > 0) problems.push({ kind: 'invalid', reason: 'kinks', gridKeys: [g.key], areaM2: areaM2(g.geometry), geometry: g.geometry, points, id: `kinks:${g.key}` });
    const a = areaM2(g.geometry);
    if (a < rules.minAreaM2) problems.push({ kind: 'sliver', reason: 'sliver', gridKeys: [g.key], areaM2: a, geometry: g.geometry, id: `sliver:${g.key}` });
    const outside = differenceGeom(g.geometry, street.geometry);
    const outsideArea = areaM2(outside);
    if (outside && outsideArea > rules.toleranceM2) problems.push({ kind: 'outside', reason: 'outside', gridKeys: [g.key], areaM2: outsideArea, geometry: outside, id: idOf('outside', [g.key], outside) });
  }

  const boxes = usable.map((g) => bboxOf(g.geometry));
  for (let i = 0; i < usable.length; i++) {
    for (let j = i + 1; j < usable.length; j++) {
      if (!bboxesTouch(boxes[i] as never, boxes[j] as never)) continue;
      const a = usable[i] as EditGrid;
      const b = usable[j] as EditGrid;
      const overlap = intersectGeom(a.geometry, b.geometry);
      const area = areaM2(overlap);
      if (overlap && area > rules.toleranceM2) problems.push({ kind: 'overlap', reason: 'overlap', gridKeys: [a.key, b.key], areaM2: area, geometry: overlap, id: idOf('overlap', [a.key, b.key], overlap) });
    }
  }

  const covered = unionGeoms(usable.map((g) => g.geometry));
  const gaps = covered ? differenceGeom(street.geometry, covered) : street.geometry;
  for (const piece of polygonsOf(gaps)) {
    const area = areaM2(piece);
    if (area <= rules.toleranceM2) continue;
    problems.push({ kind: 'gap', reason: 'gap', gridKeys: neighboursOf(piece, usable), areaM2: area, geometry: piece, id: idOf('gap', [], piece) });
  }
  return problems;
}

/** The grids whose boundary runs along an area (they can take it over), nearest first. */
export function neighboursOf(area: Areal, grids: EditGrid[], toleranceM = 0.5): string[] {
  const box = bboxOf(area);
  const pad = 0.0005;
  const scored: { key: string; touching: number }[] = [];
  for (const g of grids) {
    if (!bboxesTouch(box, bboxOf(g.geometry), pad)) continue;
    let touching = 0;
    for (const poly of polygonsOf(area))
      for (const p of poly.coordinates[0] ?? []) if (distanceToBoundaryM(p, g.geometry) <= toleranceM) touching++;
    // One vertex in common is a corner touch, not a shared edge: such a grid cannot take the area in one piece.
    if (touching >= 2) scored.push({ key: g.key, touching });
  }
  return scored.sort((a, b) => b.touching - a.touching).map((s) => s.key);
}

/** Problems that block saving: every one does (the server would reject it). */
export const isClean = (problems: Problem[]): boolean => problems.length === 0;

