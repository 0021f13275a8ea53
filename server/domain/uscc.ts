// Unified social credit codes (统一社会信用代码, GB 32100-2015): the check character and the validity rule.
// A production rule (imports validate with it); the demo generator builds its synthetic codes on it.
/** The code's alphabet: digits and capitals without I, O, S, V, Z. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheckChar(first17: string): string {
  // Checked up front: ''.indexOf('') is 0, so a short body would silently count as padded with '0'.
  if (first17.length !== 17) throw new Error(`A USCC body has 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i] ?? '');
    if (v < 0) throw new Error(`Invalid USCC character at ${i}`);
    sum += v * (WEIGHTS[i] as number);
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31] as string;
}

export function isValidUscc(code: string): boolean {
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code) && usccCheckChar(code.slice(0, 17)) === code[17];
}
