// A roster file (CSV in any encoding Excel writes, or XLSX) to rows of cells. No file-system I/O: bytes in.
import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/node';
import type { CellValue } from './fields.js';
import { ImportFileError } from './errors.js';
import { isZip, unzipSafely } from './zip.js';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'gb18030';

export interface Table {
  format: 'csv' | 'xlsx';
  encoding: TextEncoding | null;
  rows: CellValue[][];
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

export function parseCsv(text: string): CellValue[][] {
  const res = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const fatal = res.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw new ImportFileError(400, `Malformed CSV near row ${(fatal.row ?? 0) + 1}: ${fatal.message}`);
  return res.data.map((r) => r.map((c) => (c === '' ? null : c)));
}

export async function readTable(bytes: Uint8Array, filename = ''): Promise<Table> {
  if (bytes.length === 0) throw new ImportFileError(400, 'The file is empty');
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
    return { format: 'xlsx', encoding: null, rows: rows.filter((r) => !blankRow(r)) };
  }
  if (/\.(xlsx|xlsm)$/i.test(filename)) throw new ImportFileError(400, 'The .xlsx file is not a valid workbook');
  const { text, encoding } = decodeText(bytes);
  // Without a byte-order mark, NUL bytes at the start mean a binary file; with one (or further in), a NUL is a
  // broken text file, refused here because PostgreSQL cannot store a NUL in text.
  if (encoding !== 'utf-16le' && encoding !== 'utf-8-bom' && looksBinary(bytes)) throw new ImportFileError(415, 'Unsupported file type: upload .xlsx or .csv');
  assertNoNul(text);
  return { format: 'csv', encoding, rows: parseCsv(text).filter((r) => !blankRow(r)) };
}
