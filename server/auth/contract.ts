// The auth contract (/api/auth, /api/tokens, /api/users): request and response schemas, defined once; the
// client imports only the types inferred from them.
import { z } from '@hono/zod-openapi';

export const RoleSchema = z.enum(['admin', 'official', 'editor', 'display']);
export const StreetCodeSchema = z.string().regex(/^[0-9]{6}[0-9A-Z]{3}$/, 'A 9-character street code, e.g. 310106012');
export const IdParam = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647).openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

export const CredentialsSchema = z
  .object({
    username: z.string().min(1).max(64),
    password: z.string().min(1).max(256),
  })
  .strict()
  .openapi('Credentials');

export const MeSchema = z
  .object({
    username: z.string(),
    role: z.enum(['admin', 'official', 'editor', 'display']),
    kind: z.enum(['session', 'token']),
    streetCodes: z.array(z.string()),
    csrfToken: z.string().nullable().openapi({ description: 'Send as X-CSRF-Token on cookie-authenticated writes' }),
  })
  .openapi('Me');

export const SessionSchema = z.object({ user: MeSchema.nullable() });

export const TokenInfoSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    role: RoleSchema,
    streetCodes: z.array(z.string()),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiToken');

export const NewTokenSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    role: RoleSchema,
    streetCodes: z.array(StreetCodeSchema).max(100).default([]),
  })
  .strict()
  .openapi('NewApiToken');

export const TokenCreatedSchema = z.object({ id: z.number().int(), token: z.string() });

export const UserSchema = z
  .object({ id: z.number().int(), username: z.string(), displayName: z.string(), role: RoleSchema, streetCodes: z.array(z.string()), disabled: z.boolean() })
  .openapi('User');

export const NewUserSchema = z
  .object({
    username: z.string().regex(/^[a-z0-9_.-]{2,64}$/, '2–64 lowercase letters, digits, _ . -'),
    displayName: z.string().trim().min(1).max(100),
    role: RoleSchema,
    password: z.string().min(10, 'At least 10 characters').max(256),
    streetCodes: z.array(StreetCodeSchema).max(100).default([]),
  })
  .strict()
  .refine((u) => u.role !== 'editor' || u.streetCodes.length > 0, { message: 'An editor needs at least one street', path: ['streetCodes'] })
  .openapi('NewUser');

export type Role = z.infer<typeof RoleSchema>;
export type Me = z.infer<typeof MeSchema>;
export type Session = z.infer<typeof SessionSchema>;
