// V8's young generation, per thread (issue 18 point 7, ADR 0017). Each isolate's new space grows to
// --max-semi-space-size (16 MiB by default, three times that committed) and keeps it: with the request thread,
// PGlite's thread, the coverage worker and the import thread that is about 190 MiB of a small store's RSS.
// The server's threads other than the coverage worker allocate little that lives (rows passed on, responses
// written), so they run with 2 MiB semi-spaces; the coverage worker keeps V8's default, under which a model
// build ran about 8 % faster.
import { setFlagsFromString } from 'node:v8';

export const SERVER_SEMI_SPACE_MB = 2;
/** V8's default young generation (16 MiB semi-spaces, 3×), given to the coverage worker explicitly. */
export const COVERAGE_YOUNG_GENERATION_MB = 48;

/** Every isolate created after this call (the worker threads) gets small semi-spaces. The request thread's own
 *  is fixed when the process starts: `npm start` passes the same flag to node. */
export function useSmallYoungGenerations(): void {
  setFlagsFromString(`--max-semi-space-size=${SERVER_SEMI_SPACE_MB}`);
}
