// Text as people type it into rosters: full-width letters and digits (ＡＢＣ１２３), ideographic spaces, stray
// punctuation in headers. NFKC folds full-width forms to ASCII, so "恒隆广场 (一期)" and "恒隆广场(一期)" match.

/** Trimmed, NFKC-folded text with runs of whitespace collapsed to one space. */
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

/** Splits a list cell ("A、B;C,D") into its trimmed, non-empty items. */
export function splitList(s: string): string[] {
  return cleanText(s)
    .split(/[、,;|/\n]+/u)
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
}
