// "Today" for the whole server: the date in China (UTC+8), which is what "as of today" means to the users.
// Figures, imports and the coverage model all take their date from here.

/** Today's date in China (UTC+8) as YYYY-MM-DD. */
export function chinaToday(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}
