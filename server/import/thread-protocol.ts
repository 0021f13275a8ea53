// The messages between the request thread (off-thread.ts) and the import thread (worker.ts): rosters, roads and
// water (context layers), and boundaries (streets, grids, business districts, buildings), whose files are parsed
// and checked there too.
import type { MessagePort } from 'node:worker_threads';
import type { SerializedError } from '../db/port-protocol.js';
import type { FileErrorStatus } from './errors.js';
import type { AcceptOptions, RosterOptions } from './run.js';
import type { ContextOptions } from './run-context.js';
import type { BoundaryOptions } from './run-boundaries.js';
import type { Principal } from '../auth/principal.js';

/** What the import thread starts with: where its database is. */
export interface ImportWorkerData {
  databaseUrl?: string;
  statementTimeoutS: number;
  storePort?: MessagePort;
}

export type ImportRequest =
  | { id: number; op: 'preview'; bytes: Uint8Array; opts: RosterOptions }
  | { id: number; op: 'accept'; bytes: Uint8Array; opts: AcceptOptions }
  | { id: number; op: 'contextPreview'; bytes: Uint8Array; opts: ContextOptions }
  | { id: number; op: 'contextAccept'; bytes: Uint8Array; opts: ContextOptions & { skipInvalid: boolean }; actor: string }
  | { id: number; op: 'boundaryPreview'; bytes: Uint8Array; opts: BoundaryOptions }
  | { id: number; op: 'boundaryAccept'; bytes: Uint8Array; opts: BoundaryOptions & { skipInvalid: boolean }; principal: Principal; actor: string }
  | { id: number; op: 'cancel' };

export type ImportReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; file: { status: FileErrorStatus; message: string; details: unknown } }
  /** An API refusal raised in the thread (a grid file's stale versions or broken tiling): answered as it was. */
  | { id: number; ok: false; api: { status: number; code: string; message: string; details: unknown } }
  | { id: number; ok: false; error: SerializedError };

