// GET /api/events: Server-Sent Events. A `hello` on connect, a `change` whenever data changes, and a
// `heartbeat` every 15 s so proxies keep the stream open and clients can tell it is alive.
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../http/context.js';
import { resolvePrincipal } from '../auth/middleware.js';
import { guard } from '../auth/access.js';

export const HEARTBEAT_MS = 15_000;

export const eventRoutes = new Hono<AppEnv>();
eventRoutes.use('/', guard('events'));
eventRoutes.get('/', (c) => {
  const hub = c.get('services').events;
  return streamSSE(c, async (stream) => {
    let open = true;
    const queue: string[] = [];
    let wake: (() => void) | null = null;
    const unsubscribe = hub.subscribe((e) => {
      queue.push(JSON.stringify(e));
      wake?.();
    });
    stream.onAbort(() => {
      open = false;
      unsubscribe();
      wake?.();
    });
    await stream.writeSSE({ event: 'hello', data: JSON.stringify({ at: new Date().toISOString(), heartbeatMs: HEARTBEAT_MS }), retry: 3000 });
    while (open) {
      while (queue.length) await stream.writeSSE({ event: 'change', data: queue.shift() as string });
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, HEARTBEAT_MS);
      });
      wake = null;
      if (open && queue.length === 0) {
        // A revoked token or ended session closes the stream at the next heartbeat.
        const still = await resolvePrincipal(c).catch(() => null);
        if (!still) break;
        // An event, not an SSE comment: browsers' EventSource hides comments, and walls watch heartbeats to spot staleness.
        await stream.writeSSE({ event: 'heartbeat', data: new Date().toISOString() });
      }
    }
    unsubscribe();
  });
});
