// The health check's contract (/api/health).
import { z } from '@hono/zod-openapi';

export const HealthSchema = z.object({ status: z.literal('ok'), store: z.enum(['pglite', 'postgres']) });

export type Health = z.infer<typeof HealthSchema>;
