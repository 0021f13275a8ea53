import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fieldLabel, reasonLabel } from './redaction-labels';

// Every field path and reason sentence the redactor writes (read from its source, so a new one fails here).
const source = readFileSync(new URL('../../../server/publications/redact.ts', import.meta.url), 'utf8');
const calls = [...source.matchAll(/tally\.add\((['`])(.+?)\1,\s*(['`])(.+?)\3/g)].map((m) => ({ field: m[2] as string, reason: m[4] as string }));
const concrete = (s: string) => s.replace(/\$\{level\}/g, 'grids').replace(/\$\{s\}/g, 'rates.partyOrg').replace(/\$\{minCount\}/g, '10').replace(/\$\{s\.openTo\}/g, 'members').replace(/\$\{field\}/g, 'intro');

describe('withheld fields in the user language', () => {
  it('finds the redactor calls', () => expect(calls.length).toBeGreaterThan(10));
  it.each(['zh', 'en'] as const)('names every field and reason the redactor writes (%s)', (l) => {
    for (const c of calls) {
      const f = fieldLabel(concrete(c.field), l);
      const r = reasonLabel(concrete(c.reason), l);
      expect(f, c.field).not.toBeNull();
      expect(r, c.reason).not.toBeNull();
      if (l === 'zh') expect(`${f}${r}`, c.field).not.toMatch(/[a-z]{3,}/);
      else expect(`${f}${r}`, c.field).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });
  it('reads the paths', () => {
    expect(fieldLabel('organisations.secretary_name', 'zh')).toBe('组织 · 书记姓名');
    expect(fieldLabel('stations[open_to=members]', 'en')).toBe('stations (open to members only)');
    expect(reasonLabel('small count (< 10) or derived from one', 'zh')).toBe('数量过小（少于 10）或可由其推算');
    expect(fieldLabel('unknown.thing', 'zh')).toBeNull();
  });
});
