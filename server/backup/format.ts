// The backup file's lines and the rules that prove a file whole, without I/O. A backup is JSON lines:
//   {"format":"pbmap-backup","version":2,"migrations":[…],"createdAt":…,"tables":[…]}      the header
//   {"table":"streets","columns":[…]} then {"rows":[…]} lines                                 per table
//   {"manifest":{"version":2,"migrations":[…],"tables":[{"name","rows","sha256"},…]}}      what was written
//   {"end":"pbmap-backup","lines":N}                                                       the end marker
// The checksum of a table is sha256 over its rows lines exactly as written, each followed by "\n". A file cut
// anywhere (even at a line boundary and compressed again) lacks its manifest or end marker; a changed line
// fails its table's checksum; so a restore that reached the end marker with every check passed has it all.
import { createHash, type Hash } from 'node:crypto';

export const FORMAT = 'pbmap-backup';
export const VERSION = 2;

export class RestoreError extends Error {}

export interface Header {
  format: typeof FORMAT;
  version: number;
  migrations: string[];
  createdAt: string;
  tables?: string[];
}

export interface TableEntry {
  name: string;
  rows: number;
  sha256: string;
}

export interface Manifest {
  version: number;
  migrations: string[];
  tables: TableEntry[];
}

export type Line =
  | { kind: 'header'; header: Header }
  | { kind: 'table'; table: string; columns: string[] }
  | { kind: 'rows'; table: string; rows: unknown[] }
  | { kind: 'manifest'; manifest: Manifest }
  | { kind: 'end' };

/** Writes a table's lines and keeps its count and checksum for the manifest. */
export class TableDigest {
  private readonly hash: Hash = createHash('sha256');
  rows = 0;
  constructor(readonly name: string) {}
  add(line: string, count: number): void {
    this.hash.update(`${line}\n`);
    this.rows += count;
  }
  entry(): TableEntry {
    return { name: this.name, rows: this.rows, sha256: this.hash.digest('hex') };
  }
}

/**
 * Reads a backup's lines in order and refuses, with one sentence, anything that is not a whole backup of a known
 * format: lines that are not JSON, rows outside a table, a manifest that disagrees with what came before it, a
 * missing end marker, anything after it. `finish()` says whether the end was reached.
 */
export class BackupChecker {
  private lineNo = 0;
  private header: Header | null = null;
  private current: TableDigest | null = null;
  private readonly seen: TableEntry[] = [];
  private manifest: Manifest | null = null;
  private ended = false;

  /** Version 1 files (before manifests) are read only when the caller says so: they cannot prove they are whole. */
  constructor(private readonly acceptUnverified = false) {}

  get unverified(): boolean {
    return this.header?.version === 1;
  }

  feed(text: string): Line | null {
    this.lineNo++;
    if (this.ended) throw new RestoreError(`The backup file is damaged: it goes on after its end marker (line ${this.lineNo}).`);
    if (text.trim() === '') return null;
    let v: Record<string, unknown>;
    try {
      v = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new RestoreError(
        this.lineNo === 1 ? 'This is not a 党建版图 backup: its first line is not the backup header.' : `The backup file is damaged: line ${this.lineNo} is not valid JSON.`,
      );
    }
    if (!this.header) return this.readHeader(v);
    if (typeof v.table === 'string') {
      this.closeTable();
      if (this.header.tables && !this.header.tables.includes(v.table)) throw new RestoreError(`The backup file is damaged: table ${v.table} is not in its header.`);
      this.current = new TableDigest(v.table);
      return { kind: 'table', table: v.table, columns: Array.isArray(v.columns) ? (v.columns as string[]) : [] };
    }
    if (Array.isArray(v.rows)) {
      if (!this.current || this.manifest) throw new RestoreError(`The backup file is damaged: line ${this.lineNo} holds rows outside any table.`);
      this.current.add(text, v.rows.length);
      return { kind: 'rows', table: this.current.name, rows: v.rows };
    }
    if (v.manifest && typeof v.manifest === 'object') {
      this.closeTable();
      this.manifest = v.manifest as Manifest;
      this.checkManifest(this.manifest);
      return { kind: 'manifest', manifest: this.manifest };
    }
    if (v.end === FORMAT) {
      if (!this.manifest) throw new RestoreError('The backup file is damaged: its end marker comes without a manifest.');
      if (v.lines !== this.lineNo - 1) throw new RestoreError(`The backup file is incomplete: its end marker counts ${String(v.lines)} lines before it, but ${this.lineNo - 1} were read.`);
      this.ended = true;
      return { kind: 'end' };
    }
    throw new RestoreError(`The backup file is damaged: line ${this.lineNo} is neither a table, rows, manifest nor end marker.`);
  }

  /** Throws unless the whole file was read (a version 1 file, when accepted, has no end to reach). */
  finish(): void {
    if (!this.header) throw new RestoreError('The backup file is empty.');
    if (this.unverified) return;
    if (!this.ended) {
      throw new RestoreError(
        `The backup file is incomplete: it stops after line ${this.lineNo}${this.current ? ` (in table ${this.current.name})` : ''} without its ${this.manifest ? 'end marker' : 'manifest and end marker'}, so it was cut short or partly copied; nothing was restored.`,
      );
    }
  }

  private readHeader(v: Record<string, unknown>): Line {
    if (v.format !== FORMAT) throw new RestoreError('This is not a 党建版图 backup: its first line is not the backup header.');
    const version = Number(v.version);
    if (version > VERSION) throw new RestoreError(`The backup is of format ${version}, newer than this version of the product reads (${VERSION}); upgrade first.`);
    if (version === 1 && !this.acceptUnverified) {
      throw new RestoreError('The backup was made before backups carried a manifest (format 1), so it cannot prove it is whole; restore it with --unverified if you trust it.');
    }
    if (version !== 1 && version !== VERSION) throw new RestoreError(`The backup has an unknown format version (${String(v.version)}).`);
    this.header = v as unknown as Header;
    return { kind: 'header', header: this.header };
  }

  private closeTable(): void {
    if (this.current) this.seen.push(this.current.entry());
    this.current = null;
  }

  private checkManifest(m: Manifest): void {
    const header = this.header as Header;
    if (!Array.isArray(m.tables)) throw new RestoreError('The backup file is damaged: its manifest lists no tables.');
    if (JSON.stringify(m.migrations) !== JSON.stringify(header.migrations)) throw new RestoreError('The backup file is damaged: its manifest and header disagree on the schema.');
    const listed = header.tables ?? m.tables.map((t) => t.name);
    for (const name of listed) {
      const want = m.tables.find((t) => t.name === name);
      const got = this.seen.find((t) => t.name === name);
      if (!want) throw new RestoreError(`The backup file is damaged: its manifest does not list table ${name}.`);
      if (!got) throw new RestoreError(`The backup file is incomplete: table ${name} is missing.`);
      if (got.rows !== want.rows) throw new RestoreError(`The backup file is incomplete: table ${name} has ${got.rows} rows where its manifest says ${want.rows}.`);
      if (got.sha256 !== want.sha256) throw new RestoreError(`The backup file is damaged: table ${name} does not match its checksum.`);
    }
    if (this.seen.length !== listed.length) throw new RestoreError('The backup file is damaged: it holds a table its manifest does not list.');
  }
}
