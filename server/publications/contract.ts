// The publications contract (/api/publications/…): request and response schemas, defined once; the
// publishing page imports only their types. The public snapshot (data/publication.json) is a file format
// whose types live in types.ts; they are part of this contract and handed on from here.
import { z } from '@hono/zod-openapi';
import { ConfigSchema, LayersSchema, RedactionSchema, SCOPE_PATTERN, SLUG_PATTERN, TextsSchema } from './config.js';
import type { InternalFacts, PublicSnapshot } from './types.js';

export type {
  InternalArea, InternalStation, PublicActivity, PublicArea, PublicPhoto, PublicRoad, PublicSnapshot, PublicStation, PublicStats, PublicWater, RedactedField,
} from './types.js';

export const IdParamSchema = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647).openapi({ param: { name: 'id', in: 'path' } }) });
export const IfMatchRequiredSchema = z.object({ 'if-match': z.string().regex(/^"\d+"$/, 'If-Match: "<version>" from the ETag') });
export const IfMatchOptionalSchema = z.object({ 'if-match': z.string().regex(/^"\d+"$/, 'If-Match: "<version>" from the ETag').optional() });

export const PublicationSchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    title: z.string(),
    scope: z.string(),
    config: ConfigSchema,
    status: z.enum(['draft', 'published', 'unpublished']),
    currentVersion: z.number().int().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int().openapi({ description: 'Also sent as the ETag; send it back as If-Match' }),
  })
  .openapi('Publication');

export const RedactedSchema = z.object({ field: z.string(), reason: z.string(), count: z.number().int() }).openapi('RedactedField');
export const VersionSchema = z
  .object({ id: z.number().int(), number: z.number().int(), sha256: z.string(), copiedFrom: z.number().int().nullable(), publishedBy: z.string(), publishedAt: z.string(), redacted: z.array(RedactedSchema) })
  .openapi('PublicationVersion');

const Title = z.string().trim().min(1).max(100);
const Scope = z.string().regex(SCOPE_PATTERN, 'scope is street:<9-character code> or district:<6-digit code>').openapi({ example: 'street:310106012' });
const Slug = z.string().regex(SLUG_PATTERN, 'slug: 3–64 of a-z, 0-9 and -, not starting or ending with -').openapi({ example: 'njxl-2026' });

export const CreateSchema = z
  .object({ title: Title, scope: Scope, slug: Slug.optional(), layers: LayersSchema.partial().optional(), texts: TextsSchema.partial().optional(), redaction: RedactionSchema.partial().optional() })
  .strict()
  .openapi('PublicationCreate');
export const PatchSchema = CreateSchema.partial().strict().openapi('PublicationPatch');

export const PreviewSchema = z.object({
  public: z.custom<PublicSnapshot>((v) => typeof v === 'object' && v !== null).openapi({ type: 'object', description: 'Exactly what data/publication.json would hold if published now' }),
  redacted: z.array(RedactedSchema),
  internal: z.custom<Omit<InternalFacts, 'privateTerms'>>((v) => typeof v === 'object' && v !== null).openapi({ type: 'object', description: 'The internal facts behind it (admins only): stations with every field, raw area counts' }),
});

export const PublicationDetailSchema = PublicationSchema.extend({ versions: z.array(VersionSchema) });
export const RollbackSchema = z.object({ version: z.number().int().min(1).max(2_147_483_647) }).strict();

export type Publication = z.infer<typeof PublicationSchema>;
export type PublicationConfig = Publication['config'];
export type PublicationVersion = z.infer<typeof VersionSchema>;
export type PublicationDetail = z.infer<typeof PublicationDetailSchema>;
export type PublicationPreview = z.infer<typeof PreviewSchema>;
