// Gathers the internal facts of a publication's scope from the store and the coverage model: the
// input of redact(). Reads only; one store.read so the facts are one consistent picture.
import { sql } from 'drizzle-orm';
import type { MultiLineString, MultiPolygon, Polygon } from 'geojson';
import { rows, type Db, type Store } from '../db/store.js';
import { areaKey } from '../domain/coverage/model.js';
import { ZERO, add, type Counts } from '../domain/coverage/rates.js';
import { PARTY_KINDS } from '../domain/coverage/types.js';
import type { Scope } from '../scope.js';
import { organisationTerms } from './private-text.js';
import type { PrivateStrings } from './leak-guard.js';
import type { AreaCounts, InternalActivity, InternalArea, InternalFacts, InternalStation, StationAudience } from './types.js';

/** Enterprise names shorter than this are not used as private terms: they are substrings of street and building names. */
export const MIN_ENTERPRISE_TERM = 4;

/** An area's counts as the coverage model keeps them, without party members (never published), plus its organisations. */
function publicCounts(c: Counts, organisations: number): AreaCounts {
  const { partyMembers: _private, ...rest } = c;
  return { ...rest, organisations };
}

/** The coverage counts gatherFacts reads: the model's date and its counts of the scope's areas. */
export interface ScopeCounts {
  asOf: string;
  counts: ReadonlyMap<string, Counts>;
}

const countsOf = (model: ScopeCounts, key: string, organisations: number): AreaCounts => publicCounts(model.counts.get(key) ?? ZERO, organisations);

function sumCounts(list: AreaCounts[]): AreaCounts {
  const total = list.reduce<Counts>((sum, { organisations: _o, ...c }) => add(sum, { ...c, partyMembers: 0 }), ZERO);
  return publicCounts(total, list.reduce((n, c) => n + c.organisations, 0));
}

export async function gatherFacts(store: Store, model: ScopeCounts, scope: Scope, meta: { slug: string; title: string }): Promise<InternalFacts> {
  const asOf = model.asOf;
  const codes = sql.join(scope.streetCodes.map((c) => sql`${c}`), sql`, `);
  const partyKinds = sql.join(PARTY_KINDS.map((k) => sql`${k}`), sql`, `);
  return store.read(async (db) => {
    const streets = await rows<{ code: string; name: string; nameEn: string; g: string }>(
      db,
      sql`SELECT code, name, name_en AS "nameEn", ST_AsGeoJSON(geom, 6) AS g FROM streets WHERE code IN (${codes}) ORDER BY code`,
    );
    const grids = await rows<{ id: number; name: string; streetCode: string; g: string }>(
      db,
      sql`SELECT id, name, street_code AS "streetCode", ST_AsGeoJSON(geom, 6) AS g FROM grids WHERE street_code IN (${codes}) ORDER BY id`,
    );
    const bds = await rows<{ id: number; name: string; nameEn: string; streetCode: string; g: string }>(
      db,
      sql`SELECT id, name, name_en AS "nameEn", street_code AS "streetCode", ST_AsGeoJSON(geom, 6) AS g FROM business_districts WHERE street_code IN (${codes}) ORDER BY id`,
    );
    // Party organisations alive on asOf, seated in a building of the area.
    const orgs = await rows<{ level: 'grid' | 'businessDistrict'; id: number; n: number }>(
      db,
      sql`SELECT 'grid' AS level, b.grid_id AS id, count(*)::int AS n FROM organisations o JOIN buildings b ON b.id = o.seat_building_id
          WHERE b.street_code IN (${codes}) AND b.grid_id IS NOT NULL AND o.kind IN (${partyKinds}) AND o.founded_on <= ${asOf}::date AND (o.dissolved_on IS NULL OR o.dissolved_on > ${asOf}::date)
          GROUP BY b.grid_id
          UNION ALL
          SELECT 'businessDistrict', b.business_district_id, count(*)::int FROM organisations o JOIN buildings b ON b.id = o.seat_building_id
          WHERE b.street_code IN (${codes}) AND b.business_district_id IS NOT NULL AND o.kind IN (${partyKinds}) AND o.founded_on <= ${asOf}::date AND (o.dissolved_on IS NULL OR o.dissolved_on > ${asOf}::date)
          GROUP BY b.business_district_id`,
    );
    const orgCount = (level: string, id: number) => orgs.find((o) => o.level === level && o.id === id)?.n ?? 0;
    const [orgsInScope] = await rows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM organisations WHERE street_code IN (${codes}) AND kind IN (${partyKinds}) AND founded_on <= ${asOf}::date AND (dissolved_on IS NULL OR dissolved_on > ${asOf}::date)`,
    );
    const stations = await rows<Omit<InternalStation, 'areaM2'> & { areaM2: string | number | null }>(
      db,
      sql`SELECT s.id, s.name, s.type, s.also_types AS "alsoTypes", s.street_code AS "streetCode", b.name AS "buildingName", b.address AS "buildingAddress",
                 s.address, s.floor, s.area_m2 AS "areaM2", s.hours, s.hours_week AS "hoursWeek", s.services, s.open_to AS "openTo", s.reach_m AS "reachM",
                 s.phone, s.public_phone AS "publicPhone", s.accessibility,
                 CASE WHEN p.station_id IS NULL THEN NULL ELSE jsonb_build_object('sha256', p.sha256, 'thumbSha256', p.thumb_sha256, 'width', p.width, 'height', p.height) END AS photo,
                 to_char(s.opened_on, 'YYYY-MM-DD') AS "openedOn",
                 round(ST_X(s.geom)::numeric, 7)::float8 AS lon, round(ST_Y(s.geom)::numeric, 7)::float8 AS lat
          FROM stations s LEFT JOIN buildings b ON b.id = s.building_id LEFT JOIN station_photos p ON p.station_id = s.id
          WHERE s.street_code IN (${codes}) AND (s.opened_on IS NULL OR s.opened_on <= ${asOf}::date)
          ORDER BY s.id`,
    );
    // Upcoming activities, in China time (what a visitor reads), for up to a year; redact() applies the window.
    const activities = await rows<InternalActivity>(
      db,
      sql`SELECT a.id, a.title, a.type, a.station_id AS "stationId",
                 to_char(a.held_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"') AS "heldAt",
                 a.participants, o.name AS "organiserName", a.signup_note AS "signupNote"
          FROM activities a JOIN stations s ON s.id = a.station_id LEFT JOIN organisations o ON o.id = a.organiser_id
          WHERE s.street_code IN (${codes}) AND (a.held_at AT TIME ZONE 'Asia/Shanghai')::date >= ${asOf}::date
            AND (a.held_at AT TIME ZONE 'Asia/Shanghai')::date <= ${asOf}::date + 366
          ORDER BY a.held_at, a.id`,
    );
    // Roads and water around the scope (its outline's box, ~300 m more), cut to that box: the page's map context.
    const around = sql`(SELECT ST_Expand(ST_Envelope(ST_Collect(geom)), 0.003) FROM streets WHERE code IN (${codes}))`;
    const roads = await rows<{ name: string; class: string; barrier: boolean; g: string }>(
      db,
      sql`SELECT name, class, barrier, ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_Intersection(geom, ${around}), 2)), 6) AS g
          FROM roads WHERE geom && ${around} AND ST_Intersects(geom, ${around}) ORDER BY id`,
    );
    const water = await rows<{ name: string; kind: string; g: string }>(
      db,
      sql`SELECT name, kind, ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_Intersection(geom, ${around}), 3)), 6) AS g
          FROM water WHERE geom && ${around} AND ST_Intersects(geom, ${around}) ORDER BY id`,
    );
    const [priv] = await rows<InternalFacts['privateRows']>(
      db,
      sql`SELECT (SELECT count(*)::int FROM enterprises WHERE street_code IN (${codes})) AS enterprises,
                 (SELECT count(*)::int FROM organisations WHERE street_code IN (${codes}) AND secretary_name IS NOT NULL) AS "organisationsWithSecretary",
                 (SELECT count(*)::int FROM organisations WHERE street_code IN (${codes}) AND contact_phone IS NOT NULL) AS "organisationsWithPhone",
                 (SELECT count(*)::int FROM instructors WHERE street_code IN (${codes})) AS instructors,
                 (SELECT count(*)::int FROM instructors WHERE street_code IN (${codes}) AND phone IS NOT NULL) AS "instructorsWithPhone",
                 (SELECT count(*)::int FROM buildings WHERE street_code IN (${codes})) AS buildings`,
    );
    // Every private string the store knows, whatever its street: a name typed into a public field anywhere is caught.
    const terms = await rows<{ t: string }>(
      db,
      sql`SELECT secretary_name AS t FROM organisations WHERE secretary_name IS NOT NULL
          UNION SELECT contact_phone FROM organisations WHERE contact_phone IS NOT NULL
          UNION SELECT name FROM instructors
          UNION SELECT phone FROM instructors WHERE phone IS NOT NULL
          UNION SELECT phone FROM stations WHERE phone IS NOT NULL
          UNION SELECT contact_person FROM enterprises WHERE contact_person IS NOT NULL
          UNION SELECT contact_phone FROM enterprises WHERE contact_phone IS NOT NULL
          UNION SELECT uscc FROM enterprises
          UNION SELECT name FROM enterprises WHERE char_length(name) >= ${MIN_ENTERPRISE_TERM}`,
    );
    // Organisation and alliance member names are never published either (a member that is a station,
    // by name, is public). redact.organisationTerms adds their distinctive parts and leaves out what
    // public places are called.
    const orgNames = await rows<{ t: string }>(
      db,
      sql`SELECT name AS t FROM organisations
          UNION SELECT m.name FROM alliance_members m WHERE NOT EXISTS (SELECT 1 FROM stations s WHERE s.name = m.name)`,
    );
    const places = await rows<{ t: string; station: boolean }>(
      db,
      sql`SELECT name AS t, false AS station FROM districts UNION SELECT name, false FROM streets UNION SELECT name, false FROM grids
          UNION SELECT name, false FROM business_districts UNION SELECT name, false FROM buildings UNION SELECT name, true FROM stations`,
    );
    const orgTerms = organisationTerms(
      orgNames.map((r) => r.t),
      { places: places.filter((p) => !p.station).map((p) => p.t), stations: places.filter((p) => p.station).map((p) => p.t) },
    );

    const toArea = (r: { id: number; name: string; nameEn?: string; streetCode: string; g: string }, level: 'grid' | 'businessDistrict'): InternalArea => ({
      id: r.id,
      name: r.name,
      ...(r.nameEn ? { nameEn: r.nameEn } : {}),
      streetCode: r.streetCode,
      geometry: JSON.parse(r.g) as Polygon,
      counts: countsOf(model, areaKey(level, r.id), orgCount(level, r.id)),
    });
    const totals = sumCounts(scope.streetCodes.map((c) => countsOf(model, areaKey('street', c), 0)));
    totals.organisations = orgsInScope?.n ?? 0;
    return {
      slug: meta.slug,
      title: meta.title,
      scope: { level: scope.level, id: scope.id, name: scope.name },
      asOf,
      streets: streets.map((s) => ({ code: s.code, name: s.name, nameEn: s.nameEn, geometry: JSON.parse(s.g) as MultiPolygon })),
      roads: roads.map((r) => ({ name: r.name, class: r.class, barrier: r.barrier, geometry: JSON.parse(r.g) as MultiLineString })).filter((r) => r.geometry.coordinates.length > 0),
      water: water.map((w) => ({ name: w.name, kind: w.kind, geometry: JSON.parse(w.g) as MultiPolygon })).filter((w) => w.geometry.coordinates.length > 0),
      grids: grids.map((g) => toArea(g, 'grid')),
      businessDistricts: bds.map((b) => toArea(b, 'businessDistrict')),
      stations: stations.map((s) => ({ ...s, areaM2: s.areaM2 == null ? null : Number(s.areaM2), openTo: s.openTo as StationAudience })),
      activities,
      totals,
      privateRows: priv ?? { enterprises: 0, organisationsWithSecretary: 0, organisationsWithPhone: 0, instructors: 0, instructorsWithPhone: 0, buildings: 0 },
      privateTerms: [...terms.map((t) => t.t), ...orgTerms],
    };
  });
}

/**
 * Every private string the store holds, by kind, for the leak guard (leak-guard.ts) that checks a
 * snapshot before it is stored. Read on its own, not from the facts redact() used, so the last check
 * does not share redaction's inputs.
 */
export async function readPrivateStrings(db: Db): Promise<PrivateStrings> {
  const list = async (q: ReturnType<typeof sql>) => (await rows<{ s: string }>(db, q)).map((r) => r.s);
  return {
    people: await list(
      sql`SELECT secretary_name AS s FROM organisations WHERE secretary_name IS NOT NULL UNION SELECT name FROM instructors
          UNION SELECT contact_person FROM enterprises WHERE contact_person IS NOT NULL`,
    ),
    phones: await list(
      sql`SELECT contact_phone AS s FROM organisations WHERE contact_phone IS NOT NULL UNION SELECT phone FROM instructors WHERE phone IS NOT NULL
          UNION SELECT phone FROM stations WHERE phone IS NOT NULL UNION SELECT contact_phone FROM enterprises WHERE contact_phone IS NOT NULL`,
    ),
    idNumbers: await list(sql`SELECT DISTINCT uscc AS s FROM enterprises`),
    enterprises: await list(sql`SELECT name AS s FROM enterprises`),
    organisations: await list(sql`SELECT DISTINCT name AS s FROM organisations`),
    allianceMembers: await list(sql`SELECT DISTINCT m.name AS s FROM alliance_members m WHERE NOT EXISTS (SELECT 1 FROM stations st WHERE st.name = m.name)`),
  };
}
