// What every request handler can reach through the Hono context.
import type { Store } from '../db/store.js';
import type { Principal } from '../auth/principal.js';
import type { Env } from '../env.js';
import type { LoginLimiter } from '../auth/rate-limit.js';
import type { CoverageEngine } from '../coverage/engine.js';
import type { EventHub } from '../events/hub.js';

export interface AppServices {
  store: Store;
  /** Where the wall and the public pages read: a replica (DATABASE_READ_URL) or, without one, the store. */
  readStore?: Store;
  env: Env;
  loginLimiter: LoginLimiter;
  coverage: CoverageEngine;
  events: EventHub;
}

export interface AppEnv {
  Variables: {
    store: Store;
    readStore: Store;
    services: AppServices;
    principal: Principal | null;
  };
}
