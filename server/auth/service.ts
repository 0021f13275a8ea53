// Users, sessions and API tokens in the store.
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { apiTokens, sessions, userStreets, users, type Role } from '../db/schema.js';
import type { Store } from '../db/store.js';
import { audit } from '../db/audit.js';
import { DUMMY_HASH, hashPassword, randomToken, sha256, verifyPassword } from './crypto.js';
import type { Principal } from './principal.js';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export async function principalFromSession(store: Store, cookieValue: string): Promise<Principal | null> {
  const rows = await store.read((db) =>
    db
      .select({ userId: users.id, username: users.username, role: users.role, disabled: users.disabled, csrf: sessions.csrfToken })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.idHash, sha256(cookieValue)), gt(sessions.expiresAt, new Date().toISOString()))),
  );
  const row = rows[0];
  if (!row || row.disabled) return null;
  return {
    kind: 'session', userId: row.userId, name: row.username, role: row.role,
    streetCodes: await streetsOf(store, row.userId), csrfToken: row.csrf,
  };
}

export async function principalFromToken(store: Store, token: string): Promise<Principal | null> {
  const rows = await store.read((db) =>
    db.select().from(apiTokens).where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt))),
  );
  const row = rows[0];
  if (!row) return null;
  return { kind: 'token', userId: row.createdBy, name: row.name, role: row.role, streetCodes: row.streetCodes, csrfToken: null };
}

async function streetsOf(store: Store, userId: number): Promise<string[]> {
  const rows = await store.read((db) => db.select({ s: userStreets.streetCode }).from(userStreets).where(eq(userStreets.userId, userId)));
  return rows.map((r) => r.s);
}

/** Checks the password and opens a session. Returns null on any failure, after the same work. */
export async function login(store: Store, username: string, password: string): Promise<{ cookie: string; csrfToken: string; user: { id: number; username: string; displayName: string; role: Role; streetCodes: string[] } } | null> {
  const [user] = await store.read((db) => db.select().from(users).where(eq(users.username, username)));
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.disabled) return null;
  const cookie = randomToken();
  const csrfToken = randomToken();
  await store.write(async (tx) => {
    await tx.delete(sessions).where(lt(sessions.expiresAt, new Date().toISOString()));
    await tx.insert(sessions).values({
      idHash: sha256(cookie), userId: user.id, csrfToken, expiresAt: new Date(Date.now() + SESSION_TTL_MS).toISOString(),
    });
    await audit(tx, { actor: `user:${user.username}`, action: 'login', entity: 'session', entityId: user.id });
  });
  return {
    cookie, csrfToken,
    user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, streetCodes: await streetsOf(store, user.id) },
  };
}

export async function logout(store: Store, cookieValue: string): Promise<void> {
  await store.write((tx) => tx.delete(sessions).where(eq(sessions.idHash, sha256(cookieValue))));
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  streetCodes: string[];
}

export async function createUser(store: Store, actor: string, u: NewUser): Promise<{ id: number }> {
  const passwordHash = await hashPassword(u.password);
  return store.write(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({ username: u.username, displayName: u.displayName, role: u.role, passwordHash })
      .returning({ id: users.id });
    if (!row) throw new Error('insert returned nothing');
    if (u.streetCodes.length) await tx.insert(userStreets).values(u.streetCodes.map((s) => ({ userId: row.id, streetCode: s })));
    await audit(tx, { actor, action: 'create', entity: 'user', entityId: row.id, after: { username: u.username, role: u.role, streetCodes: u.streetCodes } });
    return row;
  });
}

export async function createApiToken(store: Store, actor: string, createdBy: number | null, t: { name: string; role: Role; streetCodes: string[] }, token = randomToken('pbt_')): Promise<{ id: number; token: string }> {
  return store.write(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ name: t.name, role: t.role, streetCodes: t.streetCodes, tokenHash: sha256(token), createdBy })
      .returning({ id: apiTokens.id });
    if (!row) throw new Error('insert returned nothing');
    await audit(tx, { actor, action: 'create', entity: 'api_token', entityId: row.id, after: t });
    return { id: row.id, token };
  });
}

/** First start: an admin with ADMIN_PASSWORD, or a random password printed once. */
export async function ensureAdmin(store: Store, password: string | undefined, print: (line: string) => void): Promise<void> {
  const existing = await store.read((db) => db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1));
  if (existing.length) return;
  const chosen = password ?? randomToken().slice(0, 20);
  await createUser(store, 'system', { username: 'admin', displayName: '系统管理员', role: 'admin', password: chosen, streetCodes: [] });
  if (!password) print(`Created user "admin" with password: ${chosen}  (shown once; set ADMIN_PASSWORD to choose it)`);
}

/** DISPLAY_TOKEN seeds a read-only wall-display token (once; an admin can revoke it). */
export async function ensureDisplayToken(store: Store, token: string | undefined): Promise<void> {
  if (!token) return;
  const hash = sha256(token);
  const existing = await store.read((db) => db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.tokenHash, hash)));
  if (existing.length) return;
  await createApiToken(store, 'system', null, { name: 'display (DISPLAY_TOKEN)', role: 'display', streetCodes: [] }, token);
}
