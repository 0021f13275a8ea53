// The persisted coverage model (issue 18 point 4): the model's facts and every building's reach (the walks are
// the expensive part), stored with the change-log id it reflects. A restart loads it and catches up through the
// change log instead of recomputing the city. Used only if it was written by this version of the model, with the
// same reach setting, for the same day; anything else rebuilds.
// Stored in parts (issue 18 point 7): a head row ('today': the areas, stations, roads and the number of parts) and
// one row per PART_ROWS buildings (with their reach) or enterprises ('today:1', 'today:2', …), each v8-serialised
// and gzipped on its own. Written in one transaction; read part by part and placed in the model as it comes, so
// neither the store's memory (PGlite's WASM heap) nor the worker's ever holds the whole city in one value.
import { serialize, deserialize } from 'node:v8';
import { gzipSync, gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { rows, type Store } from '../db/store.js';
import { CoverageModel, type Territory } from '../domain/coverage/model.js';
import type { BuildingReach, ReachConfig } from '../domain/coverage/reach.js';
import type { BuildingFacts, EnterpriseFacts } from '../domain/coverage/types.js';

/** Bump when the model's facts or reach change shape: older snapshots are then ignored (a rebuild). */
export const SNAPSHOT_VERSION = 3;
/** Buildings or enterprises per part (a part is a few hundred KB gzipped). */
export const PART_ROWS = 20_000;

type Head = Omit<Territory, 'buildings' | 'enterprises'> & { parts: number };
type Part = { buildings: BuildingFacts[]; reach: (BuildingReach | undefined)[] } | { enterprises: EnterpriseFacts[] };

const pack = (v: unknown) => gzipSync(serialize(v), { level: 1 }).toString('base64');
const unpack = <T>(data: string) => deserialize(gunzipSync(Buffer.from(data, 'base64'))) as T;

function* slices<T>(list: T[]): Generator<T[]> {
  for (let i = 0; i < list.length; i += PART_ROWS) yield list.slice(i, i + PART_ROWS);
}

export async function saveSnapshot(store: Store, model: CoverageModel, changeId: number): Promise<number> {
  const { buildings, enterprises, ...rest } = model.territory();
  const parts: string[] = [];
  for (const b of slices(buildings)) parts.push(pack({ buildings: b, reach: b.map((x) => model.reach.get(x.id)) } satisfies Part));
  for (const e of slices(enterprises)) parts.push(pack({ enterprises: e } satisfies Part));
  const head = pack({ ...rest, parts: parts.length } satisfies Head);
  const config = JSON.stringify(model.config);
  const row = (key: string, data: string) =>
    sql`(${key}, ${SNAPSHOT_VERSION}, ${config}, ${model.asOf}::date, ${changeId}, ${data}, now())`;
  await store.write(async (tx) => {
    await tx.execute(sql`DELETE FROM coverage_snapshot WHERE key = 'today' OR key LIKE 'today:%'`);
    await tx.execute(sql`INSERT INTO coverage_snapshot (key, version, config, as_of, change_id, data, saved_at) VALUES ${row('today', head)}`);
    for (const [i, data] of parts.entries()) {
      await tx.execute(sql`INSERT INTO coverage_snapshot (key, version, config, as_of, change_id, data, saved_at) VALUES ${row(`today:${i + 1}`, data)}`);
    }
  });
  return parts.reduce((n, p) => n + p.length, head.length);
}

/** The persisted model if it fits (this version, this reach setting, this day), with the change-log id it reflects. */
export async function loadSnapshot(store: Store, config: ReachConfig, today: string): Promise<{ model: CoverageModel; changeId: number } | null> {
  const read = async (key: string) => {
    const [r] = await store.read((db) =>
      rows<{ version: number; config: string; asOf: string; changeId: number; data: string }>(
        db,
        sql`SELECT version, config, to_char(as_of, 'YYYY-MM-DD') AS "asOf", change_id::float8 AS "changeId", data FROM coverage_snapshot WHERE key = ${key}`,
      ),
    );
    return r && r.version === SNAPSHOT_VERSION && r.config === JSON.stringify(config) && r.asOf === today ? r : null;
  };
  const first = await read('today');
  if (!first) return null;
  const { parts, ...ground } = unpack<Head>(first.data);
  // A part written by another save (one that replaced the snapshot while this one was read): not usable.
  const part = async (i: number) => {
    const r = await read(`today:${i}`);
    return r && r.changeId === first.changeId ? unpack<Part>(r.data) : null;
  };
  const buildings: BuildingFacts[] = [];
  const reach = new Map<number, BuildingReach>();
  let i = 1;
  let p: Part | null = null;
  // Buildings (with their reach) come first: the model is built on them, then enterprises are placed part by part.
  for (; i <= parts; i++) {
    p = await part(i);
    if (!p) return null;
    if (!('buildings' in p)) break;
    p.buildings.forEach((b, k) => {
      buildings.push(b);
      const r = p && 'reach' in p ? p.reach[k] : undefined;
      if (r) reach.set(b.id, r);
    });
  }
  const model = new CoverageModel({ ...ground, buildings, enterprises: [] }, config, today, reach);
  for (; i <= parts; i++) {
    if (!p) p = await part(i);
    if (!p || !('enterprises' in p)) return null;
    const list = p.enterprises;
    // Nobody has the model yet: its counts may be added to in place.
    model.bulk(() => list.forEach((e) => model.upsertEnterprise(e)));
    p = null;
  }
  return { model, changeId: first.changeId };
}
