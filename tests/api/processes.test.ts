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

  it("carries an edit made through one process to the other's event stream (LISTEN/NOTIFY) and coverage", async () => {
    const display = { authorization: `Bearer ${TEST_DISPLAY_TOKEN}` };
    const summary = async () => {
      const res = await fetch(`${b.base}/api/coverage/summary?level=street&id=310106012`, { headers: display });
      expect(res.status).toBe(200);
      return (await res.json()) as { rates: { workersServed: { numerator: number } } };
    };
    const before = await summary();
    const ctrl = new AbortController();
    const stream = await fetch(`${b.base}/api/events?token=${TEST_DISPLAY_TOKEN}`, { signal: ctrl.signal });
    expect(stream.status).toBe(200);
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const until = async (pattern: RegExp, ms: number) => {
      const deadline = Date.now() + ms;
      while (!pattern.test(text)) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no ${pattern} in ${ms} ms: ${text}`);
        const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), left))]);
        if (!chunk) continue;
        if (chunk.done) throw new Error('stream ended');
        text += decoder.decode(chunk.value);
      }
    };
    try {
      await until(/event: hello/, 10_000);
      // Let B's hub take its first reading of the log, then edit through A: wider station reach.
      await new Promise((r) => setTimeout(r, 1_000));
      const login = await fetch(`${a.base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const session = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '', 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };
      const cfgRes = await fetch(`${a.base}/api/coverage/reach-config`, { headers: session });
      const cfg = (await cfgRes.json()) as { reachByType: Record<string, number> };
      const wider = { ...cfg, reachByType: Object.fromEntries(Object.keys(cfg.reachByType).map((k) => [k, 2000])) };
      const put = await fetch(`${a.base}/api/coverage/reach-config`, {
        method: 'PUT',
        headers: { ...session, 'content-type': 'application/json', 'if-match': cfgRes.headers.get('etag') ?? '' },
        body: JSON.stringify(wider),
      });
      expect(put.status).toBe(200);
      const sent = Date.now();
      // B polls its log only every 30 s as a safety net: an event well before that came by NOTIFY.
      await until(/event: change\ndata: .*"settings"/, 10_000);
      console.log(`process B heard process A's edit in ${Date.now() - sent} ms`);
    } finally {
      ctrl.abort();
    }
    const after = await summary();
    expect(after.rates.workersServed.numerator).toBeGreaterThan(before.rates.workersServed.numerator);
  });
});
