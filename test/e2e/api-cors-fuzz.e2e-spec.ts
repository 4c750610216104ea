import fc from 'fast-check';
import { bootTestApp, seedTenant, type TestApp } from './api-test-app';

describe('CORS from config (no wildcard)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp({ CORS_ORIGINS: 'https://app.example.com' });
  }, 60_000);
  afterAll(async () => t?.close());

  it('answers a preflight from an allowed origin', async () => {
    const res = await t.app.inject({
      method: 'OPTIONS',
      url: '/v1/segments',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-api-key,content-type',
      },
    });
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(String(res.headers['access-control-allow-headers'])).toMatch(/x-api-key/);
  });

  it('gives no CORS grant to any other origin', async () => {
    const res = await t.app.inject({
      method: 'OPTIONS',
      url: '/v1/segments',
      headers: { origin: 'https://evil.example.net', 'access-control-request-method': 'POST' },
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const get = await t.app.inject({
      method: 'GET',
      url: '/health/live',
      headers: { origin: 'https://evil.example.net' },
    });
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('forged credentials (property-based)', () => {
  let t: TestApp;
  let real: string;
  beforeAll(async () => {
    t = await bootTestApp();
    real = (await seedTenant(t, 'fuzz', 1, 5, { v: ['viewer'] }))['v']!;
  }, 60_000);
  afterAll(async () => t?.close());

  it('any key but a real one gets 401 UNAUTHORIZED (never 2xx, never 500)', async () => {
    const headerValue = fc.string({ minLength: 0, maxLength: 80 }).filter((s) => /^[\x20-\x7e]*$/.test(s));
    const forged = fc.oneof(
      headerValue,
      headerValue.map((s) => `ssk_${s}`),
      fc
        .nat({ max: real.length - 1 })
        .map((i) => `${real.slice(0, i)}${real[i] === 'A' ? 'B' : 'A'}${real.slice(i + 1)}`),
      fc.constant(real.toUpperCase()),
      fc.constant(`${real} `.repeat(2)),
    );
    await fc.assert(
      fc.asyncProperty(forged, fc.constantFrom('x-api-key', 'authorization'), async (key, header) => {
        fc.pre(key.trim() !== real);
        const value = header === 'authorization' ? `Bearer ${key}` : key;
        const res = await t.app.inject({ method: 'GET', url: '/v1/segments', headers: { [header]: value } });
        expect(res.statusCode).toBe(401);
        expect(res.json().code).toBe('UNAUTHORIZED');
      }),
      { numRuns: 150 },
    );
  });
});
