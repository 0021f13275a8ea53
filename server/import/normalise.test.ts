import { describe, expect, it } from 'vitest';
import { cleanText, matchKey, splitList, typedText } from './normalise.js';

describe('normalise', () => {
  it('folds full-width forms and spaces', () => {
    expect(cleanText('  恒隆广场\u3000（一期）  ')).toBe('恒隆广场 (一期)');
    expect(matchKey('恒隆广场 （一期）')).toBe(matchKey('恒隆广场(一期)'));
    expect(matchKey('ＵＳＣＣ')).toBe('uscc');
    expect(matchKey('南京西路 1266 号')).toBe(matchKey('南京西路1266号'));
  });
  it('keeps typed text as typed, trimmed only', () => {
    expect(typedText('\u3000 内蒙古草原云（集团）科技有限公司，第一分公司 ')).toBe('内蒙古草原云（集团）科技有限公司，第一分公司');
    expect(typedText('ＡＢＣ  １２３')).toBe('ＡＢＣ  １２３');
  });
  it('splits lists on Chinese and ASCII separators', () => {
    expect(splitList('A、B；C, D;;')).toEqual(['A', 'B', 'C', 'D']);
    expect(splitList('')).toEqual([]);
    expect(splitList('职工书屋，心理咨询／法律援助')).toEqual(['职工书屋', '心理咨询', '法律援助']);
  });
});
