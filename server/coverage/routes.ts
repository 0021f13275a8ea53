// The coverage API (mounted at /api/coverage): summaries, gaps, building files and the reach setting.
import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, errorResponses } from '../http/router.js';
import { badRequest, notFound } from '../http/errors.js';
import { requireRole } from '../auth/middleware.js';
import { actorOf } from '../auth/principal.js';
import { guard, redactFor } from '../auth/access.js';
import { chinaToday } from '../clock.js';
import { buildingFile } from './building-file.js';
import { readThresholds, saveThresholds } from './warnings.js';
import { reachConfigVersion, saveReachConfig } from './reach-settings.js';
import {
  AsOfSchema, BuildingFileSchema, BuildingParamSchema, GapsQuerySchema, GapsSchema, IfMatchSchema, ReachConfigSchema, SummaryQuerySchema, SummarySchema,
  ThresholdsSchema, TrendQuerySchema, TrendSchema, WarningsQuerySchema, WarningsSchema,
} from './contract.js';

function checkAsOf(asOf: string | undefined): string | undefined {
  if (asOf && asOf > chinaToday()) throw badRequest('asOf is in the future');
  return asOf;
}

export const coverageRoutes = newRouter();
coverageRoutes.use('/summary', guard('coverage.summary'));
coverageRoutes.use('/trend', guard('coverage.trend'));
coverageRoutes.use('/gaps', guard('coverage.gaps'));
coverageRoutes.use('/buildings/*', guard('coverage.building'));
coverageRoutes.use('/warnings', guard('coverage.warnings'));
coverageRoutes.use('/reach-config', guard('coverage.settings'));
coverageRoutes.use('/thresholds', guard('coverage.settings'));

coverageRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/summary',
    tags: ['Coverage'],
    summary: 'One area and its children with counts and the official rates (numerator, denominator, value)',
    request: { query: SummaryQuerySchema },
    responses: { 200: { description: 'Summary', content: { 'application/json': { schema: SummarySchema } } }, ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { level, id, asOf } = c.req.valid('query');
    const node = await c.get('services').coverage.summary(level, id, checkAsOf(asOf), c.req.raw.signal);
    if (!node) throw notFound(`No ${level} "${id}"`);
    return c.json(node, 200);
  },
);

coverageRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/trend',
    tags: ['Coverage'],
    summary: 'The four official enterprise rates at the end of each of the last `months` months and today, for an area, its parent and its siblings (counted as the as-of summary counts them)',
    request: { query: TrendQuerySchema },
    responses: { 200: { description: 'Monthly trend', content: { 'application/json': { schema: TrendSchema } } }, ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { level, id, months } = c.req.valid('query');
    const trend = await c.get('services').coverage.trend(level, id, months, c.req.raw.signal);
    if (!trend) throw notFound(`No ${level} "${id}"`);
    return c.json(trend, 200);
  },
);

coverageRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/gaps',
    tags: ['Coverage'],
    summary: 'Gaps (空白点) ranked by the workers affected, with the suggested action',
    request: { query: GapsQuerySchema },
    responses: { 200: { description: 'Ranked gaps', content: { 'application/json': { schema: GapsSchema } } }, ...errorResponses(400, 401, 403) },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const filter = { limit: q.limit, districtCode: q.districtCode, streetCode: q.streetCode, gridId: q.gridId, businessDistrictId: q.businessDistrictId };
    // Fields left out, not sent as undefined: the question is also the past-date cache's key.
    const defined = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as typeof filter;
    const { asOf, gaps } = await c.get('services').coverage.gaps(q.level, q.kind, defined, checkAsOf(q.asOf), c.req.raw.signal);
    return c.json(redactFor(c, 'coverage.gaps', { asOf, gaps }), 200);
  },
);

coverageRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/buildings/{id}',
    tags: ['Coverage'],
    summary: "A building's coverage (一楼一档): its enterprises classified, stations in reach, nearest station of each type",
    request: { params: BuildingParamSchema, query: z.object({ asOf: AsOfSchema }).strict() },
    responses: { 200: { description: 'Building coverage', content: { 'application/json': { schema: BuildingFileSchema } } }, ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { asOf } = c.req.valid('query');
    const figures = await c.get('services').coverage.building(id, checkAsOf(asOf), c.req.raw.signal);
    const file = figures ? await buildingFile(c.get('store'), figures, id) : null;
    if (!file) throw notFound(`No building ${id}`);
    return c.json(redactFor(c, 'coverage.building', file), 200);
  },
);

coverageRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/reach-config',
    tags: ['Coverage'],
    summary: 'Station reach by type (metres), walking speed and bands',
    responses: { 200: { description: 'Config; ETag carries its version', content: { 'application/json': { schema: ReachConfigSchema } } }, ...errorResponses(401, 403) },
  }),
  async (c) => {
    c.header('ETag', `"${await reachConfigVersion(c.get('store'))}"`);
    return c.json(await c.get('services').coverage.reachConfig(), 200);
  },
);

coverageRoutes.use('/reach-config', async (c, next) => {
  if (c.req.method === 'PUT') return requireRole('admin')(c, next);
  return next();
});

coverageRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/reach-config',
    tags: ['Coverage'],
    summary: 'Change station reach settings (admin); needs If-Match with the current ETag',
    request: {
      headers: IfMatchSchema,
      body: { required: true, content: { 'application/json': { schema: ReachConfigSchema } } },
    },
    responses: { 200: { description: 'Saved', content: { 'application/json': { schema: ReachConfigSchema } } }, ...errorResponses(400, 401, 403, 412) },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const expected = Number(c.req.valid('header')['if-match'].replaceAll('"', ''));
    const p = c.get('principal');
    const before = await c.get('services').coverage.reachConfig();
    const version = await saveReachConfig(c.get('store'), p ? actorOf(p) : 'system', body, expected, before);
    c.header('ETag', `"${version}"`);
    return c.json(body, 200);
  },
);

coverageRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/warnings',
    tags: ['Coverage'],
    summary: '红黄绿预警: each official rate of a street or district and the areas under it, coloured by the thresholds, and what changed colour since the end of last month',
    request: { query: WarningsQuerySchema },
    responses: { 200: { description: 'Warnings', content: { 'application/json': { schema: WarningsSchema } } }, ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { level, id } = c.req.valid('query');
    const { thresholds } = await readThresholds(c.get('store'));
    const w = await c.get('services').coverage.warnings(thresholds, level, id, c.req.raw.signal);
    if (!w) throw notFound(`No ${level} "${id}"`);
    return c.json(w, 200);
  },
);

coverageRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/thresholds',
    tags: ['Coverage'],
    summary: 'Warning thresholds per rate (below red: red; below yellow: yellow; else green)',
    responses: { 200: { description: 'Thresholds; ETag carries their version', content: { 'application/json': { schema: ThresholdsSchema } } }, ...errorResponses(401, 403) },
  }),
  async (c) => {
    const { thresholds, version } = await readThresholds(c.get('store'));
    c.header('ETag', `"${version}"`);
    return c.json(thresholds, 200);
  },
);

coverageRoutes.use('/thresholds', async (c, next) => {
  if (c.req.method === 'PUT') return requireRole('admin')(c, next);
  return next();
});

coverageRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/thresholds',
    tags: ['Coverage'],
    summary: 'Change the warning thresholds (admin); needs If-Match with the current ETag; audited',
    request: { headers: IfMatchSchema, body: { required: true, content: { 'application/json': { schema: ThresholdsSchema } } } },
    responses: { 200: { description: 'Saved', content: { 'application/json': { schema: ThresholdsSchema } } }, ...errorResponses(400, 401, 403, 412) },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const expected = Number(c.req.valid('header')['if-match'].replaceAll('"', ''));
    const p = c.get('principal');
    const { thresholds: before } = await readThresholds(c.get('store'));
    const version = await saveThresholds(c.get('store'), p ? actorOf(p) : 'system', body, expected, before);
    c.header('ETag', `"${version}"`);
    return c.json(body, 200);
  },
);
