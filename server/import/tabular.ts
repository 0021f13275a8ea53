// A roster file (CSV in any encoding Excel writes, or XLSX) to rows of cells. No file-system I/O: bytes in.
import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/node';
import type { CellValue } from './fields.js';
import { ImportFileError } from './errors.js';
import { isZip, unzipSafely } from './zip.js';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'gb18030';

export interface Table {
  format: 'csv' | 'xlsx' | 'geojson' | 'kml' | 'shapefile';
  /** The text's encoding (a CSV's, a Shapefile DBF's); null for a workbook. */
  encoding: string | null;
  /** The rows that hold something, blank rows left out. */
  rows: CellValue[][];
  /** Each row's number in the spreadsheet (1-based, counting the blank rows left out), as Excel shows it. */
  rowNumbers: number[];
  /** The first row is the header, made from the file's attribute names (a GIS layer), not found by looking. */
  headerFirst?: true;
}

/** Decodes text: a BOM says what it is; otherwise strict UTF-8, else GB18030 (a superset of the GBK that
 *  Excel in China writes when saving "CSV (逗号分隔)"). */
export function decodeText(b: Uint8Array): { text: string; encoding: TextEncoding } {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { text: new TextDecoder().decode(b.subarray(3)), encoding: 'utf-8-bom' };
  if (b[0] === 0xff && b[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(b.subarray(2)), encoding: 'utf-16le' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(b), encoding: 'gb18030' };
  }
}

const isOle = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/** UTF-16LE bytes of a name, as a compound file's directory stores its stream names. */
const utf16 = (s: string) => new Uint8Array([...s].flatMap((ch) => [ch.charCodeAt(0), 0]));

function holds(b: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= b.length; i++) {
    for (let j = 0; j < needle.length; j++) if (b[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** An .xlsx saved with a password is not a zip: Office wraps the encrypted workbook in a compound (OLE) file with
 *  the streams EncryptionInfo and EncryptedPackage, the same container old .xls files use. */
export function isEncryptedOffice(b: Uint8Array): boolean {
  return isOle(b) && (holds(b, utf16('EncryptionInfo')) || holds(b, utf16('EncryptedPackage')));
}

function looksBinary(b: Uint8Array): boolean {
  const n = Math.min(b.length, 8192);
  for (let i = 0; i < n; i++) if (b[i] === 0) return true;
  return false;
}

/** Refuses text holding a NUL character (U+0000), naming the line it is on. */
export function assertNoNul(text: string): void {
  const at = text.indexOf('\u0000');
  if (at < 0) return;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  throw new ImportFileError(400, `The file holds a NUL character on line ${line}: it is not plain text. Save it again from Excel as CSV (UTF-8) or .xlsx`);
}

const blankRow = (r: CellValue[]) => r.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

/** Keeps the rows that hold something, each with its spreadsheet row number (its 1-based place in `rows`). */
function numbered(all: CellValue[][]): Pick<Table, 'rows' | 'rowNumbers'> {
  const rows: CellValue[][] = [];
  const rowNumbers: number[] = [];
  all.forEach((r, i) => {
    if (blankRow(r)) return;
    rows.push(r);
    rowNumbers.push(i + 1);
  });
  return { rows, rowNumbers };
}

/** Every record of the CSV, blank ones included (Excel shows each record as one row, whatever its line breaks). */
export function parseCsv(text: string): CellValue[][] {
  const res = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const fatal = res.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw new ImportFileError(400, `Malformed CSV near row ${(fatal.row ?? 0) + 1}: ${fatal.message}`);
  return res.data.map((r) => r.map((c) => (c === '' ? null : c)));
}

export async function readTable(bytes: Uint8Array, filename = ''): Promise<Table> {
  if (bytes.length === 0) throw new ImportFileError(400, 'The file is empty');
  if (isEncryptedOffice(bytes)) throw new ImportFileError(400, 'The workbook is password-protected (encrypted): open it in Excel, remove the password (File → Info → Protect Workbook) and save it again');
  if (isOle(bytes)) throw new ImportFileError(415, 'Old Excel (.xls) files are not supported: save as .xlsx or CSV');
  if (isZip(bytes)) {
    // Inflate everything once, counting, before the spreadsheet reader trusts the archive.
    unzipSafely(bytes, { keep: false });
    let rows: CellValue[][];
    try {
      rows = (await readSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) as CellValue[][];
    } catch (err) {
      throw new ImportFileError(400, `Not a readable .xlsx workbook: ${(err as Error).message}`);
    }
    return { format: 'xlsx', encoding: null, ...numbered(rows) };
  }
  if (/\.(xlsx|xlsm)$/i.test(filename)) throw new ImportFileError(400, 'The .xlsx file is not a valid workbook');
  const { text, encoding } = decodeText(bytes);
  // Without a byte-order mark, NUL bytes at the start mean a binary file (415) unless it is named as text; with
  // one (or further in, or in a file named .csv), a NUL is a broken text file (400), refused here because
  // PostgreSQL cannot store a NUL in text.
  const namedText = /\.(csv|txt|tsv)$/i.test(filename);
  if (!namedText && encoding !== 'utf-16le' && encoding !== 'utf-8-bom' && looksBinary(bytes)) throw new ImportFileError(415, 'Unsupported file type: upload .xlsx or .csv');
  assertNoNul(text);
  return { format: 'csv', encoding, ...numbered(parseCsv(text)) };
}
