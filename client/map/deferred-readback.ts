// deck.gl's asynchronous pick draws its picking pass, copies the pixels under the pointer into a GPU buffer made for
// reading (luma.gl's MAP_READ usage), then awaits that buffer's readAsync — which on WebGL is a synchronous
// getBufferSubData, waiting on the main thread for the picking pass to finish. On software WebGL the first picking
// pass over a tile layer that has just arrived takes 0.4–2.4 s of GPU time, all of it one main-thread task.
// Here the device's read buffers wait for the GPU (a fence, gpu-idle.ts) before they read, so the picking pass runs
// while the page stays free and the read-back finds its pixels ready (WebGL2's asynchronous read-back pattern).
// A read nobody wants any more (a hover pick the pointer has left, say by dragging the map) is not made: it answers
// blank pixels (nothing picked) as soon as that is known, rather than wait behind the frames of a drag and then
// block the page for one of them.
// Pure of the DOM and of luma.gl's classes (their shapes only), tested with a fake device.

/** luma.gl's Buffer.MAP_READ: a buffer the CPU reads back. */
export const MAP_READ = 0x01;

/** The part of a luma.gl buffer read back here. */
export interface ReadableBuffer {
  readonly byteLength?: number;
  readAsync(byteOffset?: number, byteLength?: number): Promise<Uint8Array>;
}

/** The part of a luma.gl device that makes buffers (given props, or data). */
export interface BufferDevice {
  createBuffer(props: object): ReadableBuffer;
}

/** Something that runs work once the GPU has done what was asked before (GpuIdle). */
export interface Idle {
  whenIdle(fn: () => void, unwanted?: () => boolean): () => void;
}

/** Whether the answer of a pick is still wanted. */
export type Wanted = () => boolean;
/** A pick whose answer is always wanted (a click's, or one that says nothing). */
export const ALWAYS: Wanted = () => true;

const deferred = new WeakSet<BufferDevice>();

/** From now on, every read-back buffer `device` makes reads only once the GPU is idle, and only if the pick that
 *  asked (`current()` when the read is asked for) still wants it. Idempotent per device. */
export function deferReadBacks(device: BufferDevice, idle: Idle, current: () => Wanted = () => ALWAYS): void {
  if (deferred.has(device)) return;
  deferred.add(device);
  const create = device.createBuffer.bind(device);
  device.createBuffer = (props: object) => {
    const buffer = create(props);
    if (!isReadBack(props)) return buffer;
    const read = buffer.readAsync.bind(buffer);
    buffer.readAsync = (byteOffset?: number, byteLength?: number) => {
      const wanted = current();
      return new Promise<void>((resolve) => idle.whenIdle(resolve, () => !wanted())).then(() =>
        wanted() ? read(byteOffset, byteLength) : new Uint8Array(byteLength ?? Math.max(0, (buffer.byteLength ?? 0) - (byteOffset ?? 0))),
      );
    };
    return buffer;
  };
}

function isReadBack(props: object): boolean {
  if (ArrayBuffer.isView(props) || props instanceof ArrayBuffer) return false;
  const usage = (props as { usage?: unknown }).usage;
  return typeof usage === 'number' && (usage & MAP_READ) !== 0;
}
