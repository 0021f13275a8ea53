// GET /api/export/{collection}?format=geojson|csv|xlsx — a whole collection as a file (internal readers; mounted at /api/export).
import { createRoute, z } from '@hono/zod-openapi';
import type { Feature } from 'geojson';
import { newRouter, errorResponses } from '../http/router.js';
import { notFound } from '../http/errors.js';
import { guard } from '../auth/access.js';
import { COLLECTION_BY_ID } from '../ogc/collections.js';
import { listItems } from '../ogc/query.js';
import { parseItemsQuery } from '../ogc/validate.js';
import { DERIVED } from '../ogc/derived.js';
import { toCsv, toXlsx } from './formats.js';
import { ExportParamsSchema, ExportQuerySchema } from './contract.js';

const PAGE = 5000;

export const exportRoutes = newRouter();
exportRoutes.use('/*', guard('export'));

exportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/{collection}',
    tags: ['Import and export'],
    summary: 'Download a collection as GeoJSON, CSV (UTF-8 with BOM) or XLSX: all of it, or what its filters (as in its OGC items query, e.g. streetCode, gridId, buildingId) select',
    request: {
      params: ExportParamsSchema,
      query: ExportQuerySchema,
    },
    responses: {
      200: { description: 'The file', content: { 'application/geo+json': { schema: z.unknown() }, 'text/csv': { schema: z.string() }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string() } } },
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  async (c) => {
    const { collection } = c.req.valid('param');
    const { format } = c.req.valid('query');
    const def = COLLECTION_BY_ID.get(collection);
    if (!def) throw notFound(`No collection ${collection}`);
    // The collection's filters, checked as the OGC items query checks them (an unknown one is a 400).
    const { format: _format, ...rest } = c.req.queries();
    const { filters, bbox } = parseItemsQuery(def, Object.fromEntries(Object.entries(rest).filter(([k]) => k !== 'limit' && k !== 'offset')));
    const features: Feature[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await listItems(c.get('store'), def, { limit: PAGE, offset, filters, ...(bbox ? { bbox } : {}) });
      features.push(...page.features);
      if (features.length >= page.numberMatched || page.features.length === 0) break;
    }
    await DERIVED[def.id]?.apply(features, c.get('services'));
    const name = `${collection}-${new Date().toISOString().slice(0, 10)}`;
    if (format === 'csv') {
      return c.body(toCsv(features), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}.csv"` });
    }
    if (format === 'xlsx') {
      const buf = await toXlsx(features, collection);
      return c.body(new Uint8Array(buf), 200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="${name}.xlsx"`,
      });
    }
    return c.body(JSON.stringify({ type: 'FeatureCollection', features }), 200, {
      'Content-Type': 'application/geo+json',
      'Content-Disposition': `attachment; filename="${name}.geojson"`,
    });
  },
);
