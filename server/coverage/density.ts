// Enterprise density in hexagons (the map's aggregate at low zoom): each building's operating enterprises, and
// those without a party organisation, summed into the hexagon holding the building. Asked of the coverage
// worker because "without a party organisation" is the model's classification (dated links and assignments),
// which SQL alone does not have; one pass over the buildings, off the request thread.
import type { CoverageView } from '../domain/coverage/view.js';
import { areaKey } from '../domain/coverage/model.js';
import { binPoints, type HexCount } from '../domain/density/hexbin.js';

export function densityHexes(v: Pick<CoverageView, 'buildings' | 'counts'>, bbox: [number, number, number, number], size: number): HexCount[] {
  const [w, s, e, n] = bbox;
  const points: { lon: number; lat: number; enterprises: number; uncovered: number }[] = [];
  for (const b of v.buildings.values()) {
    // The box first: most buildings of a city lie outside a street-sized view, and need no counts looked up.
    if (b.lon < w || b.lon > e || b.lat < s || b.lat > n) continue;
    const c = v.counts.get(areaKey('building', b.id));
    if (c && c.enterprises > 0) points.push({ lon: b.lon, lat: b.lat, enterprises: c.enterprises, uncovered: c.enterprises - c.partyOwn - c.partyJoint });
  }
  return binPoints(points, bbox, size);
}
