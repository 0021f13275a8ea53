// Which text encoding a shapefile's DBF uses. shpjs garbles GBK text when the .cpg says "CP936" or "936"
// (labels TextDecoder does not know), so the label is decided here and handed to it as one it does know.

/** A WHATWG encoding label for the DBF, from the .cpg text, else the DBF's language driver byte, else the bytes. */
export function dbfEncoding(cpg: string | null, dbf: Uint8Array): 'gbk' | 'utf-8' | 'big5' | 'windows-1252' {
  const c = (cpg ?? '').trim().toLowerCase();
  if (/(^|\D)936$|gbk|gb2312|gb18030|cp936/.test(c)) return 'gbk';
  if (/utf-?8|65001/.test(c)) return 'utf-8';
  if (/950|big5/.test(c)) return 'big5';
  if (/1252|latin/.test(c)) return 'windows-1252';
  // Language driver id at byte 29: 0x4D is code page 936 (ESRI's value for GBK).
  if (dbf[29] === 0x4d) return 'gbk';
  const headerLen = (dbf[8] ?? 0) | ((dbf[9] ?? 0) << 8);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(dbf.subarray(headerLen));
    return 'utf-8';
  } catch {
    // Chinese shapefiles without a .cpg are nearly always written by desktop GIS in the system code page.
    return 'gbk';
  }
}
