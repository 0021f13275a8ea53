// Runs processPhoto off the request thread: decoding a phone photo in JavaScript takes a second or more.
// One short-lived thread per upload (uploads are rare, admin/editor only); its error comes back with its status.
import { parentPort, workerData } from 'node:worker_threads';
import { ImageError, processPhoto } from './process.js';

const bytes = workerData as Uint8Array;
try {
  const out = processPhoto(bytes);
  parentPort?.postMessage({ ok: out }, [out.photo.buffer as ArrayBuffer, out.thumb.buffer as ArrayBuffer]);
} catch (e) {
  parentPort?.postMessage(e instanceof ImageError ? { error: { status: e.status, message: e.message } } : { error: { status: 500, message: String((e as Error)?.message ?? e) } });
}
