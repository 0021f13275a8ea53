import { describe, expect, it } from 'vitest';
import { cleanText, matchKey, splitList } from './normalise.js';

describe('normalise', () => {
  it('folds full-width forms and spaces', () => {
    expect(cleanText('  恒隆广场\u3000（一期）  ')).toBe('恒隆广场 (一期)');
    expect(matchKey('恒隆广场 （一期）')).toBe(matchKey('恒隆广场(一期)'));
    expect(matchKey('ＵＳＣＣ')).toBe('uscc');
    expect(matchKey('南京西路 1266 号')).toBe(matchKey('南京西路1266号'));
  });
  it('splits lists on Chinese and ASCII separators', () => {
    expect(splitList('A、B；C, D;;')).toEqual(['A', 'B', 'C', 'D']);
    expect(splitList('')).toEqual([]);
  });
});
