// Validates an items request's query string against the collection's declared parameters.
import { badRequest } from '../http/errors.js';
import type { CollectionDef } from './collections.js';
import { DEFAULT_LIMIT, MAX_LIMIT } from './limits.js';
import { parseBbox, parseDatetime } from './params.js';
import type { ItemsQuery } from './query.js';

const INTEGER = /^-?\d+$/;
const INT4_MAX = 2_147_483_647;

export function parseItemsQuery(def: CollectionDef, query: Record<string, string[]>): ItemsQuery {
  const allowed = new Set(['limit', 'offset', 'bbox', 'f', ...(def.temporal ? ['datetime'] : []), ...def.filters.map((f) => f.name)]);
  const unknown = Object.keys(query).filter((k) => !allowed.has(k));
  if (unknown.length) {
    throw badRequest(`Unknown query parameter(s): ${unknown.join(', ')}`, { unknown, allowed: [...allowed] });
  }
  const one = (name: string): string | undefined => {
    const v = query[name];
    if (!v) return undefined;
    if (v.length > 1) throw badRequest(`Query parameter ${name} is given more than once`);
    return v[0];
  };
  const int = (name: string, raw: string): number => {
    if (!INTEGER.test(raw)) throw badRequest(`${name} must be an integer, got "${raw}"`);
    const n = Number(raw);
    // Ids and counts are 32-bit integers in the database.
    if (!Number.isSafeInteger(n) || Math.abs(n) > INT4_MAX) throw badRequest(`${name} is out of range`);
    return n;
  };

  const f = one('f');
  if (f !== undefined && f !== 'json' && f !== 'geojson') throw badRequest('f must be json or geojson');

  const limitRaw = one('limit');
  let limit = DEFAULT_LIMIT;
  if (limitRaw !== undefined) {
    limit = int('limit', limitRaw);
    if (limit < 1) throw badRequest('limit must be at least 1');
    limit = Math.min(limit, MAX_LIMIT);
  }
  const offsetRaw = one('offset');
  const offset = offsetRaw === undefined ? 0 : int('offset', offsetRaw);
  if (offset < 0) throw badRequest('offset must not be negative');

  const out: ItemsQuery = { limit, offset, filters: {} };
  const bboxRaw = one('bbox');
  if (bboxRaw !== undefined) {
    const b = parseBbox(bboxRaw);
    if (!b.ok) throw badRequest(b.message);
    out.bbox = b.value;
  }
  const dtRaw = one('datetime');
  if (dtRaw !== undefined) {
    const d = parseDatetime(dtRaw);
    if (!d.ok) throw badRequest(d.message);
    out.datetime = d.value;
  }
  for (const filter of def.filters) {
    const v = one(filter.name);
    if (v === undefined) continue;
    if (filter.type === 'integer') out.filters[filter.name] = int(filter.name, v);
    else if (filter.type === 'boolean') {
      if (v !== 'true' && v !== 'false') throw badRequest(`${filter.name} must be true or false`);
      out.filters[filter.name] = v === 'true';
    } else {
      if (filter.enum && !filter.enum.includes(v)) throw badRequest(`${filter.name} must be one of: ${filter.enum.join(', ')}`);
      if (v.length > 200) throw badRequest(`${filter.name} is too long`);
      if (v.includes('\0')) throw badRequest(`${filter.name} contains a NUL character`);
      out.filters[filter.name] = v;
    }
  }
  return out;
}
