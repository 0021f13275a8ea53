// Text as people type it into rosters: full-width letters and digits (ＡＢＣ１２３), ideographic spaces, stray
// punctuation in headers. What is stored is what they typed, trimmed (names are official records: "（集团）" stays
// full-width). NFKC folding is only for comparing: "恒隆广场 (一期)" and "恒隆广场（一期）" name the same building.

/** What the user typed, without surrounding whitespace (ideographic spaces included). Nothing else changes. */
export function typedText(s: string): string {
  return s.trim();
}

/** Trimmed, NFKC-folded text with runs of whitespace collapsed to one space: for parsing numbers, dates and codes
 *  (values whose meaning does not change with the width of a digit), never for text that is stored as text. */
export function cleanText(s: string): string {
  return s.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

/** A matching key: folded, lower-case, without whitespace or punctuation. For headers, names and addresses. */
export function matchKey(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** Splits a list cell ("A、B；C,D") into its trimmed, non-empty items, each as typed. */
export function splitList(s: string): string[] {
  return s
    .split(/[、,，;；|/／\n]+/u)
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
}
