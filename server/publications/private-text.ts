// Private text: how a phone or ID number, or a private term (a person's, organisation's or enterprise's name), is
// recognised however it is written; what redaction (redact.ts) and the leak guard both rely on. Pure.
/** Dates (2026-06-30, 2026/6/30, 2026.06.30), year ranges (2020-2026) and clock times (9:00, 9.30): not numbers to hide. */
const NOT_A_NUMBER = [
  /(?<![\d.])(?:19|20)\d{2}\s*([-/.])\s*(?:0?[1-9]|1[0-2])\s*\1\s*(?:0?[1-9]|[12]\d|3[01])(?![\d.])/g,
  /(?<![\d.])(?:19|20)\d{2}\s*[-~至到]\s*(?:19|20)\d{2}(?![\d.])/g,
  /(?<![\d.:])(?:[01]?\d|2[0-4])\s*[:.]\s*[0-5]\d(?![\d.:])/g,
];
/** What people put between the digits of one number. */
const NUMBER_SEPARATORS = /[\s\p{Pd}()[\]+.·・_]/gu;
const LONG_NUMBER = /\d{7,}(?:x(?!\d))?/gi;
const HOUSE_NUMBER_UNIT = /^[号弄室楼层栋幢座门]/;

/** NFKC without invisible format characters (zero-width spaces and joiners, bidi marks). */
export const nfkc = (text: string): string => text.normalize('NFKC').replace(/\p{Cf}/gu, '');

/** Text as compared with private terms: NFKC, lower case, no spaces, punctuation or symbols. */
export function normaliseTerm(text: string): string {
  return nfkc(text).toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
}

/** True when the text carries a phone number or an ID number, however it is written. */
export function hasPhoneOrId(text: string): boolean {
  let t = nfkc(text);
  for (const re of NOT_A_NUMBER) t = t.replace(re, '#');
  t = t.replace(NUMBER_SEPARATORS, '');
  for (const m of t.matchAll(LONG_NUMBER)) {
    const digits = m[0];
    const after = t.slice((m.index ?? 0) + digits.length);
    const mobile = /^(?:86)?1[3-9]\d{9}$/.test(digits);
    if (!mobile && digits.length <= 8 && HOUSE_NUMBER_UNIT.test(after)) continue;
    return true;
  }
  return false;
}

/** True when the text contains one of the private terms (both sides normalised). */
export function privateTermMatcher(privateTerms: string[]): (text: string) => boolean {
  // Longest first, so a long name is found even where a shorter term is part of it.
  const terms = [...new Set(privateTerms.map(normaliseTerm).filter((t) => t.length >= 2))].sort((a, b) => b.length - a.length);
  return (text) => {
    const norm = normaliseTerm(text);
    return terms.some((t) => norm.includes(t));
  };
}

/** A scrubber for free text: null when the text carries a private term or looks like a phone/ID. */
export function textScrubber(privateTerms: string[]): (text: string | null) => string | null {
  const isPrivate = privateTermMatcher(privateTerms);
  return (text) => {
    if (text == null) return null;
    if (hasPhoneOrId(text)) return null;
    if (isPrivate(text)) return null;
    return text;
  };
}

/**
 * True for a number an institution answers: a landline with its area code (0 + 2–3 digits + 7–8
 * digits, e.g. 021-6xxx xxxx) or a 400/800 service line, however grouped. Mobiles (a person's) are not.
 * Only the stations' own public-phone field may carry such a number: everywhere else a digit run is withheld.
 */
export function isInstitutionalPhone(text: string): boolean {
  const t = nfkc(text).trim();
  if (!/^[\d\s\p{Pd}()+]+$/u.test(t)) return false;
  const digits = t.replace(/\D/g, '').replace(/^86(?=0?[1-9])/, '');
  if (/^0?1[3-9]\d{9}$/.test(digits)) return false;
  return /^0(?:[12]\d|[3-9]\d{2})[2-9]\d{6,7}$/.test(digits) || /^[48]00\d{7}$/.test(digits);
}

/** Organisation and alliance member names shorter than this (normalised) are not terms: too common to be distinctive. */
export const MIN_ORGANISATION_TERM = 4;

/** What organisation names end with: the kind of body, its number, the company form. */
const ORGANISATION_SUFFIX =
  /(?:第[0-9一二三四五六七八九十]+)?(?:联合|临时|功能型)?(?:党委|党总支|党支部|党工委|党组|总工会|工会联合会|工会委员会|工会|团委|团支部|妇委会|妇联|楼宇治理委员会|治理委员会|委员会|楼委会|联合会|有限责任公司|股份有限公司|有限公司|集团|公司|楼宇)$/;

/**
 * Private terms for organisation (and alliance member) names, which are never published: each name,
 * the name without its parenthesised notes ("(示意)", "(集团)"), and its distinctive parts — the name
 * with the kind of body and company form taken off ("恒越信息科技党支部" → "恒越信息科技") — unless
 * that part is also (in) the name of a public place or station ("恒隆广场联合党支部" → "恒隆广场"
 * stays a place) or shorter than MIN_ORGANISATION_TERM. Whole names inside a place name (street, grid,
 * business district, building) are public anyway and left out; station names are not places here:
 * a station named after an organisation is withheld like any other text that names one.
 */
export function organisationTerms(names: string[], public_: { places: string[]; stations: string[] }): string[] {
  const places = public_.places.map(normaliseTerm);
  const named = [...places, ...public_.stations.map(normaliseTerm)];
  const out = new Set<string>();
  for (const name of names) {
    const full = nfkc(name).trim();
    const bare = full.replace(/\([^()]*\)/g, '').trim();
    for (const n of [full, bare]) {
      const k = normaliseTerm(n);
      if (k.length >= MIN_ORGANISATION_TERM && !places.some((p) => p.includes(k))) out.add(n);
    }
    // The core: every kind-of-body and company-form ending taken off; longer partial stems add nothing.
    let stem = bare;
    for (let next = stem.replace(ORGANISATION_SUFFIX, '').trim(); next !== stem; next = stem.replace(ORGANISATION_SUFFIX, '').trim()) stem = next;
    const k = normaliseTerm(stem);
    if (stem !== bare && k.length >= MIN_ORGANISATION_TERM && !named.some((p) => p.includes(k))) out.add(stem);
  }
  return [...out];
}
