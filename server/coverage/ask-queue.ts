// The order in which questions reach the coverage model. The model answers on one thread, and a long question
// (a trend over twelve months, a ranked gap list, walking-band areas: seconds each on a city) holds it until done.
// So questions wait here, on the request thread, in two lanes:
//   - quick: what a map or a wall is drawing (figures a tile carries, today's summaries, density, a file), several
//     at a time, first come first served;
//   - heavy: long analyses, one at a time, so a quick question never waits behind more than one of them;
// and a question whose client has gone while it waited is never asked (an official who left a page does not leave
// its five analyses to run ahead of the next page's map).
import { ClientGone, abandoned } from '../http/abandoned.js';
import type { Question } from './questions.js';

export type Lane = 'quick' | 'heavy';

/** Questions whose answer takes a pass over every enterprise or a walk over the network. */
const HEAVY = new Set<Question['q']>(['trend', 'warnings', 'gaps', 'bandAreas', 'stationBandAreas']);

/** A question's lane: the heavy kinds, and any question about a past date (its counts are made for it). */
export function laneOf(q: Question): Lane {
  return HEAVY.has(q.q) || ('asOf' in q && q.asOf !== undefined) ? 'heavy' : 'quick';
}

/** Questions of each lane that may be with the model at once. */
export const LANE_LIMITS: Readonly<Record<Lane, number>> = { quick: 4, heavy: 1 };

interface Waiting {
  start: () => void;
  drop: () => void;
  signal: AbortSignal | undefined;
}

export class AskQueue {
  private readonly running: Record<Lane, number> = { quick: 0, heavy: 0 };
  private readonly waiting: Record<Lane, Waiting[]> = { quick: [], heavy: [] };

  constructor(private readonly limits: Readonly<Record<Lane, number>> = LANE_LIMITS) {}

  /** Questions waiting for their turn, per lane (tests, health). */
  get queued(): Record<Lane, number> {
    return { quick: this.waiting.quick.length, heavy: this.waiting.heavy.length };
  }

  /** Runs `task` when its lane has room; rejects with ClientGone, without running it, if `signal` aborts first. */
  run<T>(lane: Lane, signal: AbortSignal | undefined, task: () => Promise<T>): Promise<T> {
    if (signal?.aborted) {
      abandoned.count++;
      return Promise.reject(new ClientGone());
    }
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        signal?.removeEventListener('abort', onAbort);
        this.running[lane]++;
        task()
          .then(resolve, reject)
          .finally(() => {
            this.running[lane]--;
            this.next(lane);
          });
      };
      const entry: Waiting = { start, drop: () => reject(new ClientGone()), signal };
      const onAbort = () => {
        const list = this.waiting[lane];
        const i = list.indexOf(entry);
        if (i < 0) return;
        list.splice(i, 1);
        abandoned.count++;
        entry.drop();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting[lane].push(entry);
      this.next(lane);
    });
  }

  private next(lane: Lane): void {
    while (this.running[lane] < this.limits[lane]) {
      const entry = this.waiting[lane].shift();
      if (!entry) return;
      entry.start();
    }
  }
}
