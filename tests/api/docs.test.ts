// API documentation: the OpenAPI document and Swagger UI, every asset served locally.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../helpers/stores.js';
import { client, type Client } from '../helpers/client.js';

describe('API documentation', () => {
  let t: TestStore;
  let c: Client;
  beforeAll(async () => {
    t = await openTestStore('pglite');
    c = client(t.services);
  });
  afterAll(() => t?.dispose());

  it('serves an OpenAPI 3 document covering the application API and the OGC API', async () => {
    const res = await c.get('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown>; components: { responses: Record<string, { headers?: Record<string, unknown> }> } };
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/auth/login', '/api/auth/logout', '/api/auth/me', '/api/tokens', '/api/tokens/{id}', '/api/users', '/api/health', '/ogc', '/ogc/collections/buildings/items', '/ogc/tileMatrixSets/WebMercatorQuad', '/ogc/collections/buildings/tiles/WebMercatorQuad', '/ogc/collections/buildings/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}', '/ogc/collections/roads/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}', '/api/coverage/summary', '/api/coverage/gaps', '/api/wall/summary', '/api/wall/tour', '/api/events', '/api/search', '/api/config']) {
      expect(doc.paths, p).toHaveProperty([p]);
    }
    // Coverage figures while the first build runs, and any database fault, are a documented 503 with Retry-After.
    type Response = { headers?: Record<string, unknown>; $ref?: string };
    const ops = doc.paths as Record<string, Record<string, { responses?: Record<string, Response> }>>;
    const resolved = (r: Response | undefined) => (r?.$ref ? doc.components.responses[r.$ref.split('/').pop() as string] : r);
    const withErrors = Object.entries(ops).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => Object.keys(op.responses ?? {}).some((s) => s.startsWith('4')))
        .map(([method, op]) => ({ at: `${method} ${path}`, op })),
    );
    expect(withErrors.length).toBeGreaterThan(40);
    expect(withErrors.filter(({ op }) => !resolved(op.responses?.['503'])?.headers?.['Retry-After']).map((w) => w.at)).toEqual([]);
    expect(ops['/api/coverage/summary']?.get?.responses?.['503']).toMatchObject({ description: expect.stringContaining('coverage_computing') });
  });

  it('serves Swagger UI with local assets only', async () => {
    const html = await (await c.get('/api/docs')).text();
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string);
    expect(refs.length).toBeGreaterThan(2);
    for (const ref of refs) {
      expect(ref.startsWith('/'), ref).toBe(true);
      expect((await c.get(ref)).status, ref).toBe(200);
    }
    const bundle = await c.get('/api/docs/assets/swagger-ui-bundle.js');
    expect(bundle.headers.get('content-type')).toContain('javascript');
  });
});
