// PostGIS for the embedded database without the parts this application never loads (issue 18 point 7, ADR 0017).
// @electric-sql/pglite-postgis ships one bundle (95 MB unpacked) that PGlite unpacks into its in-memory file
// system at every start, instantiating every library in it: postgis-3.so, but also postgis_raster-3.so (GDAL) and
// postgis_topology-3.so, which nothing here uses, plus the upgrade, tiger-geocoder and legacy scripts. That cost
// ~340 MiB of the process's RSS. The core bundle keeps postgis-3.so, the extension's control file and install
// script (CREATE EXTENSION on a new store) and PROJ's data (ST_Transform): 34 MB. It is cut from the installed
// package's bundle once and cached under the system's temporary directory; if anything about it fails, PGlite gets
// the whole bundle as before.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Extension } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';

/** The bundle's files PostgreSQL reads for the `postgis` extension alone. */
export const CORE_FILE = /^(lib\/postgresql\/postgis-\d+\.so|share\/postgresql\/extension\/postgis(\.control|--\d+(\.\d+)*\.sql)|share\/proj\/.+)$/;

const BLOCK = 512;
const text = (b: Uint8Array) => new TextDecoder().decode(b.subarray(0, b.indexOf(0) < 0 ? b.length : b.indexOf(0)));

/** The entries of a tar archive whose names pass `keep`, plus its directories, byte for byte, as a new archive.
 *  Null if the archive uses records this reader does not follow (long names, extended headers): then whatever
 *  a name says cannot be trusted, and the caller keeps the whole archive. */
export function filterTar(tar: Uint8Array, keep: (name: string) => boolean): Uint8Array | null {
  const parts: Uint8Array[] = [];
  let at = 0;
  while (at + BLOCK <= tar.length) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break;
    const type = String.fromCharCode(header[156]!);
    if (!'0\x0025'.includes(type)) return null;
    const magic = text(header.subarray(257, 263));
    const prefix = magic === 'ustar' ? text(header.subarray(345, 500)) : '';
    const name = (prefix ? `${prefix}/` : '') + text(header.subarray(0, 100));
    const size = parseInt(text(header.subarray(124, 136)).trim() || '0', 8);
    if (!Number.isFinite(size)) return null;
    const end = at + BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (end > tar.length) return null;
    if (type === '5' || keep(name)) parts.push(tar.subarray(at, end));
    at = end;
  }
  parts.push(new Uint8Array(2 * BLOCK));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** A directory only this user can write to (a file another user planted there would be loaded as code). */
function cacheDir(): string | null {
  const uid = process.getuid?.();
  const dir = join(tmpdir(), `pbmap-postgis${uid === undefined ? '' : `-${uid}`}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  if (!st.isDirectory() || (uid !== undefined && (st.uid !== uid || (st.mode & 0o022) !== 0))) return null;
  return dir;
}

/** The core bundle cut from `bundle` (cached by the whole bundle's hash), or null to use `bundle` itself. */
export function coreBundle(bundle: URL): URL | null {
  const dir = cacheDir();
  if (!dir) return null;
  const source = readFileSync(fileURLToPath(bundle));
  const file = join(dir, `postgis-core-${createHash('sha256').update(source).digest('hex').slice(0, 16)}.tar.gz`);
  if (existsSync(file)) return pathToFileURL(file);
  const tar = filterTar(gunzipSync(source), (name) => CORE_FILE.test(name));
  if (!tar) return null;
  // Several processes may start at once: each writes its own file and renames it over the name.
  const tmp = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    writeFileSync(tmp, gzipSync(tar, { level: 1 }), { mode: 0o600 });
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
  return pathToFileURL(file);
}

/** PGlite's `postgis` extension, set up as the package does, loading the core bundle instead of the whole one. */
export const postgisCore: Extension = {
  name: 'postgis',
  setup: async (pg, emscriptenOpts: unknown) => {
    const result = await postgis.setup(pg, emscriptenOpts);
    if (!result.bundlePath) return result;
    let core: URL | null = null;
    try {
      core = coreBundle(result.bundlePath);
    } catch (err) {
      console.warn(`PostGIS: the whole extension bundle is loaded (${err instanceof Error ? err.message : String(err)})`);
    }
    return core ? { ...result, bundlePath: core } : result;
  },
};
