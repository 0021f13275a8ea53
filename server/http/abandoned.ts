// Work nobody waits for is not done (issue 18 point 2). The request's signal is aborted when its client closes
// the connection (an editor preview superseded, a map viewport left): expensive handlers check it before each
// costly step — notably after waiting their turn for the embedded store, where abandoned previews used to queue
// up and each still ran — and stop. Nobody reads the answer; it is 499 (client closed request), as nginx logs it.

export class ClientGone extends Error {
  constructor() {
    super('The client closed the connection; the work was not done.');
    this.name = 'ClientGone';
  }
}

/** Requests stopped because their client had gone, since start (reported by /api/health). */
export const abandoned = { count: 0 };

/** Throws ClientGone if the request's client has gone. */
export function stillWanted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    abandoned.count++;
    throw new ClientGone();
  }
}
