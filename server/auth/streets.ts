import { inArray } from 'drizzle-orm';
import { streets } from '../db/schema.js';
import type { Store } from '../db/store.js';
import { badRequest } from '../http/errors.js';

export async function assertStreetsExist(store: Store, codes: string[]): Promise<void> {
  if (codes.length === 0) return;
  const found = await store.read((db) => db.select({ code: streets.code }).from(streets).where(inArray(streets.code, codes)));
  const known = new Set(found.map((r) => r.code));
  const missing = codes.filter((c) => !known.has(c));
  if (missing.length) throw badRequest(`Unknown street code(s): ${missing.join(', ')}`, { missing });
}
