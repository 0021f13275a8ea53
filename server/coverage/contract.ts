// The coverage API's contract (/api/coverage/…): request and response schemas, defined once. The server
// validates with them; the client imports only the types inferred from them.
import { z } from '@hono/zod-openapi';
import type { Agree, Expect, Fits } from '../http/agree.js';
import type { AreaFigures, SummaryNode } from '../domain/coverage/model.js';
import type { Gap as ModelGap } from '../domain/coverage/gaps.js';
import type { Rate as ModelRate } from '../domain/coverage/types.js';
import type { Rates as ModelRates } from '../domain/coverage/rates.js';
import { ACTION_CODES } from '../domain/coverage/suggest.js';
import type { ReachConfig as ModelReachConfig } from '../domain/coverage/reach.js';
import type { Bands as ModelBands } from '../domain/coverage/bands.js';
import type { BandAreas as ModelBandAreas } from './band-areas.js';
import type { Thresholds as ModelThresholds } from '../domain/coverage/warnings.js';
import { STATION_TYPES, type StationType } from '../domain/vocabulary/index.js';

export const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'A date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime()) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'Not a calendar date')
  .refine((s) => s >= '1990-01-01', 'Dates before 1990 are not covered');

export const RateSchema = z
  .object({ numerator: z.number().int(), denominator: z.number().int(), value: z.number().min(0).max(1).nullable() })
  .openapi('Rate');

export const RatesSchema = z
  .object({
    partyOrg: RateSchema.openapi({ description: '党组织覆盖率 = (单独组建 + 联合组建) ÷ 在营企业' }),
    standalone: RateSchema.openapi({ description: '单独组建率 = 单独组建 ÷ 在营企业' }),
    work: RateSchema.openapi({ description: '工作覆盖率 = (有党组织 + 选派党建指导员/联络员) ÷ 在营企业' }),
    union: RateSchema.openapi({ description: '工会覆盖率 = (单独建会 + 联合工会) ÷ 在营企业' }),
    workersServed: RateSchema.openapi({ description: '阵地服务覆盖 = 阵地服务半径内楼宇的职工 ÷ 全部职工' }),
  })
  .openapi('Rates');

export const LevelSchema = z.enum(['city', 'district', 'street', 'grid', 'businessDistrict', 'building']).openapi({ description: "'city' (id 'all') is the whole territory, its children the districts" });

export const AreaFiguresSchema = z.object({
  id: z.string(),
  name: z.string(),
  level: LevelSchema,
  enterprises: z.number().int().openapi({ description: 'Operating enterprises' }),
  employees: z.number().int(),
  partyMembers: z.number().int(),
  rates: RatesSchema,
});

export const SummarySchema = AreaFiguresSchema.extend({ children: z.array(AreaFiguresSchema).optional() }).openapi('CoverageSummary');

export const GapActionSchema = z.object({
  code: z.enum(ACTION_CODES),
  label: z.object({ zh: z.string(), en: z.string() }),
  enterprises: z.number().int(),
  workers: z.number().int(),
});

export const ReachReasonSchema = z.object({
  code: z.enum(['no_station_walk', 'beyond_reach_walk', 'no_station_straight', 'beyond_reach_straight']),
  minutes: z.number().int(),
  metres: z.number().int().nullable(),
  label: z.object({ zh: z.string(), en: z.string() }),
  enterprises: z.number().int(),
});

export const GapSchema = z
  .object({
    rank: z.number().int(),
    level: z.enum(['building', 'grid', 'businessDistrict']),
    id: z.string(),
    name: z.string(),
    streetCode: z.string(),
    kind: z.enum(['party', 'union', 'work', 'reach']),
    workersAffected: z.number().int(),
    enterprisesAffected: z.number().int(),
    partyMembersAffected: z.number().int(),
    rate: RateSchema,
    suggestion: GapActionSchema,
    actions: z.array(GapActionSchema),
    reasons: z.array(z.object({ reason: z.string(), enterprises: z.number().int() })),
    reachReasons: z.array(ReachReasonSchema).openapi({ description: "Why a reach gap is one (kind reach only): walking time on the road network, straight-line distance where no roads reach" }),
  })
  .openapi('Gap');

const BandCountSchema = z.object({
  minutes: z.number().int(), metres: z.number().int(),
  buildings: z.number().int(), workers: z.number().int(),
  workersUnserved: z.number().int(), buildingsUnserved: z.number().int(),
});

export const BandsSchema = z
  .object({
    speedKmh: z.number(),
    buildings: z.number().int(),
    workers: z.number().int(),
    bands: z.array(BandCountSchema).openapi({ description: 'Cumulative: within each band\'s walk of the nearest public station (on roads where the building joins them)' }),
    straightBuildings: z.number().int().openapi({ description: 'Buildings measured in straight line: no road within reach of them' }),
    straightWorkers: z.number().int(),
  })
  .openapi('WalkBands');

export const StationBandsSchema = BandsSchema.extend({
  stationId: z.number().int(),
  name: z.string(),
  type: z.string(),
  buildingId: z.number().int().nullable().openapi({ description: 'The building the station is in, if any' }),
  network: z.boolean().openapi({ description: 'The station joins the road network (its walks are on roads)' }),
}).openapi('StationWalkBands');

const BandAreaFeatureSchema = z.object({
  type: z.literal('Feature'),
  properties: z.object({ minutes: z.number().int(), metres: z.number().int() }),
  geometry: z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(z.array(z.number())))) }),
});

export const BandAreasSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(BandAreaFeatureSchema).openapi({ description: 'One feature per band, narrowest first: where a building would be within that walk of the nearest public station, merged over stations (one outline per band). A place joins the road network at its nearest road within 250 m and walks from there; stations and places off the network are measured in straight line' }),
    speedKmh: z.number(),
    cellM: z.number().openapi({ description: 'Side of the sampling grid in metres (10 m, more for a large area): outlines are within a cell of the exact walk' }),
    stations: z.number().int().openapi({ description: 'Public stations drawn' }),
    stationsOnRoads: z.number().int().openapi({ description: 'Of them, those that join the road network; the others are straight-line circles' }),
    method: z.enum(['network', 'straight', 'mixed']).openapi({ description: "'network': every station walks on roads; 'straight': none (no roads loaded there); 'mixed': some" }),
  })
  .openapi('WalkBandAreas');

export const StationBandAreasSchema = BandAreasSchema.extend({ stationId: z.number().int(), name: z.string() }).openapi('StationWalkBandAreas');

export const BandsQuerySchema = z.object({ level: LevelSchema, id: z.string().min(1).max(64) }).strict();
export const StationParamSchema = z.object({ id: z.coerce.number().int().positive().max(2 ** 31 - 1).openapi({ param: { name: 'id', in: 'path' } }) });

export const AsOfSchema = DateSchema.optional().openapi({ description: 'Figures as of this date (default today, China time)', example: '2026-01-01' });

export const SummaryQuerySchema = z.object({
  level: LevelSchema,
  id: z.string().min(1).max(64).openapi({ example: '310106012' }),
  asOf: AsOfSchema,
}).strict();

export const TrendQuerySchema = z.object({
  level: LevelSchema.exclude(['building']),
  id: z.string().min(1).max(64).openapi({ example: '310106012' }),
  months: z.coerce.number().int().min(1).max(36).default(12),
}).strict();

const TrendRatesSchema = RatesSchema.pick({ partyOrg: true, standalone: true, work: true, union: true });
export const TrendSeriesSchema = z.object({
  level: LevelSchema,
  id: z.string(),
  name: z.string(),
  points: z.array(z.object({ date: z.string(), rates: TrendRatesSchema })),
});
export const TrendSchema = z
  .object({
    asOf: z.string(),
    area: TrendSeriesSchema,
    parent: TrendSeriesSchema.nullable().openapi({ description: 'The area it belongs to (a grid or business district: its street; a street: its district)' }),
    siblings: z.array(TrendSeriesSchema).openapi({ description: 'The other areas of the same level under the same parent (this one included), at most 60' }),
  })
  .openapi('CoverageTrend');

const ThresholdSchema = z
  .object({ red: z.number().min(0).max(1).openapi({ description: 'Below this: red' }), yellow: z.number().min(0).max(1).openapi({ description: 'Below this (and not red): yellow; at or above: green' }) })
  .strict()
  .refine((t) => t.red <= t.yellow, 'red must not be above yellow');
export const ThresholdsSchema = z.object({ partyOrg: ThresholdSchema, standalone: ThresholdSchema, work: ThresholdSchema, union: ThresholdSchema }).strict().openapi('WarningThresholds');

export const WarningsQuerySchema = z.object({ level: z.enum(['district', 'street']), id: z.string().min(1).max(64).openapi({ example: '310106012' }) }).strict();
const WarningSchema = z.enum(['red', 'yellow', 'green']).nullable();
const RatedSchema = z.object({ rate: RateSchema, warning: WarningSchema });
export const WarningsSchema = z
  .object({
    asOf: z.string(),
    since: z.string().openapi({ description: 'The end of last month: a crossing is a colour that differs between then and asOf' }),
    thresholds: ThresholdsSchema,
    areas: z.array(z.object({
      level: LevelSchema, id: z.string(), name: z.string(),
      rates: z.object({ partyOrg: RatedSchema, standalone: RatedSchema, work: RatedSchema, union: RatedSchema }),
    })),
    crossed: z.array(z.object({
      level: LevelSchema, id: z.string(), name: z.string(),
      crossings: z.array(z.object({ rate: z.enum(['partyOrg', 'standalone', 'work', 'union']), from: z.enum(['red', 'yellow', 'green']), to: z.enum(['red', 'yellow', 'green']), direction: z.enum(['worse', 'better']), before: RateSchema, now: RateSchema })),
    })),
  })
  .openapi('CoverageWarnings');

export const GapsQuerySchema = z.object({
  level: z.enum(['building', 'grid', 'businessDistrict']),
  kind: z.enum(['party', 'union', 'work', 'reach']),
  limit: z.coerce.number().int().min(1).max(500).default(20),
  districtCode: z.string().regex(/^[0-9]{6}$/).optional().openapi({ description: "Only this district's buildings" }),
  streetCode: z.string().regex(/^[0-9]{6}[0-9A-Z]{3}$/).optional(),
  gridId: z.coerce.number().int().positive().optional(),
  businessDistrictId: z.coerce.number().int().positive().optional(),
  asOf: AsOfSchema,
}).strict();

export const GapsSchema = z.object({ asOf: z.string(), gaps: z.array(GapSchema) });

export const BuildingParamSchema = z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }) });

const NearestSchema = z.object({ stationId: z.number().int(), name: z.string(), distanceM: z.number().int() });

/** 一楼一档: a building's coverage file. */
export const BuildingFileSchema = z.object({
  summary: SummarySchema,
  /** The building's record (一楼一档's header): where it is, what it is, who manages it. */
  building: z.object({
    address: z.string(), kind: z.string(), floors: z.number().int(), propertyManager: z.string().nullable(), redProperty: z.boolean(), billionYuan: z.boolean(),
    gridName: z.string().nullable(), businessDistrictName: z.string().nullable(),
  }),
  /** Party-building instructors and liaisons assigned (as of the date) to enterprises in the building. */
  instructors: z.array(z.object({ id: z.number().int(), name: z.string(), role: z.enum(['instructor', 'liaison']), enterprises: z.number().int() })),
  reach: z.object({
    served: z.boolean(),
    servedBy: z.array(NearestSchema),
    nearestByType: z.record(z.string(), NearestSchema),
    walkMinutes: z.number().nullable(),
    band: z.number().int().nullable(),
    method: z.enum(['network', 'straight']).openapi({ description: 'Distances walked on the road network, or straight-line where no roads reach the building' }),
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
});

/** Station reach by type (metres), walking speed and bands: the `reach` setting. */
export const ReachConfigSchema = z
  .object({
    reachByType: z.object(Object.fromEntries(STATION_TYPES.map((t) => [t, z.number().int().min(50).max(5000)])) as Record<StationType, z.ZodNumber>).strict(),
    walkingSpeedKmh: z.number().min(1).max(10),
    bandsMinutes: z.array(z.number().int().min(1).max(60)).min(1).max(6),
    searchRadiusM: z.number().int().min(500).max(20_000),
  })
  .strict();

export const IfMatchSchema = z.object({ 'if-match': z.string().regex(/^"\d+"$/).openapi({ example: '"0"' }) });

export type Rate = z.infer<typeof RateSchema>;
export type Rates = z.infer<typeof RatesSchema>;
export type Level = z.infer<typeof LevelSchema>;
export type Summary = z.infer<typeof SummarySchema>;
export type Gap = z.infer<typeof GapSchema>;
export type WalkBands = z.infer<typeof BandsSchema>;
export type StationWalkBands = z.infer<typeof StationBandsSchema>;
export type WalkBandAreas = z.infer<typeof BandAreasSchema>;
export type StationWalkBandAreas = z.infer<typeof StationBandAreasSchema>;
export type GapAction = z.infer<typeof GapActionSchema>;
export type BuildingFile = z.infer<typeof BuildingFileSchema>;
export type Trend = z.infer<typeof TrendSchema>;
export type Thresholds = z.infer<typeof ThresholdsSchema>;
export type Warnings = z.infer<typeof WarningsSchema>;
export type TrendSeries = z.infer<typeof TrendSeriesSchema>;
export type ReachConfig = z.infer<typeof ReachConfigSchema>;

// The schemas describe exactly what the coverage model returns.
type _RateAgrees = Expect<Agree<ModelRate, Rate>>;
type _RatesAgree = Expect<Agree<ModelRates, Rates>>;
type _FiguresAgree = Expect<Agree<AreaFigures, z.infer<typeof AreaFiguresSchema>>>;
type _SummaryAgrees = Expect<Agree<SummaryNode, Summary>>;
type _GapAgrees = Expect<Agree<ModelGap, Gap>>;
type _BandsAgree = Expect<Agree<ModelBands, WalkBands>>;
type _BandAreasFit = Expect<Fits<ModelBandAreas, WalkBandAreas>>;
type _ThresholdsAgree = Expect<Agree<ModelThresholds, Thresholds>>;
type _ReachConfigAgrees = Expect<Agree<ModelReachConfig, ReachConfig>>;
