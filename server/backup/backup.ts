// Backup and restore of the whole store as gzipped JSON lines: a header, then for each table a line
// naming it and one line per chunk of rows. Geometry travels as hex EWKB (exact, any PostGIS reads it).
import { createGunzip, createGzip } from 'node:zlib';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { once } from 'node:events';
import { sql } from 'drizzle-orm';
import { rows, type Db, type Store } from '../db/store.js';
import { migrationFiles } from '../db/migrate.js';
import { BACKUP_TABLES } from './tables.js';

const FORMAT = 'pbmap-backup';
const VERSION = 1;
const CHUNK = 1000;

interface Header {
  format: typeof FORMAT;
  version: number;
  migrations: string[];
  createdAt: string;
}

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
    const header: Header = { format: FORMAT, version: VERSION, migrations: migrationFiles().map((m) => m.name), createdAt: new Date().toISOString() };
    await sink(JSON.stringify(header));
    for (const table of BACKUP_TABLES) {
      const cols = await columnsOf(tx, table);
      await sink(JSON.stringify({ table, columns: cols.map((c) => c.name) }));
      const select = cols.map((c) => (c.geometry ? `'${c.name}', encode(ST_AsEWKB(${c.name}), 'hex')` : `'${c.name}', ${c.name}`)).join(', ');
      const order = cols.some((c) => c.name === 'id') ? 'id' : cols.map((c) => c.name).slice(0, 2).join(', ');
      for (let offset = 0; ; offset += CHUNK) {
        const chunk = await rows<{ r: unknown }>(tx, sql.raw(`SELECT jsonb_build_object(${select}) AS r FROM ${table} ORDER BY ${order} LIMIT ${CHUNK} OFFSET ${offset}`));
        if (chunk.length === 0) break;
        await sink(JSON.stringify({ rows: chunk.map((x) => x.r) }));
        if (chunk.length < CHUNK) break;
      }
    }
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

export class RestoreError extends Error {}

/** Restores into an empty store in one transaction: all of it, or (on any error) nothing. */
export async function restoreLines(store: Store, lines: AsyncIterable<string>): Promise<Record<string, number>> {
  // Take the iterator before any await: readline drops lines emitted while nobody iterates.
  const iterator = lines[Symbol.asyncIterator]();
  const [streets] = await store.read((db) => rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM streets`));
  if ((streets?.n ?? 0) > 0) throw new RestoreError('The store is not empty: restore into a fresh DATA_DIR or database');
  const counts: Record<string, number> = {};
  const first = await iterator.next();
  const header = first.done ? null : (JSON.parse(first.value) as Partial<Header>);
  if (!header || header.format !== FORMAT || header.version !== VERSION) throw new RestoreError('Not a 党建版图 backup (or a newer format)');
  const known = new Set(migrationFiles().map((m) => m.name));
  const unknown = (header.migrations ?? []).filter((m) => !known.has(m));
  if (unknown.length) throw new RestoreError(`The backup comes from a newer schema (${unknown.join(', ')}); upgrade first`);
  await store.write(async (tx) => {
    // Replica mode: no triggers (change log, foreign-key checks) while the rows go back in as they were.
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    for (const t of [...BACKUP_TABLES].reverse()) await tx.execute(sql.raw(`DELETE FROM ${t}`));
    let table: string | null = null;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const line = JSON.parse(next.value) as { table?: string; rows?: unknown[] };
      if (line.table) {
        if (!(BACKUP_TABLES as readonly string[]).includes(line.table)) throw new RestoreError(`Unknown table ${line.table}`);
        table = line.table;
        counts[table] = 0;
      } else if (line.rows && table) {
        await tx.execute(sql`INSERT INTO ${sql.raw(table)} SELECT * FROM jsonb_populate_recordset(NULL::${sql.raw(table)}, ${JSON.stringify(line.rows)}::jsonb)`);
        counts[table] = (counts[table] ?? 0) + line.rows.length;
      }
    }
    // Identity columns continue after the restored ids.
    const identity = await rows<{ t: string }>(tx, sql`SELECT table_name AS t FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'id' AND is_identity = 'YES'`);
    for (const { t } of identity.filter((x) => (BACKUP_TABLES as readonly string[]).includes(x.t))) {
      await tx.execute(sql.raw(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), GREATEST((SELECT max(id) FROM ${t}), 1))`));
    }
  });
  return counts;
}

export async function readBackup(store: Store, file: string): Promise<Record<string, number>> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  return restoreLines(store, lines);
}
