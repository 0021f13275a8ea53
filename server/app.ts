// createApp: the whole HTTP application, without listening (tests drive it in-process).
import { BUDGETS } from './http/budgets.js';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv, AppServices } from './http/context.js';
import { ApiError, handleError, notFound } from './http/errors.js';
import { authenticate } from './auth/middleware.js';
import { jsonGuard } from './http/json-guard.js';
import { healthRoutes } from './health/routes.js';
import { authRoutes } from './auth/routes.js';
import { tokenRoutes } from './auth/token-routes.js';
import { userRoutes } from './auth/user-routes.js';
import { coverageRoutes } from './coverage/routes.js';
import { bandRoutes } from './coverage/band-routes.js';
import { configRoutes } from './config/routes.js';
import { searchRoutes } from './search/routes.js';
import { densityRoutes } from './density/routes.js';
import { eventRoutes } from './events/routes.js';
import { wallRoutes } from './wall/routes.js';
import { exportRoutes } from './export/routes.js';
import { gridRoutes } from './grids/routes.js';
import { importRoutes } from './import/routes.js';
import { publicationRoutes } from './publications/routes.js';
import { publicPageRoutes } from './publications/public-routes.js';
import { stationRoutes } from './stations/routes.js';
import { setPublicShellRoot } from './publications/artifacts.js';
import { ogcRoutes } from './ogc/routes.js';
import { ogcOpenApi } from './ogc/openapi.js';
import { docsRoutes } from './http/docs.js';
import { unavailableResponse } from './http/router.js';
import { staticRoutes } from './http/static.js';

export const MAX_BODY_BYTES = BUDGETS.jsonBodyBytes;

/** The event stream is a plain route (a stream, not JSON); it is documented by hand. */
const EVENTS_PATH = {
  '/api/events': {
    get: {
      tags: ['Live'],
      summary: 'Server-Sent Events: `hello` on connect, `change` ({ id, tables, at }) when data changes, `heartbeat` every 15 s',
      parameters: [{ name: 'token', in: 'query', required: false, schema: { type: 'string' }, description: 'API token, for EventSource clients that cannot send headers' }],
      responses: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, 401: { description: 'Not signed in' }, 503: unavailableResponse() },
    },
  },
};

export interface AppOptions {
  /** Directory of the built client; omit to serve only the API. */
  distDir?: string;
}

export function createApp(services: AppServices, options: AppOptions = {}): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.onError(handleError);
  app.use('*', secureHeaders({ crossOriginEmbedderPolicy: false }));
  app.use('*', async (c, next) => {
    c.set('services', services);
    c.set('store', services.store);
    c.set('readStore', services.readStore ?? services.store);
    c.set('principal', null);
    return next();
  });
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `Request body is larger than ${MAX_BODY_BYTES} bytes`);
    },
  });
  // Imports and station photos are files far larger than a JSON body; their routers apply their own limits.
  const fileUpload = (path: string) => path.startsWith('/api/import/') || /^\/api\/stations\/[^/]+\/photo$/.test(path);
  app.use('/api/*', (c, next) => (fileUpload(c.req.path) ? next() : limit(c, next)));
  app.use('/ogc/*', limit);
  // After the size limit (413), before the caller is resolved and any handler parses: too deep → 400. Imports
  // take files, not JSON (their router answers a JSON body 415 and checks a file's depth itself).
  const guard = jsonGuard();
  app.use('/api/*', (c, next) => (fileUpload(c.req.path) ? next() : guard(c, next)));
  app.use('/ogc/*', guard);
  // '/ogc/*' also matches '/ogc' itself: one registration each, so the caller is resolved once.
  app.use('/api/*', authenticate());
  app.use('/ogc/*', authenticate());

  // Each router is mounted at its resource prefix and declares paths below it.
  app.route('/api/health', healthRoutes);
  app.route('/api/auth', authRoutes);
  app.route('/api/tokens', tokenRoutes);
  app.route('/api/users', userRoutes);
  app.route('/api/coverage', coverageRoutes);
  app.route('/api/coverage', bandRoutes);
  app.route('/api/config', configRoutes);
  app.route('/api/search', searchRoutes);
  app.route('/api/density', densityRoutes);
  app.route('/api/events', eventRoutes);
  app.route('/api/wall', wallRoutes);
  app.route('/api/export', exportRoutes);
  app.route('/api/streets', gridRoutes);
  app.route('/api/import', importRoutes);
  app.route('/api/publications', publicationRoutes);
  app.route('/api/stations', stationRoutes);
  app.route('/p', publicPageRoutes);
  app.route('/ogc', ogcRoutes);
  app.route('/api/docs', docsRoutes);

  app.get('/api/openapi.json', (c) => {
    const doc = app.getOpenAPIDocument({
      openapi: '3.0.3',
      info: {
        title: '党建版图 Party-Building Territory Map API',
        version: '0.1.0',
        description:
          'Application API (/api) and OGC API – Features (/ogc). Errors are `{ "error": { "code", "message", "details" } }`. ' +
          'Cookie-authenticated writes need the `X-CSRF-Token` header; machine clients send `Authorization: Bearer <token>`.',
      },
    });
    const ogc = ogcOpenApi(`${new URL(c.req.url).origin}/ogc`) as { paths: Record<string, unknown>; components: Record<string, Record<string, unknown>> };
    const paths = { ...doc.paths, ...EVENTS_PATH } as Record<string, unknown>;
    for (const [p, item] of Object.entries(ogc.paths)) paths[`/ogc${p === '/' ? '' : p}`] = item;
    const components = { ...(doc.components ?? {}) } as Record<string, Record<string, unknown>>;
    for (const [k, v] of Object.entries(ogc.components)) components[k] = { ...(components[k] ?? {}), ...v };
    return c.json({ ...doc, paths, components });
  });

  app.all('/api/*', () => {
    throw notFound('No such API endpoint; see /api/docs');
  });
  app.all('/ogc/*', () => {
    throw notFound('No such OGC API endpoint; see /ogc');
  });
  if (options.distDir) {
    // Published pages are built from the same client build the app serves (one dist, not a second default).
    setPublicShellRoot(options.distDir);
    app.route('/', staticRoutes(options.distDir));
  }
  return app;
}
