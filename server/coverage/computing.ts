// The coverage figures are not there yet: the first build after start-up is still running. The server listens
// before that build (issue 18 point 4), so a request for figures meanwhile is answered 503 with Retry-After and
// this, never made to wait for minutes or answered with stale or empty figures.
export class CoverageComputing extends Error {
  constructor(readonly retryAfterS: number) {
    super('The coverage figures are being computed after start-up; try again in a few seconds.');
    this.name = 'CoverageComputing';
  }
}
