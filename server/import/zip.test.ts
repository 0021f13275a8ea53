import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { ImportFileError } from './errors.js';
import { listZip, unzipSafely } from './zip.js';

describe('safe unzip', () => {
  it('reads entries, with names in UTF-8', () => {
    const z = zipSync({ '街道.kml': strToU8('<kml/>'), 'b.txt': strToU8('hello') });
    const files = unzipSafely(z);
    expect(new TextDecoder().decode(files.get('街道.kml'))).toBe('<kml/>');
    expect(listZip(z).map((e) => e.name).sort()).toEqual(['b.txt', '街道.kml']);
  });
  it('stops a bomb at the cap, whether it declares its size or lies about it', () => {
    const bomb = zipSync({ 'zeros.bin': new Uint8Array(30 * 1024 * 1024) }, { level: 9 });
    const limits = { maxTotal: 10 * 1024 * 1024, maxEntries: 10 };
    expect(() => unzipSafely(bomb, { limits })).toThrow(ImportFileError);
    // Rewrite the declared size in the central directory to 1 KiB: the inflater still stops it.
    const liar = bomb.slice();
    const dv = new DataView(liar.buffer);
    const eocd = liar.length - 22;
    const cd = dv.getUint32(eocd + 16, true);
    dv.setUint32(cd + 24, 1024, true);
    let status = 0;
    try {
      unzipSafely(liar, { limits });
    } catch (err) {
      status = (err as ImportFileError).status;
    }
    expect(status).toBe(413);
  });
  it('refuses what is not a zip', () => {
    expect(() => listZip(strToU8('PK but not really a zip archive at all'))).toThrow(/zip/);
  });
});
