// Who is calling: a signed-in user (cookie session) or a machine client (Bearer API token).
import type { Role } from '../db/schema.js';

export interface Principal {
  kind: 'session' | 'token';
  userId: number | null;
  name: string;
  role: Role;
  /** Streets an editor may change; empty for roles that are not street-scoped. */
  streetCodes: string[];
  csrfToken: string | null;
}

export const INTERNAL_READERS: Role[] = ['admin', 'official', 'editor', 'display'];
/** Per-enterprise records, bulk exports and search: people at work, not a wall whose token sits in a URL. */
export const STAFF_READERS: Role[] = ['admin', 'official', 'editor'];

export function actorOf(p: Principal): string {
  return p.kind === 'session' ? `user:${p.name}` : `token:${p.name}`;
}

/** Whether the principal may change things in the given street (server-side scope check). */
export function canEditStreet(p: Principal, streetCode: string): boolean {
  if (p.role === 'admin') return true;
  return p.role === 'editor' && p.streetCodes.includes(streetCode);
}
