import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { newRouter, errorResponses } from '../http/router.js';
import { ApiError, badRequest, notFound } from '../http/errors.js';
import { requireRole } from '../auth/middleware.js';
import { INTERNAL_READERS, actorOf } from '../auth/principal.js';
import { rows } from '../db/store.js';
import { audit } from '../db/audit.js';
import { putSetting } from '../db/settings.js';
import { rankGaps } from '../domain/coverage/gaps.js';
import type { SummaryNode } from '../domain/coverage/model.js';
import { partyActionFor, unionActionFor, ACTION_LABELS } from '../domain/coverage/suggest.js';
import { chinaToday } from '../clock.js';
import { ReachConfigSchema } from './engine.js';
import { DateSchema, GapSchema, LevelSchema, SummarySchema } from './contract.js';

const AsOf = DateSchema.optional().openapi({ description: 'Figures as of this date (default today, China time)', example: '2026-01-01' });

/** The model's recursive node type, as the response schema sees it. */
const asSummary = (n: SummaryNode) => n as unknown as z.infer<typeof SummarySchema>;

function checkAsOf(asOf: string | undefined): string | undefined {
  if (asOf && asOf > chinaToday()) throw badRequest('asOf is in the future');
  return asOf;
}

export const coverageRoutes = newRouter();
coverageRoutes.use('/*', requireRole(...INTERNAL_READERS));

coverageRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/summary',
    tags: ['Coverage'],
    summary: 'One area and its children with counts and the official rates (numerator, denominator, value)',
    request: {
      query: z.object({
        level: LevelSchema,
        id: z.string().min(1).max(64).openapi({ example: '310106012' }),
        asOf: AsOf,
      }).strict(),
    },
    responses: { 200: { description: 'Summary', content: { 'application/json': { schema: SummarySchema } } }, ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { level, id, asOf } = c.req.valid('query');
    const model = await c.get('services').coverage.model(checkAsOf(asOf));
    const node = model.summary(level, id);
    if (!node) throw notFound(`No ${level} "${id}"`);
    return c.json(asSummary(node), 200);
  },
);

coverageRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/gaps',
    tags: ['Coverage'],
    summary: 'Gaps (空白点) ranked by the workers affected, with the suggested action',
    request: {
      query: z.object({
        level: z.enum(['building', 'grid', 'businessDistrict']),
        kind: z.enum(['party', 'union', 'work', 'reach']),
        limit: z.coerce.number().int().min(1).max(500).default(20),
        streetCode: z.string().regex(/^[0-9]{6}[0-9A-Z]{3}$/).optional(),
        gridId: z.coerce.number().int().positive().optional(),
        businessDistrictId: z.coerce.number().int().positive().optional(),
        asOf: AsOf,
      }).strict(),
    },
    responses: { 200: { description: 'Ranked gaps', content: { 'application/json': { schema: z.object({ asOf: z.string(), gaps: z.array(GapSchema) }) } } }, ...errorResponses(400, 401, 403) },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const model = await c.get('services').coverage.model(checkAsOf(q.asOf));
    return c.json({ asOf: model.asOf, gaps: rankGaps(model, q.level, q.kind, { limit: q.limit, streetCode: q.streetCode, gridId: q.gridId, businessDistrictId: q.businessDistrictId }) }, 200);
  },
);

const NearestSchema = z.object({ stationId: z.number().int(), name: z.string(), distanceM: z.number().int() });

coverageRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/buildings/{id}',
    tags: ['Coverage'],
    summary: "A building's coverage (一楼一档): its enterprises classified, stations in reach, nearest station of each type",
    request: {
      params: z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }) }),
      query: z.object({ asOf: AsOf }).strict(),
    },
    responses: {
      200: {
        description: 'Building coverage',
        content: {
          'application/json': {
            schema: z.object({
              summary: SummarySchema,
              reach: z.object({
                served: z.boolean(),
                servedBy: z.array(NearestSchema),
                nearestByType: z.record(z.string(), NearestSchema),
                walkMinutes: z.number().nullable(),
                band: z.number().int().nullable(),
              }),
              organisations: z.array(z.object({
                id: z.number().int(), name: z.string(), kind: z.string(), formation: z.enum(['own', 'joint']), members: z.number().int(), foundedOn: z.string(), enterprisesCovered: z.number().int(),
              })),
              activities: z.array(z.object({ id: z.number().int(), title: z.string(), type: z.string(), heldAt: z.string(), participants: z.number().int() })),
              enterprises: z.array(z.object({
                id: z.number().int(), name: z.string(), employees: z.number().int(), partyMembers: z.number().int(), operating: z.boolean(),
                partyCoverage: z.enum(['own', 'joint', 'instructor', 'none']), unionCoverage: z.enum(['own', 'joint', 'none']),
                noOrgReason: z.string().nullable(), suggestedAction: z.object({ code: z.string(), label: z.object({ zh: z.string(), en: z.string() }) }).nullable(),
              })),
            }),
          },
        },
      },
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { asOf } = c.req.valid('query');
    const model = await c.get('services').coverage.model(checkAsOf(asOf));
    const summary = model.summary('building', String(id));
    const building = model.buildings.get(id);
    if (!summary || !building) throw notFound(`No building ${id}`);
    const reach = model.reach.get(id);
    const ids = [...(model.byBuilding.get(id) ?? [])];
    const names = new Map(
      (await c.get('store').read((db) => rows<{ id: number; name: string }>(db, sql`SELECT id, name FROM enterprises WHERE building_id = ${id}`))).map((r) => [r.id, r.name]),
    );
    const day = model.asOf;
    const [organisations, activities] = await c.get('store').read(async (db) => [
      await rows<{ id: number; name: string; kind: string; formation: 'own' | 'joint'; members: number; foundedOn: string; enterprisesCovered: number }>(
        db,
        sql`SELECT o.id, o.name, o.kind, o.formation, o.members, to_char(o.founded_on, 'YYYY-MM-DD') AS "foundedOn",
                   (SELECT count(*)::int FROM organisation_coverage oc JOIN enterprises e ON e.id = oc.enterprise_id
                    WHERE oc.organisation_id = o.id AND e.building_id = ${id} AND oc.since <= ${day}::date AND (oc.until IS NULL OR oc.until > ${day}::date)) AS "enterprisesCovered"
            FROM organisations o
            WHERE o.founded_on <= ${day}::date AND (o.dissolved_on IS NULL OR o.dissolved_on > ${day}::date)
              AND (o.seat_building_id = ${id} OR EXISTS (SELECT 1 FROM organisation_coverage oc JOIN enterprises e ON e.id = oc.enterprise_id
                   WHERE oc.organisation_id = o.id AND e.building_id = ${id} AND oc.since <= ${day}::date AND (oc.until IS NULL OR oc.until > ${day}::date)))
            ORDER BY o.members DESC, o.id`,
      ),
      await rows<{ id: number; title: string; type: string; heldAt: string; participants: number }>(
        db,
        sql`SELECT a.id, a.title, a.type, to_char(a.held_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "heldAt", a.participants
            FROM activities a WHERE a.building_id = ${id} AND a.held_at < ((${day}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
            ORDER BY a.held_at DESC, a.id LIMIT 8`,
      ),
    ] as const);
    const station = (sid: number, distanceM: number) => ({ stationId: sid, name: model.stationById(sid)?.name ?? '', distanceM });
    const enterprises = ids
      .map((eid) => model.enterprises.get(eid))
      .filter((s): s is NonNullable<typeof s> => !!s)
      .sort((a, b) => b.facts.employees - a.facts.employees || a.facts.id - b.facts.id)
      .map((s) => {
        const k = s.classified;
        const code = !k.operating ? null : k.party === 'own' || k.party === 'joint' ? (k.union === 'none' ? unionActionFor(s.facts.employees) : null) : partyActionFor(s.facts.partyMembers);
        return {
          id: s.facts.id, name: names.get(s.facts.id) ?? '', employees: s.facts.employees, partyMembers: s.facts.partyMembers, operating: k.operating,
          partyCoverage: k.party, unionCoverage: k.union, noOrgReason: s.facts.noOrgReason, suggestedAction: code ? { code, label: ACTION_LABELS[code] } : null,
        };
      });
    const servedBy = (reach?.servedBy ?? []).map((sid) => {
      const s = model.stationById(sid);
      const n = Object.values(reach?.nearestByType ?? {}).find((x) => x.stationId === sid);
      return station(sid, n?.distanceM ?? (s?.buildingId === id ? 0 : -1));
    });
    return c.json({
      summary: asSummary(summary),
      reach: {
        served: reach?.served ?? false,
        servedBy,
        nearestByType: Object.fromEntries(Object.entries(reach?.nearestByType ?? {}).map(([t, n]) => [t, station(n.stationId, n.distanceM)])),
        walkMinutes: reach?.walkMinutes ?? null,
        band: reach?.band ?? null,
      },
      organisations,
      activities,
      enterprises,
    }, 200);
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
    const [r] = await c.get('store').read((db) => rows<{ version: number }>(db, sql`SELECT version FROM settings WHERE key = 'reach'`));
    c.header('ETag', `"${r?.version ?? 0}"`);
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
      headers: z.object({ 'if-match': z.string().regex(/^"\d+"$/).openapi({ example: '"0"' }) }),
      body: { required: true, content: { 'application/json': { schema: ReachConfigSchema } } },
    },
    responses: { 200: { description: 'Saved', content: { 'application/json': { schema: ReachConfigSchema } } }, ...errorResponses(400, 401, 403, 412) },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const expected = Number(c.req.valid('header')['if-match'].replaceAll('"', ''));
    const p = c.get('principal');
    const before = await c.get('services').coverage.reachConfig();
    const version = await c.get('store').write(async (tx) => {
      const next = await putSetting(tx, 'reach', body, expected);
      if (next === null) throw new ApiError(412, 'precondition_failed', 'The reach settings changed since you read them; reload and try again');
      await audit(tx, { actor: p ? actorOf(p) : 'system', action: 'update', entity: 'settings', entityId: 'reach', before, after: body });
      return next;
    });
    c.header('ETag', `"${version}"`);
    return c.json(body, 200);
  },
);
