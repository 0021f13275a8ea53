// The search contract (/api/search): defined once; the search box imports only its types.
import { z } from '@hono/zod-openapi';

export const SearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(50),
  limit: z.coerce.number().int().min(1).max(50).default(20),
}).strict();

export const SEARCH_AREA_TYPES = ['district', 'street', 'grid', 'businessDistrict'] as const;

export const SearchResultSchema = z
  .object({
    type: z.enum([...SEARCH_AREA_TYPES, 'building', 'enterprise', 'station']),
    /** A district's or street's code, or the numeric id of anything else, as text (the map's area ids). */
    id: z.string(),
    name: z.string(),
    /** A thing's address; for an area, where it is (a grid's street and district, a street's district). */
    address: z.string().nullable(),
    /** Null for a district. */
    streetCode: z.string().nullable(),
    buildingId: z.number().int().nullable(),
    /** A point inside the area or on the thing. */
    lon: z.number(),
    lat: z.number(),
    /** An area's extent [west, south, east, north], to frame it; null for a thing. */
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  })
  .openapi('SearchResult');

export const SearchResultsSchema = z.object({ results: z.array(SearchResultSchema) });

export type SearchResult = z.infer<typeof SearchResultSchema>;
