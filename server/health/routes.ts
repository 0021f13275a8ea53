// Liveness (mounted at /api/health).
import { createRoute } from '@hono/zod-openapi';
import { newRouter } from '../http/router.js';
import { HealthSchema } from './contract.js';

export const healthRoutes = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['System'],
    summary: 'Liveness: the API is up and which store it uses',
    responses: {
      200: {
        description: 'Up',
        content: { 'application/json': { schema: HealthSchema } },
      },
    },
  }),
  (c) => c.json({ status: 'ok' as const, store: c.get('store').kind }, 200),
);
