// Enterprise density in hexagons (the map's aggregate at low zoom): each building's operating enterprises, and
// those without a party organisation, summed into the hexagon holding the building. Asked of the coverage
// worker because "without a party organisation" is the model's classification (dated links and assignments),
// which SQL alone does not have; one pass over the buildings, off the request thread.
import type { CoverageView } from '../domain/coverage/view.js';
import { areaKey } from '../domain/coverage/model.js';
import { binPoints, type HexCount } from '../domain/density/hexbin.js';

export function densityHexes(v: Pick<CoverageView, 'buildings' | 'counts'>, bbox: [number, number, number, number], size: number): HexCount[] {
  function* points() {
    for (const b of v.buildings.values()) {
      const c = v.counts.get(areaKey('building', b.id));
      if (c && c.enterprises > 0) yield { lon: b.lon, lat: b.lat, enterprises: c.enterprises, uncovered: c.enterprises - c.partyOwn - c.partyJoint };
    }
  }
  return binPoints(points(), bbox, size);
}
