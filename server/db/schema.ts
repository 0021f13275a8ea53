// Drizzle view of the schema. The SQL in ./migrations is the source of truth for DDL (constraints,
// GiST indexes); this file mirrors it for typed queries, and tests/api/schema.test.ts checks they agree.
import {
  pgTable,
  text,
  integer,
  boolean,
  date,
  timestamp,
  numeric,
  jsonb,
  doublePrecision,
  primaryKey,
} from 'drizzle-orm/pg-core';
import type { MultiPolygon, Polygon, Point, MultiLineString } from 'geojson';
import { geometry } from './geometry-column.js';
import type { BuildingKind, Ownership, RoadClass, WaterKind } from '../domain/vocabulary/index.js';

const version = () => integer('version').notNull().default(1);

// Accounts, sessions, logs, settings and publications: the tables around the territory.
export * from './schema-system.js';

export const districts = pgTable('districts', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  city: text('city').notNull(),
  geom: geometry<MultiPolygon>('geom', 'MultiPolygon'),
  illustrative: boolean('illustrative').notNull().default(true),
  source: text('source').notNull(),
});

export const streets = pgTable('streets', {
  code: text('code').primaryKey(),
  districtCode: text('district_code').notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  geom: geometry<MultiPolygon>('geom', 'MultiPolygon').notNull(),
  illustrative: boolean('illustrative').notNull().default(true),
  source: text('source').notNull(),
  version: version(),
});

export const grids = pgTable('grids', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  streetCode: text('street_code').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  geom: geometry<Polygon>('geom', 'Polygon').notNull(),
  illustrative: boolean('illustrative').notNull().default(true),
  source: text('source').notNull(),
  version: version(),
});

/** Committed grid change sets with the street's whole grid set before and after (migration 0004). */
export const gridChangeSets = pgTable('grid_change_sets', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  streetCode: text('street_code').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actor: text('actor').notNull(),
  note: text('note'),
  changes: jsonb('changes').notNull(),
  before: jsonb('before').notNull(),
  after: jsonb('after').notNull(),
  revertOf: integer('revert_of'),
});

/** The highest version each grid id ever had, kept by triggers, so versions only grow (migration 0015). */
export const gridVersionFloor = pgTable('grid_version_floor', {
  gridId: integer('grid_id').primaryKey(),
  version: integer('version').notNull(),
});

export const businessDistricts = pgTable('business_districts', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  streetCode: text('street_code').notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  geom: geometry<Polygon>('geom', 'Polygon').notNull(),
  illustrative: boolean('illustrative').notNull().default(true),
  source: text('source').notNull(),
  version: version(),
});

export const buildings = pgTable('buildings', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  address: text('address').notNull(),
  streetCode: text('street_code').notNull(),
  gridId: integer('grid_id'),
  businessDistrictId: integer('business_district_id'),
  kind: text('kind').$type<BuildingKind>().notNull(),
  floors: integer('floors').notNull(),
  billionYuan: boolean('billion_yuan').notNull().default(false),
  propertyManager: text('property_manager'),
  redProperty: boolean('red_property').notNull().default(false),
  geom: geometry<Polygon | Point>('geom', 'Geometry').notNull(),
  illustrative: boolean('illustrative').notNull().default(true),
  source: text('source').notNull(),
  version: version(),
});

export const enterprises = pgTable('enterprises', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  uscc: text('uscc').notNull(),
  name: text('name').notNull(),
  buildingId: integer('building_id').notNull(),
  streetCode: text('street_code').notNull(),
  gridId: integer('grid_id'),
  floor: integer('floor'),
  industry: text('industry').notNull(),
  ownership: text('ownership')
    .$type<Ownership>()
    .notNull(),
  employees: integer('employees').notNull(),
  partyMembers: integer('party_members').notNull().default(0),
  unionMembers: integer('union_members').notNull().default(0),
  registeredOn: date('registered_on').notNull(),
  deregisteredOn: date('deregistered_on'),
  noOrgReason: text('no_org_reason'),
  // Internal record only (migration 0009): never published.
  address: text('address'),
  contactPerson: text('contact_person'),
  contactPhone: text('contact_phone'),
  geom: geometry<Point>('geom', 'Point').notNull(),
  // Coordinate system the point was imported in (migration 0005); null when placed by the product.
  coordSource: text('coord_source').$type<'wgs84' | 'gcj02' | 'bd09'>(),
  // The coordinates as imported, in coord_source's system (migration 0009); null when not imported.
  sourceLon: doublePrecision('source_lon'),
  sourceLat: doublePrecision('source_lat'),
  source: text('source').notNull(),
  version: version(),
});

export const stations = pgTable('stations', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  type: text('type').notNull(),
  alsoTypes: text('also_types').array().notNull().default([]),
  streetCode: text('street_code').notNull(),
  gridId: integer('grid_id'),
  buildingId: integer('building_id'),
  floor: text('floor'),
  areaM2: numeric('area_m2', { mode: 'number' }),
  hours: text('hours'),
  services: text('services').array().notNull().default([]),
  openTo: text('open_to').notNull().default('public'),
  reachM: integer('reach_m'),
  phone: text('phone'),
  // Public details (migration 0019): the station's own address, its public service line (an institution's
  // number, unlike `phone`), opening hours by weekday (Monday first) and accessibility notes.
  address: text('address'),
  publicPhone: text('public_phone'),
  hoursWeek: jsonb('hours_week').$type<[string, string][][]>(),
  accessibility: text('accessibility'),
  openedOn: date('opened_on'),
  geom: geometry<Point>('geom', 'Point').notNull(),
  // Coordinate system the point was imported in (migration 0005); null when placed by the product.
  coordSource: text('coord_source').$type<'wgs84' | 'gcj02' | 'bd09'>(),
  // The coordinates as imported, in coord_source's system (migration 0009); null when not imported.
  sourceLon: doublePrecision('source_lon'),
  sourceLat: doublePrecision('source_lat'),
  source: text('source').notNull(),
  version: version(),
});

export const organisations = pgTable('organisations', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  formation: text('formation').$type<'own' | 'joint'>().notNull(),
  streetCode: text('street_code').notNull(),
  seatBuildingId: integer('seat_building_id'),
  seatStationId: integer('seat_station_id'),
  parentId: integer('parent_id'),
  members: integer('members').notNull().default(0),
  secretaryName: text('secretary_name'),
  contactPhone: text('contact_phone'),
  foundedOn: date('founded_on').notNull(),
  dissolvedOn: date('dissolved_on'),
  source: text('source').notNull(),
  version: version(),
});

export const organisationCoverage = pgTable(
  'organisation_coverage',
  {
    organisationId: integer('organisation_id').notNull(),
    enterpriseId: integer('enterprise_id').notNull(),
    since: date('since').notNull(),
    until: date('until'),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.enterpriseId] })],
);

export const instructors = pgTable('instructors', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  role: text('role').$type<'instructor' | 'liaison'>().notNull(),
  streetCode: text('street_code').notNull(),
  phone: text('phone'),
  source: text('source').notNull(),
  version: version(),
});

export const instructorAssignments = pgTable(
  'instructor_assignments',
  {
    instructorId: integer('instructor_id').notNull(),
    enterpriseId: integer('enterprise_id').notNull(),
    since: date('since').notNull(),
    until: date('until'),
  },
  (t) => [primaryKey({ columns: [t.instructorId, t.enterpriseId] })],
);

export const activities = pgTable('activities', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  title: text('title').notNull(),
  type: text('type').notNull(),
  streetCode: text('street_code').notNull(),
  organiserId: integer('organiser_id'),
  stationId: integer('station_id'),
  buildingId: integer('building_id'),
  heldAt: timestamp('held_at', { withTimezone: true, mode: 'string' }).notNull(),
  participants: integer('participants').notNull(),
  // How the public signs up for a planned activity (migration 0019).
  signupNote: text('signup_note'),
  geom: geometry<Point>('geom', 'Point').notNull(),
  // Coordinate system the point was imported in (migration 0005); null when placed by the product.
  coordSource: text('coord_source').$type<'wgs84' | 'gcj02' | 'bd09'>(),
  // The coordinates as imported, in coord_source's system (migration 0009); null when not imported.
  sourceLon: doublePrecision('source_lon'),
  sourceLat: doublePrecision('source_lat'),
  source: text('source').notNull(),
  version: version(),
});

export const alliances = pgTable('alliances', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  domain: text('domain'),
  streetCode: text('street_code').notNull(),
  businessDistrictId: integer('business_district_id'),
  signedOn: date('signed_on'),
  geom: geometry<MultiLineString>('geom', 'MultiLineString'),
  source: text('source').notNull(),
  version: version(),
});

export const allianceMembers = pgTable('alliance_members', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  allianceId: integer('alliance_id').notNull(),
  name: text('name').notNull(),
  organisationId: integer('organisation_id'),
  buildingId: integer('building_id'),
  stationId: integer('station_id'),
  role: text('role').$type<'lead' | 'chair' | 'member'>().notNull().default('member'),
  chairFrom: date('chair_from'),
  chairUntil: date('chair_until'),
  geom: geometry<Point>('geom', 'Point').notNull(),
});

/** Roads (migration 0012): context on every map and the walking network of station reach. */
export const roads = pgTable('roads', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull().default(''),
  class: text('class').$type<RoadClass>().notNull(),
  oneway: boolean('oneway').notNull().default(false),
  barrier: boolean('barrier').notNull().default(false),
  geom: geometry<MultiLineString>('geom', 'MultiLineString').notNull(),
  coordSource: text('coord_source').$type<'wgs84' | 'gcj02' | 'bd09'>(),
  illustrative: boolean('illustrative').notNull().default(true),
  source: text('source').notNull(),
  version: version(),
});

export const water = pgTable('water', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull().default(''),
  kind: text('kind').$type<WaterKind>().notNull(),
  geom: geometry<MultiPolygon>('geom', 'MultiPolygon').notNull(),
  coordSource: text('coord_source').$type<'wgs84' | 'gcj02' | 'bd09'>(),
  illustrative: boolean('illustrative').notNull().default(true),
  source: text('source').notNull(),
  version: version(),
});

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

/** Rows for each table, ready to insert in one go (ids included, so that rows can refer to each other): the demo
 *  territory, a synthetic city. */
export interface Dataset {
  districts: Insert<typeof districts>[];
  streets: Insert<typeof streets>[];
  grids: Insert<typeof grids>[];
  businessDistricts: Insert<typeof businessDistricts>[];
  buildings: Insert<typeof buildings>[];
  enterprises: Insert<typeof enterprises>[];
  organisations: Insert<typeof organisations>[];
  organisationCoverage: Insert<typeof organisationCoverage>[];
  instructors: Insert<typeof instructors>[];
  instructorAssignments: Insert<typeof instructorAssignments>[];
  stations: Insert<typeof stations>[];
  activities: Insert<typeof activities>[];
  alliances: Insert<typeof alliances>[];
  allianceMembers: Insert<typeof allianceMembers>[];
  /** Context lines and areas (optional: a dataset without them walks in straight lines). */
  roads?: Insert<typeof roads>[];
  water?: Insert<typeof water>[];
}
