// "The map has drawn once": on a busy server (a city on PGlite answers one request at a time) the profile's
// secondary figures (trend, warnings, gap lists, walking bands) would queue in front of the map's tiles, and the
// first buildings would wait for a chart. They wait for the map's first drawing instead, or a few seconds at most
// (a map that cannot draw must not keep the profile empty).

/** Longest wait for the map before the figures are asked for anyway. */
export const FIRST_DRAWN_WAIT_MS = 15_000;

let drawn = false;
const waiting: (() => void)[] = [];

/** Called by the map controller each time its layers are all drawn. */
export function mapDrawn(): void {
  if (drawn) return;
  drawn = true;
  for (const w of waiting.splice(0)) w();
}

/** Resolves once the map has drawn (at once if it already has), or after FIRST_DRAWN_WAIT_MS. */
export function afterMapDrawn(wait = FIRST_DRAWN_WAIT_MS): Promise<void> {
  if (drawn) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      const i = waiting.indexOf(done);
      if (i >= 0) waiting.splice(i, 1);
      resolve();
    }, wait);
    waiting.push(done);
  });
}
