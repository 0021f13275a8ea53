import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AskQueue, laneOf, type Lane } from './ask-queue.js';
import { ClientGone } from '../http/abandoned.js';

/** A task that runs until released, recording when it ran. */
function gate() {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  return { done, release };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('AskQueue', () => {
  it('puts long analyses and past dates in the heavy lane, what a map draws in the quick one', () => {
    expect(laneOf({ q: 'trend', level: 'street', id: 's', months: 12 })).toBe('heavy');
    expect(laneOf({ q: 'gaps', level: 'building', kind: 'party', filter: { limit: 5 } })).toBe('heavy');
    expect(laneOf({ q: 'summary', level: 'street', id: 's', asOf: '2026-01-01' })).toBe('heavy');
    expect(laneOf({ q: 'summary', level: 'street', id: 's' })).toBe('quick');
    expect(laneOf({ q: 'derivedBuildings', ids: [1] })).toBe('quick');
    expect(laneOf({ q: 'density', bbox: [0, 0, 1, 1], size: 100 })).toBe('quick');
  });

  it('lets quick questions by while one heavy question runs and the next waits', async () => {
    const q = new AskQueue({ quick: 2, heavy: 1 });
    const order: string[] = [];
    const h1 = gate();
    const heavy1 = q.run('heavy', undefined, async () => (order.push('h1'), h1.done));
    const heavy2 = q.run('heavy', undefined, async () => void order.push('h2'));
    const quick = q.run('quick', undefined, async () => void order.push('q1'));
    await quick;
    expect(order).toEqual(['h1', 'q1']);
    expect(q.queued).toEqual({ quick: 0, heavy: 1 });
    h1.release();
    await Promise.all([heavy1, heavy2]);
    expect(order).toEqual(['h1', 'q1', 'h2']);
  });

  it('never asks a question whose client left while it waited', async () => {
    const q = new AskQueue({ quick: 1, heavy: 1 });
    const g = gate();
    const first = q.run('heavy', undefined, () => g.done);
    const ctrl = new AbortController();
    let ran = false;
    const second = q.run('heavy', ctrl.signal, async () => void (ran = true));
    ctrl.abort();
    await expect(second).rejects.toBeInstanceOf(ClientGone);
    g.release();
    await first;
    await tick();
    expect(ran).toBe(false);
    const gone = new AbortController();
    gone.abort();
    await expect(q.run('quick', gone.signal, async () => 1)).rejects.toBeInstanceOf(ClientGone);
  });

  it('keeps every lane within its limit, runs each waiting question once and drops only the abandoned (random schedules)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ lane: fc.constantFrom<Lane>('quick', 'heavy'), abortAfter: fc.option(fc.nat(5), { nil: undefined }), work: fc.nat(3) }), { maxLength: 30 }),
        async (jobs) => {
          const limits = { quick: 3, heavy: 1 };
          const q = new AskQueue(limits);
          const running = { quick: 0, heavy: 0 };
          const runs = jobs.map(() => 0);
          const controllers = jobs.map(() => new AbortController());
          const results = jobs.map((j, i) =>
            q
              .run(j.lane, controllers[i]?.signal, async () => {
                runs[i] = (runs[i] ?? 0) + 1;
                running[j.lane]++;
                expect(running[j.lane]).toBeLessThanOrEqual(limits[j.lane]);
                for (let k = 0; k < j.work; k++) await tick();
                running[j.lane]--;
                return i;
              })
              .then(
                () => 'done' as const,
                (e: unknown) => (e instanceof ClientGone ? ('gone' as const) : ('error' as const)),
              ),
          );
          for (let step = 0; step <= 5; step++) {
            jobs.forEach((j, i) => j.abortAfter === step && controllers[i]?.abort());
            await tick();
          }
          const outcomes = await Promise.all(results);
          outcomes.forEach((o, i) => {
            expect(o).not.toBe('error');
            // Done exactly once, or dropped without ever running.
            expect(runs[i]).toBe(o === 'done' ? 1 : 0);
            if (jobs[i]?.abortAfter === undefined) expect(o).toBe('done');
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
