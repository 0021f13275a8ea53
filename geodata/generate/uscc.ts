// Unified social credit codes (统一社会信用代码, GB 32100-2015) with a valid check character.
// Generated codes are synthetic: they follow the format but belong to no real enterprise.
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheckChar(first17: string): string {
  // Checked up front: ''.indexOf('') is 0, so a short body would silently count as padded with '0'.
  if (first17.length !== 17) throw new Error(`A USCC body has 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARS.indexOf(first17[i] ?? '');
    if (v < 0) throw new Error(`Invalid USCC character at ${i}`);
    sum += v * (WEIGHTS[i] as number);
  }
  return CHARS[(31 - (sum % 31)) % 31] as string;
}

export function isValidUscc(code: string): boolean {
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code) && usccCheckChar(code.slice(0, 17)) === code[17];
}

/** Registration authority 9 (market regulator), type 1 (enterprise), a region code, a serial. */
export function makeUscc(regionCode: string, serial: number): string {
  // The serial written in base 31 over the code's own alphabet: distinct serials give distinct codes.
  if (!Number.isSafeInteger(serial) || serial < 0 || serial >= 31 ** 8) throw new Error(`USCC serial out of range: ${serial}`);
  let org = '';
  for (let n = serial, i = 0; i < 8; i++, n = Math.floor(n / 31)) org = CHARS[n % 31] + org;
  const first17 = `91${regionCode}${org}0`.slice(0, 17);
  return first17 + usccCheckChar(first17);
}
