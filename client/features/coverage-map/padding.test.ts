import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { panelPadding } from './padding';

describe('camera padding for open panels', () => {
  const map = { left: 0, right: 1600, top: 52, bottom: 900 };
  it('clears both panels when open and nothing when collapsed', () => {
    expect(panelPadding(map, { left: 12, right: 262, top: 64, bottom: 600 }, { left: 1208, right: 1588, top: 64, bottom: 700 })).toEqual({ top: 0, right: 400, bottom: 0, left: 270 });
    expect(panelPadding(map, null, null)).toEqual({ top: 0, right: 0, bottom: 0, left: 0 });
  });
  it('always leaves a visible middle, whatever the panels', () => {
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 4000 }), fc.integer({ min: 0, max: 4000 }), fc.integer({ min: 0, max: 4000 }), (w, l, r) => {
        const p = panelPadding({ left: 0, right: w, top: 0, bottom: 800 }, { left: 0, right: l, top: 0, bottom: 1 }, { left: w - r, right: w, top: 0, bottom: 1 });
        return p.left >= 0 && p.right >= 0 && p.left + p.right <= w * 0.9 + 1;
      }),
    );
  });
});
