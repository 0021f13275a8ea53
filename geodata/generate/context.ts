// The shared state the generator steps build up, and the dataset they produce (rows ready to insert).
import type { Polygon, Position } from 'geojson';
import type * as t from '../../server/db/schema.js';
import type { Rng } from './random.js';
import type { BuildingKind } from '../../server/domain/vocabulary/index.js';

type Row<K extends keyof t.Dataset> = NonNullable<t.Dataset[K]>[number];

/** The demo's rows: enterprises and organisations always carry their ids and member counts. */
export interface DemoDataset extends t.Dataset {
  /** The date the time-relative parts (activities, recent foundings) are anchored to. */
  today: string;
  enterprises: (Row<'enterprises'> & { id: number; partyMembers: number; unionMembers: number })[];
  organisations: (Row<'organisations'> & { id: number; members: number })[];
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
