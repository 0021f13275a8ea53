// Attribute columns of road and water files (context layers). Class and kind names come from the vocabulary.
import type { FieldSpec } from './fields.js';
import { ROAD_CLASS_TERMS, WATER_KIND_TERMS, type RoadClass, type WaterKind } from '../domain/vocabulary/index.js';

export const CONTEXT_KINDS = ['roads', 'water'] as const;
export type ContextKind = (typeof CONTEXT_KINDS)[number];
export const isContextKind = (k: string): k is ContextKind => (CONTEXT_KINDS as readonly string[]).includes(k);

const ROAD_CLASS_NAMES: Record<RoadClass, string[]> = {
  arterial: [ROAD_CLASS_TERMS.arterial.zh, '主干路', '快速路', '城市主干道', 'primary', 'trunk', 'motorway'],
  secondary: [ROAD_CLASS_TERMS.secondary.zh, '次干路', 'secondary', 'tertiary'],
  branch: [ROAD_CLASS_TERMS.branch.zh, '支路', '街巷', 'residential', 'unclassified', 'service'],
  footway: [ROAD_CLASS_TERMS.footway.zh, '步行街', '人行道', '步道', 'pedestrian', 'footway', 'path'],
};
const WATER_KIND_NAMES: Record<WaterKind, string[]> = {
  river: [WATER_KIND_TERMS.river.zh, '江', '河', 'river'],
  lake: [WATER_KIND_TERMS.lake.zh, '湖', '水库', 'lake', 'reservoir'],
  canal: [WATER_KIND_TERMS.canal.zh, '运河', '水渠', 'canal', 'stream'],
};
const YES_NO = { true: ['是', 'Y', 'yes', 'T', '1', '单行'], false: ['否', 'N', 'no', 'F', '0', '双行'] };

export const CONTEXT_FIELDS: Record<ContextKind, FieldSpec[]> = {
  roads: [
    { key: 'name', label: '道路名称', labelEn: 'Name', type: { t: 'text', max: 100 }, synonyms: ['名称', '路名', 'name', 'roadname', 'dlmc'] },
    { key: 'class', label: '道路等级', labelEn: 'Class', type: { t: 'enum', values: ROAD_CLASS_NAMES }, required: true, synonyms: ['等级', '类型', 'class', 'highway', 'fclass', 'type', 'dldj'] },
    { key: 'oneway', label: '单行', labelEn: 'One-way', type: { t: 'enum', values: YES_NO }, synonyms: ['单行道', '是否单行', 'oneway', 'one_way'] },
    { key: 'barrier', label: '不可穿越', labelEn: 'Barrier', type: { t: 'enum', values: YES_NO }, synonyms: ['隔离', '高架', '障碍', 'barrier', 'bridge_elevated'] },
  ],
  water: [
    { key: 'name', label: '水系名称', labelEn: 'Name', type: { t: 'text', max: 100 }, synonyms: ['名称', '河流名称', 'name'] },
    { key: 'kind', label: '水系类型', labelEn: 'Kind', type: { t: 'enum', values: WATER_KIND_NAMES }, synonyms: ['类型', 'kind', 'type', 'fclass'] },
  ],
};
