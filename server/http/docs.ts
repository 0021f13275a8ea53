// API documentation at /api/docs: Swagger UI from the swagger-ui-dist package, served locally (no CDN).
import { Hono } from 'hono';
import { notFound } from './errors.js';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const UI_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>党建版图 API 文档 · API documentation</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
<link rel="icon" href="/api/docs/assets/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;

export const docsRoutes = new Hono();
docsRoutes.get('/', (c) => c.html(PAGE));
docsRoutes.get('/init.js', (c) => c.body(INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
docsRoutes.get('/assets/:name', async (c) => {
  const name = c.req.param('name');
  const type = ASSETS[name];
  if (!type) throw notFound(`No documentation asset "${name}"`);
  const body = await readFile(join(UI_DIR, name));
  return c.body(body, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' });
});
