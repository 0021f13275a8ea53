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

/** How many of the figures that wait for the map are asked at once. A browser opens six connections to a server
 *  (HTTP/1.1): the profile's six figures, several seconds each on a city (trend, warnings, gap lists, walking bands,
 *  the city's summary), held all six, so the map's next tiles, and the next page on a reload or a link, waited for
 *  them (a reload of the city's map started its first request 3.5 s late). Two leave the map four. */
export const FIGURES_AT_ONCE = 2;

let asking = 0;
const queued: (() => void)[] = [];

/** Asks `ask` once the map has drawn (afterMapDrawn) and fewer than FIGURES_AT_ONCE such asks are pending, in the
 *  order they were queued. An ask whose signal is aborted while it waits is never made (rejects with the reason). */
export async function afterMapDrawnAsk<T>(ask: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  await afterMapDrawn();
  if (asking >= FIGURES_AT_ONCE) await new Promise<void>((turn) => queued.push(turn));
  else asking++;
  // A slot is now ours (handed over by the ask before us, or free): it is passed on whatever happens below.
  try {
    signal?.throwIfAborted();
    return await ask();
  } finally {
    const next = queued.shift();
    if (next) next();
    else asking--;
  }
}
