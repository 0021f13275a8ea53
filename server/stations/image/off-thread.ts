// The request thread's side of photo-thread.ts.
import { startTsWorker } from '../../db/ts-worker.js';
import { ImageError, type ProcessedPhoto } from './process.js';

export function processPhotoOffThread(bytes: Uint8Array): Promise<ProcessedPhoto> {
  const worker = startTsWorker(new URL(import.meta.url.endsWith('.ts') ? './photo-thread.ts' : './photo-thread.js', import.meta.url), { workerData: bytes });
  return new Promise<ProcessedPhoto>((resolve, reject) => {
    worker.once('message', (m: { ok?: ProcessedPhoto; error?: { status: number; message: string } }) => {
      if (m.ok) resolve(m.ok);
      else if (m.error && m.error.status !== 500) reject(new ImageError(m.error.status as 413 | 415 | 422, m.error.message));
      else reject(new Error(m.error?.message ?? 'photo thread failed'));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`photo thread exited (${code})`)));
  }).finally(() => void worker.terminate());
}
