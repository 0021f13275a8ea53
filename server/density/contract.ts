// The density contract (/api/density/…): enterprises counted in hexagons, defined once; the map imports its types.
import { z } from '@hono/zod-openapi';
import { parseBbox } from '../ogc/params.js';
import { BUDGETS } from '../http/budgets.js';

export const DensityQuerySchema = z
  .object({
    bbox: z
      .string()
      .max(200)
      .transform((raw, ctx) => {
        const b = parseBbox(raw);
        if (!b.ok) ctx.addIssue({ code: 'custom', message: b.message });
        else if (b.value[0] > b.value[2]) ctx.addIssue({ code: 'custom', message: 'bbox may not cross the antimeridian here' });
        return b.ok ? b.value : z.NEVER;
      })
      .openapi({ description: 'minLon,minLat,maxLon,maxLat (WGS84)', example: '121.40,31.20,121.50,31.26', type: 'string' }),
    zoom: z.coerce.number().min(0).max(24).openapi({
      description: `The map zoom: hexagons are about 18 screen pixels from centre to corner at its whole part (Web Mercator), no smaller than at zoom 15. A box may span at most ${BUDGETS.densityHexes.toLocaleString('en')} hexagons (413 beyond: ask for a smaller box or a lower zoom).`,
      example: 12,
    }),
  })
  .strict();

export const DensityHexSchema = z.object({
  type: z.literal('Feature'),
  id: z.string().openapi({ description: "'i:j', the hexagon's column and row as ST_HexagonGrid numbers them" }),
  geometry: z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.tuple([z.number(), z.number()]))) }),
  properties: z.object({
    i: z.number().int(),
    j: z.number().int(),
    enterprises: z.number().int().openapi({ description: 'Operating enterprises in buildings inside the hexagon' }),
    uncovered: z.number().int().openapi({ description: 'Of those, enterprises without a party organisation (own or joint): instructor only, or nothing' }),
    areaKm2: z.number().openapi({ description: 'The hexagon on the ground, km² (for a density per km²)' }),
  }),
});

export const DensitySchema = z
  .object({
    type: z.literal('FeatureCollection'),
    asOf: z.string(),
    zoom: z.number().int().openapi({ description: 'The zoom the hexagons were sized for' }),
    hexSize: z.number().openapi({ description: 'Hexagon edge in Web Mercator metres (EPSG:3857): the size given to ST_HexagonGrid for the same hexagons' }),
    features: z.array(DensityHexSchema),
  })
  .openapi('EnterpriseDensity');

export type Density = z.infer<typeof DensitySchema>;
