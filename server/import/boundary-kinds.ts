// Attribute columns of boundary files, per kind. Feature properties are mapped like roster headers.
import type { FieldSpec } from './fields.js';
import type { BoundaryKind } from './kinds.js';
import type { Want } from './geometry.js';

const street: FieldSpec = { key: 'street', label: '所属街道', labelEn: 'Street', type: { t: 'text', max: 60 }, synonyms: ['街道', '街道代码', '街道名称', 'street', 'streetcode', 'street_code', 'jddm'] };

export const BOUNDARY_FIELDS: Record<BoundaryKind, FieldSpec[]> = {
  streets: [
    { key: 'code', label: '街道代码', labelEn: 'Code', type: { t: 'text', max: 9 }, required: true, synonyms: ['代码', '区划代码', '行政区划代码', 'code', 'xzqdm', 'street_code'] },
    { key: 'name', label: '街道名称', labelEn: 'Name', type: { t: 'text', max: 60 }, required: true, synonyms: ['名称', '街道', '行政区名称', 'name', 'xzqmc'] },
    { key: 'nameEn', label: '英文名称', labelEn: 'English name', type: { t: 'text', max: 120 }, synonyms: ['name_en', 'nameen', 'english'] },
    { key: 'district', label: '所属区代码', labelEn: 'District code', type: { t: 'text', max: 6 }, synonyms: ['区代码', '区县代码', 'district', 'district_code'] },
  ],
  grids: [
    { key: 'code', label: '网格编码', labelEn: 'Code', type: { t: 'text', max: 40 }, required: true, synonyms: ['网格代码', '编码', '代码', 'code', 'wgbm'] },
    { key: 'name', label: '网格名称', labelEn: 'Name', type: { t: 'text', max: 60 }, required: true, synonyms: ['名称', '网格', 'name', 'wgmc'] },
    street,
  ],
  'business-districts': [
    { key: 'name', label: '商圈名称', labelEn: 'Name', type: { t: 'text', max: 60 }, required: true, synonyms: ['名称', '商圈', 'name'] },
    { key: 'nameEn', label: '英文名称', labelEn: 'English name', type: { t: 'text', max: 120 }, synonyms: ['name_en', 'nameen'] },
    street,
  ],
  buildings: [
    { key: 'name', label: '楼宇名称', labelEn: 'Name', type: { t: 'text', max: 100 }, required: true, synonyms: ['名称', '楼宇', '大厦', 'name'] },
    { key: 'address', label: '地址', labelEn: 'Address', type: { t: 'text', max: 200 }, synonyms: ['楼宇地址', '详细地址', 'address', 'addr'] },
    street,
    { key: 'kind', label: '楼宇类型', labelEn: 'Kind', type: { t: 'enum', values: { office: ['商务楼宇', '写字楼', '楼宇', '办公楼'], complex: ['综合体', '商业综合体'], park: ['园区', '产业园'], market: ['市场', '商场', '专业市场'] } }, synonyms: ['类型', 'kind', 'type'] },
    { key: 'floors', label: '楼层数', labelEn: 'Floors', type: { t: 'int', min: 1, max: 200 }, synonyms: ['层数', '地上层数', 'floors', 'cs'] },
  ],
};

export const BOUNDARY_GEOMETRY: Record<BoundaryKind, Want> = {
  streets: 'multipolygon',
  grids: 'polygon',
  'business-districts': 'polygon',
  buildings: 'polygon-or-point',
};
