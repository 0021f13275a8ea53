// Versioned settings: a write names the version it read; a stale one changes nothing.
import { sql } from 'drizzle-orm';
import { rows, type Db } from './store.js';

/**
 * Writes a setting if its stored version is still `expected` (0 = not yet stored). Returns the new
 * version, or null when someone else wrote first. One statement, so two first writers cannot both win.
 */
export async function putSetting(tx: Db, key: string, value: unknown, expected: number): Promise<number | null> {
  const next = expected + 1;
  const written = await rows<{ version: number }>(
    tx,
    sql`INSERT INTO settings (key, value, version) SELECT ${key}, ${JSON.stringify(value)}::jsonb, ${next} WHERE ${expected} = 0
        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, version = EXCLUDED.version, updated_at = now()
        WHERE settings.version = ${expected}
        RETURNING version`,
  );
  if (written.length) return written[0]?.version ?? next;
  if (expected === 0) return null;
  // expected > 0 and no row came back: either the row's version moved on, or it never existed.
  const updated = await rows<{ version: number }>(
    tx,
    sql`UPDATE settings SET value = ${JSON.stringify(value)}::jsonb, version = ${next}, updated_at = now() WHERE key = ${key} AND version = ${expected} RETURNING version`,
  );
  return updated.length ? next : null;
}

export async function readSetting(tx: Db, key: string): Promise<{ value: unknown; version: number } | null> {
  const [r] = await rows<{ value: unknown; version: number }>(tx, sql`SELECT value, version FROM settings WHERE key = ${key}`);
  return r ?? null;
}
