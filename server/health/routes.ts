// Health (mounted at /api/health): the API answers, and what state its database is in. 503 while the
// database is down, so a proxy or monitor in front sees it; the process itself recovers without a restart.
import { createRoute } from '@hono/zod-openapi';
import { newRouter } from '../http/router.js';
import { RETRY_AFTER_S } from '../http/errors.js';
import { HealthSchema } from './contract.js';
import { probeDatabase } from './probe.js';
import { abandoned } from '../http/abandoned.js';

export const healthRoutes = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['System'],
    summary: 'Health: the API is up, which store it uses and whether the database answers',
    responses: {
      200: { description: 'Up (status ok, or degraded when the database is slow)', content: { 'application/json': { schema: HealthSchema } } },
      503: { description: 'The database is down', content: { 'application/json': { schema: HealthSchema } } },
    },
  }),
  async (c) => {
    const store = c.get('store');
    const database = await probeDatabase(store);
    const extra = { coverage: c.get('services').coverage.ready ? ('ready' as const) : ('computing' as const), abandonedRequests: abandoned.count };
    if (database.state === 'down') {
      c.header('Retry-After', String(RETRY_AFTER_S));
      return c.json({ status: 'unavailable' as const, store: store.kind, database, ...extra }, 503);
    }
    return c.json({ status: database.state === 'up' ? ('ok' as const) : ('degraded' as const), store: store.kind, database, ...extra }, 200);
  },
);
