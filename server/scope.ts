// A scope (wall displays, publications): a street or a district, with the streets it spans. Written
// street:<9-character code> or district:<6-digit code>.
import { sql } from 'drizzle-orm';
import { rows, type Store } from './db/store.js';
import { badRequest, notFound } from './http/errors.js';

export interface Scope {
  level: 'street' | 'district';
  id: string;
  name: string;
  streetCodes: string[];
}

export async function resolveScope(store: Store, raw: string): Promise<Scope> {
  const m = /^(street|district):([0-9A-Z]{6,9})$/.exec(raw);
  if (!m) throw badRequest('scope must be street:<9-character code> or district:<6-digit code>');
  const [, level, id] = m as unknown as [string, 'street' | 'district', string];
  const found = await store.read((db) =>
    level === 'street'
      ? rows<{ name: string; code: string }>(db, sql`SELECT name, code FROM streets WHERE code = ${id}`)
      : rows<{ name: string; code: string }>(db, sql`SELECT d.name, s.code FROM districts d JOIN streets s ON s.district_code = d.code WHERE d.code = ${id} ORDER BY s.code`),
  );
  if (!found.length) throw notFound(`No ${level} ${id}`);
  return { level, id, name: (found[0] as { name: string }).name, streetCodes: found.map((r) => r.code) };
}
