import { describe, expect, it } from 'vitest';
import { MAY_READ, RESOURCES, accessOf, mayRead, redact, withheldFields, type Reader } from './access.js';

const READERS: Reader[] = ['anonymous', 'display', 'official', 'editor', 'admin'];

describe('the access table', () => {
  it('widens from account to public: whoever may read a finer kind may read every coarser one', () => {
    const order = ['account', 'personal', 'enterprise', 'aggregate', 'public'] as const;
    for (let i = 1; i < order.length; i++) {
      for (const r of MAY_READ[order[i - 1] as (typeof order)[number]]) expect(MAY_READ[order[i] as (typeof order)[number]]).toContain(r);
    }
  });

  it('gives per-enterprise and personal data to staff only, and figures to the wall too', () => {
    for (const r of READERS) {
      const staff = r === 'official' || r === 'editor' || r === 'admin';
      expect(mayRead(r, 'enterprise'), r).toBe(staff);
      expect(mayRead(r, 'personal'), r).toBe(staff);
      expect(mayRead(r, 'aggregate'), r).toBe(r !== 'anonymous');
    }
  });

  it('treats an unknown resource as per-enterprise', () => {
    expect(accessOf('ogc.nothing').kind).toBe('enterprise');
  });

  it('never names a field finer than the whole resource coarser than it', () => {
    for (const [name, a] of Object.entries(RESOURCES) as [string, { kind: string; fields?: Record<string, string> }][]) {
      for (const r of READERS) {
        // A reader who may not read the resource at all is refused before any field matters.
        if (!mayRead(r, a.kind as never)) continue;
        for (const [, k] of Object.entries(a.fields ?? {})) expect(MAY_READ[k as never], `${name}`).toBeDefined();
      }
    }
  });
});

describe('redact', () => {
  const file = () => ({
    summary: { enterprises: 2 },
    building: { address: 'x', propertyManager: '某物业有限公司' },
    enterprises: [{ name: 'a' }],
    organisations: [{ name: 'b' }],
    instructors: [{ name: 'c' }],
  });

  it('empties withheld arrays and removes withheld values for the display token', () => {
    expect(redact('coverage.building', 'display', file())).toEqual({ summary: { enterprises: 2 }, building: { address: 'x' }, enterprises: [], organisations: [], instructors: [] });
  });

  it('leaves staff a whole body', () => {
    for (const r of ['official', 'editor', 'admin'] as Reader[]) expect(redact('coverage.building', r, file())).toEqual(file());
  });

  it('reaches into every item of an array', () => {
    const body = { features: [{ properties: { name: 'a', phone: '1' } }, { properties: { name: 'b' } }] };
    expect(redact('ogc.stations', 'display', body)).toEqual({ features: [{ properties: { name: 'a' } }, { properties: { name: 'b' } }] });
    expect(withheldFields('ogc.stations', 'official')).toEqual([]);
  });

  it('copes with missing and null parts', () => {
    expect(redact('wall.summary', 'display', { topGaps: null })).toEqual({ topGaps: null });
    expect(redact('coverage.gaps', 'display', { gaps: [{ reasons: [{ reason: 'x', enterprises: 1 }] }, {}] })).toEqual({ gaps: [{ reasons: [] }, {}] });
  });
});
