// Users (admin; mounted at /api/users).
import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { newRouter, errorResponses } from '../http/router.js';
import { ApiError } from '../http/errors.js';
import { guard } from './access.js';
import { actorOf } from './principal.js';
import { createUser } from './service.js';
import { userStreets, users } from '../db/schema.js';
import { NewUserSchema, UserSchema } from './contract.js';
import { assertStreetsExist } from './streets.js';


export const userRoutes = newRouter();
userRoutes.use('/', guard('users'));

userRoutes
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['Admin'],
      summary: 'List users (admin)',
      responses: { 200: { description: 'Users', content: { 'application/json': { schema: z.array(UserSchema) } } }, ...errorResponses(401, 403) },
    }),
    async (c) => {
      const store = c.get('store');
      const [list, scopes] = await store.read(async (db) => [
        await db.select().from(users).orderBy(users.id),
        await db.select().from(userStreets),
      ] as const);
      return c.json(
        list.map((u) => ({
          id: u.id, username: u.username, displayName: u.displayName, role: u.role, disabled: u.disabled,
          streetCodes: scopes.filter((s) => s.userId === u.id).map((s) => s.streetCode),
        })),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['Admin'],
      summary: 'Create a user (admin)',
      request: { body: { required: true, content: { 'application/json': { schema: NewUserSchema } } } },
      responses: {
        201: { description: 'Created', content: { 'application/json': { schema: z.object({ id: z.number().int() }) } } },
        ...errorResponses(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const store = c.get('store');
      const taken = await store.read((db) => db.select({ id: users.id }).from(users).where(eq(users.username, body.username)));
      if (taken.length) throw new ApiError(409, 'conflict', `Username "${body.username}" is taken`);
      await assertStreetsExist(store, body.streetCodes);
      const p = c.get('principal');
      return c.json(await createUser(store, p ? actorOf(p) : 'system', body), 201);
    },
  );
