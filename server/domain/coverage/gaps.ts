// Gaps (空白点): places where workers are present and a coverage is missing, ranked by the workers
// affected, each with the suggested action and the reasons recorded for having no organisation.
import type { CoverageView, EnterpriseView } from './view.js';
import { areaKey } from './model.js';
import { ratesOf, ZERO } from './rates.js';
import { ACTION_LABELS, partyActionFor, unionActionFor, type ActionCode } from './suggest.js';
import type { AreaInfo, Level, Rate } from './types.js';
import { DEFAULT_REACH_CONFIG, type ReachConfig } from './reach.js';
import { reachReasonOf, type ReachReason } from './reach-reasons.js';

export type GapKind = 'party' | 'union' | 'work' | 'reach';
export type GapLevel = Extract<Level, 'building' | 'grid' | 'businessDistrict'>;

export interface GapAction {
  code: ActionCode;
  label: { zh: string; en: string };
  enterprises: number;
  workers: number;
}

export interface Gap {
  rank: number;
  level: GapLevel;
  id: string;
  name: string;
  streetCode: string;
  kind: GapKind;
  workersAffected: number;
  enterprisesAffected: number;
  partyMembersAffected: number;
  /** The coverage rate of this kind for the place. */
  rate: Rate;
  suggestion: GapAction;
  actions: GapAction[];
  reasons: { reason: string; enterprises: number }[];
  /** Why the place is a reach gap (kind 'reach' only): walking time on roads, straight-line distance without. */
  reachReasons: (ReachReason & { enterprises: number })[];
}

function affected(kind: GapKind, s: EnterpriseView, served: boolean): boolean {
  if (!s.classified.operating || s.facts.employees <= 0) return false;
  switch (kind) {
    case 'party':
      return s.classified.party === 'instructor' || s.classified.party === 'none';
    case 'work':
      return s.classified.party === 'none';
    case 'union':
      return s.classified.union === 'none';
    case 'reach':
      return !served;
  }
}

function actionOf(kind: GapKind, s: EnterpriseView): ActionCode {
  switch (kind) {
    case 'party':
      return partyActionFor(s.facts.partyMembers);
    case 'work':
      return 'assign_instructor';
    case 'union':
      return unionActionFor(s.facts.employees);
    case 'reach':
      return 'set_up_station';
  }
}

export interface GapFilter {
  limit: number;
  /** Only buildings of the streets of this district (a district's gaps, not the city's). */
  districtCode?: string;
  streetCode?: string;
  gridId?: number;
  businessDistrictId?: number;
}

/** One place's affected enterprises, summed as they are met (nothing per enterprise is kept). */
interface Tally {
  workers: number;
  enterprises: number;
  partyMembers: number;
  /** The building of the first affected enterprise met: a building-level gap's own street. */
  firstBuildingId: number;
  actions: Map<ActionCode, GapAction>;
  reasons: Map<string, number>;
  reachReasons: Map<string, ReachReason & { enterprises: number }>;
}

/**
 * `cfg`: the walking bands and speed the reach reasons speak of (the model's reach setting).
 * Two passes over the enterprises, keeping nothing of them: the first sums each place's affected workers (all the
 * ranking needs), the second tallies the actions and reasons of the places ranked within `limit` only. A past
 * view classifies its enterprises as they are read (view.ts), so holding them in per-place lists would keep a
 * city's worth of objects alive for the length of the question.
 */
export function rankGaps(model: CoverageView, level: GapLevel, kind: GapKind, opts: GapFilter, cfg: Pick<ReachConfig, 'bandsMinutes' | 'walkingSpeedKmh'> = DEFAULT_REACH_CONFIG): Gap[] {
  const district = opts.districtCode === undefined ? null : areaKey('district', opts.districtCode);
  /** The place (of `level`) an affected enterprise of the filter counts towards, or null. */
  const placeOf = (s: EnterpriseView): number | null => {
    const building = model.buildings.get(s.facts.buildingId);
    if (!building || (opts.streetCode && building.streetCode !== opts.streetCode)) return null;
    if (opts.districtCode !== undefined && model.areas.get(areaKey('street', building.streetCode))?.parentId !== district) return null;
    if (opts.gridId !== undefined && building.gridId !== opts.gridId) return null;
    if (opts.businessDistrictId !== undefined && building.businessDistrictId !== opts.businessDistrictId) return null;
    const served = model.reach.get(building.id)?.served ?? false;
    if (!affected(kind, s, served)) return null;
    return level === 'building' ? building.id : level === 'grid' ? building.gridId : building.businessDistrictId;
  };
  const workers = new Map<number, number>();
  for (const s of model.enterprises.values()) {
    const id = placeOf(s);
    if (id !== null) workers.set(id, (workers.get(id) ?? 0) + s.facts.employees);
  }
  const ranked = [...workers]
    .map(([id, w]) => ({ id, workers: w, area: model.areas.get(areaKey(level, id)) }))
    .filter((g): g is { id: number; workers: number; area: AreaInfo } => !!g.area)
    .sort((a, b) => b.workers - a.workers || a.area.id.localeCompare(b.area.id, 'en', { numeric: true }))
    .slice(0, opts.limit);
  const tallies = new Map<number, Tally>(ranked.map((g) => [g.id, { workers: 0, enterprises: 0, partyMembers: 0, firstBuildingId: -1, actions: new Map(), reasons: new Map(), reachReasons: new Map() }]));
  for (const s of model.enterprises.values()) {
    const id = placeOf(s);
    const t = id === null ? undefined : tallies.get(id);
    if (!t) continue;
    if (t.enterprises === 0) t.firstBuildingId = s.facts.buildingId;
    t.workers += s.facts.employees;
    t.enterprises++;
    t.partyMembers += s.facts.partyMembers;
    if (kind === 'reach') {
      const r = reachReasonOf(model.reach.get(s.facts.buildingId), cfg);
      const key = `${r.code}:${r.minutes}`;
      const cur = t.reachReasons.get(key);
      if (cur) cur.enterprises++;
      else t.reachReasons.set(key, { ...r, enterprises: 1 });
    }
    const code = actionOf(kind, s);
    const a = t.actions.get(code) ?? { code, label: ACTION_LABELS[code], enterprises: 0, workers: 0 };
    a.enterprises++;
    a.workers += s.facts.employees;
    t.actions.set(code, a);
    if (kind !== 'reach' && kind !== 'union' && s.facts.noOrgReason) t.reasons.set(s.facts.noOrgReason, (t.reasons.get(s.facts.noOrgReason) ?? 0) + 1);
  }
  return ranked.map(({ id, area }, i): Gap => {
    const t = tallies.get(id) as Tally;
    const key = areaKey(level, id);
    const sortedActions = [...t.actions.values()].sort((a, b) => b.workers - a.workers || a.code.localeCompare(b.code));
    const rates = ratesOf(model.counts.get(key) ?? ZERO);
    const rate = kind === 'party' ? rates.partyOrg : kind === 'work' ? rates.work : kind === 'union' ? rates.union : rates.workersServed;
    const anyBuilding = model.buildings.get(t.firstBuildingId);
    // A grid's or business district's street is its own: a business district's buildings may lie in several streets.
    const ownStreet = area.level !== 'building' && area.parentId?.startsWith('street:') ? area.parentId.slice('street:'.length) : undefined;
    return {
      rank: i + 1,
      level, id: area.id, name: area.name, streetCode: ownStreet ?? anyBuilding?.streetCode ?? '', kind,
      workersAffected: t.workers,
      enterprisesAffected: t.enterprises,
      partyMembersAffected: t.partyMembers,
      rate,
      suggestion: sortedActions[0] as GapAction,
      actions: sortedActions,
      reasons: [...t.reasons.entries()].map(([reason, enterprises]) => ({ reason, enterprises })).sort((a, b) => b.enterprises - a.enterprises || a.reason.localeCompare(b.reason)),
      reachReasons: [...t.reachReasons.values()].sort((a, b) => b.enterprises - a.enterprises || a.code.localeCompare(b.code) || a.minutes - b.minutes),
    };
  });
}
