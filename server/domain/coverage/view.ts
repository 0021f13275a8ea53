// What the coverage questions read (summary, gaps, trend, warnings, a building's file, grid impact): the model of
// today, or a view of it as of a past date. A past view is derived from today's model in one pass instead of a
// second whole model built from the store (issue 18 point 7): enterprises are classified as of the date (their
// dated links and assignments hold the history, as trend.ts counts), and reach is walked again only for the
// buildings near a station that opened since the date (every other building's reach is the same then and now).
import type { Classified } from './classify.js';
import { classifyShared } from './compact.js';
import { computeReach, distanceM, type BuildingReach, type ReachConfig } from './reach.js';
import { ZERO, addContribution, addInto, ratesOf, type Counts, type Rates } from './rates.js';
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

/** An area's enterprises by id, as a view reads them: today's model's map, or a past view's classification of it. */
export interface EnterpriseList {
  readonly size: number;
  has(id: number): boolean;
  get(id: number): EnterpriseView | undefined;
  values(): Iterable<EnterpriseView>;
}

export interface CoverageView {
  readonly asOf: string;
  readonly areas: ReadonlyMap<string, AreaInfo>;
  readonly counts: ReadonlyMap<string, Counts>;
  readonly children: ReadonlyMap<string, string[]>;
  readonly enterprises: EnterpriseList;
  readonly buildings: ReadonlyMap<number, BuildingFacts>;
  readonly byBuilding: ReadonlyMap<number, readonly number[]>;
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

/** A past date's view and roughly what it keeps (for a cache capped in bytes). */
export interface PastView extends CoverageView {
  readonly bytes: number;
}

/** Bytes a view keeps, estimated: a Map entry 38 B and a Counts object of nine small integers 94 B (its own, where
 *  the area has operating enterprises), as `node --expose-gc` measures 100,000 of them; a building's reach as of the
 *  date (walked again) about 400 B. A city's view: about 13 MiB. */
const BYTES_PER_AREA = 40;
const BYTES_PER_COUNTS = 96;
const BYTES_PER_REACH = 400;

/**
 * The model as of a past date, one view shared by every question asked for the date (summary, gaps, a building's
 * file). What it keeps is counts only: each area's counts as of the date, derived in one pass over today's
 * enterprises that allocates nothing per enterprise (classifications are shared objects, contributions are added
 * into one Counts per building's area list, then into each area), and the reach of the buildings whose reach
 * differs. Its enterprises are classified as of the date when they are read, not kept: a question that walks them
 * (gaps) classifies each again as it goes, and one that reads a building's (its file) classifies those few.
 */
export function viewAsOf(model: TodayModel, asOf: string): CoverageView {
  return asOf === model.asOf ? model : pastView(model, asOf);
}

export function pastView(model: TodayModel, asOf: string): PastView {
  const changedReach = reachAsOf(model, asOf);
  const reach: ReadonlyMap<number, BuildingReach> = changedReach.size ? overlay(model.reach, changedReach) : model.reach;
  // Enterprises placed in one building at one time share their area list (compact.ts): sum per list first, so
  // each enterprise is one addition, not one per area. Integer sums: the order does not change them.
  const byAreas = new Map<readonly string[], Counts>();
  for (const e of model.enterprises.values()) {
    const classified = classifyShared(e.facts, asOf);
    if (!classified.operating) continue;
    let into = byAreas.get(e.areas);
    if (!into) byAreas.set(e.areas, (into = { ...ZERO }));
    addContribution(into, e.facts, classified, reach.get(e.facts.buildingId)?.served ?? false);
  }
  const counts = new Map<string, Counts>();
  for (const k of model.areas.keys()) counts.set(k, ZERO);
  let own = 0;
  for (const [areas, c] of byAreas) {
    for (const k of areas) {
      const into = counts.get(k);
      if (into === undefined || into === ZERO) {
        counts.set(k, { ...c });
        own++;
      } else addInto(into, c);
    }
  }
  const enterprises = classifiedAsOf(model.enterprises, asOf);
  const view: PastView = {
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
    bytes: BYTES_PER_AREA * counts.size + BYTES_PER_COUNTS * own + BYTES_PER_REACH * changedReach.size,
  };
  return view;
}

/** Today's enterprises as of `asOf`, classified when read (shared classification objects; the view object made
 *  for each read is short-lived). */
function classifiedAsOf(today: EnterpriseList, asOf: string): EnterpriseList {
  const asOfDate = (e: EnterpriseView): EnterpriseView => ({ facts: e.facts, classified: classifyShared(e.facts, asOf), areas: e.areas });
  return {
    get size() {
      return today.size;
    },
    has: (id) => today.has(id),
    get: (id) => {
      const e = today.get(id);
      return e && asOfDate(e);
    },
    *values() {
      for (const e of today.values()) yield asOfDate(e);
    },
  };
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
