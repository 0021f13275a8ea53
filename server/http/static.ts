// Serves the built client (dist/) with an index.html fallback for client-side routes.
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export function staticRoutes(distDir: string): Hono {
  const app = new Hono();
  const root = relative(process.cwd(), resolve(distDir)) || '.';
  const indexPath = join(distDir, 'index.html');
  app.use('/assets/*', serveStatic({ root }));
  app.use('/*', serveStatic({ root }));
  app.get('*', (c) => {
    if (!existsSync(indexPath)) {
      return c.text('The client is not built yet: run `npm run build` (npm start does it for you).', 503);
    }
    return c.html(readFileSync(indexPath, 'utf8'));
  });
  return app;
}
