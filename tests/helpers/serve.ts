// Serves a fetch handler on a loopback port (0 = any free one) and says where.
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';

export async function serveOnLoopback(fetch: (req: Request) => Response | Promise<Response>, port = 0): Promise<{ server: ServerType; base: string }> {
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Closes a server now, including open keep-alive and event-stream connections. */
export async function closeNow(server: ServerType | undefined): Promise<void> {
  if (!server) return;
  (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
  await new Promise((r) => server.close(r));
}
