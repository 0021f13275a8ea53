// The coverage worker thread: owns the coverage model (host.ts) and its own database connection, and answers the
// request thread's named questions (engine.ts is the client). A city build here never holds up a request that
// does not ask for figures (issue 18 point 1).
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import type { Store } from '../db/store.js';
import { CoverageHost, type HostOptions } from './host.js';
import { openWorkerPostgres } from './worker-store.js';
import { storeOverPort } from '../db/store-port.js';
import type { Question } from './questions.js';
import { logMemory } from '../db/memory-log.js';

export interface WorkerData extends HostOptions {
  entry: string;
  databaseUrl?: string;
  /** PGlite: a port on the embedded database's worker (the owning store's connectPort()). */
  storePort?: MessagePort;
}

export type Request =
  | { id: number; op: 'ask'; q: Question; today: string; seen?: number }
  | { id: number; op: 'warm' | 'rebuild'; today: string }
  | { id: number; op: 'stats' }
  | { id: number; op: 'exhaust' };

export type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { name: string; message: string; code?: string; errno?: number } };

const data = workerData as WorkerData;
const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread');
if (!data.databaseUrl && !data.storePort) throw new Error('The coverage worker needs a database URL or a store port');
const store: Store = data.databaseUrl ? openWorkerPostgres(data.databaseUrl) : storeOverPort(data.storePort as MessagePort);
logMemory('coverage');
const host = new CoverageHost(store, { pastCacheBytes: data.pastCacheBytes, snapshots: data.snapshots });

/** An error as plain data: its name, message and the codes dbFaultOf reads (a database fault stays a 503). */
function plain(err: unknown): { name: string; message: string; code?: string; errno?: number } {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, errno } = e as { code?: unknown; errno?: unknown };
    if (typeof code === 'string' || typeof errno === 'number') {
      return { name: (err as Error).name ?? 'Error', message: (err as Error).message ?? String(err), ...(typeof code === 'string' ? { code } : {}), ...(typeof errno === 'number' ? { errno } : {}) };
    }
  }
  return { name: err instanceof Error ? err.name : 'Error', message: err instanceof Error ? err.message : String(err) };
}

async function run(req: Request): Promise<unknown> {
  switch (req.op) {
    case 'ask':
      return host.ask(req.q, req.today, req.seen);
    case 'warm':
      return host.warm(req.today);
    case 'rebuild':
      return host.rebuildNow(req.today);
    case 'stats':
      return host.stats();
    case 'exhaust':
      return exhaust();
  }
}

/** Tests of the out-of-memory recovery: allocates until the heap cap ends this thread. Refused without a cap
 *  (V8's default would take the process's memory with it). */
function exhaust(): never {
  if (getHeapStatistics().heap_size_limit > 2 ** 30) throw new Error('exhaust: only a worker with a heap cap under 1 GiB');
  const hoard: number[][] = [];
  for (;;) hoard.push(Array.from({ length: 100_000 }, (_, i) => i + 0.5));
}

port.on('message', (req: Request) => {
  run(req).then(
    (value) => port.postMessage({ id: req.id, ok: true, value } satisfies Reply),
    (err: unknown) => port.postMessage({ id: req.id, ok: false, error: plain(err) } satisfies Reply),
  );
});
