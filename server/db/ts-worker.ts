// Starting a worker thread on a TypeScript module. The server runs its sources through tsx (no build step), and
// Node 20 does not hand a thread the loader of the process that started it: the thread registers tsx itself,
// then imports the module. Works the same under `tsx` and under vitest.
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

// tsx's ESM API (its package "exports": ./esm/api → dist/esm/api/index.mjs); resolved from here, not from the
// thread's working directory. (import.meta.resolve is not available under vitest's module runner.)
const TSX_API = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;

export function startTsWorker(module: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const code = `import(${JSON.stringify(TSX_API)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(code, { ...options, eval: true });
}
