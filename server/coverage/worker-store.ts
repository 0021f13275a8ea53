// The coverage worker's own PostgreSQL connection: a read/write Store like openPostgres's, without migrations
// (the server ran them) and without a statement timeout (the city's bulk load runs for tens of seconds, off the
// request thread; the requests' own connections keep theirs). Two connections: the worker runs one unit at a time.
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import * as schema from '../db/schema.js';
import type { Db, Store } from '../db/store.js';
import { CONNECT_TIMEOUT_S } from '../db/store.js';

export function openWorkerPostgres(url: string): Store {
  const client = postgres(url, {
    max: 2,
    onnotice: () => undefined,
    connect_timeout: CONNECT_TIMEOUT_S,
    connection: { TimeZone: 'UTC', statement_timeout: 0, jit: 'off', application_name: 'pbmap-coverage' },
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    kind: 'postgres',
    read: (fn) => fn(db),
    write: (fn) => db.transaction((tx) => fn(tx as unknown as Db)),
    execScript: async (script) => {
      await client.begin((tx) => tx.unsafe(script));
    },
    listen: async () => {
      throw new Error('The coverage worker does not listen');
    },
    close: () => client.end({ timeout: 5 }),
  };
}
