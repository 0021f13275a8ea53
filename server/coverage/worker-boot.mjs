// Entry of the coverage worker thread: under tsx (development, tests) the worker's TypeScript needs tsx's loader
// registered in this thread too; a compiled build imports the JavaScript directly.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
