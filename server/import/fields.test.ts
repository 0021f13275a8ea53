import { describe, expect, it } from 'vitest';
import { makeUscc } from '../../geodata/generate/uscc.js';
import { isStorableUscc, parseCell, parseDate, parseDateTime, roundDecimal } from './fields.js';
import { ROSTER_FIELDS } from './kinds.js';

const type = (key: string) => (ROSTER_FIELDS.enterprises.find((f) => f.key === key) as { type: Parameters<typeof parseCell>[0] }).type;

describe('cell parsing', () => {
  it('reads dates as Excel and people write them, and refuses impossible ones', () => {
    for (const s of ['2020-05-01', '2020/5/1', '2020.5.1', '2020年5月1日', '20200501', '２０２０-０５-０１']) expect(parseDate(s)).toBe('2020-05-01');
    expect(parseDate(new Date(Date.UTC(2020, 4, 1)))).toBe('2020-05-01');
    expect(parseDate(43952)).toBe('2020-05-01');
    // A date serial written into a CSV as text.
    expect(parseDate('43952')).toBe('2020-05-01');
    expect(parseDateTime('45717.6041666667')).toBe('2025-03-01T14:30:00+08:00');
    for (const s of ['2020-13-01', '2021-02-29', '五月一日', '1850-01-01']) expect(parseDate(s)).toBeNull();
    expect(parseDateTime('2025-03-01 14:30')).toBe('2025-03-01T14:30:00+08:00');
  });
  it('stores text as typed (trimmed only) and still reads codes and choices typed in full width', () => {
    expect(parseCell(type('name'), '  内蒙古草原云（集团）科技有限公司\u3000')).toEqual({ ok: true, value: '内蒙古草原云（集团）科技有限公司' });
    expect(parseCell(type('noOrgReason'), '员工较少，暂不具备条件')).toEqual({ ok: true, value: '员工较少，暂不具备条件' });
    expect(parseCell(type('uscc'), [...makeUscc('310106', 1)].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join(''))).toEqual({ ok: true, value: makeUscc('310106', 1) });
    expect(parseCell(type('employees'), '１２０')).toEqual({ ok: true, value: 120 });
  });
  it('checks USCC format and the GB 32100 check character', () => {
    const code = makeUscc('310106', 12345);
    expect(parseCell(type('uscc'), code.toLowerCase())).toEqual({ ok: true, value: code });
    expect(parseCell(type('uscc'), code.slice(0, 17) + (code[17] === '0' ? '1' : '0'))).toMatchObject({ ok: false, code: 'bad_uscc' });
    expect(parseCell(type('uscc'), code.replace(/^9/, 'I'))).toMatchObject({ ok: false, code: 'bad_uscc' });
  });
  it('takes only USCCs the database takes: characters 3–8 (the region code) are digits', () => {
    // A valid check character, but a letter in the region code.
    const lettered = '91A10106MA1K4LXX03';
    expect(isStorableUscc(lettered)).toBe(false);
    expect(parseCell(type('uscc'), lettered)).toMatchObject({ ok: false, code: 'bad_uscc' });
    const covers = (ROSTER_FIELDS.organisations.find((f) => f.key === 'covers') as { type: Parameters<typeof parseCell>[0] }).type;
    const good = makeUscc('310106', 1);
    expect(parseCell(covers, `${good}、${lettered}`)).toMatchObject({ ok: false, code: 'bad_uscc', message: expect.stringContaining(lettered) });
    expect(parseCell(covers, good)).toEqual({ ok: true, value: [good] });
    expect(isStorableUscc(good)).toBe(true);
  });
  it('rounds decimals to the scale the column keeps (half away from zero, as PostgreSQL), before the range check', () => {
    const area = (ROSTER_FIELDS.stations.find((f) => f.key === 'areaM2') as { type: Parameters<typeof parseCell>[0] }).type;
    expect(parseCell(area, '85.25')).toEqual({ ok: true, value: 85.3 });
    expect(parseCell(area, 85.25)).toEqual({ ok: true, value: 85.3 });
    expect(parseCell(area, '85.24')).toEqual({ ok: true, value: 85.2 });
    expect(parseCell(area, '1.05')).toEqual({ ok: true, value: 1.1 });
    expect(parseCell(area, '120')).toEqual({ ok: true, value: 120 });
    expect(parseCell(area, '0.05')).toEqual({ ok: true, value: 0.1 });
    expect(parseCell(area, '0.04')).toMatchObject({ ok: false, code: 'out_of_range' });
    expect(roundDecimal(-2.25, 1)).toBe(-2.3);
    expect(roundDecimal(9.95, 1)).toBe(10);
    expect(roundDecimal(1.005, 2)).toBe(1.01);
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

describe('station public fields', () => {
  it('maps free-text service tags to the controlled list and reports unknown ones without dropping them', () => {
    const p = parseCell({ t: 'services' }, '休憩、休憩阅读、阅读、借阅;心理疏导');
    expect(p).toMatchObject({ ok: true, value: ['reading', 'rest', '心理疏导'], warning: { code: 'unknown_service' } });
    expect(p.ok && p.warning?.message).toContain('心理疏导');
    expect(parseCell({ t: 'services' }, '["reading","rest"]')).toEqual({ ok: true, value: ['reading', 'rest'] });
  });

  it('refuses a person\'s mobile as the public line and takes an institution\'s number', () => {
    expect(parseCell({ t: 'publicPhone' }, '13912345678')).toMatchObject({ ok: false, code: 'private_phone' });
    expect(parseCell({ t: 'publicPhone' }, '+86 139-1234-5678')).toMatchObject({ ok: false, code: 'private_phone' });
    expect(parseCell({ t: 'publicPhone' }, '021-62881234')).toEqual({ ok: true, value: '021-62881234' });
    expect(parseCell({ t: 'publicPhone' }, '400-820-1234')).toEqual({ ok: true, value: '400-820-1234' });
  });

  it('reads hours by weekday from the exports\' JSON or from text', () => {
    const week = [[['09:00', '17:00']], [['09:00', '17:00']], [['09:00', '17:00']], [['09:00', '17:00']], [['09:00', '17:00']], [['09:00', '12:00']], []];
    expect(parseCell({ t: 'week' }, JSON.stringify(week))).toEqual({ ok: true, value: week });
    expect(parseCell({ t: 'week' }, '周一至周五 9:00-17:00；周六 9:00-12:00')).toEqual({ ok: true, value: week });
    expect(parseCell({ t: 'week' }, '看心情')).toMatchObject({ ok: false, code: 'bad_hours' });
  });
});
