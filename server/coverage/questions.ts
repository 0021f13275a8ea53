// The named questions the rest of the server asks the coverage engine, and their answers from a model (today's
// or a view as of a past date). Answers are plain data: they cross from the coverage worker by structured clone.
import { areaKey, type SummaryNode } from '../domain/coverage/model.js';
import { rankGaps, type Gap, type GapFilter, type GapKind, type GapLevel } from '../domain/coverage/gaps.js';
import type { Counts } from '../domain/coverage/rates.js';
import type { Level } from '../domain/coverage/types.js';
import type { Thresholds } from '../domain/coverage/warnings.js';
import type { CoverageView } from '../domain/coverage/view.js';
import { areaBands, stationBandsIn, type Bands, type StationBands } from '../domain/coverage/bands.js';
import { DEFAULT_REACH_CONFIG, type ReachConfig, type ReachNetwork } from '../domain/coverage/reach.js';
import { areaTrend } from './trend.js';
import { warningsOf } from './warnings.js';
import { buildingFigures, type BuildingFigures } from './building-file.js';
import type { Trend, Warnings } from './contract.js';
import { densityHexes } from './density.js';
import { areaBandAreas, stationBandAreas, type BandAreas } from './band-areas.js';
import type { NetworkReach } from '../domain/network/network-reach.js';
import type { StationFacts } from '../domain/coverage/types.js';
import type { HexCount } from '../domain/density/hexbin.js';

export interface DerivedBuilding {
  node: Pick<SummaryNode, 'enterprises' | 'employees' | 'rates'> | null;
  served: boolean;
  band: number | null;
}

export interface WallFigures {
  asOf: string;
  now: SummaryNode | null;
  /** The scope's rates on the compared date (null when the scope was not there). */
  then: SummaryNode['rates'] | null;
  /** The business districts of the scope's streets. */
  businessDistricts: SummaryNode[];
  gaps: Gap[];
  /** Buildings and workers within each walking band of a station, and not. */
  bands: Bands | null;
}

/** Every question, with the date it is asked for (none: today). Trend and warnings count history from today's model. */
export type Question =
  | { q: 'summary'; level: Level; id: string; asOf?: string }
  | { q: 'gaps'; level: GapLevel; kind: GapKind; filter: GapFilter; asOf?: string }
  | { q: 'trend'; level: Exclude<Level, 'building'>; id: string; months: number }
  | { q: 'warnings'; thresholds: Thresholds; level: 'street' | 'district'; id: string }
  | { q: 'building'; id: number; asOf?: string }
  | { q: 'derivedBuildings'; ids: number[] }
  | { q: 'derivedEnterprises'; ids: number[] }
  | { q: 'wallNow'; level: Level; id: string; streetCodes: string[] }
  | { q: 'scopeCounts'; streetCodes: string[] }
  | { q: 'streetCounts'; streetCode: string }
  | { q: 'bands'; level: Level; id: string }
  | { q: 'stationBands'; id: number }
  | { q: 'bandAreas'; level: Level; id: string }
  | { q: 'stationBandAreas'; id: number }
  | { q: 'density'; bbox: [number, number, number, number]; size: number };

export interface Answers {
  summary: SummaryNode | null;
  gaps: { asOf: string; gaps: Gap[] };
  trend: Trend | null;
  warnings: Warnings | null;
  building: BuildingFigures | null;
  derivedBuildings: DerivedBuilding[];
  derivedEnterprises: ({ party: string; union: string } | null)[];
  wallNow: Omit<WallFigures, 'then'>;
  /** The counts of the streets and of their grids and business districts (a publication's areas), keyed by area key. */
  scopeCounts: { asOf: string; counts: [string, Counts][] };
  /** A street's grids' and buildings' counts (a grid edit's impact), keyed by area key. */
  streetCounts: { asOf: string; counts: [string, Counts][] };
  /** An area's buildings and workers by walking band (null: no such area). */
  bands: Bands | null;
  /** A station's own bands (null: no such station). */
  stationBands: (StationBands & { name: string; type: string; buildingId: number | null }) | null;
  /** An area's walking bands as areas, merged over the stations that reach it (null: no such area). */
  bandAreas: BandAreas | null;
  /** A station's own walking bands as areas (null: no such station). */
  stationBandAreas: (BandAreas & { stationId: number; name: string }) | null;
  /** Operating enterprises (and those without a party organisation) per hexagon of the box, at their buildings. */
  density: { asOf: string; hexes: HexCount[] };
}

/** What answers need beyond the view: the reach setting (bands, speed) and today's walking network. */
export interface AnswerContext {
  config: ReachConfig;
  network?: ReachNetwork & { walkOf?(s: { id: number; lon: number; lat: number }): unknown };
  /** Today's stations and walking network, for the bands drawn as areas (today's model only). */
  today?: { stations: readonly StationFacts[]; network: NetworkReach };
}

/** Questions answered from today's walks alone, kept until a road, station, building or area changes (host.ts). */
export const BAND_AREA_QUESTIONS: ReadonlySet<Question['q']> = new Set(['bandAreas', 'stationBandAreas']);

export type Answer<Q extends Question> = Answers[Q['q']];

export function answer<Q extends Question>(v: CoverageView, question: Q, ctx: AnswerContext = { config: DEFAULT_REACH_CONFIG }): Answer<Q> {
  const q = question as Question;
  const cfg = ctx.config;
  switch (q.q) {
    case 'summary':
      return v.summary(q.level, q.id) as Answer<Q>;
    case 'gaps':
      return { asOf: v.asOf, gaps: rankGaps(v, q.level, q.kind, q.filter, cfg) } as Answer<Q>;
    case 'trend':
      return areaTrend(v, q.level, q.id, q.months) as Answer<Q>;
    case 'warnings':
      return warningsOf(v, q.thresholds, q.level, q.id) as Answer<Q>;
    case 'building':
      return buildingFigures(v, q.id) as Answer<Q>;
    case 'derivedBuildings':
      return q.ids.map((id): DerivedBuilding => {
        const node = v.summary('building', String(id));
        const reach = v.reach.get(id);
        return { node: node ? { enterprises: node.enterprises, employees: node.employees, rates: node.rates } : null, served: reach?.served ?? false, band: reach?.band ?? null };
      }) as Answer<Q>;
    case 'derivedEnterprises':
      return q.ids.map((id) => {
        const c = v.enterprises.get(id)?.classified;
        return c ? { party: c.party, union: c.union } : null;
      }) as Answer<Q>;
    case 'wallNow': {
      const streets = new Set(q.streetCodes.map((c) => areaKey('street', c)));
      const businessDistricts = [...v.areas.entries()]
        .filter(([, a]) => a.level === 'businessDistrict' && a.parentId !== null && streets.has(a.parentId))
        .map(([, a]) => v.summary('businessDistrict', a.id))
        .filter((n): n is SummaryNode => !!n);
      const gaps = rankGaps(v, 'building', 'party', { limit: 8, ...(q.level === 'street' ? { streetCode: q.id } : { districtCode: q.id }) }, cfg);
      return { asOf: v.asOf, now: v.summary(q.level, q.id), businessDistricts, gaps, bands: areaBands(v, areaKey(q.level, q.id), cfg) } as Answer<Q>;
    }
    case 'scopeCounts': {
      const streets = new Set(q.streetCodes.map((c) => areaKey('street', c)));
      const counts: [string, Counts][] = [];
      for (const [k, a] of v.areas) {
        const c = v.counts.get(k);
        if (c && (streets.has(k) || (a.level !== 'building' && a.parentId !== null && streets.has(a.parentId)))) counts.push([k, c]);
      }
      return { asOf: v.asOf, counts } as Answer<Q>;
    }
    case 'streetCounts': {
      const street = areaKey('street', q.streetCode);
      const counts: [string, Counts][] = [];
      for (const [k, a] of v.areas) {
        const inStreet = a.level === 'grid' ? a.parentId === street : a.level === 'building' && v.buildings.get(Number(a.id))?.streetCode === q.streetCode;
        const c = v.counts.get(k);
        if (inStreet && c) counts.push([k, c]);
      }
      return { asOf: v.asOf, counts } as Answer<Q>;
    }
    case 'bands':
      return areaBands(v, areaKey(q.level, q.id), cfg) as Answer<Q>;
    case 'stationBands': {
      const s = v.stationById(q.id);
      return (s ? { ...stationBandsIn(v, s, cfg, ctx.network), name: s.name, type: s.type, buildingId: s.buildingId } : null) as Answer<Q>;
    }
    case 'bandAreas':
      return (ctx.today ? areaBandAreas({ ...pick(v), stationList: () => ctx.today?.stations ?? [] }, q.level, q.id, cfg, ctx.today.network) : null) as Answer<Q>;
    case 'stationBandAreas': {
      const s = v.stationById(q.id);
      return (s && ctx.today ? { ...stationBandAreas(v, s, cfg, ctx.today.network), stationId: s.id, name: s.name } : null) as Answer<Q>;
    }
    case 'density':
      return { asOf: v.asOf, hexes: densityHexes(v, q.bbox, q.size) } as Answer<Q>;
  }
}

const pick = (v: CoverageView) => ({ asOf: v.asOf, areas: v.areas, children: v.children, buildings: v.buildings });
