import { describe, expect, it, vi } from 'vitest';

describe('after the map first drew', () => {
  it('waits for the first drawing, then answers at once; a map that never draws holds nothing back long', async () => {
    vi.useFakeTimers();
    vi.resetModules();
    const { afterMapDrawn, mapDrawn, FIRST_DRAWN_WAIT_MS } = await import('./first-drawn');
    let early = false;
    void afterMapDrawn().then(() => (early = true));
    let timedOut = false;
    void afterMapDrawn(100).then(() => (timedOut = true));
    await vi.advanceTimersByTimeAsync(100);
    expect([early, timedOut]).toEqual([false, true]);
    mapDrawn();
    await vi.advanceTimersByTimeAsync(0);
    expect(early).toBe(true);
    let later = false;
    void afterMapDrawn().then(() => (later = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(later).toBe(true);
    expect(FIRST_DRAWN_WAIT_MS).toBeGreaterThan(0);
    vi.useRealTimers();
  });

  it('asks the waiting figures after the first drawing, two at a time in order, and never one aborted while it waited', async () => {
    vi.resetModules();
    const { afterMapDrawnAsk, mapDrawn, FIGURES_AT_ONCE } = await import('./first-drawn');
    const started: string[] = [];
    const answers = new Map<string, () => void>();
    const ask = (name: string, signal?: AbortSignal) =>
      afterMapDrawnAsk(() => {
        started.push(name);
        return new Promise<string>((done) => answers.set(name, () => done(name)));
      }, signal);
    const gone = new AbortController();
    const results = [ask('trend'), ask('warnings'), ask('gaps', gone.signal), ask('bands'), ask('city')];
    const settled = Promise.allSettled(results);
    const tick = () => new Promise((r) => setTimeout(r, 0));
    await tick();
    expect(started).toEqual([]);
    mapDrawn();
    await tick();
    expect(FIGURES_AT_ONCE).toBe(2);
    expect(started).toEqual(['trend', 'warnings']);
    gone.abort();
    answers.get('trend')?.();
    await tick();
    expect(started).toEqual(['trend', 'warnings', 'bands']);
    answers.get('warnings')?.();
    answers.get('bands')?.();
    await tick();
    expect(started).toEqual(['trend', 'warnings', 'bands', 'city']);
    answers.get('city')?.();
    expect((await settled).map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
  });
});
