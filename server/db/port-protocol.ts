// The messages between a store's client side (any thread) and the PGlite worker that owns the data
// directory (ADR 0016). One unit of work (a read, or a write transaction) holds the one connection from
// 'granted' to 'end': the worker grants units one at a time, across every connected port, in arrival order.
import type { MessagePort } from 'node:worker_threads';

/** Client → worker. `id` numbers requests per port; the answer carries the same id. */
export type Request =
  /** Queue a unit; answered 'granted' when it holds the connection (a write has begun its transaction). */
  | { t: 'unit'; id: number; mode: 'read' | 'write' }
  /** A statement inside the granted unit. parserOids: types whose text is returned as is (drizzle's parsers). */
  | { t: 'query'; id: number; unit: number; sql: string; params: unknown[]; rowMode: 'object' | 'array'; parserOids: number[] }
  /** A multi-statement script inside the granted unit (migrations). */
  | { t: 'exec'; id: number; unit: number; sql: string }
  /** The next slice of a large result (rows are sent in slices so no one message freezes the receiver). */
  | { t: 'more'; id: number }
  /** Ends the unit: a write commits (or rolls back); the connection goes to the next unit. */
  | { t: 'end'; id: number; unit: number; commit: boolean }
  /** Serve another port (a store in another thread). Main port only. */
  | { t: 'connect'; id: number; port: MessagePort }
  /** Close the database after every queued unit. Main port only. */
  | { t: 'close'; id: number };

/** Worker → client. */
export type Reply =
  | { t: 'granted'; id: number }
  | { t: 'rows'; id: number; rows: unknown[] }
  | { t: 'done'; id: number; fields?: { name: string; dataTypeID: number }[]; affectedRows?: number; rows?: unknown[] }
  | { t: 'error'; id: number; error: SerializedError }
  /** Another port committed a write: listeners of this store are told (the event hub reads the change log). */
  | { t: 'committed' };

/** Rows per message: a slice is cloned on receipt in one task, so a large result arrives in many short ones. */
export const ROWS_PER_SLICE = 2000;

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  /** Own enumerable fields that structured clone keeps: SQLSTATE code, severity, detail, errno… */
  props: Record<string, unknown>;
  cause?: SerializedError;
}

/** The database's error, faithfully: its code, message and every plain field survive the thread boundary. */
export function serializeError(err: unknown, depth = 0): SerializedError {
  if (!(err instanceof Error) && (typeof err !== 'object' || err === null)) {
    return { name: 'Error', message: String(err), props: {} };
  }
  const e = err as Error & Record<string, unknown>;
  const props: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) {
    if (k === 'cause' || k === 'message' || k === 'name' || k === 'stack') continue;
    if (v === null || ['string', 'number', 'boolean', 'bigint', 'undefined'].includes(typeof v)) props[k] = v;
  }
  return {
    name: String(e.name ?? 'Error'),
    message: String(e.message ?? ''),
    ...(typeof e.stack === 'string' ? { stack: e.stack } : {}),
    props,
    ...(e.cause !== undefined && depth < 4 ? { cause: serializeError(e.cause, depth + 1) } : {}),
  };
}

/** An error raised by the database in the worker, with the same name, message, code and fields. */
export class WorkerDatabaseError extends Error {
  [key: string]: unknown;
}

export function deserializeError(s: SerializedError): Error {
  const err = new WorkerDatabaseError(s.message, s.cause ? { cause: deserializeError(s.cause) } : undefined);
  Object.assign(err, s.props);
  Object.defineProperty(err, 'name', { value: s.name, enumerable: false, writable: true, configurable: true });
  if (s.stack) err.stack = `${s.stack}\n    at (PGlite worker thread)\n${(err.stack ?? '').split('\n').slice(1).join('\n')}`;
  return err;
}

/** The database worker is gone (crashed, or closed): answered 503 like an unreachable PostgreSQL (faults.ts). */
export class DatabaseDown extends Error {
  /** SQLSTATE connection_failure: dbFaultOf reads it as 'unavailable'. */
  readonly code = '08006';
  constructor(reason: string) {
    super(`The embedded database is not running: ${reason}`);
    this.name = 'DatabaseDown';
  }
}
