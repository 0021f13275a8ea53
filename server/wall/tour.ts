// The wall's tour: which places the camera visits, in what order, for how long, and a quieter night.
import { sql } from 'drizzle-orm';
import { rows, type Db, type Store } from '../db/store.js';
import { audit } from '../db/audit.js';
import { putSetting, readSetting } from '../db/settings.js';
import { ApiError, badRequest } from '../http/errors.js';
import type { Scope } from '../scope.js';
import { TourSchema, type Tour } from './contract.js';

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

/** Saves a tour if the setting is still at version `expected` (else 412), after checking that every step is a
 *  place inside the scope and one is enabled; one audit row. The new version. */
export async function saveTour(store: Store, actor: string, scope: Scope, tour: Tour, expected: number): Promise<number> {
  const codes = sql.join(scope.streetCodes.map((s) => sql`${s}`), sql`, `);
  const known = new Set(
    (await store.read((db) => rows<{ k: string }>(db, sql`SELECT 'street:' || code AS k FROM streets WHERE code IN (${codes})
      UNION ALL SELECT 'grid:' || id FROM grids WHERE street_code IN (${codes})
      UNION ALL SELECT 'businessDistrict:' || id FROM business_districts WHERE street_code IN (${codes})`))).map((r) => r.k),
  );
  const unknown = tour.steps.filter((s) => !known.has(`${s.level}:${s.id}`));
  if (unknown.length) throw badRequest('Tour steps outside this scope', { steps: unknown.map((s) => `${s.level}:${s.id}`) });
  if (!tour.steps.some((s) => s.enabled)) throw badRequest('Enable at least one tour step');
  const key = tourKey(scope);
  return store.write(async (tx) => {
    const before = await readSetting(tx, key);
    const next = await putSetting(tx, key, tour, expected);
    if (next === null) throw new ApiError(412, 'precondition_failed', 'The tour changed since you read it; reload and try again');
    await audit(tx, { actor, action: 'update', entity: 'settings', entityId: key, before: before?.value ?? null, after: tour });
    return next;
  });
}
