// /api/events over a real socket: a hello, then a change event for a write made anywhere (here: SQL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerType } from '@hono/node-server';
import { closeNow, serveOnLoopback } from '../helpers/serve.js';
import { sql } from 'drizzle-orm';
import { createApp } from '../../server/app.js';
import { openTestStore, type TestStore } from '../helpers/stores.js';
import { TEST_DISPLAY_TOKEN } from '../helpers/constants.js';

describe('live events (Server-Sent Events)', () => {
  let t: TestStore;
  let server: ServerType;
  let base: string;
  beforeAll(async () => {
    t = await openTestStore('pglite');
    const app = createApp(t.services);
    ({ server, base } = await serveOnLoopback(app.fetch));
  });
  afterAll(async () => {
    await closeNow(server);
    await t?.dispose();
  });

  it('streams hello, then a change naming the tables a write touched', async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${base}/api/events?token=${TEST_DISPLAY_TOKEN}`, { signal: ctrl.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const until = async (pattern: RegExp, ms: number) => {
      const deadline = Date.now() + ms;
      while (!pattern.test(text)) {
        if (Date.now() > deadline) throw new Error(`no ${pattern} in ${ms} ms: ${text}`);
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        text += decoder.decode(value);
      }
    };
    await until(/event: hello/, 5_000);
    // Let the hub take its first reading, then write behind the API's back.
    await new Promise((r) => setTimeout(r, 800));
    const started = Date.now();
    await t.store.write((tx) => tx.execute(sql`UPDATE stations SET hours = '全天' WHERE id = 1`));
    await until(/event: change\ndata: .*"stations"/, 5_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    // An activity is news for a wall too (its "this month" figure).
    await t.store.write((tx) => tx.execute(sql`UPDATE activities SET participants = participants + 1 WHERE id = (SELECT min(id) FROM activities)`));
    await until(/event: change\ndata: .*"activities"/, 5_000);
    ctrl.abort();
  });

  it('refuses an anonymous stream', async () => {
    expect((await fetch(`${base}/api/events`)).status).toBe(401);
  });
});
