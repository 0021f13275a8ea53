import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_JSON_DEPTH, assertJsonDepth, jsonDepth } from './json-guard.js';

describe('jsonDepth', () => {
  it('counts arrays and objects, not brackets inside strings or escaped quotes', () => {
    expect(jsonDepth('1')).toBe(0);
    expect(jsonDepth('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(jsonDepth('{"a":"[[[[{{{{"}')).toBe(1);
    expect(jsonDepth('["\\"[[[", ["x"]]')).toBe(2);
    expect(jsonDepth('["\\\\", [[1]]]')).toBe(3);
  });

  it('agrees with the structure of any JSON value', () => {
    const depthOf = (v: unknown): number =>
      Array.isArray(v) ? 1 + Math.max(0, ...v.map(depthOf)) : v && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0;
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 8 }), (v) => jsonDepth(JSON.stringify(v)) === depthOf(v)));
  });

  it('stops counting past the limit and never recurses (a million brackets)', () => {
    expect(jsonDepth('['.repeat(1_000_000), 10)).toBe(11);
    expect(() => assertJsonDepth('['.repeat(1_000_000))).toThrow(/nested deeper/);
    expect(() => assertJsonDepth(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`)).not.toThrow();
  });
});
