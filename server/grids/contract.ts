// The grid-editing contract (/api/streets/{streetCode}/…): request and response schemas, defined once and
// proven to agree with the service's types below. The editor imports only the types inferred from them.
import { z } from '@hono/zod-openapi';
import type { Agree, Expect } from '../http/agree.js';
import { MultiPolygonSchema, PointSchema, PolygonSchema } from '../http/geojson.js';
import { RatesSchema } from '../coverage/contract.js';
import type { Problem as ModelProblem } from '../domain/topology/types.js';
import type { ChangeSet as PlannedChangeSet } from '../domain/topology/change-set.js';
import type { Impact as ModelImpact, Move as ModelMove } from './impact.js';
import type { HistoryChange as ModelHistoryChange, HistoryDetail as ModelHistoryDetail, HistoryItem as ModelHistoryItem } from './history.js';
import type { GridSnapshot as ModelGridSnapshot } from './state.js';
import type { CommitResult as ModelCommitResult, Preview as ModelPreview } from './service.js';

export const StreetParam = z.object({
  streetCode: z.string().regex(/^[0-9]{6}[0-9A-Z]{3}$/, 'A 9-character street code').openapi({ param: { name: 'streetCode', in: 'path' }, example: '310106012' }),
});

// Only the shape here: ranges, ring closure and ring length are reported per grid (422), not as a bad request.
const PolygonInput = z
  .object({
    type: z.literal('Polygon'),
    coordinates: z.array(z.array(z.array(z.number()).min(2).max(3)).max(20_000)).min(1).max(100),
  })
  .strict()
  .openapi('PolygonInput');

const GridName = z.string().trim().min(1).max(60);

export const ChangeSchema = z.union([
  z.object({ id: z.number().int().positive().max(2_147_483_647), version: z.number().int().min(1).max(2_147_483_647), delete: z.literal(true), giveTo: z.number().int().positive().max(2_147_483_647) }).strict(),
  z.object({ id: z.number().int().positive().max(2_147_483_647), version: z.number().int().min(1).max(2_147_483_647), geometry: PolygonInput, name: GridName.optional() }).strict(),
  z.object({ geometry: PolygonInput, name: GridName, code: z.string().trim().min(1).max(60).regex(/^\P{Cc}+$/u, 'No control characters').optional() }).strict(),
]);

export const ChangeSetSchema = z
  .object({
    note: z.string().max(500).optional(),
    changes: z.array(ChangeSchema).min(1).max(500),
  })
  .strict()
  .openapi('GridChangeSet', { description: 'Changes to a street\'s grids, applied together: `{ id, version, geometry, name? }` changes a grid, `{ geometry, name }` adds one, `{ id, version, delete: true, giveTo }` deletes one and gives its area to a neighbour.' });

const GridKey = z.union([z.number().int(), z.templateLiteral(['new:', z.number().int()])]).openapi({ description: 'A grid id, or `new:<index>` for a grid the change set adds' });

export const ProblemSchema = z
  .object({
    kind: z.enum(['invalid', 'outside', 'overlap', 'gap', 'sliver', 'stale', 'unknown_grid', 'give_to']),
    gridIds: z.array(GridKey),
    areaM2: z.number().optional(),
    geometry: z.union([PolygonSchema, MultiPolygonSchema]).optional().openapi({ description: 'The offending area (GeoJSON)' }),
    location: PointSchema.optional().openapi({ description: 'Where a boundary is invalid (GeoJSON)' }),
    message: z.string(),
  })
  .openapi('GridProblem');

export const MoveSchema = z.object({ id: z.number().int(), name: z.string(), from: z.number().int().nullable(), to: GridKey.nullable() });

export const PreviewSchema = z
  .object({
    ok: z.boolean(),
    problems: z.array(ProblemSchema),
    impact: z
      .object({
        buildings: z.array(MoveSchema),
        enterprises: z.array(MoveSchema),
        stations: z.array(MoveSchema),
        partyMembersMoved: z.number().int(),
        employeesMoved: z.number().int(),
        grids: z.array(z.object({ key: GridKey, name: z.string(), before: RatesSchema.nullable(), after: RatesSchema.nullable() })),
      })
      .nullable(),
  })
  .openapi('GridChangePreview');

export const CommitSchema = z
  .object({ changeSetId: z.number().int().nullable().openapi({ description: 'Null when nothing changed (nothing was written)' }), grids: z.array(z.object({ id: z.number().int(), version: z.number().int() })) })
  .openapi('GridChangeCommitted');

export const SnapshotSchema = z.object({ id: z.number().int(), code: z.string(), name: z.string(), geometry: PolygonSchema });

export const HistoryChangeSchema = z.object({
  gridId: z.number().int(),
  name: z.string(),
  action: z.enum(['create', 'restore', 'update', 'delete']),
  before: PolygonSchema.nullable(),
  after: PolygonSchema.nullable(),
  giveTo: z.number().int().optional(),
});

export const HistoryItemSchema = z
  .object({
    id: z.number().int(),
    actor: z.string(),
    at: z.string(),
    note: z.string().nullable(),
    revertOf: z.number().int().nullable(),
    changes: z.array(HistoryChangeSchema),
  })
  .openapi('GridChangeRecord');

export const HistoryDetailSchema = HistoryItemSchema.extend({ before: z.array(SnapshotSchema), after: z.array(SnapshotSchema) }).openapi('GridChangeRecordDetail');

const BaseVersion = z.object({ id: z.number().int().positive().max(2_147_483_647), version: z.number().int().min(1).max(2_147_483_647) }).strict();

export const RevertSchema = z
  .object({
    note: z.string().max(500).optional(),
    state: z.enum(['before', 'after']).default('after'),
    base: z
      .array(BaseVersion)
      .max(5000)
      .openapi({ description: "The street's grids (id, version) as the reverting editor loaded them: any difference (a grid changed, added or gone since) is a stale base (412)" }),
  })
  .strict();

const Placed = z.object({ id: z.number().int(), name: z.string(), gridId: z.number().int().nullable(), geometry: z.union([PointSchema, PolygonSchema]) });
const PlacedPoint = Placed.extend({ geometry: PointSchema });

export const EditorStateSchema = z
  .object({
    street: z.object({ code: z.string(), name: z.string(), nameEn: z.string(), version: z.number().int(), geometry: MultiPolygonSchema }),
    grids: z.array(z.object({ id: z.number().int(), code: z.string(), name: z.string(), version: z.number().int(), geometry: PolygonSchema })),
    buildings: z.array(Placed),
    stations: z.array(PlacedPoint),
    rules: z.object({ minAreaM2: z.number(), toleranceM2: z.number() }),
    editable: z.boolean(),
  })
  .openapi('GridEditorState');

export const HistoryParamsSchema = StreetParam.extend({ id: z.coerce.number().int().positive().max(2_147_483_647).openapi({ param: { name: 'id', in: 'path' } }) });

export type Change = z.infer<typeof ChangeSchema>;
export type ChangeSet = z.infer<typeof ChangeSetSchema>;
export type Problem = z.infer<typeof ProblemSchema>;
export type Move = z.infer<typeof MoveSchema>;
export type Preview = z.infer<typeof PreviewSchema>;
export type Impact = NonNullable<Preview['impact']>;
export type Committed = z.infer<typeof CommitSchema>;
export type HistoryChange = z.infer<typeof HistoryChangeSchema>;
export type HistoryItem = z.infer<typeof HistoryItemSchema>;
export type HistoryDetail = z.infer<typeof HistoryDetailSchema>;
export type HistorySnapshot = z.infer<typeof SnapshotSchema>;
export type EditorState = z.infer<typeof EditorStateSchema>;

// The schemas describe exactly what the grid services return.
type _ChangeSetAgrees = Expect<Agree<PlannedChangeSet, ChangeSet>>;
type _ProblemAgrees = Expect<Agree<ModelProblem, Problem>>;
type _MoveAgrees = Expect<Agree<ModelMove, Move>>;
type _ImpactAgrees = Expect<Agree<ModelImpact, Impact>>;
type _PreviewAgrees = Expect<Agree<ModelPreview, Preview>>;
type _CommitAgrees = Expect<Agree<ModelCommitResult, Committed>>;
type _HistoryChangeAgrees = Expect<Agree<ModelHistoryChange, HistoryChange>>;
type _HistoryItemAgrees = Expect<Agree<ModelHistoryItem, HistoryItem>>;
type _HistoryDetailAgrees = Expect<Agree<ModelHistoryDetail, HistoryDetail>>;
type _SnapshotAgrees = Expect<Agree<ModelGridSnapshot, HistorySnapshot>>;
