// Client configuration (mounted at /api/config): today's date and the basemaps on offer.
import { createRoute } from '@hono/zod-openapi';
import { newRouter } from '../http/router.js';
import { basemaps } from './basemaps.js';
import { ConfigSchema } from './contract.js';
import { homeOf } from './home.js';

export const configRoutes = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['System'],
    summary: 'Client configuration: the date figures are as of, the basemaps on offer, where the map opens',
    responses: { 200: { description: 'Config', content: { 'application/json': { schema: ConfigSchema } } } },
  }),
  async (c) => c.json({ today: c.get('services').coverage.today(), basemaps: basemaps(c.get('services').env), home: await homeOf(c.get('store')) }, 200),
);
