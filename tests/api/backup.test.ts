// Backup and restore round-trip the whole store, across drivers; a bad file or a non-empty store writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { rows, type Store } from '../../server/db/store.js';
import { RestoreError, readBackup, writeBackup } from '../../server/backup/backup.js';
import { TableDigest } from '../../server/backup/format.js';
import { gunzipSync, gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
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

  /** The backup's lines, decompressed. */
  const linesOf = (f: string) => gunzipSync(readFileSync(f)).toString('utf8').split('\n').filter((l) => l !== '');
  const writeLines = (name: string, lines: string[]) => {
    const f = join(dir, name);
    writeFileSync(f, gzipSync(`${lines.join('\n')}\n`));
    return f;
  };

  it('refuses a damaged, partial or foreign file with one sentence, and writes nothing', { timeout: 240_000 }, async () => {
    const target = await openTestStore('pglite', { empty: true });
    try {
      const bytes = readFileSync(file);
      const lines = linesOf(file);
      const cases: [string, string, RegExp][] = [
        ['truncated gzip', (() => { const f = join(dir, 'truncated.jsonl.gz'); writeFileSync(f, bytes.subarray(0, Math.floor(bytes.length * 0.6))); return f; })(), /truncated: its compressed data ends early/],
        // Cut at a line boundary and compressed again: valid gzip, valid JSON lines, but no manifest or end marker.
        ['cut at a line boundary', writeLines('cut.jsonl.gz', lines.slice(0, Math.floor(lines.length * 0.7))), /incomplete: it stops after line \d+ .*without its manifest and end marker/],
        ['all but the end marker', writeLines('no-end.jsonl.gz', lines.slice(0, -1)), /incomplete: .*without its end marker/],
        ['a table dropped whole', writeLines('dropped.jsonl.gz', (() => { const i = lines.findIndex((l) => l.startsWith('{"table":"users"')); return [...lines.slice(0, i), ...lines.slice(i + 2)]; })()), /incomplete|damaged/],
        ['a changed row', writeLines('changed.jsonl.gz', lines.map((l) => (l.includes('"rows"') && l.includes('南京西路') ? l.replace('南京西路', '南京东路') : l))), /does not match its checksum/],
        ['a foreign file', writeLines('foreign.jsonl.gz', ['{"format":"something-else"}']), /not a 党建版图 backup/],
        ['not gzip at all', (() => { const f = join(dir, 'plain.jsonl.gz'); writeFileSync(f, lines.join('\n')); return f; })(), /not valid gzip data/],
        ['an older format without a manifest', writeLines('v1.jsonl.gz', [JSON.stringify({ ...JSON.parse(lines[0] as string), version: 1 }), ...lines.slice(1, -2)]), /before backups carried a manifest/],
      ];
      for (const [name, f, message] of cases) {
        const err = await readBackup(target.store, f).then(() => null, (e: unknown) => e);
        expect(err, name).toBeInstanceOf(RestoreError);
        expect((err as Error).message, name).toMatch(message);
        expect((err as Error).message, name).not.toMatch(/Z_BUF_ERROR|Z_DATA_ERROR|\n/);
      }
      const [n] = await target.store.read((db) => rows<{ n: number }>(db, sql`SELECT (SELECT count(*) FROM streets) + (SELECT count(*) FROM enterprises) + (SELECT count(*) FROM users) AS n`));
      expect(Number(n?.n)).toBe(0);
    } finally {
      await target.dispose();
    }
  });

  it('the restore CLI explains a truncated file in one sentence and exits non-zero', { timeout: 120_000 }, async () => {
    const bytes = readFileSync(file);
    const truncated = join(dir, 'cli-truncated.jsonl.gz');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/restore.ts', truncated], { encoding: 'utf8', env: { ...process.env, DATA_DIR: join(dir, 'cli-data'), DATABASE_URL: '' } });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/^The backup file is truncated: [^\n]+$/);
  });

  it.each(storeKinds())('restores a backup from an older schema into its own schema, then migrates it (%s): columns added since take their defaults, tables added since start empty, later back-fills run over its rows', { timeout: 240_000 }, async (kind) => {
    // The same data as a backup made before migration 0009 (no internal-record columns) and 0012 (no roads, water).
    const lines = linesOf(file);
    const header = JSON.parse(lines[0] as string) as { migrations: string[]; tables: string[] };
    const old = header.migrations.filter((m) => m < '0009');
    const goneFrom: Record<string, Set<string>> = {
      enterprises: new Set(['address', 'contact_person', 'contact_phone', 'source_lon', 'source_lat']),
      stations: new Set(['source_lon', 'source_lat', 'address', 'public_phone', 'hours_week', 'accessibility']),
      activities: new Set(['source_lon', 'source_lat', 'signup_note']),
    };
    let gone = new Set<string>();
    const dropTables = new Set(['roads', 'water', 'grid_version_floor']);
    const out: string[] = [JSON.stringify({ ...header, migrations: old, tables: header.tables.filter((t) => !dropTables.has(t)) })];
    const entries: { name: string; rows: number; sha256: string }[] = [];
    let digest: TableDigest | null = null;
    let skip = false;
    const close = () => {
      if (digest) entries.push(digest.entry());
      digest = null;
    };
    for (const l of lines.slice(1)) {
      const v = JSON.parse(l) as { table?: string; columns?: string[]; rows?: Record<string, unknown>[]; manifest?: unknown };
      if (v.manifest) break;
      if (v.table) {
        close();
        skip = dropTables.has(v.table);
        gone = goneFrom[v.table] ?? new Set();
        if (skip) continue;
        digest = new TableDigest(v.table);
        out.push(JSON.stringify({ table: v.table, columns: (v.columns ?? []).filter((c) => !gone.has(c)) }));
      } else if (v.rows && !skip) {
        const line = JSON.stringify({ rows: v.rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !gone.has(k)))) });
        (digest as unknown as TableDigest).add(line, v.rows.length);
        out.push(line);
      }
    }
    close();
    out.push(JSON.stringify({ manifest: { version: 2, migrations: old, tables: entries } }));
    out.push(JSON.stringify({ end: 'pbmap-backup', lines: out.length }));
    const older = writeLines(`older-${kind}.jsonl.gz`, out);
    // A store already migrated past the backup cannot take it faithfully (later back-fills would be skipped): refused, unchanged.
    const migrated = await openTestStore(kind, { empty: true });
    try {
      const before = await checksums(migrated.store);
      const err = await readBackup(migrated.store, older).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(RestoreError);
      expect((err as Error).message).toMatch(/^The backup comes from an older schema \(its last migration is 0006_[a-z_]+\) and this store is already migrated past it; restore it into a fresh DATA_DIR or an empty database[^\n]*\.$/);
      expect(await checksums(migrated.store)).toEqual(before);
    } finally {
      await migrated.dispose();
    }
    const target = await openTestStore(kind, { bare: true });
    try {
      const counts = await readBackup(target.store, older);
      // Every migration ran, the later ones after the rows were in.
      const applied = await target.store.read((db) => rows<{ name: string }>(db, sql`SELECT name FROM schema_migrations ORDER BY name`));
      expect(applied.map((a) => a.name)).toEqual(header.migrations);
      // Migration 0015's back-fill ran over the restored grids: each grid's version floor is its version, as on the source.
      const floors = `SELECT md5(string_agg(f.grid_id || ':' || f.version, '|' ORDER BY f.grid_id)) AS n FROM grid_version_floor f JOIN grids g ON g.id = f.grid_id`;
      const floor = await target.store.read((db) => rows<{ n: string; c: number }>(db, sql.raw(`SELECT (SELECT count(*)::int FROM grid_version_floor) AS c, (SELECT count(*)::int FROM grids) AS g`)));
      expect(floor[0]?.c).toBeGreaterThan(0);
      expect(floor[0]?.c).toBe((floor[0] as unknown as { g: number }).g);
      expect((await target.store.read((db) => rows<{ n: string }>(db, sql.raw(floors))))[0]?.n).toBe((await source.store.read((db) => rows<{ n: string }>(db, sql.raw(floors))))[0]?.n);
      expect(counts.enterprises).toBe(entries.find((e) => e.name === 'enterprises')?.rows);
      const q = async (s: string) => (await target.store.read((db) => rows<{ n: number }>(db, sql.raw(s))))[0]?.n;
      expect(Number(await q('SELECT count(*) AS n FROM roads'))).toBe(0);
      expect(Number(await q('SELECT count(*) AS n FROM enterprises WHERE source_lon IS NOT NULL'))).toBe(0);
      const names = `SELECT md5(string_agg(name || uscc, '|' ORDER BY id)) AS n FROM enterprises`;
      expect(await q(names)).toBe((await source.store.read((db) => rows<{ n: string }>(db, sql.raw(names))))[0]?.n);
    } finally {
      await target.dispose();
    }
  });
});
