// One data directory, one owner (ADR 0014). Two PGlite instances on one directory each keep their own
// view of the files and overwrite each other's pages: a CLI import "written" while the server ran was
// silently lost. So whichever process opens a DATA_DIR first holds DATA_DIR/owner.lock (created with
// O_EXCL, so of two processes starting at once exactly one wins) until it closes the store or exits;
// every other process is refused with one sentence saying who holds it.
//
// A lock left by a process that died (kill -9, power loss) is taken over when its pid is no longer
// alive on this host. A lock written on another host (a data directory on a network share) cannot be
// checked: the sentence says so and which file to remove once that server is known to be stopped.
import { closeSync, openSync, readFileSync, renameSync, rmdirSync, mkdirSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

export const OWNER_LOCK_FILE = 'owner.lock';

export interface OwnerRecord {
  pid: number;
  host: string;
  /** ISO time the owning process started. */
  startedAt: string;
  /** What holds it: "server", "import CLI", … */
  role: string;
  /** Where the owning server answers, once it listens. */
  url?: string;
}

/** Refusal to open a data directory another process holds; the message is the one sentence to show. */
export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string, readonly holder: OwnerRecord | null, message: string) {
    super(message);
    this.name = 'DataDirInUseError';
  }
}

export interface OwnerLock {
  readonly path: string;
  readonly record: OwnerRecord;
  /** Rewrites the record (e.g. with the URL the server listens on); only while held. */
  update(patch: Partial<OwnerRecord>): void;
  /** Removes the lock file if it is still this lock's. Idempotent. */
  release(): void;
}

/** Lock files this process holds, so a second open in the same process is refused too, and a lock
 *  carrying this process's own pid that is not in here was left by an earlier process (pid reuse, e.g. pid 1
 *  in a container) and is stale. */
const held = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user; it is alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readRecord(path: string): OwnerRecord | null {
  try {
    const r = JSON.parse(readFileSync(path, 'utf8')) as Partial<OwnerRecord>;
    if (typeof r.pid !== 'number' || typeof r.host !== 'string') return null;
    return { pid: r.pid, host: r.host, startedAt: String(r.startedAt ?? ''), role: String(r.role ?? 'process'), ...(r.url ? { url: String(r.url) } : {}) };
  } catch {
    return null;
  }
}

function describe(r: OwnerRecord): string {
  return `the ${r.role} (pid ${r.pid} on ${r.host}, started ${r.startedAt}${r.url ? `, answering at ${r.url}` : ''})`;
}

/** Whether the recorded owner is certainly gone. An unreadable record (a crash between create and
 *  write) is stale only when the file is older than a few seconds: a live owner writes it at once. */
function isStale(path: string, r: OwnerRecord | null): boolean {
  if (!r) {
    try {
      return Date.now() - statSync(path).mtimeMs > 5_000;
    } catch {
      return true;
    }
  }
  if (r.host !== hostname()) return false;
  if (r.pid === process.pid) return !held.has(path);
  return !isAlive(r.pid);
}

/** Removes a stale lock under a short-lived mkdir mutex, so two processes that both found it stale
 *  cannot have one remove the lock the other has just taken. */
function removeStale(path: string, seen: OwnerRecord | null): void {
  const reaper = `${path}.reap`;
  try {
    mkdirSync(reaper);
  } catch {
    // Someone else is reaping; a reaper left by a crash is itself removed after a while.
    try {
      if (Date.now() - statSync(reaper).mtimeMs > 10_000) rmdirSync(reaper);
    } catch {
      /* gone meanwhile */
    }
    return;
  }
  try {
    const now = readRecord(path);
    const same = JSON.stringify(now) === JSON.stringify(seen);
    if (same && isStale(path, now)) unlinkSync(path);
  } catch {
    /* already gone */
  } finally {
    rmdirSync(reaper);
  }
}

function processStart(): string {
  return new Date(Date.now() - process.uptime() * 1000).toISOString();
}

/** Takes DATA_DIR/owner.lock for this process, or throws DataDirInUseError. */
export function acquireOwnerLock(dataDir: string, role: string): OwnerLock {
  const dir = resolve(dataDir);
  const path = join(dir, OWNER_LOCK_FILE);
  const record: OwnerRecord = { pid: process.pid, host: hostname(), startedAt: processStart(), role };
  for (let attempt = 0; attempt < 20; attempt++) {
    if (held.has(path)) {
      throw new DataDirInUseError(dir, readRecord(path), `The data directory ${dir} is already open in this process.`);
    }
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o644);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readRecord(path);
      if (isStale(path, holder)) {
        removeStale(path, holder);
        continue;
      }
      if (!holder) {
        // Created a moment ago and not yet written: read it again shortly.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
        continue;
      }
      const elsewhere = holder.host !== hostname();
      throw new DataDirInUseError(
        dir,
        holder,
        `The data directory ${dir} is in use by ${describe(holder)}; only one process may open it at a time` +
          (elsewhere ? ` (if that process is certainly stopped, remove ${path})` : '') + '.',
      );
    }
    try {
      writeSync(fd, JSON.stringify(record));
    } finally {
      closeSync(fd);
    }
    held.add(path);
    return makeLock(path, record);
  }
  throw new DataDirInUseError(dir, readRecord(path), `The data directory ${dir} is being taken by another process right now; try again.`);
}

function makeLock(path: string, record: OwnerRecord): OwnerLock {
  let current = record;
  const release = () => {
    if (!held.has(path)) return;
    held.delete(path);
    process.off('exit', release);
    const r = readRecord(path);
    // Never remove a lock that is no longer ours (someone removed ours by hand and took it).
    if (r && (r.pid !== current.pid || r.host !== current.host)) return;
    try {
      unlinkSync(path);
    } catch {
      /* already gone */
    }
  };
  // An exit without close() (process.exit after an error) still leaves the directory free.
  process.on('exit', release);
  return {
    path,
    get record() {
      return current;
    },
    update(patch) {
      if (!held.has(path)) return;
      current = { ...current, ...patch };
      // Written aside and renamed over: a reader sees the old record or the new one, never half of one.
      const tmp = `${path}.${process.pid}.tmp`;
      const fd = openSync(tmp, 'w', 0o644);
      try {
        writeSync(fd, JSON.stringify(current));
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, path);
    },
    release,
  };
}
