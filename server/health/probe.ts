// Asks the database a trivial question with a budget: whether it is up, slow or down, and how long it took.
import { sql } from 'drizzle-orm';
import type { Store } from '../db/store.js';
import { dbFaultOf } from '../db/faults.js';
import type { DatabaseState } from './contract.js';

/** Well inside the 2 s in which a caller must learn that the database is unavailable. */
export const PROBE_BUDGET_MS = 1_800;

export async function probeDatabase(store: Store, budgetMs = PROBE_BUDGET_MS): Promise<DatabaseState> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), budgetMs);
  });
  const asked = store.read((db) => db.execute(sql`SELECT 1`)).then(
    () => 'answered' as const,
    (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
  );
  try {
    const outcome = await Promise.race([asked, late]);
    if (outcome === 'late') return { state: 'slow', latencyMs: null, message: `No answer within ${budgetMs} ms` };
    // The health check is public: say what kind of fault, not the driver's text (it names hosts and ports).
    if (outcome instanceof Error) return { state: 'down', latencyMs: null, message: `The database did not answer (${dbFaultOf(outcome) ?? 'error'})` };
    return { state: 'up', latencyMs: Date.now() - started, message: null };
  } finally {
    clearTimeout(timer);
  }
}
