// V8's heap settings for the server's threads (issue 18 point 7, ADR 0017).
//
// Young generation, per thread: each isolate's new space grows to --max-semi-space-size (16 MiB by default, three
// times that committed) and keeps it: with the request thread, PGlite's thread, the coverage worker and the import
// thread that is about 190 MiB of a small store's RSS. The server's threads other than the coverage worker allocate
// little that lives (rows passed on, responses written), so they run with 2 MiB semi-spaces; the coverage worker
// keeps V8's default, under which a model build ran about 8 % faster.
//
// Old generation, every thread: V8 lets a heap grow up to 4× what was live after its last full collection before
// it collects again. The coverage worker's model is ~320 MiB live on the city and PGlite's thread ~45 MiB, so their
// garbage (a snapshot's parts as they are read, a build's query slices) took the process past 1 GiB. Growing by
// 30 % at a time: DEMO=city's first start on 200 streets peaked at 879 MiB instead of 1,030, its restart at 924
// instead of 1,010, for more full collections (the full build ~20 % longer, in the coverage worker).
import { setFlagsFromString } from 'node:v8';

export const SERVER_SEMI_SPACE_MB = 2;
/** V8's default young generation (16 MiB semi-spaces, 3×), given to the coverage worker explicitly. */
export const COVERAGE_YOUNG_GENERATION_MB = 48;
/** How much a heap may grow past what was live at its last full collection before the next, in per cent. */
export const HEAP_GROWING_PERCENT = 30;

/** Every isolate created after this call (the worker threads) gets small semi-spaces; every isolate, this one too,
 *  the growing factor (V8 reads it at each collection). The request thread's own semi-space is fixed when the
 *  process starts: `npm start` passes the same flag to node. */
export function useFrugalHeaps(): void {
  setFlagsFromString(`--max-semi-space-size=${SERVER_SEMI_SPACE_MB}`);
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
