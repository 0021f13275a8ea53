// Step 2: enterprises in every building: the landmarks' named ones (seeds) and synthetic ones.
import type { Position } from 'geojson';
import { LANDMARK_BUILDINGS, LANDMARK_ENTERPRISES, MACALLINE_TRADES } from '../seed/landmarks.js';
import { makeUscc } from './uscc.js';
import { COMPANY_CORES, INDUSTRIES } from './names.js';
import { offset } from './geometry.js';
import { SYNTHETIC, addDays, dateBetween, type BuildingInfo, type Ctx } from './context.js';
import type { Ownership } from '../../server/domain/vocabulary/index.js';

const PARTY_RATE: Record<Ownership, number> = {
  state: 0.28, collective: 0.12, private: 0.05, foreign: 0.07, hk_macao_taiwan: 0.05, individual: 0.02,
};

export function generateEnterprises(ctx: Ctx): void {
  const names = new Set<string>();
  for (const b of ctx.buildings) {
    const landmark = b.key ? LANDMARK_BUILDINGS.find((l) => l.key === b.key) : undefined;
    const named = LANDMARK_ENTERPRISES.filter((e) => e.building === b.key);
    for (const e of named) {
      const id = push(ctx, b, {
        name: e.name, industry: e.industry, ownership: e.ownership, employees: e.employees, partyMembers: e.partyMembers,
        registeredOn: e.registeredOn, floor: e.floor ?? null, source: e.source,
      });
      names.add(e.name);
      ctx.enterpriseByKey.set(e.key, id);
    }
    const count = (landmark?.enterprises ?? defaultCount(ctx, b)) - named.length;
    const weights = Array.from({ length: count }, () => ctx.rng.logNormal(1, 1));
    const weightSum = weights.reduce((a, w) => a + w, 0);
    const staff = landmark?.staff ? landmark.staff - named.reduce((a, e) => a + e.employees, 0) : null;
    for (let i = 0; i < count; i++) {
      const employees = staff
        ? Math.max(2, Math.round((staff * (weights[i] as number)) / weightSum))
        : Math.min(2500, Math.max(2, Math.round(ctx.rng.logNormal(b.key === 'macalline' ? 5 : 18, 1.05))));
      push(ctx, b, synthetic(ctx, b, employees, i, names));
    }
  }
  shapeBayArea(ctx);
}

function defaultCount(ctx: Ctx, b: BuildingInfo): number {
  const { rng } = ctx;
  switch (b.kind) {
    case 'office':
      return Math.floor(b.floors / 5) + rng.int(2, 6);
    case 'complex':
      return rng.int(6, 12);
    case 'park':
      return rng.int(8, 14);
    case 'market':
      return rng.int(8, 16);
  }
}

interface NewEnterprise {
  name: string;
  industry: string;
  ownership: Ownership;
  employees: number;
  partyMembers: number;
  registeredOn: string;
  floor: number | null;
  source: string;
  deregisteredOn?: string | null;
}

function push(ctx: Ctx, b: BuildingInfo, e: NewEnterprise): number {
  const id = ctx.nextId('enterprises');
  const angle = ctx.rng.range(0, 2 * Math.PI);
  const r = ctx.rng.range(0, 12);
  const at: Position = offset(b.centre, r * Math.cos(angle), r * Math.sin(angle));
  ctx.data.enterprises.push({
    id, uscc: makeUscc(b.districtCode, 1_000_003 * id + 77), name: e.name, buildingId: b.id, streetCode: b.streetCode,
    gridId: b.gridId, floor: e.floor ?? ctx.rng.int(1, b.floors), industry: e.industry, ownership: e.ownership,
    employees: e.employees, partyMembers: e.partyMembers, unionMembers: 0, registeredOn: e.registeredOn,
    deregisteredOn: e.deregisteredOn ?? null, noOrgReason: null, geom: { type: 'Point', coordinates: at }, source: e.source,
  });
  return id;
}

function synthetic(ctx: Ctx, b: BuildingInfo, employees: number, i: number, names: Set<string>): NewEnterprise {
  const { rng, today } = ctx;
  const shanghai = b.districtCode.startsWith('31');
  let ownership: Ownership;
  let industry: string;
  let base: string;
  if (b.key === 'macalline') {
    ownership = 'individual';
    industry = MACALLINE_TRADES[i % MACALLINE_TRADES.length] as string;
    base = `${rng.pick(COMPANY_CORES)}${industry.slice(-2)}店`;
  } else {
    const r = rng.next();
    ownership = r < 0.62 ? 'private' : r < 0.78 ? 'foreign' : r < 0.88 ? 'state' : r < 0.96 ? 'hk_macao_taiwan' : 'collective';
    const ind = rng.pick(INDUSTRIES);
    industry = ind.name;
    const place = shanghai ? '上海' : rng.chance(0.5) ? '内蒙古' : '呼和浩特市';
    base = ownership === 'foreign' ? `${rng.pick(COMPANY_CORES)}${ind.word}(中国)有限公司` : `${place}${rng.pick(COMPANY_CORES)}${ind.word}有限公司`;
  }
  let name = base;
  for (let k = 2; names.has(name); k++) name = base.replace(/(有限公司|店)$/, `第${k}$1`);
  names.add(name);
  // A steady trickle of new registrations over the last 18 months gives the time slider a trend.
  const recent = rng.chance(0.12);
  const registeredOn = recent
    ? dateBetween(rng, addDays(today, -540), addDays(today, -5))
    : dateBetween(rng, new Date('1996-01-01'), addDays(today, -540));
  // Closed (deregistered) within the last two years, and never before it registered.
  const closeFrom = new Date(Math.max(addDays(today, -700).getTime(), addDays(new Date(registeredOn), 1).getTime()));
  const deregisteredOn = !recent && rng.chance(0.03) ? dateBetween(rng, closeFrom, addDays(today, -10)) : null;
  const rate = PARTY_RATE[ownership] * rng.range(0.2, 1.8);
  return {
    name, industry, ownership, employees, partyMembers: Math.round(employees * rate), registeredOn,
    deregisteredOn, floor: null, source: SYNTHETIC,
  };
}

/** seeds/001: ~50 units, ~400 staff, 5 with party organisations, 40+ members in 上海湾区科创中心. */
function shapeBayArea(ctx: Ctx): void {
  const b = ctx.buildingByKey.get('bayarea');
  if (!b) return;
  const rows = ctx.data.enterprises.filter((e) => e.buildingId === b.id);
  const lead = ctx.enterpriseByKey.get('bayco');
  const others = rows.filter((e) => e.id !== lead).sort((a, z) => z.employees - a.employees);
  others.forEach((e, i) => {
    e.partyMembers = i < 4 ? 6 + (i % 3) : i % 9 === 0 ? 1 : 0;
  });
}
