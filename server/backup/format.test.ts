import { describe, expect, it } from 'vitest';
import { BackupChecker, FORMAT, RestoreError, TableDigest, VERSION } from './format.js';

/** A whole backup of two small tables, as lines. */
function backup(): string[] {
  const header = JSON.stringify({ format: FORMAT, version: VERSION, migrations: ['0001_init.sql'], createdAt: 'x', tables: ['a', 'b'] });
  const out = [header];
  const tables = [];
  for (const [name, chunks] of [['a', [[{ id: 1 }, { id: 2 }], [{ id: 3 }]]], ['b', []]] as const) {
    const d = new TableDigest(name);
    out.push(JSON.stringify({ table: name, columns: ['id'] }));
    for (const rows of chunks) {
      const line = JSON.stringify({ rows });
      d.add(line, rows.length);
      out.push(line);
    }
    tables.push(d.entry());
  }
  out.push(JSON.stringify({ manifest: { version: VERSION, migrations: ['0001_init.sql'], tables } }));
  out.push(JSON.stringify({ end: FORMAT, lines: out.length }));
  return out;
}

function check(lines: string[], unverified = false): void {
  const c = new BackupChecker(unverified);
  for (const l of lines) c.feed(l);
  c.finish();
}

describe('BackupChecker', () => {
  it('accepts a whole backup', () => {
    expect(() => check(backup())).not.toThrow();
  });

  it('refuses the backup cut after every line but the last, each with one sentence', () => {
    const lines = backup();
    for (let n = 1; n < lines.length; n++) {
      expect(() => check(lines.slice(0, n)), `cut after ${n}`).toThrow(RestoreError);
      try {
        check(lines.slice(0, n));
      } catch (e) {
        expect((e as Error).message).toMatch(/^The backup file is (incomplete|damaged): [^\n]+$/);
      }
    }
  });

  it('refuses a changed, dropped, repeated or extra line', () => {
    const lines = backup();
    expect(() => check(lines.map((l) => l.replace('{"id":3}', '{"id":4}')))).toThrow(/checksum/);
    expect(() => check([...lines.slice(0, 2), ...lines.slice(3)])).toThrow(/incomplete/);
    expect(() => check([...lines.slice(0, 3), lines[2] as string, ...lines.slice(3)])).toThrow(/incomplete|damaged/);
    expect(() => check([...lines, '{"rows":[]}'])).toThrow(/after its end marker/);
  });

  it('refuses a foreign first line, a newer format, and format 1 unless told to read it unverified', () => {
    expect(() => check(['{"format":"x"}'])).toThrow(/not a 党建版图 backup/);
    expect(() => check([JSON.stringify({ format: FORMAT, version: VERSION + 1, migrations: [] })])).toThrow(/newer/);
    const v1 = [JSON.stringify({ format: FORMAT, version: 1, migrations: [] }), '{"table":"a","columns":["id"]}', '{"rows":[{"id":1}]}'];
    expect(() => check(v1)).toThrow(/--unverified/);
    expect(() => check(v1, true)).not.toThrow();
  });
});
