import { startTempPostgres, type TempPostgres } from '../integration/migrations-postgres.helper';
import { bootTestApp, seedTenant, stateOf, tinyCounts, type TestApp } from './api-test-app';

/** The same API on PostgreSQL (DATABASE_URL): migrations at boot, tenants, keys, segments, conversations, isolation. */
describe('API on PostgreSQL (skipped without PostgreSQL; set TEST_DATABASE_URL)', () => {
  let pg: TempPostgres | undefined;
  let t: TestApp | undefined;
  let a: Record<string, string> = {};
  let b: Record<string, string> = {};

  beforeAll(async () => {
    pg = startTempPostgres();
    if (!pg) return;
    t = await bootTestApp({ DATABASE_URL: pg.url });
    a = await seedTenant(t, 'pg-a', 1, 60, { editor: ['editor'], viewer: ['viewer'] });
    b = await seedTenant(t, 'pg-b', 5001, 20, { editor: ['editor'] });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    pg?.stop();
  });

  it('runs the conversation -> save -> count -> export flow', async () => {
    if (!t) return void process.stdout.write('PostgreSQL not available: skipped\n');
    const conv = await t.app.inject({
      method: 'POST',
      url: '/v1/conversations',
      headers: { 'x-api-key': a['editor']! },
      payload: { text: 'customers in Florida' },
    });
    expect(conv.statusCode).toBe(201);
    const expected = tinyCounts(60, (i) => stateOf(i) === 'FL');
    expect(conv.json().count).toBe(expected);
    const saved = await t.app.inject({
      method: 'POST',
      url: '/v1/segments',
      headers: { 'x-api-key': a['editor']! },
      payload: { name: 'FL', segment: conv.json().segment },
    });
    expect(saved.statusCode).toBe(201);
    const id = saved.json().id;
    const up = await t.app.inject({
      method: 'PUT',
      url: `/v1/segments/${id}`,
      headers: { 'x-api-key': a['editor']! },
      payload: {
        segment: { version: 1, where: { kind: 'attribute', facet: 'state', op: 'in', values: ['FL', 'WA'] } },
      },
    });
    expect(up.json().version).toBe(2);
    const csv = await t.app.inject({
      method: 'GET',
      url: `/v1/segments/${id}/export`,
      headers: { 'x-api-key': a['viewer']! },
    });
    expect(csv.body.trim().split('\n').length - 1).toBe(
      tinyCounts(60, (i) => stateOf(i) === 'FL' || stateOf(i) === 'WA'),
    );
    const hist = await t.app.inject({
      method: 'GET',
      url: `/v1/conversations/${conv.json().conversation_id}`,
      headers: { 'x-api-key': a['viewer']! },
    });
    expect(hist.json().turns).toHaveLength(1);
    // isolation holds on PostgreSQL too
    for (const url of [
      `/v1/segments/${id}`,
      `/v1/segments/${id}/count`,
      `/v1/conversations/${conv.json().conversation_id}`,
    ]) {
      expect((await t.app.inject({ method: 'GET', url, headers: { 'x-api-key': b['editor']! } })).statusCode).toBe(404);
    }
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.json().info.database.status).toBe('up');
  });
});
