// The only module that reads process.env. Everything else receives a typed Env.
import { z } from 'zod';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  // Default ./data (./data-city with DEMO=city, so the two demos never share a store).
  DATA_DIR: z.string().min(1).optional(),
  // What an empty store is filled with on first start: the small hand-made territory, or the synthetic city
  // (200 streets, 2,000 grids, 100,000 buildings, 500,000 enterprises; DEMO_CITY_STREETS makes it smaller).
  DEMO: z.enum(['territory', 'city']).default('territory'),
  DEMO_CITY_STREETS: z.coerce.number().int().min(1).max(400).default(200),
  // The embedded store refuses to start with less free space than this in DATA_DIR (a full disk would hang it).
  DATA_DIR_MIN_FREE_MB: z.coerce.number().min(0).max(1_000_000).default(200),
  DATABASE_URL: z.string().url().optional(),
  // A read-only replica (a hot standby of DATABASE_URL) that serves the wall's and the public pages' reads.
  DATABASE_READ_URL: z.string().url().optional(),
  // PostgreSQL: a statement running longer is cancelled and answered 503 (0 = no limit). Migrations and
  // bulk loads lift it for their own transactions.
  DATABASE_STATEMENT_TIMEOUT_S: z.coerce.number().min(0).max(3600).default(30),
  // The coverage worker's V8 old generation, in MiB (0: V8's default, a few GiB): V8 collects within it instead
  // of letting a city's garbage grow to several times the live model, and a model that outgrows it ends the
  // worker (restarted, figures 503 meanwhile), never the server. The synthetic city (500k enterprises) holds
  // 420-470 MiB after a collection, and its heap never passed 532 MiB under a 640 cap through a full build, a
  // restart, a wall session and ten as-of dates: the default is about 1.4 times its live set. A larger city needs
  // more (ADR 0017).
  COVERAGE_HEAP_MB: z.coerce.number().int().min(0).max(65_536).default(640),
  ADMIN_PASSWORD: z.string().min(8, 'ADMIN_PASSWORD must be at least 8 characters').optional(),
  DISPLAY_TOKEN: z.string().min(16, 'DISPLAY_TOKEN must be at least 16 characters').optional(),
  TEST_DATABASE_URL: z.string().url().optional(),
  CI: z.string().optional(),
  // External basemaps (optional): 天地图 with a key, and/or one XYZ/WMTS template.
  TIANDITU_KEY: z.string().regex(/^[0-9a-fA-F]{16,64}$/, 'TIANDITU_KEY is the hex key from the 天地图 console').optional(),
  BASEMAP_URL: z.string().url().refine((u) => u.includes('{z}') || u.includes('{TileMatrix}'), 'BASEMAP_URL needs {z}/{x}/{y} (XYZ) or {TileMatrix}/{TileCol}/{TileRow} (WMTS)').optional(),
  BASEMAP_NAME: z.string().default('外部底图'),
  BASEMAP_CRS: z.enum(['wgs84', 'gcj02']).default('wgs84'),
  BASEMAP_ATTRIBUTION: z.string().default(''),
  BASEMAP_APPROVAL: z.string().default(''),
  // false: serve only /api, /ogc and /p (the built client is served by a proxy in front, see docs/deploy.md).
  SERVE_CLIENT: z.enum(['true', 'false']).default('true'),
  // Only for running behind a TLS-terminating proxy: marks cookies Secure.
  COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  // The address the public reaches this server at (https://map.example.gov.cn, or with a path behind a
  // proxy): share cards of /p/* name their image by it. Without it, the request's own origin is used.
  PUBLIC_BASE_URL: z.string().url().refine((u) => /^https?:/.test(u), 'PUBLIC_BASE_URL is an http(s) address').optional(),
});

export type Env = Omit<z.infer<typeof EnvSchema>, 'DATA_DIR'> & { DATA_DIR: string };

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  if (parsed.data.DATABASE_READ_URL && !parsed.data.DATABASE_URL) {
    throw new Error('Invalid environment:\n  DATABASE_READ_URL: a read replica needs its primary in DATABASE_URL (the embedded store has no replicas)');
  }
  return { ...parsed.data, DATA_DIR: parsed.data.DATA_DIR ?? (parsed.data.DEMO === 'city' ? './data-city' : './data') };
}
