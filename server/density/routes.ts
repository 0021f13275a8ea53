// Enterprise density (mounted at /api/density): the map's aggregate at low zoom, counted in hexagons by the
// coverage worker (server/coverage/density.ts), never on the request thread.
import { promisify } from 'node:util';
import { gzip as gzipCb } from 'node:zlib';
import { createRoute } from '@hono/zod-openapi';
import { newRouter, errorResponses } from '../http/router.js';
import { guard } from '../auth/access.js';
import { BUDGETS, overBudget } from '../http/budgets.js';
import { hexAreaKm2, hexRing, hexSize, hexesInBox, HEX_MAX_ZOOM } from '../domain/density/hexbin.js';
import { DensityQuerySchema, DensitySchema, type Density } from './contract.js';

const gzip = promisify(gzipCb);

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
    const { asOf, hexes } = await c.get('services').coverage.ask({ q: 'density', bbox, size }, { signal: c.req.raw.signal });
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
    // A street-sized view at zoom 14 is thousands of hexagons (~1.7 MB of GeoJSON, 9% of that gzipped); zlib
    // runs on libuv's pool, not this thread.
    const json = JSON.stringify(body);
    const headers = { 'Content-Type': 'application/json', Vary: 'Accept-Encoding' };
    if (json.length > 1024 && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
      return c.body(new Uint8Array(await gzip(json)), 200, { ...headers, 'Content-Encoding': 'gzip' }) as never;
    }
    return c.body(json, 200, headers) as never;
  },
);
