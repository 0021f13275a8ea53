import { describe, it, expect } from 'vitest';
import { isValidUscc, usccCheckChar } from '../../server/domain/uscc.js';
import { makeUscc } from './uscc.js';

// GB 32100-2015: 31 characters (no I, O, S, V, Z), weights 3^i mod 31, check = 31 - (sum mod 31), 31 → 0.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const FORMAT = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** An independent reference implementation: weights computed, not copied. */
function referenceCheckChar(first17: string): string {
  let sum = 0;
  let weight = 1;
  for (const ch of first17) {
    sum += ALPHABET.indexOf(ch) * weight;
    weight = (weight * 3) % 31;
  }
  const c = 31 - (sum % 31);
  return ALPHABET[c === 31 ? 0 : c] as string;
}

/** Every other allowed character at position i. */
function corruptions(code: string, i: number): string[] {
  return [...ALPHABET].filter((c) => c !== code[i]).map((c) => code.slice(0, i) + c + code.slice(i + 1));
}

describe('usccCheckChar', () => {
  it('matches the example of the standard (91350100M000100Y43)', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
  });

  it('agrees with an independent implementation on many inputs', () => {
    for (let k = 0; k < 500; k++) {
      // A deterministic spread of 17-character bodies over the whole alphabet.
      const body = Array.from({ length: 17 }, (_, i) => ALPHABET[(k * 7 + i * 13 + ((k * i) % 29)) % 31]).join('');
      expect(usccCheckChar(body)).toBe(referenceCheckChar(body));
    }
  });

  it('maps a body summing to a multiple of 31 to check character 0, not 31', () => {
    expect(usccCheckChar('00000000000000000')).toBe('0');
  });

  it('can produce a letter as check character', () => {
    // 9131000013221158X → C (a letter check character, as real codes often have)
    expect(usccCheckChar('9131000013221158X')).toBe('C');
  });

  it.each(['I', 'O', 'S', 'V', 'Z', 'a', '-'])('throws on the character %j, which the standard excludes', (ch) => {
    expect(() => usccCheckChar(`9131010600000001${ch}`)).toThrow(/Invalid USCC character at 16/);
  });

  it('throws on a body that is not 17 characters long', () => {
    expect(() => usccCheckChar('9131010600')).toThrow(/17 characters, got 10/);
    expect(() => usccCheckChar('')).toThrow(/17 characters, got 0/);
    expect(() => usccCheckChar('91350100M000100Y43')).toThrow(/17 characters, got 18/);
  });

  it('makeUscc does not turn a short region code into a short code', () => {
    expect(() => makeUscc('', 5)).toThrow(/17 characters/);
  });
});

describe('isValidUscc', () => {
  it('rejects the wrong length', () => {
    expect(isValidUscc('91350100M000100Y4')).toBe(false);
    expect(isValidUscc('91350100M000100Y433')).toBe(false);
    expect(isValidUscc('')).toBe(false);
  });

  it('rejects lower case and excluded letters, without throwing', () => {
    expect(isValidUscc('91350100m000100y43')).toBe(false);
    expect(isValidUscc('91350100O000100Y43')).toBe(false);
    expect(isValidUscc('91350100M000100Y4I')).toBe(false);
  });

  it('rejects every other check character of the standard example', () => {
    const good = '91350100M000100Y43';
    for (const bad of corruptions(good, 17)) expect(isValidUscc(bad)).toBe(false);
  });

  it('detects any single-character change of a generated code', () => {
    const code = makeUscc('310106', 1_000_003 * 42 + 77);
    expect(isValidUscc(code)).toBe(true);
    for (let i = 0; i < 18; i++) {
      for (const bad of corruptions(code, i)) expect(isValidUscc(bad), `${bad} (position ${i})`).toBe(false);
    }
  });

  it('detects a flipped character in a computed real-format code', () => {
    const body = '91310106MA1FL2K3X';
    const code = body + usccCheckChar(body);
    expect(isValidUscc(code)).toBe(true);
    const flipped = code.slice(0, 9) + (code[9] === 'A' ? 'B' : 'A') + code.slice(10);
    expect(flipped).not.toBe(code);
    expect(isValidUscc(flipped)).toBe(false);
  });

  it('detects swapped neighbouring characters', () => {
    const code = '91350100M000100Y43';
    const swapped = code.slice(0, 8) + code[9] + code[8] + code.slice(10); // M0 → 0M
    expect(isValidUscc(swapped)).toBe(false);
  });
});

describe('makeUscc', () => {
  const regions = ['310106', '310104', '310101', '310116', '150104'];

  it('makes valid, 18-character codes in the allowed alphabet for many serials', () => {
    for (const region of regions) {
      for (let id = 1; id <= 2_000; id++) {
        const code = makeUscc(region, 1_000_003 * id + 77);
        expect(code).toHaveLength(18);
        expect(code).toMatch(FORMAT);
        expect(isValidUscc(code)).toBe(true);
        expect(code[17]).toBe(referenceCheckChar(code.slice(0, 17)));
      }
    }
  });

  it('is valid for small, zero and the largest serials, and refuses serials it cannot write', () => {
    for (const serial of [0, 1, 18, 24, 28, 30, 31, 31 ** 8 - 1]) {
      const code = makeUscc('310106', serial);
      expect(code, String(serial)).toMatch(FORMAT);
      expect(isValidUscc(code), code).toBe(true);
    }
    for (const bad of [-1, 31 ** 8, 1.5, Number.MAX_SAFE_INTEGER]) expect(() => makeUscc('310106', bad), String(bad)).toThrow(/out of range/);
  });

  it('follows the layout: 9 (market regulator), 1 (enterprise), region, organisation code in base 31 over the code alphabet', () => {
    // 31 → "10", 32 → "11": digits of the code's own 31-character alphabet, padded to 8.
    expect(makeUscc('310106', 31).slice(8, 16)).toBe('00000010');
    expect(makeUscc('310106', 30).slice(8, 16)).toBe('0000000Y');
    const code = makeUscc('310106', 31 * 31 + 10);
    expect(code.slice(0, 2)).toBe('91');
    expect(code.slice(2, 8)).toBe('310106');
    expect(code.slice(8, 16)).toBe('0000010A'); // 1·31² + 0·31 + 10
    expect(code[16]).toBe('0');
    expect(code).toBe(`${code.slice(0, 17)}${usccCheckChar(code.slice(0, 17))}`);
  });

  it('gives distinct codes for distinct serials, including those base 36 would have folded together', () => {
    const serials = [18, 33, 24, 28, 31, 35, 1_000_080, 1_000_081];
    expect(new Set(serials.map((n) => makeUscc('310106', n))).size).toBe(serials.length);
  });

  it('is deterministic', () => {
    expect(makeUscc('310106', 987_654)).toBe(makeUscc('310106', 987_654));
  });

  it('gives distinct codes for the serials the generator uses (1_000_003 · id + 77)', () => {
    const codes = new Set<string>();
    for (let id = 1; id <= 20_000; id++) codes.add(makeUscc('310106', 1_000_003 * id + 77));
    expect(codes.size).toBe(20_000);
  });

  it('gives different codes in different regions for the same serial', () => {
    expect(makeUscc('310106', 5)).not.toBe(makeUscc('310104', 5));
  });
});
