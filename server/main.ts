// npm start: build the client if needed, open the store, serve everything on PORT.
import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { loadEnv } from './env.js';
import { bootstrap } from './bootstrap.js';
import { createApp } from './app.js';
import { applyKeepAlive } from './http/keep-alive.js';
import { logMemory } from './db/memory-log.js';
import { useSmallYoungGenerations } from './young-generation.js';

const DIST = resolve('dist');

/** Both entries (the app and the public map) must be built; a dist/ from an older version may lack one. */
async function buildClientIfNeeded(): Promise<void> {
  if (existsSync(resolve(DIST, 'index.html')) && existsSync(resolve(DIST, 'public-map', 'index.html'))) return;
  console.log('Building the client (first start)…');
  const { build } = await import('vite');
  await build({ logLevel: 'warn' });
}

async function main(): Promise<void> {
  const env = loadEnv();
  useSmallYoungGenerations();
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
