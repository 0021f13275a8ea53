// Applies the committed SQL migrations in ./migrations in name order, each once, each in a transaction.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { rows, type Store } from './database.js';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export function migrationFiles(): { name: string; text: string }[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(MIGRATIONS_DIR, name), 'utf8') }));
}

export async function migrate(store: Store): Promise<string[]> {
  await store.write(async (tx) => {
    await tx.execute(
      sql`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
  });
  const applied = new Set(
    (await store.read((db) => rows<{ name: string }>(db, sql`SELECT name FROM schema_migrations`))).map((r) => r.name),
  );
  const done: string[] = [];
  for (const m of migrationFiles()) {
    if (applied.has(m.name)) continue;
    // Names are checked by migrationFiles()' pattern, so inlining one is safe.
    await store.execScript(`${m.text}\n;INSERT INTO schema_migrations (name) VALUES ('${m.name}');`);
    done.push(m.name);
  }
  return done;
}
