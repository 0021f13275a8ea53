// Boundary values of the suggestion rules: the ledger's member-count rule and the union size rule.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION_LABELS, OWN_UNION_MIN_EMPLOYEES, partyActionFor, unionActionFor, type ActionCode } from './suggest.js';

describe('partyActionFor: 0 → instructor, 1–2 joint branch, 3–6 own branch, 7–49 committee, 50–99 general branch, 100+ party committee', () => {
  const cases: [number, ActionCode][] = [
    [0, 'assign_instructor'],
    [1, 'join_joint_party_branch'],
    [2, 'join_joint_party_branch'],
    [3, 'form_party_branch'],
    [6, 'form_party_branch'],
    [7, 'form_branch_committee'],
    [49, 'form_branch_committee'],
    [50, 'form_general_branch'],
    [99, 'form_general_branch'],
    [100, 'form_party_committee'],
    [101, 'form_party_committee'],
    [10_000, 'form_party_committee'],
  ];
  it.each(cases)('%i members → %s', (members, code) => {
    expect(partyActionFor(members)).toBe(code);
  });

  it('every member count maps to the band it falls in', () => {
    const bands: [number, number, ActionCode][] = [
      [0, 0, 'assign_instructor'], [1, 2, 'join_joint_party_branch'], [3, 6, 'form_party_branch'],
      [7, 49, 'form_branch_committee'], [50, 99, 'form_general_branch'], [100, Infinity, 'form_party_committee'],
    ];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), (n) => {
        const band = bands.find(([lo, hi]) => lo <= n && n <= hi);
        expect(partyActionFor(n)).toBe(band?.[2]);
      }),
      { numRuns: 200 },
    );
  });

  it('more members never suggest a smaller organisation', () => {
    const order: ActionCode[] = ['assign_instructor', 'join_joint_party_branch', 'form_party_branch', 'form_branch_committee', 'form_general_branch', 'form_party_committee'];
    let prev = -1;
    for (let n = 0; n <= 150; n++) {
      const i = order.indexOf(partyActionFor(n));
      expect(i).toBeGreaterThanOrEqual(prev);
      prev = i;
    }
    expect(prev).toBe(order.length - 1);
  });
});

describe('unionActionFor: 25 or more employees → own union, else a joint union', () => {
  it('the threshold is 25', () => {
    expect(OWN_UNION_MIN_EMPLOYEES).toBe(25);
  });
  it.each([
    [0, 'form_joint_union'],
    [1, 'form_joint_union'],
    [24, 'form_joint_union'],
    [25, 'form_union'],
    [26, 'form_union'],
    [100_000, 'form_union'],
  ] as [number, ActionCode][])('%i employees → %s', (employees, code) => {
    expect(unionActionFor(employees)).toBe(code);
  });
});

describe('ACTION_LABELS', () => {
  it('labels every action in both languages, each distinct', () => {
    const codes = Object.keys(ACTION_LABELS);
    expect(codes.sort()).toEqual([
      'assign_instructor', 'form_branch_committee', 'form_general_branch', 'form_joint_union', 'form_party_branch',
      'form_party_committee', 'form_union', 'join_joint_party_branch', 'set_up_station',
    ]);
    for (const l of Object.values(ACTION_LABELS)) {
      expect(l.zh.length).toBeGreaterThan(0);
      expect(l.en.length).toBeGreaterThan(0);
    }
    expect(new Set(Object.values(ACTION_LABELS).map((l) => l.zh)).size).toBe(codes.length);
  });
});
