// 红黄绿预警: the thresholds setting (versioned, audited, like the reach setting) and the warnings of an
// area's children: each rate's colour today, and what changed colour since the end of last month.
import { sql } from 'drizzle-orm';
import { rows, type Store } from '../db/store.js';
import { audit } from '../db/audit.js';
import { putSetting } from '../db/settings.js';
import { ApiError } from '../http/errors.js';
import { areaKey } from '../domain/coverage/model.js';
import type { CoverageView } from '../domain/coverage/view.js';
import { monthEnds, trendCounts, trendPoints, TREND_RATES } from '../domain/coverage/trend.js';
import { crossings, DEFAULT_THRESHOLDS, warningOf, type Thresholds } from '../domain/coverage/warnings.js';
import { ThresholdsSchema, type Warnings } from './contract.js';

const KEY = 'thresholds';

export async function readThresholds(store: Store): Promise<{ thresholds: Thresholds; version: number }> {
  const [r] = await store.read((db) => rows<{ value: unknown; version: number }>(db, sql`SELECT value, version FROM settings WHERE key = ${KEY}`));
  const parsed = ThresholdsSchema.safeParse(r?.value);
  return { thresholds: parsed.success ? parsed.data : DEFAULT_THRESHOLDS, version: r?.version ?? 0 };
}

/** Saves the thresholds if still at version `expected` (else 412), with the audit row; the new version. */
export async function saveThresholds(store: Store, actor: string, thresholds: Thresholds, expected: number, before: Thresholds): Promise<number> {
  return store.write(async (tx) => {
    const next = await putSetting(tx, KEY, thresholds, expected);
    if (next === null) throw new ApiError(412, 'precondition_failed', 'The thresholds changed since you read them; reload and try again');
    await audit(tx, { actor, action: 'update', entity: 'settings', entityId: KEY, before, after: thresholds });
    return next;
  });
}

/** The area and the areas under it (a street: its grids and business districts; a district: its streets). */
function areasOf(model: CoverageView, level: 'street' | 'district', id: string): string[] {
  const key = areaKey(level, id);
  const under = [...model.areas.entries()].filter(([, a]) => a.parentId === key && a.level !== 'building').map(([k]) => k);
  return [key, ...under];
}

export function warningsOf(model: CoverageView, thresholds: Thresholds, level: 'street' | 'district', id: string): Warnings | null {
  if (!model.areas.has(areaKey(level, id))) return null;
  const keys = areasOf(model, level, id);
  const dates = monthEnds(model.asOf, 1);
  const counts = trendCounts(model.enterprises.values(), keys, dates);
  const areas: Warnings['areas'] = [];
  const crossed: Warnings['crossed'] = [];
  for (const k of keys) {
    const a = model.areas.get(k);
    if (!a) continue;
    const [before, now] = trendPoints(counts.get(k) ?? [], dates);
    if (!before || !now) continue;
    const rated = Object.fromEntries(TREND_RATES.map((r) => [r, { rate: now.rates[r], warning: warningOf(now.rates[r].value, thresholds[r]) }])) as Warnings['areas'][number]['rates'];
    areas.push({ level: a.level, id: a.id, name: a.name, rates: rated });
    const c = crossings(before.rates, now.rates, thresholds);
    if (c.length) crossed.push({ level: a.level, id: a.id, name: a.name, crossings: c });
  }
  return { asOf: model.asOf, since: dates[0] as string, thresholds, areas, crossed };
}
