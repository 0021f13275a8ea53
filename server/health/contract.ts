// The health check's contract (/api/health).
import { z } from '@hono/zod-openapi';

export const DatabaseStateSchema = z.object({
  /** up: answered; slow: no answer within the probe's budget (busy, e.g. behind an import); down: refused or unreachable. */
  state: z.enum(['up', 'slow', 'down']),
  latencyMs: z.number().nullable(),
  message: z.string().nullable(),
});

export const HealthSchema = z.object({
  /** ok: the API and its database answer; degraded: the database is slow; unavailable: it is down (HTTP 503). */
  status: z.enum(['ok', 'degraded', 'unavailable']),
  store: z.enum(['pglite', 'postgres']),
  database: DatabaseStateSchema,
  /** computing: the first coverage build after start-up is running (figures answer 503 meanwhile). */
  coverage: z.enum(['computing', 'ready']),
  /** Requests stopped since start because their client had gone before the work was done. */
  abandonedRequests: z.number().int(),
});

export type Health = z.infer<typeof HealthSchema>;
export type DatabaseState = z.infer<typeof DatabaseStateSchema>;
