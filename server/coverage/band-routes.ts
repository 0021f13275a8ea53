// Walking bands (/api/coverage/bands, /api/coverage/stations/{id}/bands): an area's buildings and workers within
// 5/10/15 minutes' walk of a station and not, and one station's own bands. Mounted beside the coverage routes.
import { createRoute } from '@hono/zod-openapi';
import { newRouter, errorResponses } from '../http/router.js';
import { notFound } from '../http/errors.js';
import { guard } from '../auth/access.js';
import { BandsQuerySchema, BandsSchema, StationBandsSchema, StationParamSchema } from './contract.js';

export const bandRoutes = newRouter();
bandRoutes.use('/bands', guard('coverage.bands'));
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
    const bands = await c.get('services').coverage.ask({ q: 'bands', level, id });
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
    const bands = await c.get('services').coverage.ask({ q: 'stationBands', id });
    if (!bands) throw notFound(`No station ${id}`);
    return c.json(bands, 200);
  },
);
