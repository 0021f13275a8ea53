import { describe, expect, it } from 'vitest';
import qrcode from 'qrcode-generator';
import type { PublicStation } from '../../../../server/publications/contract';
import { posterEntries, qrMatrix, weekLine } from './poster-content';

const station = (id: string, lon: number, lat: number): PublicStation =>
  ({ id, name: `站${id}`, type: 'party_service_station', alsoTypes: [], buildingName: null, address: null, floor: null, hours: null, services: [], openTo: 'public', lon, lat, activities: [] });

describe('poster content', () => {
  it('numbers every station once, north to south then west to east', () => {
    const list = [station('a', 121.45, 31.22), station('b', 121.44, 31.23), station('c', 121.46, 31.23)];
    const entries = posterEntries(list);
    expect(entries.map((e) => e.n)).toEqual([1, 2, 3]);
    expect(entries.map((e) => e.station.id)).toEqual(['b', 'c', 'a']);
    expect(new Set(entries.map((e) => e.station.id)).size).toBe(list.length);
  });

  it('writes a week as one line, grouping days with the same hours', () => {
    const week: [string, string][][] = [...Array.from({ length: 5 }, () => [['09:00', '17:00']] as [string, string][]), [['09:00', '12:00']], []];
    expect(weekLine(week, 'zh-CN')).toBe('周一至周五 09:00-17:00；周六 09:00-12:00');
    expect(weekLine(week, 'en')).toBe('Mon–Fri 09:00-17:00; Sat 09:00-12:00');
    expect(weekLine(null, 'zh-CN')).toBeNull();
  });

  it('encodes the page URL: the matrix is the library\'s own for that URL, with the three finder patterns, and differs for another URL', () => {
    const url = 'https://map.example.gov.cn/p/street-310106012/';
    const m = qrMatrix(url);
    const qr = qrcode(0, 'M');
    qr.addData(url, 'Byte');
    qr.make();
    expect(m.length).toBe(qr.getModuleCount());
    expect(m.every((row, r) => row.every((d, c) => d === qr.isDark(r, c)))).toBe(true);
    // Finder patterns: 7×7 dark rings at three corners.
    const n = m.length;
    for (const [r0, c0] of [[0, 0], [0, n - 7], [n - 7, 0]] as const) {
      for (let i = 0; i < 7; i++) {
        expect(m[r0]?.[c0 + i]).toBe(true);
        expect(m[r0 + 6]?.[c0 + i]).toBe(true);
        expect(m[r0 + i]?.[c0]).toBe(true);
      }
      expect(m[r0 + 1]?.[c0 + 1]).toBe(false);
      expect(m[r0 + 3]?.[c0 + 3]).toBe(true);
    }
    expect(JSON.stringify(qrMatrix(`${url}x`))).not.toBe(JSON.stringify(m));
  });
});
