// How every CLI opens the store. On PGlite the data directory has one owner (ADR 0014): while a server
// runs on it, a CLI writing there would be silently lost, so the CLI is refused with one sentence that
// says who holds it and what to do instead. On PostgreSQL any number of processes share the database.
import type { Env } from '../env.js';
import { openStore, type Store } from '../db/store.js';
import { DataDirInUseError, type OwnerRecord } from '../db/owner-lock.js';
import { checkDataDir, DataDirError } from '../db/data-dir-check.js';

/** Opens the store for a CLI named `role`, or prints the refusal and exits 1. `advice(holder)` is what the
 *  user should do instead while that process holds the directory. */
export async function openCliStore(env: Env, role: string, advice: (holder: OwnerRecord | null) => string, opts: { migrate?: boolean } = {}): Promise<Store> {
  try {
    if (!env.DATABASE_URL) checkDataDir(env.DATA_DIR, env.DATA_DIR_MIN_FREE_MB);
    return await openStore({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, owner: role, migrate: opts.migrate });
  } catch (err) {
    if (err instanceof DataDirError) {
      console.error(err.message);
      process.exit(1);
    }
    if (err instanceof DataDirInUseError) {
      console.error(`${err.message} Nothing was written. ${advice(err.holder)}`);
      process.exit(1);
    }
    throw err;
  }
}

/** "the running server at http://…" when the holder said where it listens. */
export const serverAt = (holder: OwnerRecord | null): string => (holder?.url ? `the running server at ${holder.url}` : 'the running server');
