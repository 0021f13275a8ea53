// Drizzle view of the tables around the territory: accounts and sessions, sign-in attempts, API tokens, the audit
// and change logs, settings, and publications. Re-exported by schema.ts; like it, a mirror of ./migrations.
import { pgTable, text, integer, boolean, timestamp, jsonb, bigint, primaryKey } from 'drizzle-orm/pg-core';

const version = () => integer('version').notNull().default(1);

export type Role = 'admin' | 'official' | 'editor' | 'display';

export const users = pgTable('users', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  role: text('role').$type<Role>().notNull(),
  passwordHash: text('password_hash').notNull(),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  version: version(),
});

export const userStreets = pgTable(
  'user_streets',
  {
    userId: integer('user_id').notNull(),
    streetCode: text('street_code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.streetCode] })],
);

export const sessions = pgTable('sessions', {
  idHash: text('id_hash').primaryKey(),
  userId: integer('user_id').notNull(),
  csrfToken: text('csrf_token').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
});

/** Failed sign-ins per (user, address), address and user (auth/rate-limit.ts); times in ms since the epoch. */
export const loginAttempts = pgTable('login_attempts', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  resetAt: bigint('reset_at', { mode: 'number' }).notNull(),
  lastAt: bigint('last_at', { mode: 'number' }).notNull(),
});

export const apiTokens = pgTable('api_tokens', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull(),
  role: text('role').$type<Role>().notNull(),
  streetCodes: text('street_codes').array().notNull().default([]),
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'string' }),
});

export const auditLog = pgTable('audit_log', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id'),
  note: text('note'),
  before: jsonb('before'),
  after: jsonb('after'),
});

export const changeLog = pgTable('change_log', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  tableName: text('table_name').notNull(),
  rowKey: text('row_key').notNull(),
});

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

// Publications (migration 0006): drafts and their immutable published versions.
export const publications = pgTable('publications', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  slug: text('slug').notNull(),
  title: text('title').notNull(),
  scope: text('scope').notNull(),
  config: jsonb('config').notNull(),
  status: text('status').$type<'draft' | 'published' | 'unpublished'>().notNull().default('draft'),
  currentVersionId: integer('current_version_id'),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  version: version(),
});

export const publicationVersions = pgTable('publication_versions', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  publicationId: integer('publication_id').notNull(),
  number: integer('number').notNull(),
  snapshot: jsonb('snapshot').notNull(),
  redacted: jsonb('redacted').notNull(),
  sha256: text('sha256').notNull(),
  copiedFrom: integer('copied_from'),
  publishedBy: text('published_by').notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});
