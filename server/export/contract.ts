// The export contract (/api/export/{collection}): which collection, in which format.
import { z } from '@hono/zod-openapi';
import { COLLECTIONS } from '../ogc/collections.js';

export const ExportParamsSchema = z.object({ collection: z.enum(COLLECTIONS.map((c) => c.id) as [string, ...string[]]).openapi({ param: { name: 'collection', in: 'path' } }) });
/** The format, and optionally the collection's own filters (streetCode, gridId, buildingId…, as in its OGC items
 *  query), so an export holds what the official has selected; the filters are checked against the collection. */
export const ExportQuerySchema = z.object({ format: z.enum(['geojson', 'csv', 'xlsx']).default('geojson') }).catchall(z.string());
