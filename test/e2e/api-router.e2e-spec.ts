import { startFakeProviders, type FakeProviders } from '../support/fake-providers';
import { bootTestApp, parseSse, seedTenant, stateOf, tinyCounts, type TestApp } from './api-test-app';

const N = 120;
const CALIFORNIA = { version: 1, where: { kind: 'attribute', facet: 'state', op: 'eq', value: 'CA' } };

/** Sum of a counter's samples whose labels include every `labels` pair. */
function metricSum(text: string, name: string, labels: Record<string, string>): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    if (!Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

describe('API conversations through the model router (fake OpenAI-compatible provider)', () => {
  let f: FakeProviders;
  let t: TestApp;
  let key: string;

  beforeAll(async () => {
    f = await startFakeProviders();
    // The threshold's maximum (the setting is 0..1): every local segment below full confidence
    // goes to the model. The requests below hold a misspelt state, read locally with 0.95.
    t = await bootTestApp({
      OPENAI_API_KEY: 'test-key-not-secret',
      OPENAI_BASE_URL: f.openai.sdkBaseUrl,
      LLM_CONFIDENCE_THRESHOLD: '1',
    });
    key = (await seedTenant(t, 'acme', 1, N, { editor: ['editor'] })).editor!;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await f?.close();
  });
  beforeEach(() => f.reset());

  const converse = (text: string, accept?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/conversations',
      headers: { 'x-api-key': key, ...(accept ? { accept } : {}) },
      payload: { text },
    });

  it('answers with the verified model segment, names the model, and counts tokens and cost per tenant', async () => {
    f.openai.setDefault({ kind: 'json', value: { segment: CALIFORNIA } });
    const res = await converse('customers in caifornia');
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ status: 'segment', answered_by: 'openai:gpt-4.1-mini', segment: CALIFORNIA });
    expect(body.count).toBe(tinyCounts(N, (i) => stateOf(i) === 'CA'));
    expect(typeof body.explanation).toBe('string');
    expect(f.openai.requests.length).toBeGreaterThanOrEqual(1);
    // the key went to the provider, never into the answer
    expect(res.body).not.toContain('test-key-not-secret');

    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    const labels = { tenant_id: 'acme', provider: 'openai', model: 'gpt-4.1-mini' };
    expect(metricSum(metrics.body, 'llm_tokens_total', labels)).toBeGreaterThan(0);
    expect(metricSum(metrics.body, 'llm_cost_usd_total', labels)).toBeGreaterThan(0);
    expect(metricSum(metrics.body, 'llm_call_latency_seconds_count', { provider: 'openai' })).toBeGreaterThan(0);
  });

  it('keeps the SSE steps unchanged and reports who answered in the answer event', async () => {
    f.openai.setDefault({ kind: 'json', value: { segment: CALIFORNIA } });
    const res = await converse('people in caifornia', 'text/event-stream');
    expect(res.statusCode).toBe(201);
    const events = parseSse(res.body);
    expect(events.map((e) => e.event)).toEqual(['conversation', 'understand', 'verify', 'count', 'answer', 'done']);
    expect(events[4]!.data).toMatchObject({ status: 'segment', answered_by: 'openai:gpt-4.1-mini' });
  });

  it('still answers locally when the provider fails with 500s', async () => {
    f.openai.setDefault({ kind: 'status', status: 500, message: 'down' });
    const res = await converse('customers in texaas');
    expect([200, 201]).toContain(res.statusCode);
    const body = res.json();
    expect(body.answered_by).toBe('local');
    expect(body.status).toBe('segment');
    expect(body.count).toBe(tinyCounts(N, (i) => stateOf(i) === 'TX'));
    expect(body.notes).toEqual(expect.arrayContaining([expect.stringMatching(/unavailable/)]));
    expect(f.openai.requests.length).toBeGreaterThanOrEqual(1);
  }, 30_000);
});

describe('API conversations with no provider configured', () => {
  let t: TestApp;
  let key: string;

  beforeAll(async () => {
    t = await bootTestApp({ LLM_CONFIDENCE_THRESHOLD: '1' });
    key = (await seedTenant(t, 'solo', 1, N, { editor: ['editor'] })).editor!;
  }, 60_000);
  afterAll(async () => t?.close());

  it('answers purely locally, without a notice about models and without touching the LLM metrics', async () => {
    const misses = async () =>
      metricSum((await t.app.inject({ method: 'GET', url: '/metrics' })).body, 'cache_misses_total', {
        cache: 'llm_answer_lru',
      });
    const missesBefore = await misses();
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/conversations',
      headers: { 'x-api-key': key },
      payload: { text: 'customers in texaas' },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ status: 'segment', answered_by: 'local' });
    expect(body.count).toBe(tinyCounts(N, (i) => stateOf(i) === 'TX'));
    expect(JSON.stringify(body.notes ?? [])).not.toMatch(/language model/i);
    // (prom-client's registry is per process: another tenant id than the suite above)
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metricSum(metrics.body, 'llm_tokens_total', { tenant_id: 'solo' })).toBe(0);
    expect(await misses()).toBe(missesBefore);
  });
});
