// The wall's tour: which places the camera visits, in what order, for how long, and a quieter night.
import { sql } from 'drizzle-orm';
import { z } from '@hono/zod-openapi';
import { rows, type Db, type Store } from '../db/store.js';
import type { Scope } from './scope.js';

export const TourStepSchema = z.object({
  level: z.enum(['street', 'grid', 'businessDistrict']),
  id: z.string().min(1).max(32),
  name: z.string().max(100),
  dwellSeconds: z.number().int().min(3).max(600),
  enabled: z.boolean(),
});

export const TourSchema = z
  .object({
    steps: z.array(TourStepSchema).min(1).max(100),
    schedule: z.object({
      /** From nightStart to nightEnd (local time, HH:MM) the wall is quieter: no tour, dimmed. */
      nightStart: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
      nightEnd: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
      nightMode: z.enum(['quiet', 'off']),
    }),
    idleResumeSeconds: z.number().int().min(5).max(3600),
  })
  .strict()
  .openapi('WallTour');

export type Tour = z.infer<typeof TourSchema>;

export const tourKey = (s: Scope) => `wall-tour:${s.level}:${s.id}`;

/** The default tour: every business district, then every grid, 12 seconds each. */
export async function defaultTour(db: Db, s: Scope): Promise<Tour> {
  const codes = sql.join(s.streetCodes.map((c) => sql`${c}`), sql`, `);
  const places = await rows<{ level: 'businessDistrict' | 'grid'; id: string; name: string }>(
    db,
    sql`SELECT 'businessDistrict' AS level, id::text AS id, name FROM business_districts WHERE street_code IN (${codes})
        UNION ALL SELECT 'grid', id::text, name FROM grids WHERE street_code IN (${codes})
        ORDER BY 1, 2`,
  );
  const ordered = [...places.filter((p) => p.level === 'businessDistrict'), ...places.filter((p) => p.level === 'grid')];
  return {
    steps: ordered.map((p) => ({ ...p, dwellSeconds: 12, enabled: true })),
    schedule: { nightStart: '22:00', nightEnd: '07:00', nightMode: 'quiet' },
    idleResumeSeconds: 60,
  };
}

export async function readTour(store: Store, s: Scope): Promise<{ tour: Tour; version: number }> {
  return store.read(async (db) => {
    const [r] = await rows<{ value: unknown; version: number }>(db, sql`SELECT value, version FROM settings WHERE key = ${tourKey(s)}`);
    const parsed = TourSchema.safeParse(r?.value);
    return parsed.success ? { tour: parsed.data, version: r?.version ?? 0 } : { tour: await defaultTour(db, s), version: r?.version ?? 0 };
  });
}
