import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../i18n/catalog';
import type { MessageKey } from '../../i18n/messages';
import { bandsMethodText } from './bands-method';

const zh = (k: MessageKey) => MESSAGES['zh-CN'][k];
const en = (k: MessageKey) => MESSAGES.en[k];

describe("the walking bands' legend says how they were drawn", () => {
  it('on the road network', () => {
    expect(bandsMethodText('network', 0, zh)).toContain('路网');
    expect(bandsMethodText('network', 0, en).toLowerCase()).toContain('road');
  });
  it('partly straight-line, naming how many stations have no road near them', () => {
    expect(bandsMethodText('mixed', 3, zh)).toMatch(/3个阵地附近无路网.*直线/);
    expect(bandsMethodText('mixed', 3, en)).toContain('3');
    expect(bandsMethodText('mixed', 3, en).toLowerCase()).toContain('straight');
  });
  it('straight-line where no roads are loaded, and for circles merged in the browser', () => {
    for (const m of ['straight', 'circles'] as const) {
      expect(bandsMethodText(m, 0, zh)).toContain('直线');
      expect(bandsMethodText(m, 0, en).toLowerCase()).toContain('straight');
      expect(bandsMethodText(m, 0, zh)).not.toContain('路网步行');
    }
  });
  it('loading while the drawing is asked for', () => {
    expect(bandsMethodText(null, 0, zh)).toBe(zh('loading'));
  });
});
