import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { decodeText, readTable } from './tabular.js';

describe('roster text encodings', () => {
  it('detects UTF-8 with and without BOM, UTF-16 and GBK', () => {
    const s = '企业名称,行业';
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(s)]))).toEqual({ text: s, encoding: 'utf-8-bom' });
    expect(decodeText(new TextEncoder().encode(s))).toEqual({ text: s, encoding: 'utf-8' });
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...s].flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8])]);
    expect(decodeText(utf16).text).toBe(s);
    const gbk = readFileSync('tests/fixtures/import/enterprises-gbk.csv');
    expect(decodeText(gbk)).toMatchObject({ encoding: 'gb18030' });
    expect(decodeText(gbk).text.startsWith('统一社会信用代码,企业名称')).toBe(true);
  });
  it('drops blank rows and refuses binary that is not a workbook', async () => {
    const t = await readTable(new TextEncoder().encode('a,b\r\n,\r\n1,2\r\n'));
    expect(t.rows).toEqual([['a', 'b'], ['1', '2']]);
    await expect(readTable(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]))).rejects.toMatchObject({ status: 415 });
    await expect(readTable(new Uint8Array([1, 0, 2, 0]))).rejects.toMatchObject({ status: 415 });
  });
  it('refuses a NUL character anywhere in the text, in any encoding, with the line it is on', async () => {
    const long = `a,b\r\n${'x,y\r\n'.repeat(3000)}1,2\u0000\r\n`;
    await expect(readTable(new TextEncoder().encode(long))).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/NUL.*line 3002/) });
    const text = 'a,b\r\n1,\u00002\r\n';
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...text].flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8])]);
    await expect(readTable(utf16)).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/NUL.*line 2/) });
    await expect(readTable(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x2c, 0x62, 0x0a, 0x31, 0x00]))).rejects.toMatchObject({ status: 400 });
  });
});
