// Synthetic unified social credit codes for the demo: they follow GB 32100-2015 (format and check
// character) but belong to no real enterprise.
import { USCC_ALPHABET, usccCheckChar } from '../../server/domain/uscc.js';

/** Registration authority 9 (market regulator), type 1 (enterprise), a region code, a serial. */
export function makeUscc(regionCode: string, serial: number): string {
  // The serial written in base 31 over the code's own alphabet: distinct serials give distinct codes.
  if (!Number.isSafeInteger(serial) || serial < 0 || serial >= 31 ** 8) throw new Error(`USCC serial out of range: ${serial}`);
  let org = '';
  for (let n = serial, i = 0; i < 8; i++, n = Math.floor(n / 31)) org = USCC_ALPHABET[n % 31] + org;
  const first17 = `91${regionCode}${org}0`.slice(0, 17);
  return first17 + usccCheckChar(first17);
}
