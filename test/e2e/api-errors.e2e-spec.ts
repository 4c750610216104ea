import { Understander } from '../../apps/api/src/engine/engine.ports';
import { ADMIN_KEY, bootTestApp, seedTenant, type TestApp } from './api-test-app';

const SHAPE = { code: expect.any(String), message: expect.any(String) };

describe('API error bodies: one {code, message, details} for every failure', () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await bootTestApp(
      { BODY_LIMIT_BYTES: '4096' },
      {
        override: (b) =>
          b.overrideProvider(Understander).useValue({
            understand: async (text: string) => {
              if (text.includes('explode')) throw new Error('secret internal detail at /srv/app.ts:42');
              return { status: 'refuse', reason: 'test' };
            },
          }),
      },
    );
    key = (await seedTenant(t, 'errs', 1, 10, { editor: ['editor'] }))['editor']!;
  }, 60_000);
  afterAll(async () => t?.close());

  const h = () => ({ 'x-api-key': key, 'content-type': 'application/json' });

  it('class-validator failures: 400 BAD_INPUT with details per field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/segments',
      headers: h(),
      payload: { name: '', segment: 'nope', extra: 1 },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body).toMatchObject({ ...SHAPE, code: 'BAD_INPUT' });
    const paths = body.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['extra', 'name', 'segment']));
  });

  it('malformed JSON: 400 INVALID_JSON', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/segments', headers: h(), payload: '{"name": "x", ' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 'INVALID_JSON', message: expect.any(String) });
  });

  it('a body over BODY_LIMIT_BYTES: 413 BAD_INPUT', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/segments',
      headers: h(),
      payload: JSON.stringify({ name: 'x'.repeat(10_000), segment: {} }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ ...SHAPE, code: 'BAD_INPUT' });
  });

  it('an unsupported content type: 415 BAD_INPUT', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/segments',
      headers: { 'x-api-key': key, 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ ...SHAPE, code: 'BAD_INPUT' });
  });

  it('an invalid segment: 422 INVALID_SEGMENT with paths', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/segments/count',
      headers: h(),
      payload: { segment: { version: 1, where: { kind: 'attribute', facet: 'shoe_size', op: 'eq', value: 9 } } },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'INVALID_SEGMENT',
      details: [{ path: 'where.facet', code: 'UNKNOWN_FACET' }],
    });
  });

  it('an unknown route: 404 NOT_FOUND', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/nothing-here', headers: h() });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ ...SHAPE, code: 'NOT_FOUND' });
  });

  it('a missing key: 401 UNAUTHORIZED; a missing thing: 404 NOT_FOUND', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/v1/segments' })).json()).toMatchObject({ code: 'UNAUTHORIZED' });
    const res = await t.app.inject({
      method: 'GET',
      url: '/v1/segments/00000000-0000-4000-8000-000000000000',
      headers: h(),
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a conflict: 409 CONFLICT', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/tenants',
      headers: { 'x-api-key': ADMIN_KEY },
      payload: { id: 'errs', name: 'again' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CONFLICT' });
  });

  it('anything unknown: 500 INTERNAL with a generic message and no stack', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/conversations',
      headers: h(),
      payload: { text: 'please explode' },
    });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ code: 'INTERNAL', message: 'An internal error occurred' });
    expect(res.body).not.toMatch(/secret|srv|stack|at /);
  });

  it('the same error as an SSE error event when streaming', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/conversations',
      headers: { ...h(), accept: 'text/event-stream' },
      payload: { text: 'please explode' },
    });
    expect(res.body).toContain('event: error\ndata: {"code":"INTERNAL","message":"An internal error occurred"}');
  });
});

describe('API rate limits: 429 RATE_LIMITED with Retry-After', () => {
  let t: TestApp;
  let keys: Record<string, string>;
  beforeAll(async () => {
    t = await bootTestApp({ RATE_LIMIT_PER_KEY: '3', RATE_LIMIT_PER_TENANT: '5', RATE_LIMIT_TTL_SECONDS: '60' });
    keys = await seedTenant(t, 'busy', 1, 5, { k1: ['viewer'], k2: ['viewer'], k3: ['viewer'] });
  }, 60_000);
  afterAll(async () => t?.close());

  it('limits each key, then the tenant as a whole', async () => {
    const call = (k: string) => t.app.inject({ method: 'GET', url: '/v1/me', headers: { 'x-api-key': keys[k]! } });
    for (let i = 0; i < 3; i++) expect((await call('k1')).statusCode).toBe(200);
    const limited = await call('k1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/key/) });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // k2 has its own key budget, but the tenant's (5) runs out after 2 more (a refused call is not counted).
    expect((await call('k2')).statusCode).toBe(200);
    expect((await call('k2')).statusCode).toBe(200);
    const tenantLimited = await call('k3');
    expect(tenantLimited.statusCode).toBe(429);
    expect(tenantLimited.json().message).toMatch(/tenant/);
  });

  it("uses a tenant's own limits when the admin sets them", async () => {
    const admin = { 'x-api-key': ADMIN_KEY };
    await t.app.inject({
      method: 'POST',
      url: '/admin/tenants',
      headers: admin,
      payload: { id: 'tight', name: 'Tight' },
    });
    await t.app.inject({
      method: 'PUT',
      url: '/admin/tenants/tight/rate-limits',
      headers: admin,
      payload: { perKey: 1 },
    });
    const k = (
      await t.app.inject({
        method: 'POST',
        url: '/admin/tenants/tight/keys',
        headers: admin,
        payload: { name: 'k', roles: ['viewer'] },
      })
    ).json().key;
    expect((await t.app.inject({ method: 'GET', url: '/v1/me', headers: { 'x-api-key': k } })).statusCode).toBe(200);
    const res = await t.app.inject({ method: 'GET', url: '/v1/me', headers: { 'x-api-key': k } });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('never limits the health probes', async () => {
    for (let i = 0; i < 10; i++)
      expect((await t.app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
  });
});

describe('API rate limits: guessing keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp({ RATE_LIMIT_ANONYMOUS: '5' });
  }, 60_000);
  afterAll(async () => t?.close());

  it('counts calls with a wrong key per address: 401 until the limit, then 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/v1/segments',
        headers: { 'x-api-key': `ssk_guess_${i}` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });
});
