// Node closes an idle kept-alive connection after 5 s by default; a client that sends its next request
// just then gets a reset. Idle connections are kept longer than the longest legitimate response (a
// statement may run DATABASE_STATEMENT_TIMEOUT_S) and longer than a proxy's upstream keep-alive (nginx's
// keepalive_timeout is 60 s), so it is always the client or the proxy that closes first.
import type { Server } from 'node:http';

export const KEEP_ALIVE_MS = 65_000;

export function applyKeepAlive(server: Server, statementTimeoutS: number): void {
  server.keepAliveTimeout = Math.max(KEEP_ALIVE_MS, (statementTimeoutS + 5) * 1000);
  // Must exceed keepAliveTimeout, or Node may drop a request that arrives just as the idle timer ends.
  server.headersTimeout = server.keepAliveTimeout + 1_000;
}
