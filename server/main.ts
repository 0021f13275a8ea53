// npm start: build the client if needed, open the store, serve everything on PORT.
import { serve } from '@hono/node-server';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import { dirname, resolve } from 'node:path';
import { loadEnv } from './env.js';
import { bootstrap } from './bootstrap.js';
import { createApp } from './app.js';
import { applyKeepAlive } from './http/keep-alive.js';
import { logMemory } from './db/memory-log.js';
import { useFrugalHeaps } from './heap-flags.js';

const DIST = resolve('dist');

/** Both entries (the app and the public map) must be built; a dist/ from an older version may lack one. */
async function buildClientIfNeeded(): Promise<void> {
  if (existsSync(resolve(DIST, 'index.html')) && existsSync(resolve(DIST, 'public-map', 'index.html'))) return;
  console.log('Building the client (first start)…');
  // In its own process: the bundler's native allocator keeps ~0.5 GiB it freed, which would stay in the server's RSS.
  const vite = resolve(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  const code = await new Promise<number | null>((done, fail) => {
    spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], { stdio: 'inherit' }).once('error', fail).once('exit', done);
  });
  if (code !== 0) throw new Error(`Building the client failed (vite build exited with ${code}); run \`npx vite build\` to see why`);
}

async function main(): Promise<void> {
  const env = loadEnv();
  useFrugalHeaps();
  logMemory('main');
  const withClient = env.SERVE_CLIENT === 'true';
  if (withClient) await buildClientIfNeeded();
  const services = await bootstrap(env);
  const app = createApp(services, withClient ? { distDir: DIST } : {});
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    // A CLI refused this data directory says where the server answers, so the user can go through it.
    services.store.ownerLock?.update({ url: `http://${env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST}:${info.port}` });
    console.log(`党建版图 is up: http://localhost:${info.port}/  (API docs /api/docs, OGC API /ogc)`);
  });
  applyKeepAlive(server as Server, env.DATABASE_STATEMENT_TIMEOUT_S);
  const stop = async () => {
    server.close();
    await services.coverage.close();
    await services.readStore?.close();
    await services.store.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
