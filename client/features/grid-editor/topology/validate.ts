// Live validation of a street's grids: what the server will reject, found before saving, each with the
// offending area so the map can draw it and a fix can target it.
import { kinks, length as turfLength, polygon as turfPolygon, polygonToLine } from '@turf/turf';
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

/**
 * Pieces thinner than this (metres, twice area over perimeter) are the lattice's own: a corner rounded onto the
 * 1e-7° lattice from a point of a slanted outline edge lies up to ~1 cm beside it, and the server counts it as on
 * the edge (ADR 0013). Anything wider is real and the server refuses it, whatever its area.
 */
const LATTICE_SLIVER_M = 0.01;

function perimeterM(piece: Polygon): number {
  try {
    const line = polygonToLine(turfPolygon(piece.coordinates));
    return turfLength(line as never, { units: 'meters' });
  } catch {
    return 0;
  }
}

/** The pieces of an area that are real (above the float noise and wider than the lattice), with their area. */
function substantial(g: Areal | null, rules: Rules): { geometry: Areal; area: number } | null {
  const pieces = polygonsOf(g).filter((piece) => {
    const a = areaM2(piece);
    const p = perimeterM(piece);
    return a > rules.toleranceM2 && (p === 0 || (2 * a) / p >= LATTICE_SLIVER_M);
  });
  if (pieces.length === 0) return null;
  const geometry: Areal = pieces.length === 1 ? (pieces[0] as Polygon) : { type: 'MultiPolygon', coordinates: pieces.map((x) => x.coordinates) };
  return { geometry, area: pieces.reduce((sum, x) => sum + areaM2(x), 0) };
}

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
    const outside = substantial(differenceGeom(g.geometry, street.geometry), rules);
    if (outside) problems.push({ kind: 'outside', reason: 'outside', gridKeys: [g.key], areaM2: outside.area, geometry: outside.geometry, id: idOf('outside', [g.key], outside.geometry) });
  }

  const boxes = usable.map((g) => bboxOf(g.geometry));
  for (let i = 0; i < usable.length; i++) {
    for (let j = i + 1; j < usable.length; j++) {
      if (!bboxesTouch(boxes[i] as never, boxes[j] as never)) continue;
      const a = usable[i] as EditGrid;
      const b = usable[j] as EditGrid;
      const overlap = substantial(intersectGeom(a.geometry, b.geometry), rules);
      if (overlap) problems.push({ kind: 'overlap', reason: 'overlap', gridKeys: [a.key, b.key], areaM2: overlap.area, geometry: overlap.geometry, id: idOf('overlap', [a.key, b.key], overlap.geometry) });
    }
  }

  const covered = unionGeoms(usable.map((g) => g.geometry));
  const gaps = covered ? differenceGeom(street.geometry, covered) : street.geometry;
  for (const piece of polygonsOf(gaps)) {
    const real = substantial(piece, rules);
    if (!real) continue;
    const area = real.area;
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

