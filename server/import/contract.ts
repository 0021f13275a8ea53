// The import contract (/api/import/…): the multipart forms, the preview and the result, defined once. The
// server validates with them; the import wizard imports only the types inferred from them.
import { z } from '@hono/zod-openapi';
import type { Expect, Fits } from '../http/agree.js';
import { BOUNDARY_KINDS, ROSTER_KINDS, type BoundaryKind, type RosterKind } from './kinds.js';
import { CONTEXT_KINDS, type ContextKind } from './context-kinds.js';
import type { AcceptResult, Preview as RosterPreview } from './run.js';
import type { BoundaryPreview, BoundaryResult } from './run-boundaries.js';
import type { ContextPreview, ContextResult } from './run-context.js';

/** Every kind the import takes: rosters, boundaries, and the context layers (roads, water). */
export type ImportKind = RosterKind | BoundaryKind | ContextKind;
export const KINDS = [...ROSTER_KINDS, ...BOUNDARY_KINDS, ...CONTEXT_KINDS] as [ImportKind, ...ImportKind[]];
export const KindParamSchema = z.object({ kind: z.enum(KINDS).openapi({ param: { name: 'kind', in: 'path' }, description: 'Rosters: enterprises, organisations, instructors, stations, activities. Boundaries: streets, grids, business-districts, buildings. Context: roads, water.' }) });

export const FormSchema = z.object({
  file: z.custom<File>((v) => typeof v === 'object' && v !== null && 'arrayBuffer' in v, 'Attach the file in a field named "file"').openapi({ type: 'string', format: 'binary' }),
  coords: z.enum(['wgs84', 'gcj02', 'bd09']).default('wgs84').openapi({ description: 'Coordinate system of 经度/纬度 when a row does not say (rosters), or of the whole file (roads, water)' }),
  mapping: z.string().max(20_000).optional().openapi({ description: 'JSON object: column header → field key ("" or null ignores the column); overrides the detected mapping' }),
});
export const AcceptFormSchema = FormSchema.extend({
  skipInvalid: z.enum(['true', 'false']).default('false').openapi({ description: 'Write the valid rows although others are invalid; otherwise any invalid row refuses the import (422)' }),
});

export const IssueSchema = z
  .object({
    row: z.number().int(), column: z.string(), field: z.string(), code: z.string(), message: z.string(), value: z.string().optional(),
    severity: z.enum(['warning']).optional().openapi({ description: 'A warning leaves the row valid (it is written); absent: the row is invalid' }),
  })
  .openapi('ImportIssue');
export const PreviewSchema = z
  .object({
    kind: z.string(),
    file: z.object({ name: z.string(), sha256: z.string(), format: z.string(), encoding: z.string().nullable(), headerRow: z.number().int() }),
    fields: z.array(z.object({ key: z.string(), label: z.string(), labelEn: z.string(), required: z.boolean() })),
    mapping: z.array(z.object({ index: z.number().int(), column: z.string(), field: z.string().nullable(), coordSystem: z.enum(['wgs84', 'gcj02', 'bd09']).optional().openapi({ description: 'The coordinate system the header names (经度（高德）)' }) })),
    unknownColumns: z.array(z.string()).openapi({ description: 'Columns holding data that no field takes (not imported)' }),
    issues: z.array(IssueSchema),
    issuesTruncated: z.boolean(),
    counts: z.object({ rows: z.number().int(), valid: z.number().int(), invalid: z.number().int(), insert: z.number().int(), update: z.number().int(), unchanged: z.number().int(), links: z.number().int() }),
  })
  .openapi('ImportPreview');
export const ResultSchema = z
  .object({ kind: z.string(), inserted: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), skipped: z.number().int(), linksAdded: z.number().int().optional(), preview: PreviewSchema })
  .openapi('ImportResult');

export const TemplateParamSchema = z.object({ file: z.enum(ROSTER_KINDS.map((k) => `${k}.xlsx`) as [string, ...string[]]).openapi({ param: { name: 'file', in: 'path' } }) });

export type ImportIssue = z.infer<typeof IssueSchema>;
export type ImportPreview = z.infer<typeof PreviewSchema>;
export type ImportResult = z.infer<typeof ResultSchema>;
export type ImportField = ImportPreview['fields'][number];
export type ImportMapping = ImportPreview['mapping'][number];

// Both kinds of import answer in these shapes.
type _RosterPreviewFits = Expect<Fits<RosterPreview, ImportPreview>>;
type _BoundaryPreviewFits = Expect<Fits<BoundaryPreview, ImportPreview>>;
type _RosterResultFits = Expect<Fits<AcceptResult, ImportResult>>;
type _BoundaryResultFits = Expect<Fits<BoundaryResult, ImportResult>>;
type _ContextPreviewFits = Expect<Fits<ContextPreview, ImportPreview>>;
type _ContextResultFits = Expect<Fits<ContextResult, ImportResult>>;
/** The row problems an import reports (ImportIssue.code); the client names each. */
export type { IssueCode } from './fields.js';
