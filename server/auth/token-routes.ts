// API tokens (admin; mounted at /api/tokens).
import { createRoute, z } from '@hono/zod-openapi';
import { and, eq, isNull } from 'drizzle-orm';
import { newRouter, errorResponses } from '../http/router.js';
import { notFound } from '../http/errors.js';
import { guard } from './access.js';
import { actorOf } from './principal.js';
import { createApiToken } from './service.js';
import { apiTokens } from '../db/schema.js';
import { audit } from '../db/audit.js';
import { IdParam, NewTokenSchema, TokenCreatedSchema, TokenInfoSchema } from './contract.js';
import { assertStreetsExist } from './streets.js';


export const tokenRoutes = newRouter();
tokenRoutes.use('/', guard('tokens'));
tokenRoutes.use('/*', guard('tokens'));

tokenRoutes
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['Admin'],
      summary: 'List API tokens (admin)',
      responses: { 200: { description: 'Tokens', content: { 'application/json': { schema: z.array(TokenInfoSchema) } } }, ...errorResponses(401, 403) },
    }),
    async (c) => {
      const rows = await c.get('store').read((db) => db.select().from(apiTokens).orderBy(apiTokens.id));
      return c.json(rows.map((r) => ({ id: r.id, name: r.name, role: r.role, streetCodes: r.streetCodes, createdAt: r.createdAt, revokedAt: r.revokedAt })), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['Admin'],
      summary: 'Create an API token (admin); the secret is shown once',
      request: { body: { required: true, content: { 'application/json': { schema: NewTokenSchema } } } },
      responses: {
        201: { description: 'Created', content: { 'application/json': { schema: TokenCreatedSchema } } },
        ...errorResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const p = c.get('principal');
      const store = c.get('store');
      await assertStreetsExist(store, body.streetCodes);
      const created = await createApiToken(store, p ? actorOf(p) : 'system', p?.userId ?? null, body);
      return c.json(created, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      tags: ['Admin'],
      summary: 'Revoke an API token (admin)',
      request: { params: IdParam },
      responses: { 204: { description: 'Revoked' }, ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const p = c.get('principal');
      const revoked = await c.get('store').write(async (tx) => {
        const rows = await tx
          .update(apiTokens)
          .set({ revokedAt: new Date().toISOString() })
          .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
          .returning({ id: apiTokens.id, name: apiTokens.name });
        if (rows.length) await audit(tx, { actor: p ? actorOf(p) : 'system', action: 'revoke', entity: 'api_token', entityId: id, before: rows[0] });
        return rows.length > 0;
      });
      if (!revoked) throw notFound(`No active token ${id}`);
      return c.body(null, 204);
    },
  );
