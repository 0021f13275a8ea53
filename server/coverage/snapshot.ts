// The persisted coverage model (issue 18 point 4): the model's facts and every building's reach (the walks are
// the expensive part), v8-serialised and gzipped, stored with the change-log id it reflects. A restart loads it and
// catches up through the change log instead of recomputing the city. Used only if it was written by this version
// of the model, with the same reach setting, for the same day; anything else rebuilds.
import { serialize, deserialize } from 'node:v8';
import { gzipSync, gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { rows, type Store } from '../db/store.js';
import { CoverageModel, type Territory } from '../domain/coverage/model.js';
import type { BuildingReach, ReachConfig } from '../domain/coverage/reach.js';

/** Bump when the model's facts or reach change shape: older snapshots are then ignored (a rebuild). */
export const SNAPSHOT_VERSION = 1;

interface Stored {
  territory: Territory;
  reach: [number, BuildingReach][];
}

export async function saveSnapshot(store: Store, model: CoverageModel, changeId: number): Promise<number> {
  const payload: Stored = { territory: model.territory(), reach: [...model.reach] };
  const data = gzipSync(serialize(payload), { level: 1 }).toString('base64');
  await store.write((tx) =>
    tx.execute(sql`INSERT INTO coverage_snapshot (key, version, config, as_of, change_id, data, saved_at)
                   VALUES ('today', ${SNAPSHOT_VERSION}, ${JSON.stringify(model.config)}, ${model.asOf}::date, ${changeId}, ${data}, now())
                   ON CONFLICT (key) DO UPDATE SET version = excluded.version, config = excluded.config, as_of = excluded.as_of,
                     change_id = excluded.change_id, data = excluded.data, saved_at = excluded.saved_at`),
  );
  return data.length;
}

/** The persisted model if it fits (this version, this reach setting, this day), with the change-log id it reflects. */
export async function loadSnapshot(store: Store, config: ReachConfig, today: string): Promise<{ model: CoverageModel; changeId: number } | null> {
  const [r] = await store.read((db) =>
    rows<{ version: number; config: string; asOf: string; changeId: number; data: string }>(
      db,
      sql`SELECT version, config, to_char(as_of, 'YYYY-MM-DD') AS "asOf", change_id::float8 AS "changeId", data FROM coverage_snapshot WHERE key = 'today'`,
    ),
  );
  if (!r || r.version !== SNAPSHOT_VERSION || r.config !== JSON.stringify(config) || r.asOf !== today) return null;
  const stored = deserialize(gunzipSync(Buffer.from(r.data, 'base64'))) as Stored;
  return { model: new CoverageModel(stored.territory, config, today, new Map(stored.reach)), changeId: r.changeId };
}
