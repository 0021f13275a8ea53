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
  const waiting: (() => void)[] = [];
  const idle: Idle & { finish(): void; cancelled: number } = {
    cancelled: 0,
    whenIdle(fn) {
      waiting.push(fn);
      return () => {
        idle.cancelled++;
      };
    },
    finish() {
      for (const fn of waiting.splice(0)) fn();
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
});
