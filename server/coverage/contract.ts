import { z } from '@hono/zod-openapi';

export const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'A date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime()) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'Not a calendar date')
  .refine((s) => s >= '1990-01-01', 'Dates before 1990 are not covered');

export const RateSchema = z
  .object({ numerator: z.number().int(), denominator: z.number().int(), value: z.number().min(0).max(1).nullable() })
  .openapi('Rate');

export const RatesSchema = z
  .object({
    partyOrg: RateSchema.openapi({ description: '党组织覆盖率 = (单独组建 + 联合组建) ÷ 在营企业' }),
    standalone: RateSchema.openapi({ description: '单独组建率 = 单独组建 ÷ 在营企业' }),
    work: RateSchema.openapi({ description: '工作覆盖率 = (有党组织 + 选派党建指导员/联络员) ÷ 在营企业' }),
    union: RateSchema.openapi({ description: '工会覆盖率 = (单独建会 + 联合工会) ÷ 在营企业' }),
    workersServed: RateSchema.openapi({ description: '阵地服务覆盖 = 阵地服务半径内楼宇的职工 ÷ 全部职工' }),
  })
  .openapi('Rates');

export const LevelSchema = z.enum(['district', 'street', 'grid', 'businessDistrict', 'building']);

const NodeBase = z.object({
  id: z.string(),
  name: z.string(),
  level: LevelSchema,
  enterprises: z.number().int().openapi({ description: 'Operating enterprises' }),
  employees: z.number().int(),
  partyMembers: z.number().int(),
  rates: RatesSchema,
});

export const SummarySchema = NodeBase.extend({ children: z.array(NodeBase).optional() }).openapi('CoverageSummary');

const ActionSchema = z.object({
  code: z.string(),
  label: z.object({ zh: z.string(), en: z.string() }),
  enterprises: z.number().int(),
  workers: z.number().int(),
});

export const GapSchema = z
  .object({
    rank: z.number().int(),
    level: z.enum(['building', 'grid', 'businessDistrict']),
    id: z.string(),
    name: z.string(),
    streetCode: z.string(),
    kind: z.enum(['party', 'union', 'work', 'reach']),
    workersAffected: z.number().int(),
    enterprisesAffected: z.number().int(),
    partyMembersAffected: z.number().int(),
    rate: RateSchema,
    suggestion: ActionSchema,
    actions: z.array(ActionSchema),
    reasons: z.array(z.object({ reason: z.string(), enterprises: z.number().int() })),
  })
  .openapi('Gap');
