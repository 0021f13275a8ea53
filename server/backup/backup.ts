// Backup and restore of the whole store as gzipped JSON lines: a header, then for each table a line
// naming it and one line per chunk of rows, then a manifest and an end marker (format.ts). Geometry travels as hex EWKB (exact, any PostGIS reads it).
import { createGunzip, createGzip } from 'node:zlib';
import { createReadStream, createWriteStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { pipeline } from 'node:stream/promises';
import { once } from 'node:events';
import { sql } from 'drizzle-orm';
import { rows, type Db, type Store } from '../db/store.js';
import { appliedMigrations, migrate, migrationFiles } from '../db/migrate.js';
import { BACKUP_TABLES } from './tables.js';
import { BackupChecker, FORMAT, RestoreError, TableDigest, VERSION, type Header, type Manifest, type TableEntry } from './format.js';

const CHUNK = 1000;

async function columnsOf(db: Db, table: string): Promise<{ name: string; geometry: boolean }[]> {
  const cols = await rows<{ name: string; udt: string }>(
    db,
    sql`SELECT column_name AS name, udt_name AS udt FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${table} ORDER BY ordinal_position`,
  );
  return cols.map((c) => ({ name: c.name, geometry: c.udt === 'geometry' }));
}

/** Writes the backup's lines to sink, all read in one REPEATABLE READ transaction: a consistent snapshot. */
export async function backupTo(store: Store, sink: (line: string) => Promise<void>): Promise<void> {
  await store.write(async (tx) => {
    await tx.execute(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`);
    const migrations = (await rows<{ name: string }>(tx, sql`SELECT name FROM schema_migrations ORDER BY name`)).map((r) => r.name);
    const header: Header = { format: FORMAT, version: VERSION, migrations, createdAt: new Date().toISOString(), tables: [...BACKUP_TABLES] };
    let lines = 0;
    const put = async (line: string) => {
      lines++;
      await sink(line);
    };
    await put(JSON.stringify(header));
    const tables: TableEntry[] = [];
    for (const table of BACKUP_TABLES) {
      const cols = await columnsOf(tx, table);
      const digest = new TableDigest(table);
      await put(JSON.stringify({ table, columns: cols.map((c) => c.name) }));
      const select = cols.map((c) => (c.geometry ? `'${c.name}', encode(ST_AsEWKB(${c.name}), 'hex')` : `'${c.name}', ${c.name}`)).join(', ');
      const order = cols.some((c) => c.name === 'id') ? 'id' : cols.map((c) => c.name).slice(0, 2).join(', ');
      for (let offset = 0; ; offset += CHUNK) {
        const chunk = await rows<{ r: unknown }>(tx, sql.raw(`SELECT jsonb_build_object(${select}) AS r FROM ${table} ORDER BY ${order} LIMIT ${CHUNK} OFFSET ${offset}`));
        if (chunk.length === 0) break;
        const line = JSON.stringify({ rows: chunk.map((x) => x.r) });
        digest.add(line, chunk.length);
        await put(line);
        if (chunk.length < CHUNK) break;
      }
      tables.push(digest.entry());
    }
    const manifest: Manifest = { version: VERSION, migrations, tables };
    await put(JSON.stringify({ manifest }));
    await sink(JSON.stringify({ end: FORMAT, lines }));
  });
}

export async function writeBackup(store: Store, file: string): Promise<void> {
  const gzip = createGzip();
  const done = pipeline(gzip, createWriteStream(file));
  await backupTo(store, async (line) => {
    if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
  });
  gzip.end();
  await done;
}

export { RestoreError } from './format.js';

export interface RestoreOptions {
  /** Read a format 1 backup (no manifest): it cannot prove it is whole. */
  unverified?: boolean;
}

/**
 * Restores into an empty store in one transaction: all of it, or (on any error) nothing. Every line is checked
 * as it comes (BackupChecker), and the end marker must be reached with every table's count and checksum right
 * before the transaction commits. A backup from an older schema goes into its own schema: a fresh store is
 * migrated only as far as the backup was, the rows go in, then the later migrations run over them as they
 * would have on the live store (so what they derive from rows, e.g. grid version floors, is there too).
 */
export async function restoreLines(store: Store, lines: AsyncIterable<string>, opts: RestoreOptions = {}): Promise<Record<string, number>> {
  // Take the iterator before any await: a stream drops lines emitted while nobody iterates.
  const iterator = lines[Symbol.asyncIterator]();
  if (await holdsTerritory(store)) throw new RestoreError('The store is not empty: restore into a fresh DATA_DIR or database.');
  const checker = new BackupChecker(opts.unverified);
  const counts: Record<string, number> = {};
  const first = await iterator.next();
  const head = first.done ? null : checker.feed(first.value);
  if (!head || head.kind !== 'header') throw new RestoreError('The backup file is empty.');
  const known = migrationFiles().map((m) => m.name);
  const theirs = head.header.migrations;
  const unknown = (theirs ?? []).filter((m) => !known.includes(m));
  if (unknown.length) throw new RestoreError(`The backup comes from a newer schema (${unknown.join(', ')}); upgrade first.`);
  const applied = await appliedMigrations(store);
  const beyond = theirs ? [...applied].filter((m) => !theirs.includes(m)) : [];
  if (beyond.length) {
    throw new RestoreError(
      `The backup comes from an older schema (its last migration is ${theirs?.at(-1)?.replace(/\.sql$/, '') ?? 'none'}) and this store is already migrated past it; restore it into a fresh DATA_DIR or an empty database, where it is rebuilt in its own schema and then migrated.`,
    );
  }
  // A format 1 backup does not say its schema: it goes into today's, column by column.
  await migrate(store, theirs ? { only: new Set(theirs) } : {});
  await store.write(async (tx) => {
    // Replica mode: no triggers (change log, foreign-key checks) while the rows go back in as they were.
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    // What the migrations seeded (settings) gives way to the backup's rows; tables the backup's schema lacks are skipped.
    const present = new Set((await rows<{ t: string }>(tx, sql`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public'`)).map((r) => r.t));
    for (const t of [...BACKUP_TABLES].reverse()) if (present.has(t)) await tx.execute(sql.raw(`DELETE FROM ${t}`));
    // A persisted coverage model describes the store before the restore: it must not be caught up from.
    if (present.has('coverage_snapshot')) await tx.execute(sql`DELETE FROM coverage_snapshot`);
    let columns: string[] = [];
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const line = checker.feed(next.value);
      if (line?.kind === 'table') {
        if (!(BACKUP_TABLES as readonly string[]).includes(line.table)) throw new RestoreError(`The backup holds table ${line.table}, which this product does not have.`);
        // The columns both the backup and today's schema have: older backups lack columns added since.
        const now = new Set((await columnsOf(tx, line.table)).map((c) => c.name));
        columns = line.columns.filter((c) => now.has(c));
        counts[line.table] = 0;
      } else if (line?.kind === 'rows' && line.rows.length > 0) {
        const list = columns.map((c) => `"${c}"`).join(', ');
        await tx.execute(sql`INSERT INTO ${sql.raw(line.table)} (${sql.raw(list)}) SELECT ${sql.raw(list)} FROM jsonb_populate_recordset(NULL::${sql.raw(line.table)}, ${JSON.stringify(line.rows)}::jsonb)`);
        counts[line.table] = (counts[line.table] ?? 0) + line.rows.length;
      }
    }
    // Proven whole before anything is committed: otherwise the transaction rolls back.
    checker.finish();
    // Identity columns continue after the restored ids.
    const identity = await rows<{ t: string }>(tx, sql`SELECT table_name AS t FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'id' AND is_identity = 'YES'`);
    for (const { t } of identity.filter((x) => (BACKUP_TABLES as readonly string[]).includes(x.t))) {
      await tx.execute(sql.raw(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), GREATEST((SELECT max(id) FROM ${t}), 1))`));
    }
  });
  // The migrations made after the backup, over its rows, as an upgrade of the live store would have run them.
  await migrate(store);
  return counts;
}

/** Whether the store holds a territory (a restore goes only into an empty one); a store with no schema holds none. */
async function holdsTerritory(store: Store): Promise<boolean> {
  return store.read(async (db) => {
    const [t] = await rows<{ t: string | null }>(db, sql`SELECT to_regclass('public.streets')::text AS t`);
    if (!t?.t) return false;
    return (await rows(db, sql`SELECT 1 FROM streets LIMIT 1`)).length > 0;
  });
}

/** One sentence for what reading the compressed file ran into. */
function fileProblem(err: unknown, file: string): RestoreError {
  if (err instanceof RestoreError) return err;
  const code = (err as { code?: string }).code;
  if (code === 'ENOENT') return new RestoreError(`There is no file ${file}.`);
  if (code === 'Z_BUF_ERROR') return new RestoreError('The backup file is truncated: its compressed data ends early, so it was cut short or partly copied; nothing was restored.');
  if (code === 'Z_DATA_ERROR') return new RestoreError('The backup file is damaged: it is not valid gzip data (corrupted, or not a .jsonl.gz backup); nothing was restored.');
  return new RestoreError(`The backup file could not be read: ${(err as Error).message ?? String(err)}.`);
}

/** The file's lines, decompressed; a read or gzip error becomes a RestoreError with one sentence. */
async function* linesOf(file: string): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of createReadStream(file).pipe(createGunzip())) {
      rest += decoder.write(chunk as Buffer);
      let nl = rest.indexOf('\n');
      while (nl >= 0) {
        yield rest.slice(0, nl);
        rest = rest.slice(nl + 1);
        nl = rest.indexOf('\n');
      }
    }
  } catch (err) {
    throw fileProblem(err, file);
  }
  rest += decoder.end();
  if (rest) yield rest;
}

/** Checks the whole file (decompression, every line, counts, checksums, end marker) without touching a store. */
export async function verifyBackup(file: string, opts: RestoreOptions = {}): Promise<void> {
  const checker = new BackupChecker(opts.unverified);
  for await (const line of linesOf(file)) checker.feed(line);
  checker.finish();
}

/** Verifies the file first (so a bad file is explained before the store is touched), then restores it. */
export async function readBackup(store: Store, file: string, opts: RestoreOptions = {}): Promise<Record<string, number>> {
  await verifyBackup(file, opts);
  return restoreLines(store, linesOf(file), opts);
}
