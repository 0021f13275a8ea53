// Search (mounted at /api/search): buildings, enterprises and stations by name or address.
import { createRoute } from '@hono/zod-openapi';
import { newRouter, errorResponses } from '../http/router.js';
import { guard } from '../auth/access.js';
import { search } from './service.js';
import { SearchQuerySchema, SearchResultsSchema } from './contract.js';

export const searchRoutes = newRouter();
searchRoutes.use('/', guard('search'));
searchRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Map'],
    summary: 'Find buildings, enterprises and stations by name or address',
    request: { query: SearchQuerySchema },
    responses: { 200: { description: 'Matches, names starting with the query first', content: { 'application/json': { schema: SearchResultsSchema } } }, ...errorResponses(400, 401, 403) },
  }),
  async (c) => {
    const { q, limit } = c.req.valid('query');
    return c.json({ results: await search(c.get('store'), q, limit) }, 200);
  },
);
