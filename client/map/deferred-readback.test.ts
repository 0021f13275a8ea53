import { describe, expect, it } from 'vitest';
import { deferReadBacks, MAP_READ, type BufferDevice, type Idle, type ReadableBuffer } from './deferred-readback';

/** A device whose buffers record when they were read; an Idle whose GPU is done when the test says so. */
function fakes() {
  const reads: string[] = [];
  let n = 0;
  const device: BufferDevice = {
    createBuffer(props: object): ReadableBuffer {
      const name = `b${n++}`;
      void props;
      return {
        readAsync: (offset = 0, length = 4) => {
          reads.push(`${name}@${offset}+${length}`);
          return Promise.resolve(new Uint8Array(length));
        },
      };
    },
  };
  const waiting: { fn: () => void; unwanted: () => boolean }[] = [];
  const idle: Idle & { finish(): void; poll(): void; cancelled: number } = {
    cancelled: 0,
    whenIdle(fn, unwanted = () => false) {
      waiting.push({ fn, unwanted });
      return () => {
        idle.cancelled++;
      };
    },
    finish() {
      for (const w of waiting.splice(0)) w.fn();
    },
    /** A look between tasks with the GPU still busy: only waits no longer wanted end. */
    poll() {
      for (const w of waiting.filter((x) => x.unwanted())) {
        waiting.splice(waiting.indexOf(w), 1);
        w.fn();
      }
    },
  };
  return { device, idle, reads };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('read-backs that wait for the GPU', () => {
  it('reads a read-back buffer only once the GPU is idle, with the offsets asked for', async () => {
    const { device, idle, reads } = fakes();
    deferReadBacks(device, idle);
    const buffer = device.createBuffer({ byteLength: 64, usage: MAP_READ | 0x08 });
    let got: Uint8Array | null = null;
    void buffer.readAsync(8, 16).then((d) => (got = d));
    await settle();
    expect(reads).toEqual([]);
    expect(got).toBeNull();
    idle.finish();
    await settle();
    expect(reads).toEqual(['b0@8+16']);
    expect(got).toHaveLength(16);
  });

  it('leaves every other buffer alone: other usages, and buffers made from data', async () => {
    const { device, idle, reads } = fakes();
    deferReadBacks(device, idle);
    await device.createBuffer({ byteLength: 64, usage: 0x20 }).readAsync();
    await device.createBuffer({ byteLength: 64 }).readAsync();
    await device.createBuffer(new Float32Array(4)).readAsync();
    expect(reads).toEqual(['b0@0+4', 'b1@0+4', 'b2@0+4']);
  });

  it('wraps a device once, however often it is given', async () => {
    const { device, idle, reads } = fakes();
    deferReadBacks(device, idle);
    deferReadBacks(device, idle);
    const read = device.createBuffer({ usage: MAP_READ }).readAsync();
    idle.finish();
    await read;
    expect(reads).toEqual(['b0@0+4']);
  });

  it('answers reads in the order they were asked', async () => {
    const { device, idle } = fakes();
    deferReadBacks(device, idle);
    const order: number[] = [];
    const a = device.createBuffer({ usage: MAP_READ }).readAsync().then(() => order.push(1));
    const b = device.createBuffer({ usage: MAP_READ }).readAsync().then(() => order.push(2));
    idle.finish();
    await Promise.all([a, b]);
    expect(order).toEqual([1, 2]);
  });

  it('does not read for a pick whose answer is no longer wanted: blank pixels, as soon as that is known', async () => {
    const { device, idle, reads } = fakes();
    let wanted = true;
    const asking = { now: () => true };
    deferReadBacks(device, idle, () => asking.now);
    const buffer = Object.assign(device.createBuffer({ byteLength: 64, usage: MAP_READ }), { byteLength: 64 });
    asking.now = () => wanted; // the pick drawn now (the hover the pointer rests for)
    let got: Uint8Array | null = null;
    void buffer.readAsync(8).then((d) => (got = d));
    asking.now = () => true; // the next pick, a click, wants its answer whatever happens
    const click = device.createBuffer({ usage: MAP_READ }).readAsync();
    idle.poll();
    await settle();
    expect(got).toBeNull(); // still wanted: waits for the GPU
    wanted = false; // the pointer moved on
    idle.poll();
    await settle();
    expect(reads).toEqual([]);
    expect(got).toEqual(new Uint8Array(56));
    idle.finish();
    await click;
    expect(reads).toEqual(['b1@0+4']);
  });
});
