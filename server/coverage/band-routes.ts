// Walking bands (/api/coverage/bands, /api/coverage/stations/{id}/bands): an area's buildings and workers within
// 5/10/15 minutes' walk of a station and not, and one station's own bands; and the same bands drawn as areas
// (…/bands/polygons: GeoJSON, one MultiPolygon per band). Mounted beside the coverage routes. Every answer is
// computed in the coverage worker (503 "computing" while it builds); the request thread only routes.
import { createRoute } from '@hono/zod-openapi';
import { newRouter, errorResponses } from '../http/router.js';
import { notFound } from '../http/errors.js';
import { guard } from '../auth/access.js';
import { BUDGETS } from '../http/budgets.js';
import { BandAreasSchema, BandsQuerySchema, BandsSchema, StationBandAreasSchema, StationBandsSchema, StationParamSchema } from './contract.js';

export const bandRoutes = newRouter();
bandRoutes.use('/bands', guard('coverage.bands'));
bandRoutes.use('/bands/*', guard('coverage.bands'));
bandRoutes.use('/stations/*', guard('coverage.bands'));

bandRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/bands',
    tags: ['Coverage'],
    summary: "An area's buildings and workers within each walking band (5/10/15 min by default) of the nearest public station, and not; on roads where they exist, else straight-line (counted)",
    request: { query: BandsQuerySchema },
    responses: { 200: { description: 'Walking bands', content: { 'application/json': { schema: BandsSchema } } }, ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { level, id } = c.req.valid('query');
    const bands = await c.get('services').coverage.ask({ q: 'bands', level, id }, { signal: c.req.raw.signal });
    if (!bands) throw notFound(`No ${level} "${id}"`);
    return c.json(bands, 200);
  },
);

bandRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/stations/{id}/bands',
    tags: ['Coverage'],
    summary: "A station's own walking bands: the buildings and workers within 5/10/15 minutes' walk of it",
    request: { params: StationParamSchema },
    responses: { 200: { description: "The station's bands", content: { 'application/json': { schema: StationBandsSchema } } }, ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const bands = await c.get('services').coverage.ask({ q: 'stationBands', id }, { signal: c.req.raw.signal });
    if (!bands) throw notFound(`No station ${id}`);
    return c.json(bands, 200);
  },
);

bandRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/bands/polygons',
    tags: ['Coverage'],
    summary: "An area's walking bands as areas: one MultiPolygon per band (5/10/15 min by default), merged over every public station whose widest band reaches the area, walked on the road network where it is loaded, else straight-line circles (method says which)",
    description: `Sampled on a grid of 10 m cells, coarser for a large area so that one answer stays within ${BUDGETS.isochroneSamples.toLocaleString('en')} samples (cellM). Cached until a road, station, building, area or the reach setting changes.`,
    request: { query: BandsQuerySchema },
    responses: { 200: { description: 'The bands as GeoJSON', content: { 'application/json': { schema: BandAreasSchema } } }, ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { level, id } = c.req.valid('query');
    const areas = await c.get('services').coverage.ask({ q: 'bandAreas', level, id }, { signal: c.req.raw.signal });
    if (!areas) throw notFound(`No ${level} "${id}"`);
    return c.json(areas, 200);
  },
);

bandRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/stations/{id}/bands/polygons',
    tags: ['Coverage'],
    summary: "A station's own walking bands as areas: one MultiPolygon per band, on the road network where the station joins it, else straight-line circles",
    request: { params: StationParamSchema },
    responses: { 200: { description: "The station's bands as GeoJSON", content: { 'application/json': { schema: StationBandAreasSchema } } }, ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const areas = await c.get('services').coverage.ask({ q: 'stationBandAreas', id }, { signal: c.req.raw.signal });
    if (!areas) throw notFound(`No station ${id}`);
    return c.json(areas, 200);
  },
);
