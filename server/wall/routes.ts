// The wall display's API (mounted at /api/wall): the figures of a scope and its tour.
import { createRoute } from '@hono/zod-openapi';
import { newRouter, errorResponses } from '../http/router.js';
import { requireRole } from '../auth/middleware.js';
import { actorOf } from '../auth/principal.js';
import { guard, redactFor } from '../auth/access.js';
import { resolveScope } from '../scope.js';
import { wallSummary } from './summary.js';
import { readTour, saveTour } from './tour.js';
import { ScopeQuerySchema, TourIfMatchSchema, TourSchema, WallSummarySchema } from './contract.js';

export const wallRoutes = newRouter();
wallRoutes.use('/summary', guard('wall.summary'));
wallRoutes.use('/tour', guard('wall.tour'));

wallRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/summary',
    tags: ['Wall display'],
    summary: 'Everything a wall display shows for a street or district: KPIs with their 30-day change, rankings, gaps, places to tour',
    request: { query: ScopeQuerySchema },
    responses: { 200: { description: 'Wall figures', content: { 'application/json': { schema: WallSummarySchema } } }, ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const scope = await resolveScope(c.get('readStore'), c.req.valid('query').scope);
    return c.json(redactFor(c, 'wall.summary', await wallSummary(c.get('readStore'), c.get('services').coverage, scope)), 200);
  },
);

wallRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/tour',
    tags: ['Wall display'],
    summary: "A wall's tour configuration (default: every business district, then every grid); ETag carries its version",
    request: { query: ScopeQuerySchema },
    responses: { 200: { description: 'Tour', content: { 'application/json': { schema: TourSchema } } }, ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const scope = await resolveScope(c.get('readStore'), c.req.valid('query').scope);
    const { tour, version } = await readTour(c.get('readStore'), scope);
    c.header('ETag', `"${version}"`);
    return c.json(tour, 200);
  },
);

wallRoutes.use('/tour', async (c, next) => {
  if (c.req.method === 'PUT') return requireRole('admin', 'official')(c, next);
  return next();
});

wallRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/tour',
    tags: ['Wall display'],
    summary: "Change a wall's tour (officials and admins); needs If-Match with the current ETag",
    request: {
      query: ScopeQuerySchema,
      headers: TourIfMatchSchema,
      body: { required: true, content: { 'application/json': { schema: TourSchema } } },
    },
    responses: { 200: { description: 'Saved', content: { 'application/json': { schema: TourSchema } } }, ...errorResponses(400, 401, 403, 404, 412) },
  }),
  async (c) => {
    const store = c.get('store');
    const scope = await resolveScope(store, c.req.valid('query').scope);
    const tour = c.req.valid('json');
    const expected = Number(c.req.valid('header')['if-match'].replaceAll('"', ''));
    const p = c.get('principal');
    const version = await saveTour(store, p ? actorOf(p) : 'system', scope, tour, expected);
    c.header('ETag', `"${version}"`);
    return c.json(tour, 200);
  },
);
