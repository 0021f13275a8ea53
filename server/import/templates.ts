// Excel templates with Chinese headers, one per roster kind: a sheet to fill in and a sheet that explains it.
import writeXlsxFile from 'write-excel-file/node';
import type { FieldSpec, FieldType } from './fields.js';
import { ROSTER_FIELDS, type RosterKind } from './kinds.js';
import { SERVICE_TERMS } from '../domain/vocabulary/index.js';

export const TEMPLATE_NAMES: Record<RosterKind, string> = {
  enterprises: '企业名录',
  organisations: '组织名录',
  instructors: '指导员名录',
  stations: '党群阵地名录',
  activities: '活动记录',
};

function describe(t: FieldType): string {
  switch (t.t) {
    case 'text': return `文本(最多${t.max ?? 200}字)`;
    case 'int': return `整数 ${t.min}–${t.max}`;
    case 'decimal': return `数字 ${t.min}–${t.max},保留${t.scale}位小数`;
    case 'date': return '日期 2024-05-01';
    case 'datetime': return '日期时间 2024-05-01 14:30(北京时间)';
    case 'uscc': return '18位统一社会信用代码(含校验位)';
    case 'usccList': return '统一社会信用代码,多个用、或;分隔';
    case 'list': return '多项用、或;分隔';
    case 'lon': return '经度,如 121.4606';
    case 'lat': return '纬度,如 31.2306';
    case 'services': return `多项用、或;分隔,按服务目录归类:${Object.values(SERVICE_TERMS).map((x) => x.zh).join('、')}`;
    case 'publicPhone': return '单位座机或400/800服务电话,如 021-62881234(不填个人手机)';
    case 'week': return '如 周一至周五 9:00-17:00;周六 9:00-12:00';
    case 'enum':
    case 'enumList': return `可选:${Object.values(t.values).map((l) => l[0]).join('、')}${t.t === 'enumList' ? '(多项用、分隔)' : ''}`;
  }
}

const required = (f: FieldSpec) => f.required ?? false;

export async function templateXlsx(kind: RosterKind): Promise<Buffer> {
  const fields = ROSTER_FIELDS[kind].filter((f) => !f.fromExport);
  const header = fields.map((f) => ({ value: f.label, fontWeight: 'bold' as const, ...(required(f) ? { backgroundColor: '#FDE2E2', textColor: '#A00000' } : {}) }));
  const help = [
    [{ value: '列名', fontWeight: 'bold' as const }, { value: '必填', fontWeight: 'bold' as const }, { value: '格式', fontWeight: 'bold' as const }, { value: '也可识别的列名', fontWeight: 'bold' as const }],
    ...fields.map((f) => [{ value: f.label }, { value: required(f) ? '是' : '' }, { value: describe(f.type) }, { value: f.synonyms.join('、') }]),
    [],
    [{ value: '说明:第一行是列名;坐标可为 WGS84、GCJ-02(高德/腾讯)或 BD-09(百度),在“坐标系”列或导入向导中注明。' }],
  ];
  return writeXlsxFile([
    { data: [header], sheet: TEMPLATE_NAMES[kind], columns: fields.map((f) => ({ width: Math.max(10, f.label.length * 2 + 4) })), stickyRowsCount: 1 },
    { data: help, sheet: '填写说明', columns: [{ width: 24 }, { width: 6 }, { width: 50 }, { width: 60 }] },
  ] as never).toBuffer();
}
