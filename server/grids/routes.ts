// Grid editing of one street (mounted at /api/streets): the editor's data, preview and commit of change sets, history, revert,
// and the grids as a GeoJSON download. Every write checks role and street scope here, on the server.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../http/context.js';
import { newRouter, errorResponses } from '../http/router.js';
import { forbidden, unauthorized } from '../http/errors.js';
import { guard } from '../auth/access.js';
import { actorOf, canEditStreet, type Principal } from '../auth/principal.js';
import { PreviewRuns } from './cancel.js';
import { readBuildings, readGrids, readStations, readStreet } from './state.js';
import { readChangeSet, readHistory } from './history.js';
import { GRID_RULES, commitGridChanges, previewGridChanges, revertGridChanges } from './service.js';
import { BUDGETS, changeSetVertices, overBudget } from '../http/budgets.js';

function withinVertexBudget(changes: Parameters<typeof changeSetVertices>[0]): void {
  const n = changeSetVertices(changes);
  if (n > BUDGETS.changeSetVertices) throw overBudget('Vertices in this change set', n, BUDGETS.changeSetVertices, 'simplify the boundaries or save the grids in smaller change sets');
}
import {
  ChangeSetSchema, CommitSchema, EditorStateSchema, HistoryDetailSchema, HistoryItemSchema, HistoryParamsSchema, PreviewSchema, RevertSchema, StreetParam,
} from './contract.js';

export const gridRoutes = newRouter();
/** The preview running for each user and street: a newer one cancels it. */
const previews = new PreviewRuns();
gridRoutes.use('/*', guard('grids'));

const TAGS = ['Grid editing'];
const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

/** The caller, who must be allowed to change grids in this street. */
function editor(c: Context<AppEnv>, streetCode: string): Principal {
  const p = c.get('principal');
  if (!p) throw unauthorized();
  if (!canEditStreet(p, streetCode)) throw forbidden(`You may not edit the grids of street ${streetCode}`);
  return p;
}

gridRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/{streetCode}/grid-editor',
    tags: TAGS,
    summary: "A street's outline, grids (with versions), buildings and stations, the editing rules, and whether you may edit",
    request: { params: StreetParam },
    responses: { 200: json(EditorStateSchema, 'Editor state'), ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { streetCode } = c.req.valid('param');
    const p = c.get('principal') as Principal;
    const state = await c.get('store').read(async (db) => ({
      street: await readStreet(db, streetCode),
      grids: await readGrids(db, streetCode),
      buildings: await readBuildings(db, streetCode),
      stations: await readStations(db, streetCode),
    }));
    return c.json({ ...state, rules: GRID_RULES, editable: canEditStreet(p, streetCode) }, 200);
  },
);

gridRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/{streetCode}/grid-changes/preview',
    tags: TAGS,
    summary:
      'Validate a change set in PostGIS and show its impact (moved buildings, enterprises, members, stations; rates before/after); writes nothing. ' +
      'A newer preview by the same user in the same street, or the client closing the connection, cancels this one (409). ' +
      `Budget: ${BUDGETS.changeSetVertices.toLocaleString('en')} vertices per change set (413 past it)`,
    request: { params: StreetParam, body: { content: { 'application/json': { schema: ChangeSetSchema } }, required: true } },
    responses: { 200: json(PreviewSchema, 'Problems (empty when the set can be saved) and impact'), ...errorResponses(400, 401, 403, 404, 409, 413) },
  }),
  async (c) => {
    const { streetCode } = c.req.valid('param');
    const p = editor(c, streetCode);
    withinVertexBudget(c.req.valid('json').changes);
    const run = previews.start(`${actorOf(p)} ${streetCode}`, c.req.raw.signal);
    try {
      return c.json(await previewGridChanges(c.get('services'), streetCode, c.req.valid('json'), run.signal), 200);
    } finally {
      run.done();
    }
  },
);

gridRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/{streetCode}/grid-changes',
    tags: TAGS,
    summary: `Commit a change set in one transaction after validating again: 422 invalid geometry, 409 gap/overlap/outside (areas as GeoJSON), 412 stale version, 413 past ${BUDGETS.changeSetVertices.toLocaleString('en')} vertices`,
    request: { params: StreetParam, body: { content: { 'application/json': { schema: ChangeSetSchema } }, required: true } },
    responses: { 200: json(CommitSchema, 'Committed; grids with their new versions'), ...errorResponses(400, 401, 403, 404, 409, 412, 413, 422) },
  }),
  async (c) => {
    const { streetCode } = c.req.valid('param');
    const p = editor(c, streetCode);
    withinVertexBudget(c.req.valid('json').changes);
    const result = await commitGridChanges(c.get('store'), p, streetCode, c.req.valid('json'));
    return c.json(result, 200);
  },
);

gridRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/{streetCode}/grid-history',
    tags: TAGS,
    summary: 'Committed grid change sets of the street, newest first: who, when, note, before/after per grid',
    request: { params: StreetParam },
    responses: { 200: json(z.object({ items: z.array(HistoryItemSchema) }), 'History'), ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { streetCode } = c.req.valid('param');
    const items = await c.get('store').read(async (db) => {
      await readStreet(db, streetCode);
      return readHistory(db, streetCode);
    });
    return c.json({ items }, 200);
  },
);

gridRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/{streetCode}/grid-history/{id}',
    tags: TAGS,
    summary: "One change set with the street's whole grid set before and after it",
    request: { params: HistoryParamsSchema },
    responses: { 200: json(HistoryDetailSchema, 'Change set'), ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { streetCode, id } = c.req.valid('param');
    const detail = await c.get('store').read((db) => readChangeSet(db, streetCode, id));
    return c.json(detail, 200);
  },
);

gridRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/{streetCode}/grid-history/{id}/revert',
    tags: TAGS,
    summary: 'Restore the grids as they were before or after a change set, as a new change set (validated like any other); restored grids get versions above any they had; 412 when the base is stale',
    request: { params: HistoryParamsSchema, body: { content: { 'application/json': { schema: RevertSchema } }, required: true } },
    responses: { 200: json(CommitSchema, 'Committed'), ...errorResponses(400, 401, 403, 404, 409, 412, 422) },
  }),
  async (c) => {
    const { streetCode, id } = c.req.valid('param');
    const p = editor(c, streetCode);
    const { note, state, base } = c.req.valid('json');
    return c.json(await revertGridChanges(c.get('services'), p, streetCode, id, state, base, note ?? null), 200);
  },
);

gridRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/{streetCode}/grids.geojson',
    tags: TAGS,
    summary: "The street's grids as a GeoJSON download (id, code, name, version); upload an edited file through the editor",
    request: { params: StreetParam },
    responses: { 200: { description: 'GeoJSON', content: { 'application/geo+json': { schema: z.unknown() } } }, ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { streetCode } = c.req.valid('param');
    const grids = await c.get('store').read(async (db) => {
      await readStreet(db, streetCode);
      return readGrids(db, streetCode);
    });
    const body = {
      type: 'FeatureCollection',
      features: grids.map((g) => ({ type: 'Feature', id: g.id, properties: { id: g.id, code: g.code, name: g.name, version: g.version, streetCode }, geometry: g.geometry })),
    };
    // A download, not a typed JSON answer: the route's response type cannot describe the header set.
    return c.body(JSON.stringify(body), 200, {
      'Content-Type': 'application/geo+json',
      'Content-Disposition': `attachment; filename="grids-${streetCode}.geojson"`,
    }) as never;
  },
);
