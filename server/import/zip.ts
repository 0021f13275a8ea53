// Reading zip archives (xlsx, zipped shapefiles) without trusting them: the central directory's declared sizes
// are capped before anything is inflated, and actual inflated bytes are counted while inflating, in small
// slices, so a zip bomb (or an entry lying about its size) stops at the cap instead of filling memory.
import { Inflate } from 'fflate';
import { ImportFileError } from './errors.js';

export interface ZipLimits {
  /** Total inflated bytes over all entries. */
  maxTotal: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotal: 100 * 1024 * 1024, maxEntries: 2000 };

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export const isZip = (b: Uint8Array): boolean => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6);

function entryName(raw: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag) return new TextDecoder().decode(raw);
  // Windows' built-in zip writes names in the system code page (GBK in China) without saying so.
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return new TextDecoder('gbk').decode(raw);
  }
}

/** The central directory's entries; throws 400 for something that is not a readable zip. */
export function listZip(buf: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let eocd = -1;
  for (let p = buf.length - 22; p >= Math.max(0, buf.length - 22 - 65535); p--) {
    if (dv.getUint32(p, true) === 0x06054b50) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw new ImportFileError(400, 'Not a readable zip archive (no central directory)');
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || p === 0xffffffff) throw new ImportFileError(400, 'ZIP64 archives are not supported');
  if (count > limits.maxEntries) throw new ImportFileError(413, `The archive has more than ${limits.maxEntries} entries`);
  const entries: ZipEntry[] = [];
  let declared = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || dv.getUint32(p, true) !== 0x02014b50) throw new ImportFileError(400, 'Corrupt zip central directory');
    const flags = dv.getUint16(p + 8, true);
    const nameLen = dv.getUint16(p + 28, true);
    const e: ZipEntry = {
      method: dv.getUint16(p + 10, true),
      compressedSize: dv.getUint32(p + 20, true),
      size: dv.getUint32(p + 24, true),
      localOffset: dv.getUint32(p + 42, true),
      name: entryName(buf.subarray(p + 46, p + 46 + nameLen), (flags & 0x800) !== 0),
    };
    if (flags & 1) throw new ImportFileError(400, `Encrypted zip entry: ${e.name}`);
    declared += e.size;
    if (declared > limits.maxTotal) throw new ImportFileError(413, `The archive would unpack to more than ${limits.maxTotal} bytes`);
    entries.push(e);
    p += 46 + nameLen + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
  }
  return entries;
}

/** Inflates the entries `want` selects (all when omitted) under the limits; returns name → bytes for those kept. */
export function unzipSafely(
  buf: Uint8Array,
  opts: { want?: (name: string) => boolean; keep?: boolean; limits?: ZipLimits } = {},
): Map<string, Uint8Array> {
  const limits = opts.limits ?? DEFAULT_ZIP_LIMITS;
  const keep = opts.keep ?? true;
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out = new Map<string, Uint8Array>();
  let total = 0;
  for (const e of listZip(buf, limits)) {
    if (e.name.endsWith('/') || (opts.want && !opts.want(e.name))) continue;
    const lh = e.localOffset;
    if (lh + 30 > buf.length || dv.getUint32(lh, true) !== 0x04034b50) throw new ImportFileError(400, `Corrupt zip entry: ${e.name}`);
    const start = lh + 30 + dv.getUint16(lh + 26, true) + dv.getUint16(lh + 28, true);
    const data = buf.subarray(start, start + e.compressedSize);
    if (data.length !== e.compressedSize) throw new ImportFileError(400, `Truncated zip entry: ${e.name}`);
    if (e.method === 0) {
      total += data.length;
      if (total > limits.maxTotal) throw new ImportFileError(413, `The archive unpacks to more than ${limits.maxTotal} bytes`);
      if (keep) out.set(e.name, data);
      continue;
    }
    if (e.method !== 8) throw new ImportFileError(400, `Unsupported zip compression method ${e.method} in ${e.name}`);
    const chunks: Uint8Array[] = [];
    let size = 0;
    const inflate = new Inflate((chunk) => {
      size += chunk.length;
      total += chunk.length;
      if (size > e.size) throw new ImportFileError(413, `Zip entry ${e.name} unpacks to more than it declares`);
      if (total > limits.maxTotal) throw new ImportFileError(413, `The archive unpacks to more than ${limits.maxTotal} bytes`);
      if (keep) chunks.push(chunk);
    });
    try {
      // Deflate expands at most ~1032:1, so 1 KiB slices bound each step's output to about 1 MiB.
      const SLICE = 1024;
      for (let i = 0; i < data.length; i += SLICE) inflate.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
      if (data.length === 0) inflate.push(new Uint8Array(0), true);
    } catch (err) {
      if (err instanceof ImportFileError) throw err;
      throw new ImportFileError(400, `Corrupt zip entry: ${e.name}`);
    }
    if (size !== e.size) throw new ImportFileError(400, `Zip entry ${e.name} is shorter than it declares`);
    if (keep) {
      const all = new Uint8Array(size);
      let o = 0;
      for (const c of chunks) {
        all.set(c, o);
        o += c.length;
      }
      out.set(e.name, all);
    }
  }
  return out;
}
