// Turning features into files: GeoJSON, CSV (UTF-8 with BOM, so Excel shows Chinese) and XLSX.
import type { Feature } from 'geojson';
import writeXlsxFile from 'write-excel-file/node';
import { guardFormula } from '../domain/formula-guard.js';

export type Cell = string | number | boolean | null;

/** Columns: id, every property seen, then the geometry (a point's lon/lat, otherwise GeoJSON text). */
export function table(features: Feature[]): { header: string[]; rows: Cell[][] } {
  const props: string[] = [];
  const seen = new Set<string>();
  for (const f of features) for (const k of Object.keys(f.properties ?? {})) if (!seen.has(k)) { seen.add(k); props.push(k); }
  const header = ['id', ...props, 'lon', 'lat', 'geometry'];
  const rows = features.map((f) => {
    const p = f.properties ?? {};
    const point = f.geometry?.type === 'Point' ? (f.geometry.coordinates as [number, number]) : null;
    return [
      f.id ?? null,
      ...props.map((k) => {
        const v = p[k];
        return v === undefined || v === null ? null : typeof v === 'object' ? JSON.stringify(v) : (v as Cell);
      }),
      point ? point[0] : null,
      point ? point[1] : null,
      point ? null : JSON.stringify(f.geometry),
    ] as Cell[];
  });
  return { header, rows };
}

export function toCsv(features: Feature[]): string {
  const { header, rows } = table(features);
  const cell = (v: Cell) => {
    if (v === null) return '';
    const s = typeof v === 'string' ? guardFormula(v) : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export async function toXlsx(features: Feature[], sheet: string): Promise<Buffer> {
  const { header, rows } = table(features);
  const data = [
    header.map((h) => ({ value: h, fontWeight: 'bold' as const })),
    ...rows.map((r) => r.map((v) => (v === null ? null : { value: typeof v === 'string' ? guardFormula(v) : v }))),
  ];
  return writeXlsxFile(data as never, { sheet: sheet.slice(0, 31) }).toBuffer();
}
