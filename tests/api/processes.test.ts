// More than one API process on one PostgreSQL database, as in production (docs/deploy.md): real
// server processes (server/main.ts) started against a throwaway database on the CI PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { startServer, throwawayDatabase, type ServerProcess } from '../helpers/processes.js';
import { migrationFiles } from '../../server/db/migrate.js';
import { testEnv } from '../helpers/stores.js';
import { TEST_ADMIN_PASSWORD, TEST_DISPLAY_TOKEN } from '../helpers/constants.js';

const url = testEnv.TEST_DATABASE_URL;

describe.skipIf(!url)('two API processes on one PostgreSQL database', () => {
  let db: Awaited<ReturnType<typeof throwawayDatabase>>;
  let sql: postgres.Sql;
  let a: ServerProcess;
  let b: ServerProcess;
  const env = () => ({ DATABASE_URL: db.url, ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, DISPLAY_TOKEN: TEST_DISPLAY_TOKEN });

  beforeAll(async () => {
    db = await throwawayDatabase(url as string);
    sql = postgres(db.url, { max: 1, onnotice: () => undefined });
    // Both at once on an empty database: migrations and the first demo load race unless they are locked.
    [a, b] = await Promise.all([startServer(env()), startServer(env())]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await sql?.end();
    await db?.drop();
  });

  it('both come up on an empty database; it is migrated once and filled once', async () => {
    for (const p of [a, b]) {
      const res = await fetch(`${p.base}/api/health`);
      expect(res.status).toBe(200);
    }
    const loaded = [a, b].filter((p) => p.output().includes('Loaded the demo territory'));
    expect(loaded).toHaveLength(1);
    const [m] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM schema_migrations`;
    expect(m?.n).toBe(migrationFiles().length);
    const [u] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM users WHERE role = 'admin'`;
    expect(u?.n).toBe(1);
    const [t] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM api_tokens WHERE role = 'display'`;
    expect(t?.n).toBe(1);
  });
});
