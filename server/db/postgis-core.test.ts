import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { postgis } from '@electric-sql/pglite-postgis';
import { CORE_FILE, coreBundle, filterTar } from './postgis-core.js';

/** name → [typeflag, contents] of every entry of a tar archive (the tar is read by hand so the test shares no code with it). */
function entries(tar: Uint8Array): Map<string, [string, string]> {
  const out = new Map<string, [string, string]>();
  const str = (b: Uint8Array) => Buffer.from(b).toString('latin1').replace(/\0.*$/s, '');
  for (let at = 0; at + 512 <= tar.length; ) {
    const h = tar.subarray(at, at + 512);
    if (h.every((b) => b === 0)) break;
    const size = parseInt(str(h.subarray(124, 136)).trim() || '0', 8);
    const data = tar.subarray(at + 512, at + 512 + size);
    out.set(str(h.subarray(0, 100)), [str(h.subarray(156, 157)), Buffer.from(data).toString('base64')]);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

/** A ustar header + data blocks (only the fields a reader looks at; the checksum is not checked here). */
function entry(name: string, type: string, data = ''): Uint8Array {
  const h = new Uint8Array(512);
  const put = (at: number, s: string) => h.set(Buffer.from(s, 'latin1'), at);
  put(0, name);
  put(124, data.length.toString(8).padStart(11, '0'));
  put(156, type);
  put(257, 'ustar\0');
  const body = new Uint8Array(Math.ceil(data.length / 512) * 512);
  body.set(Buffer.from(data, 'latin1'));
  return Buffer.concat([h, body]);
}

describe('filterTar', () => {
  it('keeps the chosen entries and every directory byte for byte, and ends the archive', () => {
    const tar = Buffer.concat([entry('a/', '5'), entry('a/keep.so', '0', 'x'.repeat(700)), entry('a/drop.sql', '0', 'y'.repeat(10)), entry('a/link', '2'), new Uint8Array(1024)]);
    const out = filterTar(tar, (n) => n.endsWith('.so'))!;
    expect([...entries(out).keys()]).toEqual(['a/', 'a/keep.so']);
    expect(entries(out).get('a/keep.so')).toEqual(entries(tar).get('a/keep.so'));
    expect(out.length).toBe(512 + 512 + 1024 + 1024);
    expect(out.subarray(out.length - 1024).every((b) => b === 0)).toBe(true);
  });

  it('refuses archives whose names it cannot trust (extended headers) or that are cut short', () => {
    expect(filterTar(Buffer.concat([entry('././@PaxHeader', 'x', 'path=long'), entry('a', '0')]), () => true)).toBeNull();
    expect(filterTar(entry('a', '0', 'z'.repeat(600)).subarray(0, 1024), () => true)).toBeNull();
  });
});

describe('the installed PostGIS bundle', () => {
  it('cuts to the postgis library, its control and install script, and PROJ data, unchanged', async () => {
    const { bundlePath } = await postgis.setup({} as never, { PGLITE_ENV: {} });
    const whole = entries(gunzipSync(readFileSync(fileURLToPath(bundlePath!))));
    const core = entries(gunzipSync(readFileSync(fileURLToPath(coreBundle(bundlePath!)!))));
    const files = [...core].filter(([, [type]]) => type !== '5').map(([name]) => name);
    expect(files.filter((n) => !n.startsWith('share/proj/')).sort()).toEqual([
      'lib/postgresql/postgis-3.so',
      expect.stringMatching(/^share\/postgresql\/extension\/postgis--\d+\.\d+\.\d+\.sql$/),
      'share/postgresql/extension/postgis.control',
    ]);
    expect(files.some((n) => n === 'share/proj/proj.db')).toBe(true);
    for (const name of files) expect(core.get(name)).toEqual(whole.get(name));
    // Everything the whole bundle holds that the pattern would keep is kept.
    expect([...whole.keys()].filter((n) => CORE_FILE.test(n)).sort()).toEqual(files.sort());
  });
});
