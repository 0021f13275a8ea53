// Request and response schemas of grid editing (/api/streets/{streetCode}/…).
import { z } from '@hono/zod-openapi';
import { RatesSchema } from '../coverage/contract.js';

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

const GridKey = z.union([z.number().int(), z.string()]).openapi({ description: 'A grid id, or `new:<index>` for a grid the change set adds' });
const AnyGeometry = z.record(z.string(), z.unknown()).openapi({ description: 'GeoJSON geometry' });

export const ProblemSchema = z
  .object({
    kind: z.enum(['invalid', 'outside', 'overlap', 'gap', 'sliver', 'stale', 'unknown_grid', 'give_to']),
    gridIds: z.array(GridKey),
    areaM2: z.number().optional(),
    geometry: AnyGeometry.optional(),
    location: AnyGeometry.optional(),
    message: z.string(),
  })
  .openapi('GridProblem');

const Move = z.object({ id: z.number().int(), name: z.string(), from: z.number().int().nullable(), to: GridKey.nullable() });

export const PreviewSchema = z
  .object({
    ok: z.boolean(),
    problems: z.array(ProblemSchema),
    impact: z
      .object({
        buildings: z.array(Move),
        enterprises: z.array(Move),
        stations: z.array(Move),
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

const Snapshot = z.object({ id: z.number().int(), code: z.string(), name: z.string(), geometry: AnyGeometry });

export const HistoryItemSchema = z
  .object({
    id: z.number().int(),
    actor: z.string(),
    at: z.string(),
    note: z.string().nullable(),
    revertOf: z.number().int().nullable(),
    changes: z.array(
      z.object({
        gridId: z.number().int(),
        name: z.string(),
        action: z.enum(['create', 'update', 'delete']),
        before: AnyGeometry.nullable(),
        after: AnyGeometry.nullable(),
        giveTo: z.number().int().optional(),
      }),
    ),
  })
  .openapi('GridChangeRecord');

export const HistoryDetailSchema = HistoryItemSchema.extend({ before: z.array(Snapshot), after: z.array(Snapshot) }).openapi('GridChangeRecordDetail');

export const RevertSchema = z.object({ note: z.string().max(500).optional(), state: z.enum(['before', 'after']).default('after') }).strict();

const Placed = z.object({ id: z.number().int(), name: z.string(), gridId: z.number().int().nullable(), geometry: AnyGeometry });

export const EditorStateSchema = z
  .object({
    street: z.object({ code: z.string(), name: z.string(), nameEn: z.string(), version: z.number().int(), geometry: AnyGeometry }),
    grids: z.array(z.object({ id: z.number().int(), code: z.string(), name: z.string(), version: z.number().int(), geometry: AnyGeometry })),
    buildings: z.array(Placed),
    stations: z.array(Placed),
    rules: z.object({ minAreaM2: z.number(), toleranceM2: z.number() }),
    editable: z.boolean(),
  })
  .openapi('GridEditorState');
