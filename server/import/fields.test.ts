import { describe, expect, it } from 'vitest';
import { makeUscc } from '../../geodata/generate/uscc.js';
import { parseCell, parseDate, parseDateTime } from './fields.js';
import { ROSTER_FIELDS } from './kinds.js';

const type = (key: string) => (ROSTER_FIELDS.enterprises.find((f) => f.key === key) as { type: Parameters<typeof parseCell>[0] }).type;

describe('cell parsing', () => {
  it('reads dates as Excel and people write them, and refuses impossible ones', () => {
    for (const s of ['2020-05-01', '2020/5/1', '2020.5.1', '2020年5月1日', '20200501', '２０２０-０５-０１']) expect(parseDate(s)).toBe('2020-05-01');
    expect(parseDate(new Date(Date.UTC(2020, 4, 1)))).toBe('2020-05-01');
    expect(parseDate(43952)).toBe('2020-05-01');
    for (const s of ['2020-13-01', '2021-02-29', '五月一日', '1850-01-01']) expect(parseDate(s)).toBeNull();
    expect(parseDateTime('2025-03-01 14:30')).toBe('2025-03-01T14:30:00+08:00');
  });
  it('checks USCC format and the GB 32100 check character', () => {
    const code = makeUscc('310106', 12345);
    expect(parseCell(type('uscc'), code.toLowerCase())).toEqual({ ok: true, value: code });
    expect(parseCell(type('uscc'), code.slice(0, 17) + (code[17] === '0' ? '1' : '0'))).toMatchObject({ ok: false, code: 'bad_uscc' });
    expect(parseCell(type('uscc'), code.replace(/^9/, 'I'))).toMatchObject({ ok: false, code: 'bad_uscc' });
  });
  it('tells text in a number column from a number, and keeps ranges', () => {
    expect(parseCell(type('employees'), '1,200')).toEqual({ ok: true, value: 1200 });
    expect(parseCell(type('employees'), '三十')).toMatchObject({ ok: false, code: 'not_number' });
    expect(parseCell(type('employees'), '3.5')).toMatchObject({ ok: false, code: 'not_integer' });
    expect(parseCell(type('employees'), -1)).toMatchObject({ ok: false, code: 'out_of_range' });
    expect(parseCell(type('lat'), '95')).toMatchObject({ ok: false, code: 'bad_coordinates' });
  });
  it('maps Chinese labels, codes and English to enum values', () => {
    expect(parseCell(type('ownership'), '民营企业')).toEqual({ ok: true, value: 'private' });
    expect(parseCell(type('ownership'), 'foreign')).toEqual({ ok: true, value: 'foreign' });
    expect(parseCell(type('coordSystem'), '高德')).toEqual({ ok: true, value: 'gcj02' });
    expect(parseCell(type('ownership'), '地下钱庄')).toMatchObject({ ok: false, code: 'bad_value' });
  });
});
