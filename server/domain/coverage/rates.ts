// Counts per area and the official rates derived from them (domain.md, shown in the UI's help).
import type { Classified } from './classify.js';
import type { Rate } from './types.js';

export interface Counts {
  /** Operating enterprises: the denominator of every enterprise rate. */
  enterprises: number;
  employees: number;
  partyMembers: number;
  partyOwn: number;
  partyJoint: number;
  partyInstructor: number;
  unionOwn: number;
  unionJoint: number;
  /** Employees of operating enterprises in buildings within a station's reach. */
  employeesServed: number;
}

export const ZERO: Counts = {
  enterprises: 0, employees: 0, partyMembers: 0, partyOwn: 0, partyJoint: 0, partyInstructor: 0, unionOwn: 0, unionJoint: 0, employeesServed: 0,
};

export function contribution(e: { employees: number; partyMembers: number }, c: Classified, served: boolean): Counts {
  if (!c.operating) return ZERO;
  return {
    enterprises: 1,
    employees: e.employees,
    partyMembers: e.partyMembers,
    partyOwn: c.party === 'own' ? 1 : 0,
    partyJoint: c.party === 'joint' ? 1 : 0,
    partyInstructor: c.party === 'instructor' ? 1 : 0,
    unionOwn: c.union === 'own' ? 1 : 0,
    unionJoint: c.union === 'joint' ? 1 : 0,
    employeesServed: served ? e.employees : 0,
  };
}

/** a + sign·b, a new object (counts are shared by answers and views, never changed in place). Field by field:
 *  a city build adds half a million contributions to six areas each. */
export function add(a: Counts, b: Counts, sign: 1 | -1 = 1): Counts {
  return {
    enterprises: a.enterprises + sign * b.enterprises,
    employees: a.employees + sign * b.employees,
    partyMembers: a.partyMembers + sign * b.partyMembers,
    partyOwn: a.partyOwn + sign * b.partyOwn,
    partyJoint: a.partyJoint + sign * b.partyJoint,
    partyInstructor: a.partyInstructor + sign * b.partyInstructor,
    unionOwn: a.unionOwn + sign * b.unionOwn,
    unionJoint: a.unionJoint + sign * b.unionJoint,
    employeesServed: a.employeesServed + sign * b.employeesServed,
  };
}

/** a += sign·b in place: only for a Counts object its caller made and nobody else holds yet (a view being derived,
 *  a model being built). Adding in place there, instead of a new object per enterprise and area, keeps a city's
 *  past view from leaving three million dead objects behind (issue 18 point 7). */
export function addInto(a: Counts, b: Counts, sign: 1 | -1 = 1): void {
  a.enterprises += sign * b.enterprises;
  a.employees += sign * b.employees;
  a.partyMembers += sign * b.partyMembers;
  a.partyOwn += sign * b.partyOwn;
  a.partyJoint += sign * b.partyJoint;
  a.partyInstructor += sign * b.partyInstructor;
  a.unionOwn += sign * b.unionOwn;
  a.unionJoint += sign * b.unionJoint;
  a.employeesServed += sign * b.employeesServed;
}

/** a += contribution(e, c, served), without making the contribution (a past view adds one per enterprise of a
 *  city); the same rule as contribution(). */
export function addContribution(a: Counts, e: { employees: number; partyMembers: number }, c: Classified, served: boolean): void {
  if (!c.operating) return;
  a.enterprises += 1;
  a.employees += e.employees;
  a.partyMembers += e.partyMembers;
  if (c.party === 'own') a.partyOwn += 1;
  else if (c.party === 'joint') a.partyJoint += 1;
  else if (c.party === 'instructor') a.partyInstructor += 1;
  if (c.union === 'own') a.unionOwn += 1;
  else if (c.union === 'joint') a.unionJoint += 1;
  if (served) a.employeesServed += e.employees;
}

export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, value: denominator > 0 ? numerator / denominator : null };
}

export interface Rates {
  /** 党组织覆盖率 = (own + joint) ÷ operating enterprises */
  partyOrg: Rate;
  /** 单独组建率 = own ÷ operating enterprises */
  standalone: Rate;
  /** 工作覆盖率 = (own + joint + instructor/liaison) ÷ operating enterprises */
  work: Rate;
  /** 工会覆盖率 = (own + joint union) ÷ operating enterprises */
  union: Rate;
  /** workers served = employees in buildings within a station's reach ÷ all employees */
  workersServed: Rate;
}

export function ratesOf(c: Counts): Rates {
  return {
    partyOrg: rate(c.partyOwn + c.partyJoint, c.enterprises),
    standalone: rate(c.partyOwn, c.enterprises),
    work: rate(c.partyOwn + c.partyJoint + c.partyInstructor, c.enterprises),
    union: rate(c.unionOwn + c.unionJoint, c.enterprises),
    workersServed: rate(c.employeesServed, c.employees),
  };
}
