// A Store over a MessagePort served by the PGlite worker (ADR 0016). The main thread's store is one; any other
// worker thread gets its own from the main store's connectPort():
//
//   main thread:    const port = store.connectPort!();  new Worker(url, { workerData: { port }, transferList: [port] })
//   other worker:   const store = storeOverPort(workerData.port);  await store.read((db) => …);  await store.close();
//
// Same API and rules as the main thread's store: read() and write() units are serialised with every other unit
// of every port (one connection, granted in arrival order), write() is one transaction, listeners hear every
// committed write of any port. No migrations run from here (the owning store ran them). close() closes only
// this port; the database stays open for its owner. If the database worker stops, every call fails with
// DatabaseDown (SQLSTATE 08006: answered 503), never hangs.
import type { MessagePort } from 'node:worker_threads';
import { PgDialect } from 'drizzle-orm/pg-core';
import { createTableRelationsHelpers, extractTablesRelationalConfig } from 'drizzle-orm';
import { PgliteDatabase, PgliteSession, PgliteTransaction } from 'drizzle-orm/pglite';
import * as schema from './schema.js';
import type { Db, Store } from './database.js';
import { DatabaseDown, deserializeError, type Reply, type Request } from './port-protocol.js';

export { DatabaseDown } from './port-protocol.js';

type Done = Extract<Reply, { t: 'done' }>;
type Outgoing = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

interface Waiting {
  resolve: (r: Done | Extract<Reply, { t: 'granted' }>) => void;
  reject: (e: Error) => void;
  rows?: unknown[];
}

/** Requests and replies over one port, with the port keeping the thread alive only while an answer is awaited. */
export class PortClient {
  private next = 1;
  private readonly waiting = new Map<number, Waiting>();
  private down: Error | null = null;
  onCommitted: () => void = () => undefined;

  constructor(readonly port: MessagePort) {
    port.on('message', (m: Reply) => this.receive(m));
    port.on('close', () => this.fail(new DatabaseDown('its thread stopped')));
    port.unref();
  }

  /** The owning store's worker answers request 0 once the database is open (or says why it is not). */
  async ready(): Promise<void> {
    await new Promise((resolve, reject) => {
      this.waiting.set(0, { resolve, reject });
      this.port.ref();
    });
  }

  /** Every awaited and later call fails with this error (the database is gone, or this port closed). */
  fail(err: Error): void {
    if (!this.down) this.down = err;
    const all = [...this.waiting.values()];
    this.waiting.clear();
    this.port.unref();
    for (const w of all) w.reject(err);
  }

  get isDown(): boolean {
    return this.down !== null;
  }

  request(msg: Outgoing, transfer: Transferable[] = []): Promise<Done | Extract<Reply, { t: 'granted' }>> {
    if (this.down) return Promise.reject(this.down);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      if (this.waiting.size === 1) this.port.ref();
      try {
        this.port.postMessage({ ...msg, id } as Request, transfer as never);
      } catch (err) {
        this.settle(id);
        reject(err as Error);
      }
    });
  }

  private settle(id: number): Waiting | undefined {
    const w = this.waiting.get(id);
    this.waiting.delete(id);
    if (this.waiting.size === 0) this.port.unref();
    return w;
  }

  private receive(m: Reply): void {
    if (m.t === 'committed') {
      this.onCommitted();
      return;
    }
    if (m.t === 'error' && m.id === -1) {
      // The worker is stopping (its engine trapped): nothing pending will be answered.
      this.fail(new DatabaseDown(deserializeError(m.error).message));
      return;
    }
    if (m.t === 'rows') {
      // A slice of a large result: keep it and ask for the next, so each arrives in its own short task.
      const w = this.waiting.get(m.id);
      if (!w) return;
      (w.rows ??= []).push(...m.rows);
      this.port.postMessage({ t: 'more', id: m.id } satisfies Request);
      return;
    }
    const w = this.settle(m.id);
    if (!w) return;
    if (m.t === 'error') w.reject(deserializeError(m.error));
    else if (m.t === 'done' && w.rows) w.resolve({ ...m, rows: m.rows ? w.rows.concat(m.rows) : w.rows });
    else w.resolve(m);
  }

  /** Runs fn while this port's unit holds the connection; a write commits if fn resolves, rolls back if it throws. */
  async unit<T>(mode: 'read' | 'write', fn: (c: UnitClient) => Promise<T>): Promise<T> {
    const { id: unit } = await this.request({ t: 'unit', mode });
    const client = new UnitClient(this, unit);
    let result: T;
    try {
      result = await fn(client);
    } catch (err) {
      await this.request({ t: 'end', unit, commit: false }).catch(() => undefined);
      throw err;
    }
    await this.request({ t: 'end', unit, commit: true });
    return result;
  }
}

/** What drizzle's PGlite session calls on its client (query, transaction), sent to the worker for one unit. */
export class UnitClient {
  constructor(private readonly conn: PortClient, private readonly unit: number) {}

  async query(sql: string, params: unknown[] = [], options: { rowMode?: 'object' | 'array'; parsers?: Record<number, unknown> } = {}) {
    const r = (await this.conn.request({
      t: 'query', unit: this.unit, sql, params, rowMode: options.rowMode ?? 'object',
      parserOids: Object.keys(options.parsers ?? {}).map(Number),
    })) as Done;
    return { rows: r.rows ?? [], fields: r.fields ?? [], ...(r.affectedRows !== undefined ? { affectedRows: r.affectedRows } : {}) };
  }

  async exec(sql: string): Promise<void> {
    await this.conn.request({ t: 'exec', unit: this.unit, sql });
  }

  /** db.transaction() inside a read unit: BEGIN … COMMIT on the unit's connection, as PGlite's own does. */
  async transaction<T>(fn: (tx: UnitClient) => Promise<T>): Promise<T> {
    await this.exec('BEGIN');
    try {
      const result = await fn(this);
      await this.exec('COMMIT');
      return result;
    } catch (err) {
      await this.exec('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }
}

const dialect = new PgDialect();
const tables = extractTablesRelationalConfig(schema, createTableRelationsHelpers);
const relational = { fullSchema: schema, schema: tables.tables, tableNamesMap: tables.tableNamesMap } as never;

/** drizzle over one unit: the same session drizzle-orm/pglite builds, so results have exactly the same values. */
function sessionOf(client: UnitClient) {
  return new PgliteSession(client as never, dialect, relational, {});
}
const dbOf = (client: UnitClient) => new PgliteDatabase(dialect, sessionOf(client), relational) as unknown as Db;
/** The write unit's transaction is already begun by the worker: drizzle's tx object without a second BEGIN. */
const txOf = (client: UnitClient) => new PgliteTransaction(dialect, sessionOf(client), relational) as unknown as Db;

/** The Store API over a PortClient. closePort: what close() does (a worker's store just closes its port). */
export function storeOverClient(client: PortClient, close: () => Promise<void>): Store {
  const listeners = new Set<() => void>();
  const committed = <T>(result: T): T => {
    for (const l of listeners) queueMicrotask(l);
    return result;
  };
  // Commits made through other ports: this store's listeners hear them too (the worker tells every other port).
  client.onCommitted = () => committed(undefined);
  return {
    kind: 'pglite',
    read: (fn) => client.unit('read', (c) => fn(dbOf(c))),
    write: (fn) => client.unit('write', (c) => fn(txOf(c))).then(committed),
    execScript: (script) => client.unit('write', (c) => c.exec(script)).then(committed),
    listen: (_channel, onNotify, onListen) => {
      const l = () => onNotify();
      listeners.add(l);
      onListen?.();
      return Promise.resolve(async () => {
        listeners.delete(l);
      });
    },
    close,
  };
}

/** A Store on the embedded database from any worker thread, over a port from the owning store's connectPort(). */
export function storeOverPort(port: MessagePort): Store {
  const client = new PortClient(port);
  return storeOverClient(client, async () => {
    client.fail(new DatabaseDown('this store was closed'));
    port.close();
  });
}
