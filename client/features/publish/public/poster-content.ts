// What the poster lists and encodes, apart from drawing: the numbered stations (the number is drawn on the
// map marker and before the list entry), the week as one short line, and the QR matrix of the page's address.
// Pure, so tests check the list against the stations and the QR against the URL without a canvas.
import qrcode from 'qrcode-generator';
import type { PublicStation } from '../../../../server/publications/contract';

export interface PosterEntry {
  n: number;
  station: PublicStation;
}

/** Stations numbered north to south, then west to east (how a reader scans a north-up map). */
export function posterEntries(stations: readonly PublicStation[]): PosterEntry[] {
  return [...stations]
    .sort((a, b) => b.lat - a.lat || a.lon - b.lon || a.id.localeCompare(b.id))
    .map((station, i) => ({ n: i + 1, station }));
}

const ZH_DAYS = ['一', '二', '三', '四', '五', '六', '日'];
const EN_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** A week as one line: days with the same hours grouped ("周一至周五 09:00-17:00；周六 09:00-12:00"). */
export function weekLine(week: [string, string][][] | null | undefined, locale: 'zh-CN' | 'en'): string | null {
  if (!week) return null;
  const key = (d: [string, string][]) => d.map(([a, b]) => `${a}-${b}`).join(', ');
  const parts: string[] = [];
  for (let i = 0; i < 7; ) {
    let j = i;
    while (j + 1 < 7 && key(week[j + 1] ?? []) === key(week[i] ?? [])) j++;
    const hours = key(week[i] ?? []);
    if (hours) {
      const days = locale === 'en' ? (i === j ? EN_DAYS[i] : `${EN_DAYS[i]}–${EN_DAYS[j]}`) : i === j ? `周${ZH_DAYS[i]}` : `周${ZH_DAYS[i]}至周${ZH_DAYS[j]}`;
      parts.push(`${days} ${hours}`);
    }
    i = j + 1;
  }
  return parts.length ? parts.join(locale === 'en' ? '; ' : '；') : null;
}

/** The QR code of a URL as rows of dark (true) modules, error correction M, the smallest version that holds it. */
export function qrMatrix(url: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(url, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}
