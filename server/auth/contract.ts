import { z } from '@hono/zod-openapi';

export const RoleSchema = z.enum(['admin', 'official', 'editor', 'display']);
export const StreetCodeSchema = z.string().regex(/^[0-9]{6}[0-9A-Z]{3}$/, 'A 9-character street code, e.g. 310106012');
export const IdParam = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647).openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});
