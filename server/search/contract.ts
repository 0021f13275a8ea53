// The search contract (/api/search): defined once; the search box imports only its types.
import { z } from '@hono/zod-openapi';

export const SearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(50),
  limit: z.coerce.number().int().min(1).max(50).default(20),
}).strict();

export const SearchResultSchema = z
  .object({
    type: z.enum(['building', 'enterprise', 'station']),
    id: z.number().int(),
    name: z.string(),
    address: z.string().nullable(),
    streetCode: z.string(),
    buildingId: z.number().int().nullable(),
    lon: z.number(),
    lat: z.number(),
  })
  .openapi('SearchResult');

export const SearchResultsSchema = z.object({ results: z.array(SearchResultSchema) });

export type SearchResult = z.infer<typeof SearchResultSchema>;
