// What a wall display shows for a scope: the KPIs now and 30 days before, organisations by kind, stations,
// this month's activities, rankings, the top gaps and the places it can tour (with bounding boxes).
import { sql } from 'drizzle-orm';
import { rows, type Store } from '../db/store.js';
import type { AreaFigures, SummaryNode } from '../domain/coverage/model.js';
import type { CoverageEngine } from '../coverage/engine.js';
import type { Scope } from '../scope.js';
import type { Ranked, WallSummary } from './contract.js';

const dateMinus = (d: string, days: number) => new Date(new Date(`${d}T00:00:00Z`).getTime() - days * 86_400_000).toISOString().slice(0, 10);
const ranked = (n: AreaFigures): Ranked => ({ level: n.level, id: n.id, name: n.name, enterprises: n.enterprises, employees: n.employees, rates: n.rates });
const byPartyOrg = (a: Ranked, b: Ranked) => (b.rates.partyOrg.value ?? -1) - (a.rates.partyOrg.value ?? -1);

export async function wallSummary(store: Store, engine: CoverageEngine, scope: Scope): Promise<WallSummary> {
  const figures = await engine.ask({ q: 'wallNow', level: scope.level, id: scope.id, streetCodes: scope.streetCodes });
  const asOf = figures.asOf;
  const comparedWith = dateMinus(asOf, 30);
  // A past date: derived from today's model in the worker, its answer cached in bytes (no second model).
  const then = await engine.summary(scope.level, scope.id, comparedWith);
  const now = figures.now as SummaryNode;
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
  const byId = new Map(figures.businessDistricts.map((n) => [n.id, n]));
  const bds = bdIds.map((id) => byId.get(id)).filter((n): n is SummaryNode => !!n).map(ranked).sort(byPartyOrg);
  const gaps = figures.gaps.filter((g) => scope.streetCodes.includes(g.streetCode));
  const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
  return {
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
    bands: figures.bands,
    places: facts.places.map((p) => ({ level: p.level, id: p.id, name: p.name, bbox: [round6(p.x0), round6(p.y0), round6(p.x1), round6(p.y1)] })),
  };
}
