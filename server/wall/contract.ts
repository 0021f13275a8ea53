// The wall display's contract (/api/wall/…): request and response schemas, defined once. The server
// validates with them; the wall page imports only the types inferred from them.
import { z } from '@hono/zod-openapi';
import type { Agree, Expect } from '../http/agree.js';
import { BandsSchema, GapSchema, RatesSchema } from '../coverage/contract.js';
import type { Scope as ResolvedScope } from '../scope.js';

export const ScopeQuerySchema = z.object({ scope: z.string().min(3).max(40).openapi({ example: 'street:310106012' }) }).strict();

export const ScopeSchema = z.object({ level: z.enum(['street', 'district']), id: z.string(), name: z.string(), streetCodes: z.array(z.string()) });

export const RankedSchema = z.object({ level: z.string(), id: z.string(), name: z.string(), enterprises: z.number().int(), employees: z.number().int(), rates: RatesSchema });

export const WallSummarySchema = z
  .object({
    scope: ScopeSchema,
    asOf: z.string(),
    comparedWith: z.string().openapi({ description: 'The date 30 days before, for the change figures' }),
    changeId: z.number().openapi({ description: 'The latest change-log id the figures include' }),
    totals: RankedSchema,
    previousRates: RatesSchema,
    organisationsByKind: z.record(z.string(), z.number().int()),
    stations: z.number().int(),
    activitiesThisMonth: z.object({ count: z.number().int(), participants: z.number().int(), month: z.string() }),
    rankings: z.object({ areas: z.array(RankedSchema), businessDistricts: z.array(RankedSchema) }),
    topGaps: z.array(GapSchema),
    bands: BandsSchema.nullable().openapi({ description: "The scope's buildings and workers within each walking band of a station, and not" }),
    places: z.array(z.object({ level: z.string(), id: z.string(), name: z.string(), bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]) })),
  })
  .openapi('WallSummary');

export const TourStepSchema = z.object({
  level: z.enum(['street', 'grid', 'businessDistrict']),
  id: z.string().min(1).max(32),
  name: z.string().max(100),
  dwellSeconds: z.number().int().min(3).max(600),
  enabled: z.boolean(),
});

export const TourSchema = z
  .object({
    steps: z.array(TourStepSchema).min(1).max(100),
    schedule: z.object({
      /** From nightStart to nightEnd (local time, HH:MM) the wall is quieter: no tour, dimmed. */
      nightStart: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
      nightEnd: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
      nightMode: z.enum(['quiet', 'off']),
    }),
    idleResumeSeconds: z.number().int().min(5).max(3600),
  })
  .strict()
  .openapi('WallTour');

export const TourIfMatchSchema = z.object({ 'if-match': z.string().regex(/^"\d+"$/) });

export type Ranked = z.infer<typeof RankedSchema>;
export type WallSummary = z.infer<typeof WallSummarySchema>;
export type TourStep = z.infer<typeof TourStepSchema>;
export type Tour = z.infer<typeof TourSchema>;

type _ScopeAgrees = Expect<Agree<ResolvedScope, z.infer<typeof ScopeSchema>>>;
