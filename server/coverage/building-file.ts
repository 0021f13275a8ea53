// 一楼一档: a building's coverage file as of the model's date: its enterprises classified with the suggested
// action, the organisations and recent activities in it, the stations that serve it and the nearest of each type.
// Two halves: the figures (from the coverage model, answered by the coverage worker) and the records (the store).
import { sql } from 'drizzle-orm';
import { rows, type Store } from '../db/store.js';
import type { CoverageView } from '../domain/coverage/view.js';
import { partyActionFor, unionActionFor, ACTION_LABELS } from '../domain/coverage/suggest.js';
import { nearestByType } from '../domain/coverage/reach.js';
import type { BuildingFile } from './contract.js';

/** What the coverage model knows of a building as of its date: plain data (it crosses from the worker). */
export interface BuildingFigures {
  asOf: string;
  summary: BuildingFile['summary'];
  /** Its enterprises, largest first, without names (the store has them). */
  enterprises: Omit<BuildingFile['enterprises'][number], 'name'>[];
  reach: BuildingFile['reach'];
}

export function buildingFigures(model: CoverageView, id: number): BuildingFigures | null {
  const summary = model.summary('building', String(id));
  const building = model.buildings.get(id);
  if (!summary || !building) return null;
  const reach = model.reach.get(id);
  const nearest = reach ? nearestByType(reach) : {};
  const ids = [...(model.byBuilding.get(id) ?? [])];
  const station = (sid: number, distanceM: number) => ({ stationId: sid, name: model.stationById(sid)?.name ?? '', distanceM });
  const enterprises = ids
    .map((eid) => model.enterprises.get(eid))
    .filter((s): s is NonNullable<typeof s> => !!s)
    .sort((a, b) => b.facts.employees - a.facts.employees || a.facts.id - b.facts.id)
    .map((s) => {
      const k = s.classified;
      const code = !k.operating ? null : k.party === 'own' || k.party === 'joint' ? (k.union === 'none' ? unionActionFor(s.facts.employees) : null) : partyActionFor(s.facts.partyMembers);
      return {
        id: s.facts.id, employees: s.facts.employees, partyMembers: s.facts.partyMembers, operating: k.operating,
        partyCoverage: k.party, unionCoverage: k.union, noOrgReason: s.facts.noOrgReason, suggestedAction: code ? { code, label: ACTION_LABELS[code] } : null,
      };
    });
  const servedBy = (reach?.servedBy ?? []).map((sid) => {
    const s = model.stationById(sid);
    const n = Object.values(nearest).find((x) => x.stationId === sid);
    return station(sid, n?.distanceM ?? (s?.buildingId === id ? 0 : -1));
  });
  return {
    asOf: model.asOf,
    summary,
    enterprises,
    reach: {
      served: reach?.served ?? false,
      servedBy,
      nearestByType: Object.fromEntries(Object.entries(nearest).map(([t, n]) => [t, station(n.stationId, n.distanceM)])),
      walkMinutes: reach?.walkMinutes ?? null,
      band: reach?.band ?? null,
      method: reach?.network ? 'network' : 'straight',
    },
  };
}

/** The file of building `id` from its figures and the store's records, or null when the store has no such building. */
export async function buildingFile(store: Store, figures: BuildingFigures, id: number): Promise<BuildingFile | null> {
  const names = new Map(
    (await store.read((db) => rows<{ id: number; name: string }>(db, sql`SELECT id, name FROM enterprises WHERE building_id = ${id}`))).map((r) => [r.id, r.name]),
  );
  const day = figures.asOf;
  const [organisations, activities, records, instructors] = await store.read(async (db) => [
    await rows<BuildingFile['organisations'][number]>(
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
    await rows<BuildingFile['activities'][number]>(
      db,
      sql`SELECT a.id, a.title, a.type, to_char(a.held_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "heldAt", a.participants
          FROM activities a WHERE a.building_id = ${id} AND a.held_at < ((${day}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
          ORDER BY a.held_at DESC, a.id LIMIT 8`,
    ),
    await rows<BuildingFile['building']>(
      db,
      sql`SELECT b.address, b.kind, b.floors, b.property_manager AS "propertyManager", b.red_property AS "redProperty", b.billion_yuan AS "billionYuan",
                 g.name AS "gridName", bd.name AS "businessDistrictName"
          FROM buildings b LEFT JOIN grids g ON g.id = b.grid_id LEFT JOIN business_districts bd ON bd.id = b.business_district_id
          WHERE b.id = ${id}`,
    ),
    await rows<BuildingFile['instructors'][number]>(
      db,
      sql`SELECT i.id, i.name, i.role, count(DISTINCT e.id)::int AS enterprises
          FROM instructors i JOIN instructor_assignments ia ON ia.instructor_id = i.id JOIN enterprises e ON e.id = ia.enterprise_id
          WHERE e.building_id = ${id} AND ia.since <= ${day}::date AND (ia.until IS NULL OR ia.until > ${day}::date)
          GROUP BY i.id, i.name, i.role ORDER BY enterprises DESC, i.id`,
    ),
  ] as const);
  const record = records[0];
  if (!record) return null;
  return {
    summary: figures.summary,
    building: record,
    instructors,
    reach: figures.reach,
    organisations,
    activities,
    enterprises: figures.enterprises.map(({ id: eid, ...rest }) => ({ id: eid, name: names.get(eid) ?? '', ...rest })),
  };
}
