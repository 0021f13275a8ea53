import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GpuIdle, MAX_WAIT_MS, POLL_MS, type FenceContext } from './gpu-idle';

/** A context whose GPU finishes a fence when the test says so; it counts what the fences cost. */
function fakeContext() {
  const fences = new Map<object, { done: boolean }>();
  let lost = false;
  const gl: FenceContext & { finishAll(): void; lose(): void; live: () => number; flushes: number } = {
    SYNC_GPU_COMMANDS_COMPLETE: 0x9117,
    SYNC_STATUS: 0x9114,
    SIGNALED: 0x9119,
    flushes: 0,
    fenceSync: () => {
      const s = {};
      fences.set(s, { done: false });
      return s as WebGLSync;
    },
    getSyncParameter: (s, pname) => (pname === 0x9114 && fences.get(s)?.done ? 0x9119 : 0x9118),
    deleteSync: (s) => {
      if (s) fences.delete(s);
    },
    flush: () => {
      gl.flushes++;
    },
    isContextLost: () => lost,
    finishAll: () => {
      for (const f of fences.values()) f.done = true;
    },
    lose: () => {
      lost = true;
    },
    live: () => fences.size,
  };
  return gl;
}

describe('waiting for the GPU without blocking', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the work only once the fence is signalled, and frees the fence', () => {
    const gl = fakeContext();
    const idle = new GpuIdle(() => gl);
    const ran = vi.fn();
    idle.whenIdle(ran);
    expect(gl.flushes).toBe(1); // the fence is sent, or it could wait for ever
    vi.advanceTimersByTime(POLL_MS * 20);
    expect(ran).not.toHaveBeenCalled();
    gl.finishAll();
    vi.advanceTimersByTime(POLL_MS);
    expect(ran).toHaveBeenCalledTimes(1);
    expect(gl.live()).toBe(0);
    vi.advanceTimersByTime(POLL_MS * 20);
    expect(ran).toHaveBeenCalledTimes(1);
  });

  it('never runs cancelled work, and frees its fence', () => {
    const gl = fakeContext();
    const idle = new GpuIdle(() => gl);
    const kept = vi.fn();
    const dropped = vi.fn();
    const cancel = idle.whenIdle(dropped);
    idle.whenIdle(kept);
    cancel();
    expect(gl.live()).toBe(1);
    gl.finishAll();
    vi.advanceTimersByTime(POLL_MS);
    expect(dropped).not.toHaveBeenCalled();
    expect(kept).toHaveBeenCalledTimes(1);
    const later = vi.fn();
    idle.whenIdle(later);
    idle.cancelAll();
    gl.finishAll();
    vi.advanceTimersByTime(POLL_MS * 5);
    expect(later).not.toHaveBeenCalled();
    expect(gl.live()).toBe(0);
  });

  it('runs at once without a WebGL2 context or a fence', () => {
    const ran = vi.fn();
    new GpuIdle(() => null).whenIdle(ran);
    expect(ran).toHaveBeenCalledTimes(1);
    const gl = { ...fakeContext(), fenceSync: () => null };
    new GpuIdle(() => gl).whenIdle(ran);
    expect(ran).toHaveBeenCalledTimes(2);
  });

  it('does not hold work back for ever: a lost context, or a fence never signalled', () => {
    const gl = fakeContext();
    const idle = new GpuIdle(() => gl);
    const onLost = vi.fn();
    idle.whenIdle(onLost);
    gl.lose();
    vi.advanceTimersByTime(POLL_MS);
    expect(onLost).toHaveBeenCalledTimes(1);

    const stuck = fakeContext();
    const late = vi.fn();
    new GpuIdle(() => stuck).whenIdle(late);
    vi.advanceTimersByTime(MAX_WAIT_MS - POLL_MS);
    expect(late).not.toHaveBeenCalled();
    vi.advanceTimersByTime(POLL_MS);
    expect(late).toHaveBeenCalledTimes(1);
    expect(stuck.live()).toBe(0);
  });

  it('waits behind a frame drawn while its fence was pending, until a fence with no newer frame signals', () => {
    const gl = fakeContext();
    let frames = 0;
    const idle = new GpuIdle(() => gl, () => frames);
    const ran = vi.fn();
    frames++; // a frame drawn before the wait began is behind its first fence
    idle.whenIdle(ran);
    frames++; // drawn while the fence was pending: queued behind it
    gl.finishAll();
    vi.advanceTimersByTime(POLL_MS);
    expect(ran).not.toHaveBeenCalled();
    expect(gl.live()).toBe(1); // the old fence freed, one behind the new frame
    gl.finishAll();
    vi.advanceTimersByTime(POLL_MS);
    expect(ran).toHaveBeenCalledTimes(1);
    expect(gl.live()).toBe(0);
  });

  it('runs the work after the longest wait even while frames keep coming', () => {
    const gl = fakeContext();
    let frames = 0;
    const idle = new GpuIdle(() => gl, () => frames);
    const ran = vi.fn();
    idle.whenIdle(ran);
    for (let t = POLL_MS; t < MAX_WAIT_MS; t += POLL_MS) {
      frames++;
      gl.finishAll();
      vi.advanceTimersByTime(POLL_MS);
    }
    expect(ran).not.toHaveBeenCalled();
    frames++;
    gl.finishAll();
    vi.advanceTimersByTime(POLL_MS);
    expect(ran).toHaveBeenCalledTimes(1);
    expect(gl.live()).toBe(0);
  });

  it('ends the wait as soon as it is no longer wanted, and frees the fence', () => {
    const gl = fakeContext();
    const idle = new GpuIdle(() => gl);
    const ran = vi.fn();
    let wanted = true;
    idle.whenIdle(ran, () => !wanted);
    vi.advanceTimersByTime(POLL_MS * 3);
    expect(ran).not.toHaveBeenCalled();
    wanted = false;
    vi.advanceTimersByTime(POLL_MS);
    expect(ran).toHaveBeenCalledTimes(1);
    expect(gl.live()).toBe(0);
  });
});
