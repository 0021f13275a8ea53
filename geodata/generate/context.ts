// The shared state the generator steps build up, and the dataset they produce (rows ready to insert).
import type { Polygon, Position } from 'geojson';
import type * as t from '../../server/db/schema.js';
import type { Rng } from './random.js';
import type { BuildingKind } from '../../server/domain/vocabulary/index.js';

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

export interface DemoDataset {
  /** The date the time-relative parts (activities, recent foundings) are anchored to. */
  today: string;
  districts: Insert<typeof t.districts>[];
  streets: Insert<typeof t.streets>[];
  grids: Insert<typeof t.grids>[];
  businessDistricts: Insert<typeof t.businessDistricts>[];
  buildings: Insert<typeof t.buildings>[];
  enterprises: (Insert<typeof t.enterprises> & { id: number; partyMembers: number; unionMembers: number })[];
  organisations: (Insert<typeof t.organisations> & { id: number; members: number })[];
  organisationCoverage: Insert<typeof t.organisationCoverage>[];
  instructors: Insert<typeof t.instructors>[];
  instructorAssignments: Insert<typeof t.instructorAssignments>[];
  stations: Insert<typeof t.stations>[];
  activities: Insert<typeof t.activities>[];
  alliances: Insert<typeof t.alliances>[];
  allianceMembers: Insert<typeof t.allianceMembers>[];
}

export interface GridInfo {
  id: number;
  code: string;
  streetCode: string;
  polygon: Polygon;
  /** How far this grid's party-building work has come (0..1): drives varied coverage and gaps. */
  maturity: number;
}

export interface BuildingInfo {
  id: number;
  key: string | null;
  name: string;
  streetCode: string;
  districtCode: string;
  gridId: number;
  centre: Position;
  floors: number;
  kind: BuildingKind;
}

export interface Ctx {
  rng: Rng;
  today: Date;
  data: DemoDataset;
  grids: GridInfo[];
  buildings: BuildingInfo[];
  buildingByKey: Map<string, BuildingInfo>;
  enterpriseByKey: Map<string, number>;
  organisationByKey: Map<string, number>;
  stationByKey: Map<string, number>;
  streetDistrict: Map<string, string>;
  /** Next id per table, so ids are stable for a given seed. */
  nextId(table: string): number;
}

export const SYNTHETIC = 'geodata 生成器 (合成数据, 示意)';

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000);
}

/** A random date between two dates (inclusive), as YYYY-MM-DD. */
export function dateBetween(rng: Rng, from: Date, to: Date): string {
  const a = from.getTime();
  const b = Math.max(a, to.getTime());
  return isoDate(new Date(a + Math.floor(rng.next() * (b - a + 1))));
}

export function gridOf(ctx: Ctx, id: number): GridInfo {
  const g = ctx.grids.find((x) => x.id === id);
  if (!g) throw new Error(`grid ${id} missing`);
  return g;
}
