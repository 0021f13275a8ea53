// The embedded database's own thread (ADR 0016): PGlite (WASM) runs here, so a long statement never holds
// the request thread. It serves units of work to any number of ports (the main thread's store, and stores in
// other worker threads): one unit holds the one connection at a time, granted in arrival order, so a unit's
// statements never interleave with another's. A write unit is one transaction that this thread begins and
// ends, so a client that dies mid-unit leaves nothing half-written.
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { ROWS_PER_SLICE, serializeError, type Reply, type Request } from './port-protocol.js';
import { logMemory } from './memory-log.js';
import { postgisCore } from './postgis-core.js';

interface Conn {
  port: MessagePort;
  main: boolean;
  /** Results still being sent, by request id. */
  slices: Map<number, { rows: unknown[]; at: number; done: Extract<Reply, { t: 'done' }> }>;
}

interface Unit {
  conn: Conn;
  id: number;
  mode: 'read' | 'write' | 'close';
  /** This unit's statements, one after another (a unit may send several at once). */
  chain: Promise<void>;
}

const { dataDir, port: mainPort } = workerData as { dataDir: string | null; port: MessagePort };

const queue: Unit[] = [];
let current: Unit | null = null;
let closed = false;
const conns = new Set<Conn>();

const send = (conn: Conn, reply: Reply) => {
  try {
    conn.port.postMessage(reply);
  } catch {
    // The port closed under us: its 'close' handler cleans up.
  }
};
const fail = (conn: Conn, id: number, err: unknown) => send(conn, { t: 'error', id, error: serializeError(err) });

/** PGlite's WASM trapped: its state is unknown, so this thread stops and every store reports the database down. */
function fatal(err: unknown): void {
  if (err instanceof WebAssembly.RuntimeError) {
    for (const c of conns) fail(c, -1, err);
    setImmediate(() => process.exit(70));
  }
}

let pg!: PGlite;

// drizzle asks for the text of these types as is (dates, timestamps, intervals, numeric[]); the same function for all.
const asIs = (v: string) => v;
const parserCache = new Map<string, Record<number, (v: string) => string>>();
function parsersFor(oids: number[]): Record<number, (v: string) => string> {
  const key = oids.join(',');
  let p = parserCache.get(key);
  if (!p) parserCache.set(key, (p = Object.fromEntries(oids.map((o) => [o, asIs]))));
  return p;
}

function pump(): void {
  if (current || queue.length === 0) return;
  const unit = queue.shift()!;
  current = unit;
  void (async () => {
    if (unit.mode === 'close') {
      closed = true;
      try {
        await pg.close();
        send(unit.conn, { t: 'done', id: unit.id });
      } catch (err) {
        fail(unit.conn, unit.id, err);
      }
      for (const c of conns) c.port.close();
      return;
    }
    try {
      if (unit.mode === 'write') await pg.exec('BEGIN');
      send(unit.conn, { t: 'granted', id: unit.id });
    } catch (err) {
      fail(unit.conn, unit.id, err);
      fatal(err);
      release(unit);
    }
  })();
}

function release(unit: Unit): void {
  if (current !== unit) return;
  current = null;
  pump();
}

/** Ends a unit: commit or roll back a write; a transaction left open by a read (or a failed commit) is rolled back. */
async function finish(unit: Unit, commit: boolean): Promise<void> {
  try {
    if (unit.mode === 'write') await pg.exec(commit ? 'COMMIT' : 'ROLLBACK');
  } finally {
    if (pg.isInTransaction()) await pg.exec('ROLLBACK').catch(() => undefined);
  }
}

function sendSlice(conn: Conn, id: number): void {
  const s = conn.slices.get(id);
  if (!s) return;
  const end = s.at + ROWS_PER_SLICE;
  if (end >= s.rows.length) {
    conn.slices.delete(id);
    send(conn, { ...s.done, rows: s.at === 0 ? s.rows : s.rows.slice(s.at) });
  } else {
    send(conn, { t: 'rows', id, rows: s.rows.slice(s.at, end) });
    s.at = end;
  }
}

function unitOf(conn: Conn, unit: number): Unit | null {
  return current && current.conn === conn && current.id === unit ? current : null;
}

function onMessage(conn: Conn, m: Request): void {
  if (closed) {
    fail(conn, m.id, Object.assign(new Error('The embedded database is closed'), { code: '57P01' }));
    return;
  }
  switch (m.t) {
    case 'unit':
      queue.push({ conn, id: m.id, mode: m.mode, chain: Promise.resolve() });
      pump();
      return;
    case 'query':
    case 'exec':
    case 'end': {
      const unit = unitOf(conn, m.unit);
      if (!unit) {
        fail(conn, m.id, new Error('Statement outside its unit of work (the unit ended, or never held the connection)'));
        return;
      }
      unit.chain = unit.chain.then(async () => {
        try {
          if (m.t === 'end') {
            try {
              await finish(unit, m.commit);
            } finally {
              release(unit);
            }
            send(conn, { t: 'done', id: m.id });
            if (unit.mode === 'write' && m.commit) for (const c of conns) if (c !== conn) send(c, { t: 'committed' });
          } else if (m.t === 'exec') {
            await pg.exec(m.sql);
            send(conn, { t: 'done', id: m.id });
          } else {
            const r = await pg.query(m.sql, m.params, { rowMode: m.rowMode, parsers: parsersFor(m.parserOids) });
            const done: Extract<Reply, { t: 'done' }> = {
              t: 'done', id: m.id,
              fields: r.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
              ...(r.affectedRows !== undefined ? { affectedRows: r.affectedRows } : {}),
            };
            conn.slices.set(m.id, { rows: r.rows, at: 0, done });
            sendSlice(conn, m.id);
          }
        } catch (err) {
          fail(conn, m.id, err);
          fatal(err);
        }
      });
      return;
    }
    case 'more':
      sendSlice(conn, m.id);
      return;
    case 'connect':
      if (conn.main) serve(m.port, false);
      send(conn, { t: 'done', id: m.id });
      return;
    case 'close':
      if (!conn.main) {
        fail(conn, m.id, new Error('Only the owning store closes the database'));
        return;
      }
      queue.push({ conn, id: m.id, mode: 'close', chain: Promise.resolve() });
      pump();
      return;
  }
}

/** A port that closed (its thread ended, or its store closed): its queued units go, its running one is rolled back. */
function drop(conn: Conn): void {
  conns.delete(conn);
  for (let i = queue.length - 1; i >= 0; i--) if (queue[i]!.conn === conn && queue[i]!.mode !== 'close') queue.splice(i, 1);
  const unit = current;
  if (unit && unit.conn === conn && unit.mode !== 'close') {
    unit.chain = unit.chain.then(async () => {
      try {
        await finish(unit, false);
      } catch (err) {
        fatal(err);
      } finally {
        release(unit);
      }
    });
  }
}

function serve(port: MessagePort, main: boolean): void {
  const conn: Conn = { port, main, slices: new Map() };
  conns.add(conn);
  port.on('message', (m: Request) => onMessage(conn, m));
  port.on('close', () => drop(conn));
}

/** PostgreSQL's 128 MB default of shared buffers lives in the WASM memory, which never shrinks; the operating
 *  system's page cache holds the data files anyway (NODEFS), so a smaller pool costs little and keeps ~100 MiB
 *  off the process (issue 18 point 7). */
const SETTINGS = ['-c', 'shared_buffers=32MB'];

async function start(): Promise<void> {
  try {
    pg = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { postgis: postgisCore }, startParams: [...PGlite.defaultStartParams, ...SETTINGS] });
    // PGlite keeps each extension's unpacked bundle (a Blob) after copying its files in; nothing reads it again.
    const mod = (pg as unknown as { mod?: { pg_extensions?: unknown } }).mod;
    if (mod && 'pg_extensions' in mod) mod.pg_extensions = {};
  } catch (err) {
    // Why it could not open, to the owning store; closing the port then ends this thread.
    mainPort.postMessage({ t: 'error', id: 0, error: serializeError(err) } satisfies Reply);
    mainPort.close();
    return;
  }
  serve(mainPort, true);
  mainPort.postMessage({ t: 'done', id: 0 } satisfies Reply);
}

logMemory('pglite', () => (pg as unknown as { Module?: { HEAPU8?: Uint8Array } } | undefined)?.Module?.HEAPU8?.length ?? 0);
void start();
