// The coverage model of a territory as of one date: every enterprise classified, every area's counts
// summed, every building's reach. Pure and in memory; supports incremental updates, so one edit
// touches only the enterprise, its buildings and their areas instead of recomputing the city.
import { classify, type Classified } from './classify.js';
import { computeReach, distanceM, type BuildingReach, type ReachConfig } from './reach.js';
import { ZERO, add, addInto, contribution, type Counts } from './rates.js';
import type { AreaInfo, BuildingFacts, EnterpriseFacts, Level, StationFacts } from './types.js';
import { NetworkReach } from '../network/network-reach.js';
import { MAX_JOIN_M } from '../network/walk.js';
import type { RoadLine } from '../network/graph.js';
import { nodeOf, type CoverageView, type SummaryNode } from './view.js';
import { Interner, compactFacts, sharedClassified } from './compact.js';

export type { AreaFigures, SummaryNode } from './view.js';

export interface Territory {
  districts: { code: string; name: string }[];
  streets: { code: string; name: string; districtCode: string }[];
  grids: { id: number; name: string; streetCode: string }[];
  businessDistricts: { id: number; name: string; streetCode: string }[];
  buildings: BuildingFacts[];
  enterprises: EnterpriseFacts[];
  stations: StationFacts[];
  /** Roads to walk on; without them (or away from them) reach is straight-line. */
  roads?: RoadLine[];
}

export interface EnterpriseState {
  facts: EnterpriseFacts;
  classified: Classified;
  /** Shared by the building's enterprises placed at the same time (compact.ts): never mutated. */
  areas: readonly string[];
  /** Whether its building was served when it was placed: its contribution is derived again from this when it is
   *  removed (instead of holding a Counts object per enterprise). */
  served: boolean;
}

/** What an enterprise added to each of its areas when it was placed. */
const contributionOf = (e: EnterpriseState): Counts => contribution(e.facts, e.classified, e.served);

export const areaKey = (level: Level, id: string | number): string => `${level}:${id}`;

/** The whole territory as one area: 全市 in the breadcrumb, the parent of every district. */
export const CITY_ID = 'all';
export const CITY_KEY = areaKey('city', CITY_ID);
const CITY_AREA: AreaInfo = { level: 'city', id: CITY_ID, name: '全市', parentId: null };

export class CoverageModel implements CoverageView {
  readonly areas = new Map<string, AreaInfo>();
  readonly counts = new Map<string, Counts>();
  readonly children = new Map<string, string[]>();
  readonly enterprises = new Map<number, EnterpriseState>();
  readonly buildings = new Map<number, BuildingFacts>();
  /** Each building's enterprise ids: arrays, not Sets (a city has 100,000 buildings with a handful each; a Set
   *  costs about twice the bytes). Ids are unique: an enterprise is removed before it is placed again. */
  readonly byBuilding = new Map<number, number[]>();
  reach = new Map<number, BuildingReach>();
  private stations: StationFacts[];
  private roads = new Map<number, RoadLine>();
  readonly network: NetworkReach;
  private readonly streetDistrict = new Map<string, string>();
  /** Each building's areas as its enterprises hold them; dropped when the building or the areas change. */
  private readonly buildingAreas = new Map<number, readonly string[]>();
  private readonly strings = new Interner();
  /** While the model is being built (bulk()): the areas whose Counts object was made during the build, which is
   *  then added to in place. Outside a build every change makes a new object: answers may hold the old one. */
  private building: Set<string> | null = null;

  /** `reach`: every building's reach as computed before for this territory, config and date (a persisted
   *  snapshot, server/coverage/snapshot.ts): used as it is instead of walked again. */
  constructor(territory: Territory, readonly config: ReachConfig, readonly asOf: string, reach?: Map<number, BuildingReach>) {
    this.addArea(CITY_AREA);
    for (const d of territory.districts) this.addArea({ level: 'district', id: d.code, name: d.name, parentId: CITY_KEY });
    for (const s of territory.streets) {
      this.streetDistrict.set(s.code, s.districtCode);
      this.addArea({ level: 'street', id: s.code, name: s.name, parentId: areaKey('district', s.districtCode) });
    }
    for (const g of territory.grids) this.addArea({ level: 'grid', id: String(g.id), name: g.name, parentId: areaKey('street', g.streetCode) });
    for (const b of territory.businessDistricts) this.addArea({ level: 'businessDistrict', id: String(b.id), name: b.name, parentId: areaKey('street', b.streetCode) });
    this.stations = territory.stations;
    for (const r of territory.roads ?? []) this.roads.set(r.id, r);
    this.network = new NetworkReach(territory.roads ?? [], config.searchRadiusM);
    for (const b of territory.buildings) this.placeBuilding(b);
    this.reach = reach ?? computeReach(territory.buildings, this.stations, config, asOf, this.network);
    this.bulk(() => {
      for (const e of territory.enterprises) this.upsertEnterprise(e);
    });
  }

  /** Runs `place` (enterprises placed in bulk, before anyone has asked the model anything) with counts added to
   *  in place: a city build otherwise makes three million short-lived Counts objects. */
  bulk(place: () => void): void {
    const outer = this.building;
    this.building ??= new Set();
    try {
      place();
    } finally {
      this.building = outer;
    }
  }

  private addArea(a: AreaInfo): void {
    const key = areaKey(a.level, a.id);
    this.areas.set(key, a);
    this.counts.set(key, this.counts.get(key) ?? ZERO);
    // A street's children are its grids; business districts cross grids and list their own buildings.
    if (a.parentId && a.level !== 'businessDistrict') {
      const list = this.children.get(a.parentId) ?? [];
      if (!list.includes(key)) list.push(key);
      this.children.set(a.parentId, list);
    }
  }

  /** Areas were added, renamed or removed (a grid edit, a new street): follow them without touching counts. */
  syncAreas(t: Pick<Territory, 'districts' | 'streets' | 'grids' | 'businessDistricts'>): void {
    const wanted: AreaInfo[] = [
      CITY_AREA,
      ...t.districts.map((d) => ({ level: 'district' as const, id: d.code, name: d.name, parentId: CITY_KEY })),
      ...t.streets.map((s) => ({ level: 'street' as const, id: s.code, name: s.name, parentId: areaKey('district', s.districtCode) })),
      ...t.grids.map((g) => ({ level: 'grid' as const, id: String(g.id), name: g.name, parentId: areaKey('street', g.streetCode) })),
      ...t.businessDistricts.map((b) => ({ level: 'businessDistrict' as const, id: String(b.id), name: b.name, parentId: areaKey('street', b.streetCode) })),
    ];
    for (const s of t.streets) this.streetDistrict.set(s.code, s.districtCode);
    this.buildingAreas.clear();
    const keep = new Set(wanted.map((a) => areaKey(a.level, a.id)));
    for (const [key, a] of [...this.areas]) {
      if (a.level === 'building' || keep.has(key)) continue;
      this.areas.delete(key);
      this.counts.delete(key);
      if (a.parentId) this.removeChild(a.parentId, key);
    }
    for (const a of wanted) {
      const key = areaKey(a.level, a.id);
      const old = this.areas.get(key);
      if (old && old.parentId !== a.parentId && old.parentId) this.removeChild(old.parentId, key);
      this.addArea(a);
    }
  }

  private removeChild(parent: string, child: string): void {
    const list = this.children.get(parent);
    if (list) this.children.set(parent, list.filter((k) => k !== child));
  }

  private placeBuilding(b: BuildingFacts): void {
    this.buildings.set(b.id, b);
    this.buildingAreas.delete(b.id);
    const key = areaKey('building', b.id);
    const parent = b.gridId !== null ? areaKey('grid', b.gridId) : areaKey('street', b.streetCode);
    this.areas.set(key, { level: 'building', id: String(b.id), name: b.name, parentId: parent });
    if (!this.counts.has(key)) this.counts.set(key, ZERO);
    const list = this.children.get(parent) ?? [];
    if (!list.includes(key)) list.push(key);
    this.children.set(parent, list);
    if (b.businessDistrictId !== null) {
      const bd = areaKey('businessDistrict', b.businessDistrictId);
      const l = this.children.get(bd) ?? [];
      if (!l.includes(key)) l.push(key);
      this.children.set(bd, l);
    }
  }

  /** The areas an enterprise in this building counts towards, from the building up to the whole city. */
  areasOfBuilding(b: BuildingFacts): string[] {
    const keys = [areaKey('building', b.id), areaKey('street', b.streetCode)];
    if (b.gridId !== null) keys.push(areaKey('grid', b.gridId));
    if (b.businessDistrictId !== null) keys.push(areaKey('businessDistrict', b.businessDistrictId));
    const district = this.streetDistrict.get(b.streetCode);
    if (district) keys.push(areaKey('district', district));
    keys.push(CITY_KEY);
    return keys;
  }

  private sharedAreas(b: BuildingFacts): readonly string[] {
    let list = this.buildingAreas.get(b.id);
    if (!list) this.buildingAreas.set(b.id, (list = Object.freeze(this.areasOfBuilding(b).map((k) => this.strings.of(k)))));
    return list;
  }

  private apply(areas: readonly string[], c: Counts, sign: 1 | -1): void {
    if (c === ZERO) return;
    const own = this.building;
    for (const k of areas) {
      if (own?.has(k)) addInto(this.counts.get(k) as Counts, c, sign);
      else {
        this.counts.set(k, add(this.counts.get(k) ?? ZERO, c, sign));
        own?.add(k);
      }
    }
  }

  removeEnterprise(id: number): void {
    const prev = this.enterprises.get(id);
    if (!prev) return;
    this.apply(prev.areas, contributionOf(prev), -1);
    this.enterprises.delete(id);
    const ids = this.byBuilding.get(prev.facts.buildingId);
    const at = ids ? ids.indexOf(id) : -1;
    if (ids && at >= 0) ids.splice(at, 1);
  }

  upsertEnterprise(given: EnterpriseFacts): void {
    this.removeEnterprise(given.id);
    const b = this.buildings.get(given.buildingId);
    if (!b) return;
    const facts = compactFacts(given, this.strings);
    const classified = sharedClassified(classify(facts, this.asOf));
    const served = this.reach.get(b.id)?.served ?? false;
    const state: EnterpriseState = { facts, classified, areas: this.sharedAreas(b), served };
    this.enterprises.set(facts.id, state);
    const ids = this.byBuilding.get(b.id);
    if (ids) ids.push(facts.id);
    else this.byBuilding.set(b.id, [facts.id]);
    this.apply(state.areas, contributionOf(state), 1);
  }

  /** A building moved grid, business district or street (a grid edit): its enterprises move with it. */
  upsertBuilding(b: BuildingFacts): void {
    const old = this.buildings.get(b.id);
    const members = [...(this.byBuilding.get(b.id) ?? [])].map((id) => this.enterprises.get(id)?.facts).filter((f): f is EnterpriseFacts => !!f);
    members.forEach((f) => this.removeEnterprise(f.id));
    if (old) {
      const key = areaKey('building', b.id);
      const area = this.areas.get(key);
      if (area?.parentId) this.removeChild(area.parentId, key);
      if (old.businessDistrictId !== null) this.removeChild(areaKey('businessDistrict', old.businessDistrictId), key);
    }
    this.placeBuilding(b);
    this.network.forgetBuilding(b.id);
    this.refreshReach([b.id]);
    members.forEach((f) => this.upsertEnterprise(f));
  }

  removeBuilding(id: number): void {
    for (const e of [...(this.byBuilding.get(id) ?? [])]) this.removeEnterprise(e);
    const key = areaKey('building', id);
    const area = this.areas.get(key);
    if (area?.parentId) this.removeChild(area.parentId, key);
    const old = this.buildings.get(id);
    if (old?.businessDistrictId != null) this.removeChild(areaKey('businessDistrict', old.businessDistrictId), key);
    this.areas.delete(key);
    this.counts.delete(key);
    this.buildings.delete(id);
    this.buildingAreas.delete(id);
    this.byBuilding.delete(id);
    this.reach.delete(id);
  }

  stationById(id: number): StationFacts | undefined {
    return this.stations.find((s) => s.id === id);
  }

  stationList(): readonly StationFacts[] {
    return this.stations;
  }

  /** The facts this model holds, as a Territory a new model can be built from (with `reach`, without walking). */
  territory(): Territory {
    const list = (level: Level) => [...this.areas.values()].filter((a) => a.level === level);
    const parent = (a: AreaInfo) => (a.parentId ?? '').slice((a.parentId ?? '').indexOf(':') + 1);
    return {
      districts: list('district').map((a) => ({ code: a.id, name: a.name })),
      streets: list('street').map((a) => ({ code: a.id, name: a.name, districtCode: this.streetDistrict.get(a.id) ?? parent(a) })),
      grids: list('grid').map((a) => ({ id: Number(a.id), name: a.name, streetCode: parent(a) })),
      businessDistricts: list('businessDistrict').map((a) => ({ id: Number(a.id), name: a.name, streetCode: parent(a) })),
      buildings: [...this.buildings.values()],
      enterprises: [...this.enterprises.values()].map((e) => e.facts),
      stations: this.stations,
      roads: [...this.roads.values()],
    };
  }

  /** Stations changed: recompute reach only for buildings near the changed stations' old and new places. */
  setStations(stations: StationFacts[], changed: { lon: number; lat: number; buildingId?: number | null }[]): void {
    // A station that moved, came or went walks anew.
    const before = new Map(this.stations.map((s) => [s.id, s]));
    for (const s of stations) {
      const old = before.get(s.id);
      if (!old || old.lon !== s.lon || old.lat !== s.lat) this.network.forgetStation(s.id);
      before.delete(s.id);
    }
    for (const id of before.keys()) this.network.forgetStation(id);
    this.stations = stations;
    const radius = this.config.searchRadiusM;
    const hosts = new Set(changed.map((p) => p.buildingId).filter((id): id is number => id != null));
    const affected = [...this.buildings.values()]
      .filter((b) => hosts.has(b.id) || changed.some((p) => distanceM(b.lon, b.lat, p.lon, p.lat) <= radius))
      .map((b) => b.id);
    this.refreshReach(affected);
  }

  /** Roads changed: a new walking graph; only the stations whose walk could reach a changed road walk again (the
   *  others' walks are carried over), and reach is recomputed only for buildings a walk over the changed roads could
   *  reach or start near (a walk of at most the search radius, from a station up to MAX_JOIN_M off the road). */
  setRoads(roads: RoadLine[]): void {
    const next = new Map(roads.map((r) => [r.id, r]));
    const changed: RoadLine[] = [];
    for (const [id, r] of next) {
      const old = this.roads.get(id);
      if (!old || JSON.stringify(old) !== JSON.stringify(r)) changed.push(r, ...(old ? [old] : []));
    }
    for (const [id, old] of this.roads) if (!next.has(id)) changed.push(old);
    this.roads = next;
    const boxes = changed.map((r) => {
      const pts = r.lines.flat();
      const lons = pts.map((p) => p[0] as number);
      const lats = pts.map((p) => p[1] as number);
      return [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)] as const;
    });
    // A metre more than the join: where a changed road ends within the graph's 1 m join tolerance of another, that
    // other road is cut there too.
    const radius = this.config.searchRadiusM + MAX_JOIN_M + 1;
    const near = (p: { lon: number; lat: number }) => boxes.some(([w, e, s, n]) => distanceM(p.lon, p.lat, Math.min(e, Math.max(w, p.lon)), Math.min(n, Math.max(s, p.lat))) <= radius);
    this.network.setRoads(roads, (s) => !near(s));
    if (!changed.length) return;
    const affected = [...this.buildings.values()].filter(near).map((b) => b.id);
    this.refreshReach(affected);
  }

  private refreshReach(buildingIds: number[]): void {
    const list = buildingIds.map((id) => this.buildings.get(id)).filter((b): b is BuildingFacts => !!b);
    const fresh = computeReach(list, this.stations, this.config, this.asOf, this.network);
    for (const b of list) {
      const before = this.reach.get(b.id)?.served ?? false;
      const after = fresh.get(b.id);
      if (after) this.reach.set(b.id, after);
      if (before !== (after?.served ?? false)) {
        for (const id of [...(this.byBuilding.get(b.id) ?? [])]) {
          const f = this.enterprises.get(id)?.facts;
          if (f) this.upsertEnterprise(f);
        }
      }
    }
  }

  node(key: string, withChildren: boolean): SummaryNode | null {
    return nodeOf(this, key, withChildren);
  }

  summary(level: Level, id: string): SummaryNode | null {
    return this.node(areaKey(level, id), true);
  }
}
