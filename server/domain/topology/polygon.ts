// Structural checks of a submitted polygon that PostGIS would accept but must not store:
// ST_GeomFromGeoJSON takes 2-point rings, 1e308 and unclosed rings (architecture.md, known traps).
import type { Polygon, Position } from 'geojson';

export const MAX_RING_POSITIONS = 20_000;
export const MAX_RINGS = 100;

/** Why the polygon cannot be a grid boundary, or null when it is structurally sound. */
export function polygonDefect(p: Polygon): string | null {
  if (p.coordinates.length === 0) return 'polygon has no rings';
  if (p.coordinates.length > MAX_RINGS) return `polygon has more than ${MAX_RINGS} rings`;
  for (const [i, ring] of p.coordinates.entries()) {
    const which = i === 0 ? 'outer ring' : `hole ${i}`;
    if (ring.length > MAX_RING_POSITIONS) return `${which} has more than ${MAX_RING_POSITIONS} positions`;
    for (const pos of ring) {
      const defect = positionDefect(pos);
      if (defect) return `${which}: ${defect}`;
    }
    if (ring.length < 4) return `${which} has ${ring.length} positions; a ring needs at least 4 (3 corners and the closing one)`;
    const first = ring[0] as Position;
    const last = ring[ring.length - 1] as Position;
    if (first[0] !== last[0] || first[1] !== last[1]) return `${which} is not closed (first and last positions differ)`;
    if (new Set(ring.slice(0, -1).map((q) => `${q[0]},${q[1]}`)).size < 3) return `${which} has fewer than 3 distinct corners`;
  }
  return null;
}

function positionDefect(pos: Position): string | null {
  if (pos.length < 2 || pos.length > 3) return `a position has ${pos.length} numbers`;
  const [lon, lat] = pos as [number, number];
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return 'a coordinate is not a finite number';
  if (lon < -180 || lon > 180) return `longitude ${lon} is outside -180…180`;
  if (lat < -90 || lat > 90) return `latitude ${lat} is outside -90…90`;
  return null;
}

/** The polygon in two dimensions (a third coordinate, if sent, is dropped). */
export function flatPolygon(p: Polygon): Polygon {
  return { type: 'Polygon', coordinates: p.coordinates.map((ring) => ring.map((q) => [q[0] as number, q[1] as number])) };
}
