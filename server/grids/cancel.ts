// Cancelling previews nobody waits for (issue 12, point 6). The editor asks for a preview after every burst of
// edits: a newer preview of the same editor in the same street, or the client closing its connection, cancels the
// older one on the server too, so abandoned previews do not queue (PGlite runs one unit at a time) and a save does
// not wait behind them. The signal is checked before every statement; on PostgreSQL the running one is cancelled.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, Store } from '../db/store.js';
import { ApiError } from '../http/errors.js';

export const previewCancelled = () => new ApiError(409, 'conflict', 'This preview was cancelled: a newer preview was asked for, or the client left');

/** The preview running for each editor and street; starting one aborts the one before. */
export class PreviewRuns {
  private readonly running = new Map<string, AbortController>();

  start(key: string, request?: AbortSignal): { signal: AbortSignal; done: () => void } {
    this.running.get(key)?.abort();
    const own = new AbortController();
    this.running.set(key, own);
    return {
      signal: request ? AbortSignal.any([request, own.signal]) : own.signal,
      done: () => {
        if (this.running.get(key) === own) this.running.delete(key);
      },
    };
  }
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw previewCancelled();
}

/** The database handle, refusing every statement once the signal is aborted. */
function checked(db: Db, signal: AbortSignal): Db {
  return new Proxy(db, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (prop !== 'execute' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        throwIfCancelled(signal);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/**
 * Runs a read-only unit that the signal can cancel: every statement first checks it, and on PostgreSQL the unit
 * runs in one transaction tagged with its own application_name, so an abort cancels exactly its running statement
 * (the tag is gone when the transaction ends: a late abort cannot hit another request on that connection).
 */
export async function cancellableRead<T>(store: Store, signal: AbortSignal | undefined, fn: (db: Db) => Promise<T>): Promise<T> {
  if (!signal) return store.read(fn);
  try {
    return await store.read(async (db) => {
      // On PGlite a unit waits its turn: one whose client left by then does not run at all.
      throwIfCancelled(signal);
      if (store.kind !== 'postgres') return fn(checked(db, signal));
      return db.transaction(async (tx) => {
        const tag = `grid-preview-${randomUUID()}`;
        await tx.execute(sql`SELECT set_config('application_name', ${tag}, true)`);
        const cancel = () => {
          void store
            .read((other) => other.execute(sql`SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = ${tag}`))
            .catch(() => undefined);
        };
        signal.addEventListener('abort', cancel, { once: true });
        try {
          return await fn(checked(tx as unknown as Db, signal));
        } finally {
          signal.removeEventListener('abort', cancel);
        }
      });
    });
  } catch (e) {
    // Whatever the cancelled statement failed with, the answer is that the preview was cancelled.
    if (signal.aborted) throw previewCancelled();
    throw e;
  }
}
