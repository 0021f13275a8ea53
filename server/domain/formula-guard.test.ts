import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { guardFormula, unguardFormula } from './formula-guard';

describe('formula guard', () => {
  it('guards what a spreadsheet would run, and nothing else', () => {
    expect(guardFormula('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(guardFormula('-3')).toBe(`'-3`);
    expect(guardFormula('@x')).toBe(`'@x`);
    expect(guardFormula('党建')).toBe('党建');
    expect(guardFormula("'abc")).toBe("'abc");
  });

  it("keeps a text that begins with an apostrophe before a formula character (found by the round-trip property: '-党)", () => {
    expect(guardFormula("'-党")).toBe("''-党");
    expect(unguardFormula(guardFormula("'-党"))).toBe("'-党");
    expect(unguardFormula(guardFormula("''"))).toBe("''");
  });

  it('an apostrophe typed in a spreadsheet before ordinary text stays text', () => {
    expect(unguardFormula("'0123")).toBe("'0123");
    expect(unguardFormula("'")).toBe("'");
  });

  it('export then import is the identity for every text', () => {
    const text = fc.string({ unit: fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', 'a', '党', ' ') });
    fc.assert(fc.property(fc.oneof(text, fc.string()), (s) => unguardFormula(guardFormula(s)) === s), { numRuns: 2000 });
  });
});
