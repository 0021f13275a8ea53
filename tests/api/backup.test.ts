// Backup and restore round-trip the whole store, across drivers; a bad file or a non-empty store writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { rows, type Store } from '../../server/db/store.js';
import { RestoreError, readBackup, writeBackup } from '../../server/backup/backup.js';
import { BACKUP_TABLES } from '../../server/backup/tables.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';

/** A checksum per table over every row as JSON (geometry as GeoJSON), independent of physical order. */
async function checksums(store: Store): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of BACKUP_TABLES) {
    const [r] = await store.read((db) => rows<{ n: number; h: string | null }>(db, sql.raw(`SELECT count(*)::int AS n, md5(string_agg(to_jsonb(x)::text, '|' ORDER BY to_jsonb(x)::text)) AS h FROM ${t} x`)));
    out[t] = `${r?.n}:${r?.h}`;
  }
  return out;
}

describe('backup and restore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pbmap-backup-'));
  const file = join(dir, 'backup.jsonl.gz');
  let source: TestStore;
  let expected: Record<string, string>;
  beforeAll(async () => {
    source = await openTestStore('pglite');
    await writeBackup(source.store, file);
    expected = await checksums(source.store);
  });
  afterAll(async () => {
    await source?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(storeKinds())('restores every table exactly into a fresh %s store', { timeout: 240_000 }, async (kind) => {
    const target = await openTestStore(kind, { empty: true });
    try {
      const counts = await readBackup(target.store, file);
      expect(counts.enterprises).toBeGreaterThan(1500);
      expect(await checksums(target.store)).toEqual(expected);
      // New rows continue after the restored ids.
      const [next] = await target.store.read((db) => rows<{ id: number }>(db, sql`INSERT INTO audit_log (actor, action, entity) VALUES ('t', 't', 't') RETURNING id`));
      const [max] = await source.store.read((db) => rows<{ m: number }>(db, sql`SELECT max(id)::int AS m FROM audit_log`));
      expect(Number(next?.id)).toBeGreaterThan(max?.m ?? 0);
    } finally {
      await target.dispose();
    }
  });

  it('refuses to restore over existing data, and changes nothing', async () => {
    await expect(readBackup(source.store, file)).rejects.toBeInstanceOf(RestoreError);
    expect(await checksums(source.store)).toEqual(expected);
  });

  it('writes nothing from a damaged or foreign file', { timeout: 240_000 }, async () => {
    const target = await openTestStore('pglite', { empty: true });
    try {
      const bytes = readFileSync(file);
      const truncated = join(dir, 'truncated.jsonl.gz');
      writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      await expect(readBackup(target.store, truncated)).rejects.toThrow();
      const foreign = join(dir, 'foreign.jsonl.gz');
      const { gzipSync } = await import('node:zlib');
      writeFileSync(foreign, gzipSync('{"format":"something-else"}\n'));
      await expect(readBackup(target.store, foreign)).rejects.toThrow(/Not a 党建版图 backup/);
      const [n] = await target.store.read((db) => rows<{ n: number }>(db, sql`SELECT (SELECT count(*) FROM streets) + (SELECT count(*) FROM enterprises) AS n`));
      expect(Number(n?.n)).toBe(0);
    } finally {
      await target.dispose();
    }
  });
});
