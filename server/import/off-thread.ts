// The request thread's side of the import worker (worker.ts): one thread per store, started at the first roster,
// road/water or boundary import and restarted after it dies; a request is a message, its answer a message. Errors come back as they were
// thrown: an ImportFileError keeps its status and report, a database fault its SQLSTATE (answered 503/507).
import type { MessagePort, Worker } from 'node:worker_threads';
import type { Store } from '../db/store.js';
import { startTsWorker } from '../db/ts-worker.js';
import { deserializeError } from '../db/port-protocol.js';
import { stillWanted } from '../http/abandoned.js';
import { ImportFileError } from './errors.js';
import { ApiError } from '../http/errors.js';
import type { AcceptOptions, AcceptResult, Preview, RosterOptions } from './run.js';
import type { ContextOptions, ContextPreview, ContextResult } from './run-context.js';
import type { BoundaryOptions, BoundaryPreview, BoundaryResult } from './run-boundaries.js';
import type { Principal } from '../auth/principal.js';
import type { ImportReply, ImportRequest, ImportWorkerData } from './thread-protocol.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

export class ImportThread {
  private current: { worker: Worker; pending: Map<number, Pending> } | null = null;
  private next = 1;
  /** Answers that came back from a thread, and threads started: what tests and /api/health can read. */
  readonly stats = { answered: 0, started: 0 };

  constructor(
    private readonly store: Store,
    private readonly statementTimeoutS: number,
  ) {}

  preview(bytes: Uint8Array, opts: RosterOptions, signal?: AbortSignal): Promise<Preview> {
    stillWanted(signal);
    return this.call({ op: 'preview', bytes, opts }, signal) as Promise<Preview>;
  }

  accept(bytes: Uint8Array, opts: AcceptOptions): Promise<AcceptResult> {
    return this.call({ op: 'accept', bytes, opts }) as Promise<AcceptResult>;
  }

  previewContext(bytes: Uint8Array, opts: ContextOptions, signal?: AbortSignal): Promise<ContextPreview> {
    stillWanted(signal);
    return this.call({ op: 'contextPreview', bytes, opts }, signal) as Promise<ContextPreview>;
  }

  acceptContext(actor: string, bytes: Uint8Array, opts: ContextOptions & { skipInvalid: boolean }): Promise<ContextResult> {
    return this.call({ op: 'contextAccept', bytes, opts, actor }) as Promise<ContextResult>;
  }

  previewBoundaries(bytes: Uint8Array, opts: BoundaryOptions, signal?: AbortSignal): Promise<BoundaryPreview> {
    stillWanted(signal);
    return this.call({ op: 'boundaryPreview', bytes, opts }, signal) as Promise<BoundaryPreview>;
  }

  acceptBoundaries(principal: Principal, actor: string, bytes: Uint8Array, opts: BoundaryOptions & { skipInvalid: boolean }): Promise<BoundaryResult> {
    return this.call({ op: 'boundaryAccept', bytes, opts, principal, actor }) as Promise<BoundaryResult>;
  }

  private call(req: DistributiveOmit<Exclude<ImportRequest, { op: 'cancel' }>, 'id'>, signal?: AbortSignal): Promise<unknown> {
    const { worker, pending } = this.started();
    const id = this.next++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...req } as ImportRequest);
      signal?.addEventListener('abort', () => worker.postMessage({ id, op: 'cancel' } satisfies ImportRequest), { once: true });
    });
  }

  private started(): { worker: Worker; pending: Map<number, Pending> } {
    if (this.current) return this.current;
    const data: ImportWorkerData = this.store.connectUrl
      ? { databaseUrl: this.store.connectUrl, statementTimeoutS: this.statementTimeoutS }
      : { storePort: (this.store.connectPort as () => MessagePort)(), statementTimeoutS: this.statementTimeoutS };
    const worker = startTsWorker(new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url), {
      workerData: data,
      ...(data.storePort ? { transferList: [data.storePort] } : {}),
    });
    // An idle import thread never keeps the process alive.
    worker.unref();
    // This thread's own requests: a thread that dies fails exactly those, never its successor's.
    const pending = new Map<number, Pending>();
    worker.on('message', (r: ImportReply) => {
      const p = pending.get(r.id);
      if (!p) return;
      pending.delete(r.id);
      this.stats.answered++;
      if (r.ok) p.resolve(r.value);
      else if ('file' in r) p.reject(new ImportFileError(r.file.status, r.file.message, r.file.details));
      else if ('api' in r) p.reject(new ApiError(r.api.status as ApiError['status'], r.api.code as ApiError['code'], r.api.message, r.api.details));
      else p.reject(deserializeError(r.error));
    });
    const gone = (why: string) => {
      if (this.current?.worker === worker) this.current = null;
      for (const p of pending.values()) p.reject(new ImportThreadDown(why));
      pending.clear();
    };
    worker.on('error', (err) => gone(err.message));
    worker.on('exit', (code) => gone(`exit ${code}`));
    this.current = { worker, pending };
    this.stats.started++;
    return this.current;
  }

  /** Stops the thread (its database client closes with it); its unfinished requests fail with ImportThreadDown. */
  async close(): Promise<void> {
    const c = this.current;
    this.current = null;
    await c?.worker.terminate();
  }
}

/** The import thread died mid-request (out of memory, a crash): answered 503 like a database fault; the next
 *  import starts a new thread. */
export class ImportThreadDown extends Error {
  /** SQLSTATE connection_failure: dbFaultOf reads it as 'unavailable'. */
  readonly code = '08006';
  constructor(why: string) {
    super(`The import stopped before it finished (${why}); nothing was written, try again.`);
    this.name = 'ImportThreadDown';
  }
}

const threads = new WeakMap<Store, ImportThread>();

/** The import thread of this store; a store another thread cannot reach (neither URL nor port) has none. */
export function importThread(store: Store, statementTimeoutS: number): ImportThread | null {
  if (!store.connectUrl && !store.connectPort) return null;
  let t = threads.get(store);
  if (!t) threads.set(store, (t = new ImportThread(store, statementTimeoutS)));
  return t;
}
