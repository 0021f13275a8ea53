import { describe, expect, it } from 'vitest';
import { applyOverrides, detectMapping, findHeaderRow, parseMappingArg, recognise } from './mapping.js';
import { ROSTER_FIELDS } from './kinds.js';

const fields = ROSTER_FIELDS.enterprises;

describe('column mapping', () => {
  it('recognises Chinese headers, synonyms, English and full-width variants', () => {
    const m = detectMapping(['统一社会信用代码', '单位名称', '所在楼宇 ', '从业人员', 'Party members', '所有制', '注册日期', 'ＬＮＧ', '纬度', '备注'], fields);
    expect(m.map((x) => x.field)).toEqual(['uscc', 'name', 'building', 'employees', 'partyMembers', 'ownership', 'registeredOn', 'lon', 'lat', null]);
  });
  it('recognises units in brackets and the map service a coordinate header names', () => {
    const m = detectMapping(['所属楼宇', '职工人数（人）', '党员数(名)', '企业性质', '经度（高德）', '纬度（高德）', '联系人', '备注（内部）'], fields);
    expect(m.map((x) => x.field)).toEqual(['building', 'employees', 'partyMembers', 'ownership', 'lon', 'lat', 'contactPerson', null]);
    expect(m.find((x) => x.field === 'lon')?.coordSystem).toBe('gcj02');
    const hints = ['百度经度', '经度_BD09', 'lng(gcj-02)', '经度(WGS84)', '腾讯坐标经度', '经度'].map((h) => recognise(h, fields));
    expect(hints).toEqual([
      { field: 'lon', coordSystem: 'bd09' }, { field: 'lon', coordSystem: 'bd09' }, { field: 'lon', coordSystem: 'gcj02' },
      { field: 'lon', coordSystem: 'wgs84' }, { field: 'lon', coordSystem: 'gcj02' }, { field: 'lon' },
    ]);
    // A map-service word makes no other header a coordinate.
    expect(recognise('百度', fields)).toBeNull();
  });
  it('finds the header row below a title row', () => {
    expect(findHeaderRow([['南京西路街道企业名录'], ['统一社会信用代码', '企业名称', '行业'], ['x', 'y', 'z']], fields)).toBe(1);
  });
  it('applies overrides by header or column number and reports what is still wrong', () => {
    const detected = detectMapping(['信用码', '名称', '人数'], fields);
    const { mapping, problems } = applyOverrides(detected, { 信用码: 'uscc', 3: '从业人员数' }, fields);
    expect(mapping.map((m) => m.field)).toEqual(['uscc', 'name', 'employees']);
    expect(problems.map((p) => p.field).sort()).toEqual(['industry', 'ownership', 'registeredOn']);
    expect(applyOverrides(detected, { 名称: 'salary', 不存在: 'uscc' }, fields).problems.map((p) => p.code)).toEqual(expect.arrayContaining(['unknown_field', 'unknown_column']));
    expect(applyOverrides(detected, { 信用码: 'name' }, fields).problems.map((p) => p.code)).toContain('duplicate_field');
  });
  it('parses the CLI --mapping argument', () => {
    expect(parseMappingArg('信用码=uscc，人数=employees,备注=')).toEqual({ 信用码: 'uscc', 人数: 'employees', 备注: null });
    expect(() => parseMappingArg('nonsense')).toThrow();
  });
});
