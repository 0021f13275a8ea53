// What the coverage questions read (summary, gaps, trend, warnings, a building's file, grid impact): the model of
// today, or a view of it as of a past date. A past view is derived from today's model in one pass instead of a
// second whole model built from the store (issue 18 point 7): enterprises are classified as of the date (their
// dated links and assignments hold the history, as trend.ts counts), and reach is walked again only for the
// buildings near a station that opened since the date (every other building's reach is the same then and now).
import type { Classified } from './classify.js';
import { classify } from './classify.js';
import { computeReach, distanceM, type BuildingReach, type ReachConfig } from './reach.js';
import { ZERO, addInto, contribution, ratesOf, type Counts, type Rates } from './rates.js';
import type { AreaInfo, BuildingFacts, EnterpriseFacts, Level, StationFacts } from './types.js';
import type { ReachNetwork } from './reach.js';

/** One area's counts and rates. */
export interface AreaFigures {
  id: string;
  name: string;
  level: Level;
  enterprises: number;
  employees: number;
  partyMembers: number;
  rates: Rates;
}

/** An area with its children's figures, one level down (children carry no children of their own). */
export interface SummaryNode extends AreaFigures {
  children?: AreaFigures[];
}

export interface EnterpriseView {
  facts: EnterpriseFacts;
  classified: Classified;
  areas: readonly string[];
}

export interface CoverageView {
  readonly asOf: string;
  readonly areas: ReadonlyMap<string, AreaInfo>;
  readonly counts: ReadonlyMap<string, Counts>;
  readonly children: ReadonlyMap<string, string[]>;
  readonly enterprises: ReadonlyMap<number, EnterpriseView>;
  readonly buildings: ReadonlyMap<number, BuildingFacts>;
  readonly byBuilding: ReadonlyMap<number, ReadonlySet<number>>;
  readonly reach: ReadonlyMap<number, BuildingReach>;
  stationById(id: number): StationFacts | undefined;
  summary(level: AreaInfo['level'], id: string): SummaryNode | null;
}

/** An area's figures, with its children's one level down (sorted by id). */
export function nodeOf(v: Pick<CoverageView, 'areas' | 'counts' | 'children'>, key: string, withChildren: boolean): SummaryNode | null {
  const a = v.areas.get(key);
  if (!a) return null;
  const c = v.counts.get(key) ?? ZERO;
  const n: SummaryNode = { id: a.id, name: a.name, level: a.level, enterprises: c.enterprises, employees: c.employees, partyMembers: c.partyMembers, rates: ratesOf(c) };
  if (withChildren) {
    n.children = (v.children.get(key) ?? [])
      .map((k) => nodeOf(v, k, false))
      .filter((x): x is SummaryNode => !!x)
      .sort((x, y) => x.id.localeCompare(y.id, 'en', { numeric: true }));
  }
  return n;
}

/** Today's model, read through the parts a past view needs. */
export interface TodayModel extends CoverageView {
  readonly config: ReachConfig;
  readonly network: ReachNetwork;
  stationList(): readonly StationFacts[];
}

/** The buildings whose reach may differ between `asOf` and the model's date: near a station open on one and not the other. */
export function reachAsOf(model: TodayModel, asOf: string, only?: readonly number[]): Map<number, BuildingReach> {
  const stations = model.stationList();
  const openOn = (s: StationFacts, d: string) => s.openedOn === null || s.openedOn <= d;
  const changed = stations.filter((s) => openOn(s, asOf) !== openOn(s, model.asOf));
  const out = new Map<number, BuildingReach>();
  if (!changed.length) return out;
  const radius = model.config.searchRadiusM;
  const hosts = new Set(changed.map((s) => s.buildingId).filter((id): id is number => id != null));
  const candidates = only ? only.map((id) => model.buildings.get(id)).filter((b): b is BuildingFacts => !!b) : [...model.buildings.values()];
  const affected = candidates.filter((b) => hosts.has(b.id) || changed.some((s) => distanceM(b.lon, b.lat, s.lon, s.lat) <= radius));
  return computeReach(affected, [...stations], model.config, asOf, model.network);
}

/**
 * The model as of a past date. `withEnterprises`: also keep each enterprise's classification (gaps, a building's
 * file need them; a summary needs only the counts). `buildingIds`: only these buildings' enterprises (a building's file).
 */
export function viewAsOf(model: TodayModel, asOf: string, opts: { withEnterprises: boolean; buildingIds?: readonly number[] } = { withEnterprises: false }): CoverageView {
  if (asOf === model.asOf) return model;
  const changedReach = reachAsOf(model, asOf, opts.buildingIds);
  const reach: ReadonlyMap<number, BuildingReach> = changedReach.size ? overlay(model.reach, changedReach) : model.reach;
  const counts = new Map<string, Counts>();
  // This view's own objects, added to in place while it is derived (nobody holds them yet).
  for (const k of model.areas.keys()) counts.set(k, { ...ZERO });
  const enterprises = new Map<number, EnterpriseView>();
  const only = opts.buildingIds ? new Set(opts.buildingIds) : null;
  for (const e of model.enterprises.values()) {
    const classified = classify(e.facts, asOf);
    const served = reach.get(e.facts.buildingId)?.served ?? false;
    const c = contribution(e.facts, classified, served);
    if (c !== ZERO) for (const k of e.areas) {
      const into = counts.get(k);
      if (into) addInto(into, c);
      else counts.set(k, { ...c });
    }
    if (opts.withEnterprises && (!only || only.has(e.facts.buildingId))) enterprises.set(e.facts.id, { facts: e.facts, classified, areas: e.areas });
  }
  const view: CoverageView = {
    asOf,
    areas: model.areas,
    counts,
    children: model.children,
    enterprises,
    buildings: model.buildings,
    byBuilding: model.byBuilding,
    reach,
    stationById: (id) => model.stationById(id),
    summary: (level, id) => nodeOf(view, `${level}:${id}`, true),
  };
  return view;
}

/** `base` with `over`'s entries in place of its own, without copying `base`. */
function overlay<K, V>(base: ReadonlyMap<K, V>, over: ReadonlyMap<K, V>): ReadonlyMap<K, V> {
  return {
    get: (k: K) => (over.has(k) ? over.get(k) : base.get(k)),
    has: (k: K) => over.has(k) || base.has(k),
    get size() {
      return base.size;
    },
  } as ReadonlyMap<K, V>;
}
