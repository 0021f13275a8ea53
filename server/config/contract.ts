// The client configuration's contract (/api/config): defined once; the client imports only its types.
import { z } from '@hono/zod-openapi';

export const BasemapSchema = z
  .object({
    id: z.string(),
    name: z.object({ zh: z.string(), en: z.string() }),
    kind: z.enum(['builtin', 'raster']),
    theme: z.enum(['dark', 'light']),
    /** Coordinate system of the tiles; overlays are shifted to match a GCJ-02 basemap. */
    crs: z.enum(['wgs84', 'gcj02']),
    /** Raster layers drawn bottom to top (e.g. 天地图 vector + annotation); each lists mirror URLs of the same tiles. */
    rasters: z.array(z.object({ tiles: z.array(z.string()) })).optional(),
    tileSize: z.number().int().optional(),
    maxZoom: z.number().int().optional(),
    attribution: z.string().optional(),
    /** 审图号: the map approval number that must be shown with a published map. */
    approval: z.string().optional(),
  })
  .openapi('Basemap');

export const HomeSchema = z
  .object({ level: z.literal('street'), id: z.string(), name: z.string(), bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]) })
  .openapi('Home', { description: 'Where the map opens when a link does not say: the street with the most enterprises' });

export const ConfigSchema = z.object({
  today: z.string().openapi({ description: 'The date the figures are as of (China time)' }),
  basemaps: z.array(BasemapSchema),
  home: HomeSchema.nullable(),
});

export type Basemap = z.infer<typeof BasemapSchema>;
export type Home = z.infer<typeof HomeSchema>;
export type ClientConfig = z.infer<typeof ConfigSchema>;
