// Waits, without blocking, until the GPU has done the work already asked of it. A pick reads pixels back, and a
// read-back waits for every command queued before it: on software WebGL right after a pan over the city that is
// several frames of 0.5–1 s each, measured as 3–4 s tasks on the main thread (the pointer resting after a drag).
// A WebGL2 fence polled between tasks lets the pick run once that queue is empty, when its read-back is quick.
// Empty means nothing was drawn after the fence either: a frame the map drew while the fence was pending is queued
// behind it, and a read-back made then waits for that frame (a 382 ms task while panning the city, profiled: the
// fence had signalled, the frame drawn 30 ms before the read had not). So a fence that signals after a newer frame
// is replaced by one behind that frame, until one signals with no frame drawn since it.
// Pure of the DOM (a timer and a fence), tested with a fake context and fake timers.

/** The part of a WebGL2 context a fence needs. */
export interface FenceContext {
  readonly SYNC_GPU_COMMANDS_COMPLETE: number;
  readonly SYNC_STATUS: number;
  readonly SIGNALED: number;
  fenceSync(condition: number, flags: number): WebGLSync | null;
  getSyncParameter(sync: WebGLSync, pname: number): unknown;
  deleteSync(sync: WebGLSync | null): void;
  flush(): void;
  isContextLost(): boolean;
}

/** How often the fence is looked at: a fence's status changes between tasks, never within one. */
export const POLL_MS = 20;
/** A fence not signalled after this long (a lost or stuck context) no longer holds the work back. */
export const MAX_WAIT_MS = 8_000;

export class GpuIdle {
  private readonly pending = new Set<() => void>();

  /** `frames` counts the frames drawn so far (on every canvas sharing the GPU): the queue is empty only once a
   *  fence behind the latest of them has signalled. */
  constructor(
    private readonly context: () => FenceContext | null,
    private readonly frames: () => number = () => 0,
    private readonly pollMs = POLL_MS,
    private readonly maxWaitMs = MAX_WAIT_MS,
  ) {}

  /** Runs `fn` once the GPU has finished what was queued before this call (at once without a WebGL2 context), or
   *  as soon as `unwanted` says the wait is no longer worth it. Returns a function that cancels it if it has not run. */
  whenIdle(fn: () => void, unwanted: () => boolean = () => false): () => void {
    const gl = this.context();
    const fence = () => (gl && !gl.isContextLost() ? gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0) : null);
    let sync = fence();
    if (!gl || !sync) {
      fn();
      return () => undefined;
    }
    gl.flush();
    let frames = this.frames();
    let timer: ReturnType<typeof setTimeout> | null = null;
    let waited = 0;
    const done = () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      this.pending.delete(cancel);
      gl.deleteSync(sync);
    };
    const cancel = () => done();
    const poll = () => {
      timer = null;
      waited += this.pollMs;
      const signalled = gl.isContextLost() || gl.getSyncParameter(sync as WebGLSync, gl.SYNC_STATUS) === gl.SIGNALED;
      const over = waited >= this.maxWaitMs || unwanted();
      if (signalled && !over && frames !== this.frames()) {
        // Done up to the fence, but a frame drawn since is still queued: wait behind it too.
        gl.deleteSync(sync);
        sync = fence();
        frames = this.frames();
        if (sync) {
          gl.flush();
          timer = setTimeout(poll, this.pollMs);
          return;
        }
      }
      if (signalled || over || !sync) {
        done();
        fn();
        return;
      }
      timer = setTimeout(poll, this.pollMs);
    };
    this.pending.add(cancel);
    timer = setTimeout(poll, this.pollMs);
    return cancel;
  }

  /** Drops every wait (the map is going away). */
  cancelAll(): void {
    for (const cancel of [...this.pending]) cancel();
  }
}
