// Before the embedded database opens DATA_DIR: can it be written, and is there room? PGlite on a full disk spins
// at 100 % CPU for good, and on a read-only or missing directory it dies with "ErrnoError { errno: 51 }": neither
// tells the user what is wrong. This says it in one sentence, before PGlite is started.
import { closeSync, mkdirSync, openSync, statfsSync, unlinkSync, writeSync, fsyncSync } from 'node:fs';
import { join, resolve } from 'node:path';

export class DataDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirError';
  }
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of the path is a file, not a directory',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EEXIST: 'a file of that name is in the way',
};

const reason = (err: unknown) => {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  return REASONS[code] ?? `${code || 'error'}: ${(err as Error).message}`;
};

/** Throws DataDirError unless dataDir exists (or can be made), takes a written and synced file, and has at
 *  least minFreeMb megabytes free for this user. */
export function checkDataDir(dataDir: string, minFreeMb: number): void {
  const dir = resolve(dataDir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new DataDirError(`DATA_DIR ${dir} cannot be created (${reason(err)}): create it with write access for this user, or set DATA_DIR to another directory.`);
  }
  let free: number;
  try {
    const s = statfsSync(dir);
    free = (s.bavail * s.bsize) / 1024 / 1024;
  } catch (err) {
    throw new DataDirError(`DATA_DIR ${dir} cannot be examined (${reason(err)}).`);
  }
  // Below the minimum, even the probe below might be the write that fills the disk.
  if (free < minFreeMb) {
    throw new DataDirError(`DATA_DIR ${dir} has ${free.toFixed(0)} MB free; at least ${minFreeMb} MB are needed to start (free some space, or set DATA_DIR_MIN_FREE_MB).`);
  }
  const probe = join(dir, `.write-probe-${process.pid}`);
  try {
    const fd = openSync(probe, 'w');
    try {
      writeSync(fd, Buffer.alloc(64 * 1024));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw new DataDirError(`DATA_DIR ${dir} is not writable (${reason(err)}): give this user write access to it, or set DATA_DIR to another directory.`);
  } finally {
    try {
      unlinkSync(probe);
    } catch {
      /* never created */
    }
  }
}
