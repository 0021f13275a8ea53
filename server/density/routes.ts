// Enterprise density (mounted at /api/density): the map's aggregate at low zoom, counted in hexagons by the
// coverage worker (server/coverage/density.ts), never on the request thread.
import { createRoute } from '@hono/zod-openapi';
import { newRouter, errorResponses } from '../http/router.js';
import { guard } from '../auth/access.js';
import { BUDGETS, overBudget } from '../http/budgets.js';
import { hexAreaKm2, hexRing, hexSize, hexesInBox, HEX_MAX_ZOOM } from '../domain/density/hexbin.js';
import { DensityQuerySchema, DensitySchema, type Density } from './contract.js';

export const densityRoutes = newRouter();
densityRoutes.use('/hexagons', guard('density'));
densityRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/hexagons',
    tags: ['Map'],
    summary: 'Operating enterprises (and those without a party organisation) per hexagon in a box, hexagons sized for the zoom',
    description: 'Flat-topped hexagons on the ST_HexagonGrid lattice in Web Mercator, anchored at its origin (the same hexagon whatever the box); enterprises are counted at their building; empty hexagons are left out.',
    request: { query: DensityQuerySchema },
    responses: { 200: { description: 'GeoJSON hexagons with counts', content: { 'application/json': { schema: DensitySchema } } }, ...errorResponses(400, 401, 403, 413) },
  }),
  async (c) => {
    const { bbox, zoom } = c.req.valid('query');
    const z = Math.min(Math.floor(zoom), HEX_MAX_ZOOM);
    const size = hexSize(z);
    const span = hexesInBox(bbox, size);
    if (span > BUDGETS.densityHexes) throw overBudget('Hexagons in the box at this zoom', span, BUDGETS.densityHexes, 'ask for a smaller box or a lower zoom');
    const { asOf, hexes } = await c.get('services').coverage.ask({ q: 'density', bbox, size });
    const body: Density = {
      type: 'FeatureCollection',
      asOf,
      zoom: z,
      hexSize: size,
      features: hexes.map((h) => ({
        type: 'Feature',
        id: `${h.i}:${h.j}`,
        geometry: { type: 'Polygon', coordinates: [hexRing(h.i, h.j, size)] },
        properties: { i: h.i, j: h.j, enterprises: h.enterprises, uncovered: h.uncovered, areaKm2: Math.round(hexAreaKm2(h.i, h.j, size) * 1e4) / 1e4 },
      })),
    };
    return c.json(body, 200);
  },
);
