// The import's own thread: reading a spreadsheet of up to 50,000 rows (or a road network or boundary file), checking every cell
// and planning the write take seconds of JavaScript, which on the request thread froze every other request (issue 18 point 1).
// Here the whole preview or accept runs against the same database (its own PostgreSQL client, or a port on the
// embedded database's worker), and the request thread only waits for the answer.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { openPostgres, type Store } from '../db/store.js';
import { storeOverPort } from '../db/store-port.js';
import { serializeError } from '../db/port-protocol.js';
import { acceptRoster, previewRoster, type AcceptOptions, type RosterOptions } from './run.js';
import { acceptContext, previewContext } from './run-context.js';
import { acceptBoundaries, previewBoundaries } from './run-boundaries.js';
import { ImportFileError } from './errors.js';
import { ApiError } from '../http/errors.js';
import type { ImportReply, ImportRequest, ImportWorkerData } from './thread-protocol.js';

const data = workerData as ImportWorkerData;
const port = parentPort;
if (!port) throw new Error('import/worker.ts runs as a worker thread');
const store: Promise<Store> = data.databaseUrl
  ? openPostgres(data.databaseUrl, { migrate: false, statementTimeoutS: data.statementTimeoutS })
  : Promise.resolve(storeOverPort(data.storePort as MessagePort));
/** Requests whose client has gone: their turn for the store finds them cancelled (stillWanted). */
const cancels = new Map<number, AbortController>();

async function run(req: Exclude<ImportRequest, { op: 'cancel' }>): Promise<unknown> {
  const s = await store;
  switch (req.op) {
    case 'preview':
      return previewRoster(s, req.bytes, req.opts as RosterOptions, cancels.get(req.id)?.signal);
    case 'accept':
      return acceptRoster(s, req.bytes, req.opts as AcceptOptions);
    case 'contextPreview':
      return previewContext(s, req.bytes, req.opts);
    case 'contextAccept':
      return acceptContext(s, req.actor, req.bytes, req.opts);
    case 'boundaryPreview':
      return previewBoundaries(s, req.bytes, req.opts, cancels.get(req.id)?.signal);
    case 'boundaryAccept':
      return acceptBoundaries(s, req.principal, req.actor, req.bytes, req.opts);
  }
}

port.on('message', (req: ImportRequest) => {
  if (req.op === 'cancel') {
    cancels.get(req.id)?.abort();
    return;
  }
  cancels.set(req.id, new AbortController());
  run(req)
    .then(
      (value): ImportReply => ({ id: req.id, ok: true, value }),
      (err: unknown): ImportReply =>
        err instanceof ImportFileError
          ? { id: req.id, ok: false, file: { status: err.status, message: err.message, details: err.details } }
          : err instanceof ApiError
            ? { id: req.id, ok: false, api: { status: err.status, code: err.code, message: err.message, details: err.details } }
            : { id: req.id, ok: false, error: serializeError(err) },
    )
    .then((reply) => {
      cancels.delete(req.id);
      port.postMessage(reply);
    });
});
