import { createRoute, z } from '@hono/zod-openapi';
import { newRouter } from '../http/router.js';

export const healthRoutes = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['System'],
    summary: 'Liveness: the API is up and which store it uses',
    responses: {
      200: {
        description: 'Up',
        content: { 'application/json': { schema: z.object({ status: z.literal('ok'), store: z.enum(['pglite', 'postgres']) }) } },
      },
    },
  }),
  (c) => c.json({ status: 'ok' as const, store: c.get('store').kind }, 200),
);
