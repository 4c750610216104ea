import { loadAppConfig } from '@smartseg/common/server';
import { resolveModelRouterSettings, type RouterMetricObjects } from '@smartseg/model-router';
import { modelRouterOptions } from '../../apps/api/src/engine/routed-understander';
import { UnderstandingEngines } from '../../apps/api/src/engine/segment-engine.adapters';
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

  it('keeps the SSE steps, with the router steps between understand and verify, and reports who answered', async () => {
    f.openai.setDefault({ kind: 'json', value: { segment: CALIFORNIA } });
    const res = await converse('people in caifornia', 'text/event-stream');
    expect(res.statusCode).toBe(201);
    const events = parseSse(res.body);
    const names = events.map((e) => e.event);
    const routed = names.filter((n) => n === 'router').length;
    expect(routed).toBeGreaterThan(0);
    expect(names).toEqual([
      'conversation',
      'understand',
      ...Array<string>(routed).fill('router'),
      'verify',
      'count',
      'answer',
      'done',
    ]);
    expect(events.find((e) => e.event === 'answer')!.data).toMatchObject({
      status: 'segment',
      answered_by: 'openai:gpt-4.1-mini',
    });
  });

  it('streams the escalated router steps as `router` events, without the key or the prompt', async () => {
    f.openai.setDefault({ kind: 'json', value: { segment: CALIFORNIA } });
    const text = 'shoppers living in caifornia';
    const res = await converse(text, 'text/event-stream');
    expect(res.statusCode).toBe(201);
    const events = parseSse(res.body);
    const steps = events.filter((e) => e.event === 'router').map((e) => e.data as Record<string, unknown>);
    const types = steps.map((s) => s.type);
    expect(types).toEqual(expect.arrayContaining(['local', 'decide', 'call', 'verify', 'answer']));
    expect(steps.find((s) => s.type === 'decide')).toMatchObject({ escalate: true });
    expect(steps.find((s) => s.type === 'call')).toMatchObject({ provider: 'openai', model: 'gpt-4.1-mini', ok: true });
    expect(steps.find((s) => s.type === 'verify')).toMatchObject({ ok: true });
    expect(steps[steps.length - 1]).toMatchObject({ type: 'answer', answered_by: 'openai:gpt-4.1-mini' });
    // the router events sit between understand and verify
    const names = events.map((e) => e.event);
    expect(names.indexOf('understand')).toBeLessThan(names.indexOf('router'));
    expect(names.lastIndexOf('router')).toBeLessThan(names.indexOf('verify'));
    // no event carries the provider key; no router event carries the prompt (request text, system prompt)
    expect(res.body).not.toContain('test-key-not-secret');
    for (const e of events) expect(JSON.stringify(e.data)).not.toContain('test-key-not-secret');
    for (const s of steps) {
      const json = JSON.stringify(s);
      expect(json).not.toContain('caifornia');
      expect(json).not.toMatch(/apiKey|authorization|prompt|messages/i);
    }
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

  it('streams the fallback step over SSE when the provider fails, without the key', async () => {
    f.openai.setDefault({ kind: 'status', status: 500, message: 'down' });
    const res = await converse('buyers in texaas', 'text/event-stream');
    expect(res.statusCode).toBe(201);
    const events = parseSse(res.body);
    const types = events.filter((e) => e.event === 'router').map((e) => (e.data as { type: string }).type);
    expect(types).toEqual(expect.arrayContaining(['decide', 'fallback', 'answer']));
    expect(events.find((e) => e.event === 'answer')!.data).toMatchObject({ answered_by: 'local', status: 'segment' });
    expect(res.body).not.toContain('test-key-not-secret');
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

  it('streams no router events when no model is configured (the sequence is the local one)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/conversations',
      headers: { 'x-api-key': key, accept: 'text/event-stream' },
      payload: { text: 'people in texaas' },
    });
    expect(res.statusCode).toBe(201);
    expect(parseSse(res.body).map((e) => e.event)).toEqual([
      'conversation',
      'understand',
      'verify',
      'count',
      'answer',
      'done',
    ]);
  });
});

describe('the router answer cache from the app config', () => {
  const metrics = {} as RouterMetricObjects;
  const base = {
    SMARTSEG_HOME: '/tmp/smartseg-cache-options',
    ADMIN_API_KEY: 'admin-key-0123456789abcdef',
    API_KEY_PEPPER: 'test-pepper-0123456789',
  };
  const cacheOf = (env: Record<string, string>) =>
    resolveModelRouterSettings(
      modelRouterOptions(loadAppConfig({ ...base, ...env }), metrics, new UnderstandingEngines()).settings!,
    ).cache;

  it('selects the Redis layer (the queue URL) when REDIS_URL is set', () => {
    const c = cacheOf({ OPENAI_API_KEY: 'k-123456', REDIS_URL: 'redis://cache.internal:6379/2' });
    expect(c).toMatchObject({ enabled: true, redisUrl: 'redis://cache.internal:6379/2' });
  });

  it('keeps the in-process LRU only without REDIS_URL', () => {
    const c = cacheOf({ OPENAI_API_KEY: 'k-123456' });
    expect(c.enabled).toBe(true);
    expect(c.redisUrl).toBeUndefined();
  });

  it('stays on without a platform key (a tenant may bring its own; a request with no key never touches it)', () => {
    expect(cacheOf({ REDIS_URL: 'redis://cache.internal:6379/2' })).toMatchObject({
      enabled: true,
      redisUrl: 'redis://cache.internal:6379/2',
    });
    expect(cacheOf({}).enabled).toBe(true);
  });
});
