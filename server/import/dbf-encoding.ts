// Which text encoding a shapefile's DBF uses. shpjs garbles GBK text when the .cpg says "CP936" or "936"
// (labels TextDecoder does not know), so the label is decided here and handed to it as one it does know.
// The bytes have the last word over the .cpg: a .cpg is often copied from another layer or written by a tool
// that did not re-encode, so a .cpg saying UTF-8 over GBK bytes is common. Chinese GBK text is practically
// never valid UTF-8, and UTF-8 Chinese text is never valid GBK-as-written-by-a-GIS, so the test is reliable.

type DbfEncoding = 'gbk' | 'utf-8' | 'big5' | 'windows-1252';

/** What the bytes say: 'utf-8' when the non-ASCII text is valid UTF-8, 'not-utf-8' when it is not, null when
 *  all is ASCII (any encoding reads it alike). Field names (in the header) and records are both looked at. */
function bytesSay(dbf: Uint8Array): 'utf-8' | 'not-utf-8' | null {
  const text = dbf.subarray(32);
  if (text.every((b) => b < 0x80)) return null;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(text);
    return 'utf-8';
  } catch {
    return 'not-utf-8';
  }
}

/** A WHATWG encoding label for the DBF: the bytes when they decide, else the .cpg text, else the DBF's
 *  language driver byte, else GBK (what desktop GIS in China writes). */
export function dbfEncoding(cpg: string | null, dbf: Uint8Array): DbfEncoding {
  const c = (cpg ?? '').trim().toLowerCase();
  const declared: DbfEncoding | null =
    /(^|\D)936$|gbk|gb2312|gb18030|cp936/.test(c) ? 'gbk'
    : /utf-?8|65001/.test(c) ? 'utf-8'
    : /950|big5/.test(c) ? 'big5'
    : /1252|latin/.test(c) ? 'windows-1252'
    : null;
  const bytes = bytesSay(dbf);
  if (bytes === 'utf-8') return 'utf-8';
  if (declared && declared !== 'utf-8') return declared;
  // Declared UTF-8 (or nothing) over bytes that are not UTF-8: the .cpg is wrong. Language driver id at byte 29:
  // 0x4D is code page 936 (ESRI's value for GBK), 0x78 is 950 (Big5).
  if (declared === 'utf-8' && bytes === null) return 'utf-8';
  if (dbf[29] === 0x78) return 'big5';
  return 'gbk';
}
