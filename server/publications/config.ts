// The draft's configuration at the API boundary: layers, texts, redaction options, with defaults.
import { z } from '@hono/zod-openapi';
import { DEFAULT_REDACTION, type PublicationConfig } from './types.js';

export const SCOPE_PATTERN = /^(street:[0-9]{6}[0-9A-Z]{3}|district:[0-9]{6})$/;
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/;

/** Where redaction defaults for new drafts live (settings table); each draft keeps its own copy. */
export const REDACTION_SETTING = 'publications.redaction';

export const LayersSchema = z
  .object({
    stations: z.boolean(),
    grids: z.boolean(),
    businessDistricts: z.boolean(),
    coverage: z.boolean(),
    activities: z.boolean(),
  })
  .strict();

/** Control characters other than tab and newlines: they have no place in a printed page. */
const noControl = (s: string) => ![...s].some((ch) => {
  const c = ch.charCodeAt(0);
  return (c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127;
});

export const TextsSchema = z
  .object({
    intro: z.string().max(2000).refine(noControl, 'No control characters'),
    dataSource: z.string().max(300).refine(noControl, 'No control characters'),
    approvalNumber: z.string().max(100).refine(noControl, 'No control characters').openapi({ description: '审图号 line, e.g. 沪S(2026)001号; empty when none' }),
  })
  .strict();

/** Counts under 5 are never published (issue 7); a publication may only raise the threshold. */
export const MIN_COUNT_FLOOR = 5;

export const RedactionSchema = z
  .object({
    minCount: z.number().int().min(MIN_COUNT_FLOOR).max(100).openapi({ description: 'Counts below this are withheld (default 5, the least allowed)' }),
    // Members-only stations can never be chosen: the public cannot use them.
    stationAudiences: z.array(z.enum(['public', 'building'])).min(1).max(2),
    activityDays: z.number().int().min(0).max(366),
  })
  .strict();

export const ConfigSchema = z.object({ layers: LayersSchema, texts: TextsSchema, redaction: RedactionSchema }).strict().openapi('PublicationConfig');

export const DEFAULT_CONFIG: PublicationConfig = {
  layers: { stations: true, grids: true, businessDistricts: true, coverage: true, activities: true },
  texts: { intro: '', dataSource: '街道党建办公室（示意数据）', approvalNumber: '' },
  redaction: DEFAULT_REDACTION,
};

/** Merges a partial config over a full one, validating the result. */
export function mergeConfig(base: PublicationConfig, patch: { layers?: Partial<PublicationConfig['layers']>; texts?: Partial<PublicationConfig['texts']>; redaction?: Partial<PublicationConfig['redaction']> }): PublicationConfig {
  return ConfigSchema.parse({
    layers: { ...base.layers, ...patch.layers },
    texts: { ...base.texts, ...patch.texts },
    redaction: { ...base.redaction, ...patch.redaction },
  }) as PublicationConfig;
}

/**
 * Stored configs written by older code may miss keys; fill them from the defaults. Older code also
 * allowed a threshold of 3 or 4: it is raised to the floor rather than losing the draft's settings.
 */
export function storedConfig(value: unknown): PublicationConfig {
  const v = (value ?? {}) as Partial<PublicationConfig>;
  const redaction = { ...DEFAULT_CONFIG.redaction, ...v.redaction };
  if (typeof redaction.minCount === 'number' && redaction.minCount < MIN_COUNT_FLOOR) redaction.minCount = MIN_COUNT_FLOOR;
  const merged = { layers: { ...DEFAULT_CONFIG.layers, ...v.layers }, texts: { ...DEFAULT_CONFIG.texts, ...v.texts }, redaction };
  const parsed = ConfigSchema.safeParse(merged);
  return parsed.success ? (parsed.data as PublicationConfig) : DEFAULT_CONFIG;
}

/** JSON with object keys sorted at every level: one text per value, so its hash is stable. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );
}
