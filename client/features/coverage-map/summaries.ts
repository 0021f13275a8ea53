// Area summaries shared by the thematic map and the area tree: one request per area however many ask, kept a
// minute (the figures change with edits; a minute-old rate is fine for colouring and listing).
import { getSummary } from '../../api/endpoints';
import type { Level, SummaryNode } from '../../api/types';

const KEEP_MS = 60_000;
const cache = new Map<string, { at: number; value: Promise<SummaryNode> }>();

export function summaryOf(level: Level, id: string): Promise<SummaryNode> {
  const key = `${level}:${id}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < KEEP_MS) return hit.value;
  const value = getSummary(level, id);
  cache.set(key, { at: Date.now(), value });
  // A failure (the figures still computing, a dropped connection) is asked again next time.
  value.catch(() => cache.get(key)?.value === value && cache.delete(key));
  return value;
}

/** The level of an area's children in the coverage tree (the city's are districts, a street's grids). */
export const CHILD_LEVEL: Partial<Record<Level, 'district' | 'street' | 'grid'>> = { city: 'district', district: 'street', street: 'grid' };
