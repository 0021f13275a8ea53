import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { newRouter, errorResponses } from '../http/router.js';
import { ApiError, badRequest } from '../http/errors.js';
import { requireRole } from '../auth/middleware.js';
import { INTERNAL_READERS, actorOf } from '../auth/principal.js';
import { rows } from '../db/store.js';
import { audit } from '../db/audit.js';
import { putSetting, readSetting } from '../db/settings.js';
import { rankGaps } from '../domain/coverage/gaps.js';
import type { SummaryNode } from '../domain/coverage/model.js';
import { GapSchema, RatesSchema } from '../coverage/contract.js';
import { resolveScope } from './scope.js';
import { TourSchema, readTour, tourKey } from './tour.js';

const ScopeQuery = z.object({ scope: z.string().min(3).max(40).openapi({ example: 'street:310106012' }) }).strict();

const Ranked = z.object({ level: z.string(), id: z.string(), name: z.string(), enterprises: z.number().int(), employees: z.number().int(), rates: RatesSchema });

const WallSummary = z
  .object({
    scope: z.object({ level: z.enum(['street', 'district']), id: z.string(), name: z.string(), streetCodes: z.array(z.string()) }),
    asOf: z.string(),
    comparedWith: z.string().openapi({ description: 'The date 30 days before, for the change figures' }),
    changeId: z.number().openapi({ description: 'The latest change-log id the figures include' }),
    totals: Ranked,
    previousRates: RatesSchema,
    organisationsByKind: z.record(z.string(), z.number().int()),
    stations: z.number().int(),
    activitiesThisMonth: z.object({ count: z.number().int(), participants: z.number().int(), month: z.string() }),
    rankings: z.object({ areas: z.array(Ranked), businessDistricts: z.array(Ranked) }),
    topGaps: z.array(GapSchema),
    places: z.array(z.object({ level: z.string(), id: z.string(), name: z.string(), bbox: z.array(z.number()).length(4) })),
  })
  .openapi('WallSummary');

const dateMinus = (d: string, days: number) => new Date(new Date(`${d}T00:00:00Z`).getTime() - days * 86_400_000).toISOString().slice(0, 10);
const ranked = (n: SummaryNode) => ({ level: n.level, id: n.id, name: n.name, enterprises: n.enterprises, employees: n.employees, rates: n.rates });
const byPartyOrg = (a: { rates: { partyOrg: { value: number | null } } }, b: { rates: { partyOrg: { value: number | null } } }) =>
  (b.rates.partyOrg.value ?? -1) - (a.rates.partyOrg.value ?? -1);

export const wallRoutes = newRouter();
wallRoutes.use('/*', requireRole(...INTERNAL_READERS));

wallRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/summary',
    tags: ['Wall display'],
    summary: 'Everything a wall display shows for a street or district: KPIs with their 30-day change, rankings, gaps, places to tour',
    request: { query: ScopeQuery },
    responses: { 200: { description: 'Wall figures', content: { 'application/json': { schema: WallSummary } } }, ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const store = c.get('store');
    const engine = c.get('services').coverage;
    const scope = await resolveScope(store, c.req.valid('query').scope);
    const model = await engine.model();
    const asOf = model.asOf;
    const comparedWith = dateMinus(asOf, 30);
    const before = await engine.model(comparedWith);
    const now = model.summary(scope.level, scope.id) as SummaryNode;
    const then = before.summary(scope.level, scope.id);
    const codes = sql.join(scope.streetCodes.map((s) => sql`${s}`), sql`, `);
    const month = asOf.slice(0, 7);
    const facts = await store.read(async (db) => ({
      orgs: await rows<{ kind: string; n: number }>(db, sql`SELECT kind, count(*)::int AS n FROM organisations WHERE street_code IN (${codes}) AND founded_on <= ${asOf}::date AND (dissolved_on IS NULL OR dissolved_on > ${asOf}::date) GROUP BY kind ORDER BY kind`),
      stations: await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM stations WHERE street_code IN (${codes}) AND (opened_on IS NULL OR opened_on <= ${asOf}::date)`),
      // The month in China time: activities are stored as instants.
      activities: await rows<{ n: number; p: number }>(db, sql`SELECT count(*)::int AS n, coalesce(sum(participants), 0)::int AS p FROM activities WHERE street_code IN (${codes}) AND to_char(held_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = ${month} AND (held_at AT TIME ZONE 'Asia/Shanghai')::date <= ${asOf}::date`),
      places: await rows<{ level: string; id: string; name: string; x0: number; y0: number; x1: number; y1: number }>(
        db,
        sql`SELECT level, id, name, ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1 FROM (
              SELECT 'street' AS level, code AS id, name, ST_Envelope(geom) AS e FROM streets WHERE code IN (${codes})
              UNION ALL SELECT 'grid', id::text, name, ST_Envelope(geom) FROM grids WHERE street_code IN (${codes})
              UNION ALL SELECT 'businessDistrict', id::text, name, ST_Envelope(geom) FROM business_districts WHERE street_code IN (${codes})
            ) p ORDER BY level, id`,
      ),
      changeId: await rows<{ n: number }>(db, sql`SELECT coalesce(max(id), 0)::float8 AS n FROM change_log`),
    }));
    const areas = (now.children ?? []).map(ranked).sort(byPartyOrg);
    const bdIds = facts.places.filter((p) => p.level === 'businessDistrict').map((p) => p.id);
    const bds = bdIds.map((id) => model.summary('businessDistrict', id)).filter((n): n is SummaryNode => !!n).map(ranked).sort(byPartyOrg);
    const gaps = rankGaps(model, 'building', 'party', { limit: 8, ...(scope.level === 'street' ? { streetCode: scope.id } : {}) }).filter((g) => scope.streetCodes.includes(g.streetCode));
    return c.json({
      scope,
      asOf,
      comparedWith,
      changeId: facts.changeId[0]?.n ?? 0,
      totals: ranked(now),
      previousRates: (then ?? now).rates,
      organisationsByKind: Object.fromEntries(facts.orgs.map((o) => [o.kind, o.n])),
      stations: facts.stations[0]?.n ?? 0,
      activitiesThisMonth: { count: facts.activities[0]?.n ?? 0, participants: facts.activities[0]?.p ?? 0, month },
      rankings: { areas, businessDistricts: bds },
      topGaps: gaps,
      places: facts.places.map((p) => ({ level: p.level, id: p.id, name: p.name, bbox: [p.x0, p.y0, p.x1, p.y1].map((v) => Math.round(v * 1e6) / 1e6) })),
    }, 200);
  },
);

wallRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/tour',
    tags: ['Wall display'],
    summary: "A wall's tour configuration (default: every business district, then every grid); ETag carries its version",
    request: { query: ScopeQuery },
    responses: { 200: { description: 'Tour', content: { 'application/json': { schema: TourSchema } } }, ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const scope = await resolveScope(c.get('store'), c.req.valid('query').scope);
    const { tour, version } = await readTour(c.get('store'), scope);
    c.header('ETag', `"${version}"`);
    return c.json(tour, 200);
  },
);

wallRoutes.use('/tour', async (c, next) => {
  if (c.req.method === 'PUT') return requireRole('admin', 'official')(c, next);
  return next();
});

wallRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/tour',
    tags: ['Wall display'],
    summary: "Change a wall's tour (officials and admins); needs If-Match with the current ETag",
    request: {
      query: ScopeQuery,
      headers: z.object({ 'if-match': z.string().regex(/^"\d+"$/) }),
      body: { required: true, content: { 'application/json': { schema: TourSchema } } },
    },
    responses: { 200: { description: 'Saved', content: { 'application/json': { schema: TourSchema } } }, ...errorResponses(400, 401, 403, 404, 412) },
  }),
  async (c) => {
    const store = c.get('store');
    const scope = await resolveScope(store, c.req.valid('query').scope);
    const tour = c.req.valid('json');
    const expected = Number(c.req.valid('header')['if-match'].replaceAll('"', ''));
    // Every step must be a place inside the wall's scope.
    const codes = sql.join(scope.streetCodes.map((s) => sql`${s}`), sql`, `);
    const known = new Set(
      (await store.read((db) => rows<{ k: string }>(db, sql`SELECT 'street:' || code AS k FROM streets WHERE code IN (${codes})
        UNION ALL SELECT 'grid:' || id FROM grids WHERE street_code IN (${codes})
        UNION ALL SELECT 'businessDistrict:' || id FROM business_districts WHERE street_code IN (${codes})`))).map((r) => r.k),
    );
    const unknown = tour.steps.filter((s) => !known.has(`${s.level}:${s.id}`));
    if (unknown.length) throw badRequest('Tour steps outside this scope', { steps: unknown.map((s) => `${s.level}:${s.id}`) });
    if (!tour.steps.some((s) => s.enabled)) throw badRequest('Enable at least one tour step');
    const p = c.get('principal');
    const key = tourKey(scope);
    const version = await store.write(async (tx) => {
      const before = await readSetting(tx, key);
      const next = await putSetting(tx, key, tour, expected);
      if (next === null) throw new ApiError(412, 'precondition_failed', 'The tour changed since you read it; reload and try again');
      await audit(tx, { actor: p ? actorOf(p) : 'system', action: 'update', entity: 'settings', entityId: key, before: before?.value ?? null, after: tour });
      return next;
    });
    c.header('ETag', `"${version}"`);
    return c.json(tour, 200);
  },
);
