// Applies the committed SQL migrations in ./migrations in name order, each once, each in a transaction.
// Any number of processes may run this at once on one PostgreSQL database: each migration's transaction
// first takes an advisory lock and then claims the migration's name, so a process that lost the race
// waits for the winner's commit, fails on the claim and moves on (nothing of its attempt is kept).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { rows, type Store } from './database.js';
import { MIGRATION_LOCK } from './locks.js';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export function migrationFiles(): { name: string; text: string }[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(MIGRATIONS_DIR, name), 'utf8') }));
}

async function appliedNames(store: Store): Promise<Set<string>> {
  const found = await store.read((db) => rows<{ name: string }>(db, sql`SELECT name FROM schema_migrations`));
  return new Set(found.map((r) => r.name));
}

/** The migrations this store has applied; none when it has no schema yet (opened with migrate: false). */
export async function appliedMigrations(store: Store): Promise<Set<string>> {
  const [t] = await store.read((db) => rows<{ t: string | null }>(db, sql`SELECT to_regclass('public.schema_migrations')::text AS t`));
  return t?.t ? appliedNames(store) : new Set();
}

/** Applies every migration not yet applied, in name order; with `only`, just those of them (a restore rebuilds
 *  an older backup's own schema first, so the later migrations' back-fills then run over its rows). */
export async function migrate(store: Store, opts: { only?: ReadonlySet<string> } = {}): Promise<string[]> {
  // CREATE TABLE IF NOT EXISTS is not safe against a concurrent twin (duplicate pg_type row): lock first.
  await store.write(async (tx) => {
    await tx.execute(sql`SET LOCAL statement_timeout = 0`);
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.execute(
      sql`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
  });
  const applied = await appliedNames(store);
  const done: string[] = [];
  for (const m of migrationFiles()) {
    if (applied.has(m.name) || (opts.only && !opts.only.has(m.name))) continue;
    try {
      // Names are checked by migrationFiles()' pattern, so inlining one is safe. The claim comes before
      // the migration's own statements, so a lost race fails at once instead of on some half-applied DDL.
      await store.execScript(
        `SET LOCAL statement_timeout = 0;\nSELECT pg_advisory_xact_lock(${MIGRATION_LOCK});\nINSERT INTO schema_migrations (name) VALUES ('${m.name}');\n${m.text}`,
      );
    } catch (err) {
      // Another process applied it while this one waited for the lock: its transaction rolled back whole.
      if ((await appliedNames(store)).has(m.name)) continue;
      throw err;
    }
    done.push(m.name);
  }
  return done;
}
