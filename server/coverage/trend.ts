// The monthly trend of an area, its parent and its siblings, from the current model's enterprises
// (domain/coverage/trend.ts counts them as the as-of model would). One pass; no past model is built.
import type { CoverageView } from '../domain/coverage/view.js';
import { areaKey } from '../domain/coverage/model.js';
import { monthEnds, trendCounts, trendPoints } from '../domain/coverage/trend.js';
import type { Level } from '../domain/coverage/types.js';
import type { Trend, TrendSeries } from './contract.js';

const MAX_SIBLINGS = 60;

export function areaTrend(model: CoverageView, level: Exclude<Level, 'building'>, id: string, months: number): Trend | null {
  const key = areaKey(level, id);
  const area = model.areas.get(key);
  if (!area) return null;
  const parentKey = area.parentId;
  // Business districts are not their street's children (they cross grids): their siblings are the street's other business districts.
  const siblingKeys = [...model.areas.entries()]
    .filter(([, a]) => a.level === level && a.parentId === parentKey)
    .map(([k]) => k)
    .slice(0, MAX_SIBLINGS);
  if (!siblingKeys.includes(key)) siblingKeys.push(key);
  const keys = [...new Set([key, ...(parentKey ? [parentKey] : []), ...siblingKeys])];
  const dates = monthEnds(model.asOf, months);
  const counts = trendCounts(model.enterprises.values(), keys, dates);
  const series = (k: string): TrendSeries => {
    const a = model.areas.get(k);
    return { level: a?.level ?? level, id: a?.id ?? k, name: a?.name ?? '', points: trendPoints(counts.get(k) ?? [], dates) };
  };
  return { asOf: model.asOf, area: series(key), parent: parentKey && model.areas.has(parentKey) ? series(parentKey) : null, siblings: siblingKeys.map(series) };
}
