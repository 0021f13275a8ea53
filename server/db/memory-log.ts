// Per-thread memory (here beside the store because its thread is the first to report), for finding where a
// server's bytes are (issue 18 point 7): with MEMORY_LOG_MS set, every thread that calls this prints its own V8
// heap and its array buffers (PGlite's WASM memory is external) every so many ms, and the process's RSS.
import { threadId } from 'node:worker_threads';

const MiB = (n: number) => Math.round(n / 2 ** 20);

/** One line: `[memory] <thread> rss=… heap=… external=… buffers=…` (MiB). */
export function memoryLine(thread: string, wasmBytes?: () => number): string {
  const m = process.memoryUsage();
  const wasm = wasmBytes ? ` wasm=${MiB(wasmBytes())}` : '';
  return `[memory] ${thread} rss=${MiB(m.rss)} heap=${MiB(m.heapUsed)} external=${MiB(m.external)} buffers=${MiB(m.arrayBuffers)}${wasm}`;
}

/** `wasmBytes`: a WebAssembly memory the thread owns (PGlite's), which V8 counts in none of the figures above. */
export function logMemory(thread: string, wasmBytes?: () => number): void {
  const ms = Number(process.env.MEMORY_LOG_MS ?? 0);
  if (!(ms > 0)) return;
  const name = `${thread}#${threadId}`;
  setInterval(() => console.log(memoryLine(name, wasmBytes)), ms).unref();
}
