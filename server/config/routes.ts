import { createRoute, z } from '@hono/zod-openapi';
import { newRouter } from '../http/router.js';
import { basemaps } from './basemaps.js';

const BasemapSchema = z
  .object({
    id: z.string(),
    name: z.object({ zh: z.string(), en: z.string() }),
    kind: z.enum(['builtin', 'raster']),
    theme: z.enum(['dark', 'light']),
    crs: z.enum(['wgs84', 'gcj02']),
    rasters: z.array(z.object({ tiles: z.array(z.string()) })).optional(),
    tileSize: z.number().int().optional(),
    maxZoom: z.number().int().optional(),
    attribution: z.string().optional(),
    approval: z.string().optional(),
  })
  .openapi('Basemap');

export const configRoutes = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['System'],
    summary: 'Client configuration: the basemaps on offer',
    responses: { 200: { description: 'Config', content: { 'application/json': { schema: z.object({ today: z.string().openapi({ description: 'The date the figures are as of (China time)' }), basemaps: z.array(BasemapSchema) }) } } } },
  }),
  (c) => c.json({ today: c.get('services').coverage.today(), basemaps: basemaps(c.get('services').env) }, 200),
);
