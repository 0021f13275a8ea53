import { describe, expect, it } from 'vitest';
import { NO_ORG_REASONS as DEMO_REASONS } from '../../../geodata/generate/names.js';
import { classifyNoOrgReason, NO_ORG_REASONS, NO_ORG_REASON_TERMS } from './reasons.js';

describe('no-organisation reasons', () => {
  it('names every kind in both languages', () => {
    for (const k of NO_ORG_REASONS) {
      expect(NO_ORG_REASON_TERMS[k].zh).toMatch(/[\u4e00-\u9fff]/);
      expect(NO_ORG_REASON_TERMS[k].en).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('recognises every reason the demo generator writes, each as a different kind', () => {
    const kinds = DEMO_REASONS.map(classifyNoOrgReason);
    expect(kinds).not.toContain('other');
    expect(new Set(kinds).size).toBe(DEMO_REASONS.length);
  });

  it('reads reasons worded differently by other streets', () => {
    expect(classifyNoOrgReason('党员人数少于3名')).toBe('too_few_members');
    expect(classifyNoOrgReason('没有党员')).toBe('no_members');
    expect(classifyNoOrgReason('新迁入企业')).toBe('new_arrival');
    expect(classifyNoOrgReason('党员组织关系不在本单位')).toBe('membership_not_transferred');
    expect(classifyNoOrgReason('计划年内迁出')).toBe('moving_out');
    expect(classifyNoOrgReason('人员流动性大')).toBe('small_high_turnover');
    expect(classifyNoOrgReason('负责人不配合')).toBe('other');
    expect(classifyNoOrgReason('')).toBe('other');
  });
});
