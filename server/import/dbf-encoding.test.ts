import { describe, expect, it } from 'vitest';
import { dbfEncoding } from './dbf-encoding.js';

const dbf = (body: Uint8Array, ldid = 0) => {
  const b = new Uint8Array(33 + body.length);
  b[8] = 33;
  b[29] = ldid;
  b.set(body, 33);
  return b;
};
const gbk = new Uint8Array([0xc4, 0xcf, 0xbe, 0xa9]); // 南京 in GBK

describe('dbf encoding', () => {
  it('maps the .cpg labels that shpjs misreads to gbk', () => {
    for (const c of ['CP936', '936', 'ANSI 936', 'GBK', 'gb2312']) expect(dbfEncoding(c, dbf(gbk))).toBe('gbk');
  });
  it('believes the bytes over a .cpg that lies', () => {
    expect(dbfEncoding('UTF-8', dbf(gbk))).toBe('gbk');
    expect(dbfEncoding('CP936', dbf(new TextEncoder().encode('南京')))).toBe('utf-8');
    expect(dbfEncoding('UTF-8', dbf(new TextEncoder().encode('abc')))).toBe('utf-8');
  });
  it('falls back to the language driver byte, then to the bytes themselves', () => {
    // UTF-8 multi-byte text is what it is, whatever the driver byte claims; GBK bytes follow the driver byte.
    expect(dbfEncoding(null, dbf(new TextEncoder().encode('南京'), 0x4d))).toBe('utf-8');
    expect(dbfEncoding(null, dbf(new Uint8Array([0xab, 0xee]), 0x78))).toBe('big5');
    expect(dbfEncoding(null, dbf(new TextEncoder().encode('南京')))).toBe('utf-8');
    expect(dbfEncoding(null, dbf(gbk))).toBe('gbk');
  });
});
