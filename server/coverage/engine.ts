// The request thread's side of the coverage engine: a thin client that asks named questions (questions.ts) and
// gets plain data back. The model itself lives in the coverage worker thread on PostgreSQL (worker.ts, with its own
// connection), so a city build never holds up a request that does not need figures (issue 18 point 1). On PGlite
// the worker reads the embedded database over a port on its own worker thread (db/store-port.ts).
// Until the first build is done — and after a worker crash, while the restarted worker rebuilds — figures are
// answered 503 "computing" (CoverageComputing) at once instead of making requests wait.
import { AskQueue, laneOf } from './ask-queue.js';
import { Worker, type MessagePort } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import { rows, type Store } from '../db/store.js';
import { DEFAULT_REACH_CONFIG, type ReachConfig } from '../domain/coverage/reach.js';
import type { Level } from '../domain/coverage/types.js';
import type { GapFilter, GapKind, GapLevel } from '../domain/coverage/gaps.js';
import type { Thresholds } from '../domain/coverage/warnings.js';
import { chinaToday } from '../clock.js';
import { CoverageComputing } from './computing.js';
import { ReachConfigSchema } from './contract.js';
import { CoverageHost, type HostOptions, type HostStats } from './host.js';
import type { Answer, Question } from './questions.js';
import type { Reply, Request, WorkerData } from './worker.js';
import { COVERAGE_YOUNG_GENERATION_MB } from '../heap-flags.js';

/** Seconds a client is told to wait for figures being computed: soon enough to show them shortly after, rare enough not to load the server. */
const RETRY_AFTER_S = 5;

type Call = { op: 'ask'; q: Question; today: string; seen?: number } | { op: 'warm' | 'rebuild'; today: string } | { op: 'stats' } | { op: 'exhaust' };

interface Backend {
  call(req: Call): Promise<unknown>;
  close(): Promise<void>;
}

/** The model in this thread (PGlite until its store can be reached from a worker; the CLIs). */
class InThread implements Backend {
  private readonly host: CoverageHost;
  constructor(store: Store, opts: HostOptions) {
    this.host = new CoverageHost(store, opts);
  }
  call(req: Call): Promise<unknown> {
    switch (req.op) {
      case 'ask':
        return this.host.ask(req.q, req.today, req.seen);
      case 'warm':
        return this.host.warm(req.today);
      case 'rebuild':
        return this.host.rebuildNow(req.today);
      case 'stats':
        return Promise.resolve(this.host.stats());
      case 'exhaust':
        return Promise.reject(new Error('exhaust: only a worker with a heap cap'));
    }
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** The model in a worker thread. If the thread dies (a crash, or its heap cap reached), every pending call is
 *  answered "computing" and onExit runs. */
class InWorker implements Backend {
  private readonly worker: Worker;
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private closing = false;

  constructor(data: Omit<WorkerData, 'entry'>, heapMb: number | undefined, onExit: (err: unknown) => void) {
    const ts = import.meta.url.endsWith('.ts');
    const entry = new URL(ts ? './worker.ts' : './worker.js', import.meta.url).href;
    this.worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
      workerData: { ...data, entry } satisfies WorkerData,
      transferList: data.storePort ? [data.storePort] : [],
      name: 'coverage',
      // The old generation capped: V8 collects within it instead of growing to a few times the live set, and a
      // model that outgrows it ends this thread (ERR_WORKER_OUT_OF_MEMORY), not the process. The young generation
      // is V8's default, whatever the server's other threads use (heap-flags.ts).
      resourceLimits: { maxYoungGenerationSizeMb: COVERAGE_YOUNG_GENERATION_MB, ...(heapMb ? { maxOldGenerationSizeMb: heapMb } : {}) },
    });
    this.worker.unref();
    this.worker.on('message', (reply: Reply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.worker.unref();
      if (reply.ok) p.resolve(reply.value);
      else p.reject(revive(reply.error));
    });
    let failure: unknown = null;
    this.worker.on('error', (err) => (failure = err));
    this.worker.on('exit', (code) => {
      for (const p of this.pending.values()) p.reject(new CoverageComputing(RETRY_AFTER_S));
      this.pending.clear();
      if (!this.closing) onExit(failure ?? new Error(`The coverage worker stopped (exit code ${code})`));
    });
  }

  call(req: Call): Promise<unknown> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      // The thread keeps the process alive only while an answer is awaited (a CLI or bench exits when done).
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...req, id } as Request);
    });
  }

  /** Ends the thread as a crash would (the engine restarts it); for tests of that recovery. 'oom': it allocates
   *  until its heap cap ends it (refused by a thread without a cap). */
  async kill(how: 'terminate' | 'oom'): Promise<void> {
    if (how === 'terminate') {
      await this.worker.terminate();
      return;
    }
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.call({ op: 'exhaust' }).catch(() => undefined);
    await exited;
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }
}

/** An error from the worker, rebuilt with the codes the error handler maps (a database fault stays a 503). */
function revive(e: { name: string; message: string; code?: string; errno?: number }): Error {
  if (e.name === 'CoverageComputing') return new CoverageComputing(RETRY_AFTER_S);
  const err = new Error(e.message) as Error & { code?: string; errno?: number };
  err.name = e.name;
  if (e.code !== undefined) err.code = e.code;
  if (e.errno !== undefined) err.errno = e.errno;
  return err;
}

/** Restarts after a crash: at once the first time, then waiting twice as long after each crash that follows
 *  without a completed build in between (a model that outgrows the heap cap would otherwise rebuild in a loop). */
const RESTART_BACKOFF_MS = { first: 1_000, max: 5 * 60_000 };

export interface AskOptions {
  /** The request's: a question whose client left while it waited is never asked. */
  signal?: AbortSignal;
  /** A change-log id the caller read during its request: a model that has seen it answers without reading the
   *  log again (a tile's figures; the tile read the log for its own version a moment before). */
  seen?: number;
}

export interface EngineOptions extends HostOptions {
  /** PostgreSQL: the worker opens its own connection to this database. Without it, on a store that offers a port
   *  (PGlite in its worker) the worker reads over a port; otherwise the model stays in this thread. */
  databaseUrl?: string;
  /** Keep the model in this thread (a CLI that asks once and exits). */
  inThread?: boolean;
  /** The coverage worker's old-generation cap in MiB (COVERAGE_HEAP_MB, env.ts); none: V8's default. */
  heapMb?: number;
}

export class CoverageEngine {
  /** Started at the first call: a store that never asks for figures (a CLI, most tests) starts no thread. */
  private started: Backend | null = null;
  /** The first build (or the rebuild after a crash), while it runs in the background. */
  private warming: Promise<void> | null = null;
  private closed = false;
  /** Worker restarts after a crash, for tests and the health report. */
  restarts = 0;
  /** Questions wait here for their lane's turn (quick ones never behind more than one long analysis). */
  readonly queue = new AskQueue();
  /** Crashes since the last completed build (the restart backoff), and the pending restart. */
  private crashes = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  /** Why the worker last died ("out of memory" when its heap cap ended it), for the health report. */
  lastCrash: string | null = null;

  constructor(
    private readonly store: Store,
    readonly today: () => string = () => chinaToday(),
    private readonly opts: EngineOptions = {},
  ) {}

  private get backend(): Backend {
    this.started ??= this.start();
    return this.started;
  }

  /** A call to the backend; while a crashed worker waits to be restarted, "computing" at once. */
  private call(req: Call): Promise<unknown> {
    if (this.restartTimer) return Promise.reject(new CoverageComputing(RETRY_AFTER_S));
    return this.backend.call(req);
  }

  /** Where the model lives. */
  get inWorker(): boolean {
    return !this.opts.inThread && (!!this.opts.databaseUrl || !!this.store.connectPort);
  }

  private start(): Backend {
    const { databaseUrl, inThread, heapMb, ...host } = this.opts;
    if (inThread || (!databaseUrl && !this.store.connectPort)) return new InThread(this.store, host);
    const where = databaseUrl ? { databaseUrl } : { storePort: (this.store.connectPort as () => MessagePort)() };
    return new InWorker({ ...where, ...host }, heapMb, (err) => this.crashed(err));
  }

  private crashed(err: unknown): void {
    if (this.closed) return;
    const oom = (err as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
    this.lastCrash = oom ? `out of memory (heap cap ${this.opts.heapMb} MiB)` : err instanceof Error ? err.message : String(err);
    this.restarts++;
    this.started = null;
    const delay = this.crashes === 0 ? 0 : Math.min(RESTART_BACKOFF_MS.max, RESTART_BACKOFF_MS.first * 2 ** (this.crashes - 1));
    this.crashes++;
    console.error(
      `${err instanceof Error ? err.message : String(err)}: restarting the coverage worker${delay ? ` in ${delay / 1000} s` : ''}` +
        (oom ? ` (its heap reached COVERAGE_HEAP_MB=${this.opts.heapMb}; figures are answered 503 until it is back)` : ''),
    );
    const restart = () => {
      this.restartTimer = null;
      if (this.closed) return;
      this.started = this.start();
      this.warmUp().catch(() => undefined);
    };
    if (delay === 0) restart();
    else (this.restartTimer = setTimeout(restart, delay)).unref();
  }

  async reachConfig(): Promise<ReachConfig> {
    const [r] = await this.store.read((db) => rows<{ value: unknown }>(db, sql`SELECT value FROM settings WHERE key = 'reach'`));
    const parsed = ReachConfigSchema.safeParse(r?.value);
    return parsed.success ? parsed.data : DEFAULT_REACH_CONFIG;
  }

  /**
   * Starts the first build without waiting for it: until it is done, questions throw CoverageComputing at once
   * (answered 503 + Retry-After) instead of making requests queue behind it. Resolves when the build is done;
   * if it fails (the database is down at start), the next question builds as it would without this.
   */
  warmUp(): Promise<void> {
    const warming = (this.call({ op: 'warm', today: this.today() }) as Promise<void>)
      .then(() => {
        // A completed build: the next crash restarts at once again.
        this.crashes = 0;
      })
      .finally(() => {
        if (this.warming === warming) this.warming = null;
      });
    this.warming = warming;
    return warming;
  }

  /** Whether figures can be answered now (no first build running, no crashed worker waiting to restart). */
  get ready(): boolean {
    return this.warming === null && this.restartTimer === null;
  }

  /**
   * A named question, answered from the model current with every committed write. It waits its turn in its lane
   * (ask-queue.ts); `signal`: the request's, so a question whose client left while it waited is never asked.
   */
  ask<Q extends Question>(q: Q, opts: AskOptions = {}): Promise<Answer<Q>> {
    if (this.warming) return Promise.reject(new CoverageComputing(RETRY_AFTER_S));
    const call: Call = { op: 'ask', q, today: this.today(), ...(opts.seen !== undefined ? { seen: opts.seen } : {}) };
    return this.queue.run(laneOf(q), opts.signal, () => this.call(call) as Promise<Answer<Q>>);
  }

  summary(level: Level, id: string, asOf?: string, signal?: AbortSignal) {
    return this.ask({ q: 'summary', level, id, ...(asOf ? { asOf } : {}) }, { signal });
  }

  gaps(level: GapLevel, kind: GapKind, filter: GapFilter, asOf?: string, signal?: AbortSignal) {
    return this.ask({ q: 'gaps', level, kind, filter, ...(asOf ? { asOf } : {}) }, { signal });
  }

  trend(level: Exclude<Level, 'building'>, id: string, months: number, signal?: AbortSignal) {
    return this.ask({ q: 'trend', level, id, months }, { signal });
  }

  warnings(thresholds: Thresholds, level: 'street' | 'district', id: string, signal?: AbortSignal) {
    return this.ask({ q: 'warnings', thresholds, level, id }, { signal });
  }

  building(id: number, asOf?: string, signal?: AbortSignal) {
    return this.ask({ q: 'building', id, ...(asOf ? { asOf } : {}) }, { signal });
  }

  stats(): Promise<HostStats> {
    return this.call({ op: 'stats' }) as Promise<HostStats>;
  }

  /** A full rebuild now (the benchmark's). */
  rebuild(): Promise<void> {
    return this.call({ op: 'rebuild', today: this.today() }) as Promise<void>;
  }

  /** Ends the worker as a crash would, or (`oom`) by filling its heap (tests of the recovery); false when the
   *  model is in this thread. */
  async kill(how: 'terminate' | 'oom' = 'terminate'): Promise<boolean> {
    if (!(this.started instanceof InWorker)) return false;
    await this.started.kill(how);
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    await this.started?.close();
  }
}
