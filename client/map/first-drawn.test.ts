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
});
