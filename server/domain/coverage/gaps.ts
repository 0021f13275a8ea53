// Gaps (空白点): places where workers are present and a coverage is missing, ranked by the workers
// affected, each with the suggested action and the reasons recorded for having no organisation.
import type { CoverageView, EnterpriseView } from './view.js';
import { areaKey } from './model.js';
import { ratesOf, ZERO } from './rates.js';
import { ACTION_LABELS, partyActionFor, unionActionFor, type ActionCode } from './suggest.js';
import type { Level, Rate } from './types.js';
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

/** `cfg`: the walking bands and speed the reach reasons speak of (the model's reach setting). */
export function rankGaps(model: CoverageView, level: GapLevel, kind: GapKind, opts: GapFilter, cfg: Pick<ReachConfig, 'bandsMinutes' | 'walkingSpeedKmh'> = DEFAULT_REACH_CONFIG): Gap[] {
  const groups = new Map<string, EnterpriseView[]>();
  const district = opts.districtCode === undefined ? null : areaKey('district', opts.districtCode);
  for (const s of model.enterprises.values()) {
    const building = model.buildings.get(s.facts.buildingId);
    if (!building || (opts.streetCode && building.streetCode !== opts.streetCode)) continue;
    if (opts.districtCode !== undefined && model.areas.get(areaKey('street', building.streetCode))?.parentId !== district) continue;
    if (opts.gridId !== undefined && building.gridId !== opts.gridId) continue;
    if (opts.businessDistrictId !== undefined && building.businessDistrictId !== opts.businessDistrictId) continue;
    const served = model.reach.get(building.id)?.served ?? false;
    if (!affected(kind, s, served)) continue;
    const id = level === 'building' ? building.id : level === 'grid' ? building.gridId : building.businessDistrictId;
    if (id === null) continue;
    const key = areaKey(level, id);
    const list = groups.get(key);
    if (list) list.push(s);
    else groups.set(key, [s]);
  }
  const gaps: Omit<Gap, 'rank'>[] = [];
  for (const [key, list] of groups) {
    const area = model.areas.get(key);
    if (!area) continue;
    const actions = new Map<ActionCode, GapAction>();
    const reasons = new Map<string, number>();
    const reachReasons = new Map<string, ReachReason & { enterprises: number }>();
    for (const s of list) {
      if (kind === 'reach') {
        const r = reachReasonOf(model.reach.get(s.facts.buildingId), cfg);
        const key = `${r.code}:${r.minutes}`;
        const cur = reachReasons.get(key);
        if (cur) cur.enterprises++;
        else reachReasons.set(key, { ...r, enterprises: 1 });
      }
      const code = actionOf(kind, s);
      const a = actions.get(code) ?? { code, label: ACTION_LABELS[code], enterprises: 0, workers: 0 };
      a.enterprises++;
      a.workers += s.facts.employees;
      actions.set(code, a);
      if (kind !== 'reach' && kind !== 'union' && s.facts.noOrgReason) reasons.set(s.facts.noOrgReason, (reasons.get(s.facts.noOrgReason) ?? 0) + 1);
    }
    const sortedActions = [...actions.values()].sort((a, b) => b.workers - a.workers || a.code.localeCompare(b.code));
    const rates = ratesOf(model.counts.get(key) ?? ZERO);
    const rate = kind === 'party' ? rates.partyOrg : kind === 'work' ? rates.work : kind === 'union' ? rates.union : rates.workersServed;
    const anyBuilding = model.buildings.get(list[0]?.facts.buildingId ?? -1);
    // A grid's or business district's street is its own: a business district's buildings may lie in several streets.
    const ownStreet = area.level !== 'building' && area.parentId?.startsWith('street:') ? area.parentId.slice('street:'.length) : undefined;
    gaps.push({
      level, id: area.id, name: area.name, streetCode: ownStreet ?? anyBuilding?.streetCode ?? '', kind,
      workersAffected: list.reduce((a, s) => a + s.facts.employees, 0),
      enterprisesAffected: list.length,
      partyMembersAffected: list.reduce((a, s) => a + s.facts.partyMembers, 0),
      rate,
      suggestion: sortedActions[0] as GapAction,
      actions: sortedActions,
      reasons: [...reasons.entries()].map(([reason, enterprises]) => ({ reason, enterprises })).sort((a, b) => b.enterprises - a.enterprises || a.reason.localeCompare(b.reason)),
      reachReasons: [...reachReasons.values()].sort((a, b) => b.enterprises - a.enterprises || a.code.localeCompare(b.code) || a.minutes - b.minutes),
    });
  }
  gaps.sort((a, b) => b.workersAffected - a.workersAffected || a.id.localeCompare(b.id, 'en', { numeric: true }));
  return gaps.slice(0, opts.limit).map((g, i) => ({ rank: i + 1, ...g }));
}
