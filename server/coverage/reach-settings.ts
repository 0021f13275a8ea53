// The `reach` setting (station reach by type, walking speed, bands): its version, and a versioned change
// with its audit row. The engine reads the setting itself and rebuilds when it changes.
import { sql } from 'drizzle-orm';
import { rows, type Store } from '../db/store.js';
import { audit } from '../db/audit.js';
import { putSetting } from '../db/settings.js';
import { ApiError } from '../http/errors.js';
import type { ReachConfig } from './contract.js';

export async function reachConfigVersion(store: Store): Promise<number> {
  const [r] = await store.read((db) => rows<{ version: number }>(db, sql`SELECT version FROM settings WHERE key = 'reach'`));
  return r?.version ?? 0;
}

/** Saves the setting if it is still at version `expected` (else 412), with `before` in the audit row; the new version. */
export async function saveReachConfig(store: Store, actor: string, config: ReachConfig, expected: number, before: ReachConfig): Promise<number> {
  return store.write(async (tx) => {
    const next = await putSetting(tx, 'reach', config, expected);
    if (next === null) throw new ApiError(412, 'precondition_failed', 'The reach settings changed since you read them; reload and try again');
    await audit(tx, { actor, action: 'update', entity: 'settings', entityId: 'reach', before, after: config });
    return next;
  });
}
