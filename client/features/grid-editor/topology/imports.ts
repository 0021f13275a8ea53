// Replacing a street's grids from an uploaded GeoJSON: features match grids by id or code; unmatched
// features become new grids; grids with no feature are deleted (the ChangeSet gives their area to the
// grid now covering most of it).
import type { Feature, FeatureCollection, Geometry, Polygon } from 'geojson';
import type { EditGrid } from './types';
import { areaM2, cleanPolygon, intersectGeom, polygonsOf, type Areal } from './geom';

export interface ImportResult {
  grids: EditGrid[];
  /** Features skipped because they are not (single) polygons. */
  skipped: number;
}

export function gridsFromGeoJson(fc: FeatureCollection | Feature, current: EditGrid[], newKey: () => string): ImportResult {
  const features: Feature<Geometry | null>[] = fc.type === 'FeatureCollection' ? fc.features : [fc];
  const byId = new Map(current.filter((g) => g.id !== null).map((g) => [String(g.id), g]));
  const byCode = new Map(current.filter((g) => g.code).map((g) => [g.code as string, g]));
  const used = new Set<string>();
  const grids: EditGrid[] = [];
  let skipped = 0;
  for (const f of features) {
    const geom = f.geometry;
    const polys = geom && (geom.type === 'Polygon' || geom.type === 'MultiPolygon') ? polygonsOf(geom as Areal) : [];
    if (polys.length !== 1) {
      skipped++;
      continue;
    }
    const geometry = cleanPolygon(polys[0] as Polygon);
    const p = (f.properties ?? {}) as Record<string, unknown>;
    const match = (p.id !== undefined && byId.get(String(p.id))) || (f.id !== undefined && byId.get(String(f.id))) || (typeof p.code === 'string' && byCode.get(p.code)) || null;
    const name = typeof p.name === 'string' && p.name.trim() ? p.name.trim() : match?.name ?? '';
    if (match && !used.has(match.key)) {
      used.add(match.key);
      grids.push({ ...match, name, geometry });
    } else {
      grids.push({ key: newKey(), id: null, version: null, code: null, name, geometry });
    }
  }
  // A new feature lying mostly where an unmatched stored grid was is that grid redrawn: keep its id,
  // so the server updates it instead of deleting it with nowhere to give the area.
  const unmatched = current.filter((g) => g.id !== null && !used.has(g.key));
  const out = grids.map((g) => {
    if (g.id !== null) return g;
    let best: EditGrid | null = null;
    let bestShare = 0.5;
    for (const u of unmatched) {
      if (used.has(u.key)) continue;
      const share = areaM2(intersectGeom(u.geometry, g.geometry)) / Math.max(areaM2(u.geometry), 1e-9);
      if (share > bestShare) {
        bestShare = share;
        best = u;
      }
    }
    if (!best) return g;
    used.add(best.key);
    return { ...best, name: g.name || best.name, geometry: g.geometry };
  });
  return { grids: out, skipped };
}
