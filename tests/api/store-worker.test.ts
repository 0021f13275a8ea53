// The embedded database in its own thread (ADR 0016): while PGlite runs a statement the request thread keeps
// serving; other threads get their own store on the same database with the same serialisation; a thread that
// dies mid-unit leaves nothing half-written and blocks nobody; a store whose database is gone answers 503.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MessageChannel, type Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';
import { storeOverPort, DatabaseDown } from '../../server/db/store-port.js';
import { startTsWorker } from '../../server/db/ts-worker.js';
import { dbFaultOf } from '../../server/db/faults.js';
import { openTestStore, type TestStore } from '../helpers/stores.js';
import { client } from '../helpers/client.js';
import { closeNow, serveOnLoopback } from '../helpers/serve.js';

describe('PGlite in a worker thread', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore('pglite');
  });
  afterAll(() => t?.dispose());

  it('serves HTTP and timers while a statement runs: both answer before the statement ends', async () => {
    // The statement ends only when the test says so (a file appearing in the data directory), or after 20 s saying
    // "timed out": the order below cannot come from timing. With PGlite on this thread (before ADR 0016) nothing
    // after the call ran until the statement gave up: this test failed.
    const pgdata = join(dirname(t.store.ownerLock!.path), 'pglite');
    const release = `release-${Date.now()}`;
    const { server, base } = await serveOnLoopback(client(t.services).app.fetch);
    try {
      const order: string[] = [];
      // A function that polls for the file (a temporary one: it goes with the session).
      await t.store.write((tx) =>
        tx.execute(sql.raw(`CREATE OR REPLACE FUNCTION pg_temp.wait_for(f text) RETURNS text LANGUAGE plpgsql AS $$
          BEGIN
            FOR i IN 1..400 LOOP
              IF (pg_stat_file(f, true)).size IS NOT NULL THEN RETURN 'released'; END IF;
              PERFORM pg_sleep(0.05);
            END LOOP;
            RETURN 'timed out';
          END $$`)),
      );
      const statement = t.store
        .read((db) => rows<{ ended: string }>(db, sql`SELECT pg_temp.wait_for(${release}) AS ended`))
        .then((r) => {
          order.push('statement');
          return r[0]?.ended;
        });
      await new Promise((r) => setImmediate(r));
      order.push('tick');
      const res = await fetch(`${base}/ogc`);
      expect(res.status).toBe(200);
      order.push('http');
      writeFileSync(join(pgdata, release), 'go');
      expect(await statement).toBe('released');
      expect(order).toEqual(['tick', 'http', 'statement']);
    } finally {
      await closeNow(server);
    }
  });

  describe('a store over a port in another thread', () => {
    let worker: Worker;
    const inbox: Record<string, unknown>[] = [];
    const next = (key: string) =>
      new Promise<Record<string, unknown>>((resolve) => {
        const look = () => {
          const i = inbox.findIndex((m) => key in m || 'error' in m);
          if (i >= 0) resolve(inbox.splice(i, 1)[0]!);
          else setTimeout(look, 5);
        };
        look();
      });
    const ask = (m: unknown, key: string) => {
      worker.postMessage(m);
      return next(key);
    };
    const countPort = () =>
      t.store.read((db) => rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_log WHERE actor = 'port'`)).then((r) => r[0]!.n);

    beforeAll(async () => {
      const port = t.store.connectPort!();
      worker = startTsWorker(new URL('../helpers/store-port-worker.ts', import.meta.url), { workerData: { port }, transferList: [port] });
      worker.on('message', (m: Record<string, unknown>) => inbox.push(m));
      await next('ready');
    });
    afterAll(() => worker?.terminate());

    it('writes and reads the same database, and the owner hears its commits', async () => {
      const before = await countPort();
      let heard = 0;
      const stop = await t.store.listen('changes', () => heard++);
      expect(await ask({ do: 'write', action: 'one' }, 'asked')).toEqual({ asked: 'write' });
      expect(await next('done')).toEqual({ done: 'write' });
      expect(await countPort()).toBe(before + 1);
      // The worker's store hears the owner's commits too.
      await t.store.write((tx) => tx.execute(sql`INSERT INTO audit_log (actor, action, entity) VALUES ('port', 'owner', 'test')`));
      const seen = await ask({ do: 'count' }, 'count');
      expect(seen.count).toBe(before + 2);
      expect(seen.heard).toBeGreaterThanOrEqual(1);
      await new Promise((r) => setImmediate(r));
      expect(heard).toBeGreaterThanOrEqual(1);
      await stop();
    });

    it("does not interleave with the owner's transaction: its write waits until the owner's unit ends", async () => {
      const before = await countPort();
      let wroteInside = false;
      await t.store.write(async (tx) => {
        await tx.execute(sql`INSERT INTO audit_log (actor, action, entity) VALUES ('port', 'owner-tx', 'test')`);
        await ask({ do: 'write', action: 'during' }, 'asked');
        // Round trips through the database thread: the worker's unit has long been queued by now.
        for (let i = 0; i < 5; i++) await tx.execute(sql`SELECT 1`);
        wroteInside = inbox.some((m) => m.done === 'write');
      });
      expect(wroteInside).toBe(false);
      expect(await next('done')).toEqual({ done: 'write' });
      expect(await countPort()).toBe(before + 2);
    });

    it('keeps the SQLSTATE of an error across the thread boundary', async () => {
      expect(await ask({ do: 'fail' }, 'error')).toMatchObject({ code: '42P01' });
      const err = await t.store.write((tx) => tx.execute(sql`INSERT INTO no_such_table VALUES (1)`)).catch((e: unknown) => e);
      expect((err as { cause?: { code?: string; severity?: string } }).cause).toMatchObject({ code: '42P01', severity: 'ERROR' });
    });

    it('a thread that dies holding a write unit: its write is rolled back and the owner is not blocked', async () => {
      const before = await countPort();
      expect(await ask({ do: 'hold' }, 'inside')).toEqual({ inside: 'hold' });
      await worker.terminate();
      expect(await countPort()).toBe(before);
      await t.store.write((tx) => tx.execute(sql`INSERT INTO audit_log (actor, action, entity) VALUES ('port', 'after', 'test')`));
      expect(await countPort()).toBe(before + 1);
    });
  });

  it('a store whose database thread is gone fails every call with a 503 fault, never hangs', async () => {
    const { port1, port2 } = new MessageChannel();
    const store = storeOverPort(port1);
    const pending = store.read((db) => db.execute(sql`SELECT 1`));
    port2.close();
    const err = await pending.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseDown);
    expect(dbFaultOf(err)).toBe('unavailable');
    expect(dbFaultOf(await store.write(async () => 1).catch((e: unknown) => e))).toBe('unavailable');
  });
});
