// A PostgreSQL session-level advisory lock held around a piece of start-up work, on a connection of its
// own (the store's pool may run fn's queries on any of its connections). If the process dies, the
// connection drops and PostgreSQL releases the lock. PGlite has one owning process: nothing to lock.
import { FIRST_START_LOCK } from './locks.js';

export async function withSessionLock<T>(databaseUrl: string | undefined, key: number, fn: () => Promise<T>): Promise<T> {
  if (!databaseUrl) return fn();
  const { default: postgres } = await import('postgres');
  const conn = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
  try {
    await conn`SELECT pg_advisory_lock(${key})`;
    try {
      return await fn();
    } finally {
      await conn`SELECT pg_advisory_unlock(${key})`.catch(() => undefined);
    }
  } finally {
    await conn.end({ timeout: 5 });
  }
}

/** The first start's filling of an empty database, one process at a time. */
export const withFirstStartLock = <T>(databaseUrl: string | undefined, fn: () => Promise<T>): Promise<T> =>
  withSessionLock(databaseUrl, FIRST_START_LOCK, fn);
