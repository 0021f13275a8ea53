// A worker thread with its own store on the embedded database (storeOverPort), driven by the test through
// messages: what another thread (the coverage engine's build) does with a port from connectPort().
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import { storeOverPort } from '../../server/db/store-port.js';
import { rows } from '../../server/db/database.js';

const store = storeOverPort((workerData as { port: MessagePort }).port);
const tell = (m: unknown) => parentPort!.postMessage(m);
let heard = 0;
await store.listen('changes', () => heard++);

parentPort!.on('message', (m: { do: string; action?: string }) => {
  void (async () => {
    try {
      if (m.do === 'write') {
        const written = store.write((tx) => tx.execute(sql`INSERT INTO audit_log (actor, action, entity) VALUES ('port', ${m.action}, 'test')`));
        tell({ asked: 'write' });
        await written;
        tell({ done: 'write' });
      } else if (m.do === 'hold') {
        // A write unit that never ends: its thread will be stopped while it holds the connection.
        await store.write(async (tx) => {
          await tx.execute(sql`INSERT INTO audit_log (actor, action, entity) VALUES ('port', 'held', 'test')`);
          tell({ inside: 'hold' });
          await new Promise(() => undefined);
        });
      } else if (m.do === 'count') {
        const [r] = await store.read((db) => rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_log WHERE actor = 'port'`));
        tell({ count: r?.n, heard });
      } else if (m.do === 'fail') {
        await store.write((tx) => tx.execute(sql`INSERT INTO no_such_table VALUES (1)`));
      } else if (m.do === 'close') {
        await store.close();
        tell({ done: 'close' });
      }
    } catch (err) {
      const e = err as { message?: string; cause?: { code?: string } };
      tell({ error: e.message, code: e.cause?.code });
    }
  })();
});
tell({ ready: true });
