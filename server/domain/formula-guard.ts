// The apostrophe exports put before text a spreadsheet would run as a formula (CSV injection), and imports take off
// again. One rule for both sides, so that export then import is the identity for every text: a text that itself
// begins with an apostrophe before a formula character (or another apostrophe) gets one more.

/** After a leading apostrophe: the characters that make the apostrophe a guard rather than text. */
const GUARDED = /^'[=+\-@\t\r']/;
const FORMULA = /^[=+\-@\t\r]/;

/** Text as an export writes it: "=SUM(1)" → "'=SUM(1)", "'-x" → "''-x", "'abc" unchanged. */
export function guardFormula(s: string): string {
  return FORMULA.test(s) || GUARDED.test(s) ? `'${s}` : s;
}

/** Text as an import reads it: the inverse of guardFormula; any other apostrophe (typed in Excel) is text. */
export function unguardFormula(s: string): string {
  return GUARDED.test(s) ? s.slice(1) : s;
}
