import * as fs from 'node:fs';
import { ctokens, startFakeProviders, type FakeProviders } from '../support/fake-providers';
import { ADMIN_KEY, bootTestApp, seedTenant, tempHome, type TestApp } from './api-test-app';

/**
 * Per-tenant model settings through the admin API (`settings.model`), against the scripted
 * OpenAI-compatible server, with no platform key at all: each tenant brings its own key, model and
 * price; budgets are kept in the state database and hold after a restart.
 */

jest.setTimeout(60_000);

const N = 60;
const CALIFORNIA = { version: 1, where: { kind: 'attribute', facet: 'state', op: 'eq', value: 'CA' } };
const ACME_KEY = 'acme-own-openai-key-0123456789wxyz';
const ACME_PRICE = { input: 2, output: 8, cached: 0.5 };

function metricSum(text: string, name: string, labels: Record<string, string>): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    if (!Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

describe('per-tenant model settings from the tenant configuration', () => {
  let f: FakeProviders;
  let t: TestApp;
  let home: string;
  const keys: Record<string, string> = {};

  const admin = (method: 'GET' | 'PATCH' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { 'x-api-key': ADMIN_KEY },
      ...(payload ? { payload: payload as object } : {}),
    });
  const setModel = (tenantId: string, model: unknown) =>
    admin('PATCH', `/admin/tenants/${tenantId}`, { settings: { model } });
  const converse = (tenantId: string, text: string) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/conversations',
      headers: { 'x-api-key': keys[tenantId]! },
      payload: { text },
    });
  const ownOpenAi = (key: string) => ({ openai: { apiKey: key, baseUrl: f.openai.sdkBaseUrl } });
  const boot = () => bootTestApp({ LLM_CONFIDENCE_THRESHOLD: '1' }, { home });

  beforeAll(async () => {
    f = await startFakeProviders();
    home = tempHome('smartseg-router-tenants-');
    t = await boot();
    let first = 1;
    for (const id of ['acme', 'bravo', 'cheap', 'plain']) {
      keys[id] = (await seedTenant(t, id, first, N, { editor: ['editor'] })).editor!;
      first += N;
    }
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(home, { recursive: true, force: true });
    await f?.close();
  });
  beforeEach(() => f.reset());

  it("tenant A's own key, model, max tokens and temperature reach the provider, charged at its own price", async () => {
    const set = await setModel('acme', {
      providers: ownOpenAi(ACME_KEY),
      tasks: { resolve_ambiguity: 'standard', decompose: 'standard' },
      tiers: { standard: [{ provider: 'openai', model: 'acme-gpt', maxTokens: 333, temperature: 0.2 }] },
      prices: { 'acme-gpt': ACME_PRICE },
    });
    expect(set.statusCode).toBe(200);
    f.openai.setDefault({ kind: 'json', value: { segment: CALIFORNIA } });

    const res = await converse('acme', 'customers in caifornia');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'segment', answered_by: 'openai:acme-gpt', segment: CALIFORNIA });
    expect(res.body).not.toContain(ACME_KEY);

    expect(f.openai.requests).toHaveLength(1);
    const req = f.openai.requests[0]!;
    expect(req.apiKey).toBe(ACME_KEY);
    expect(req.model).toBe('acme-gpt');
    expect(JSON.parse(req.body)).toMatchObject({ max_completion_tokens: 333, temperature: 0.2 });

    // cost = tokens (as the server counted them) x the tenant's price; the first call has no cached prefix
    const input = ctokens(req.body.length);
    const output = ctokens(JSON.stringify({ segment: CALIFORNIA }).length);
    const expected = (input * ACME_PRICE.input + output * ACME_PRICE.output) / 1e6;
    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).not.toContain(ACME_KEY);
    const cost = metricSum(metrics, 'llm_cost_usd_total', { tenant_id: 'acme', provider: 'openai', model: 'acme-gpt' });
    expect(cost).toBeCloseTo(expected, 12);
  });

  it('GET, the tenant list and the audit trail show the key masked; a masked key sent back keeps the stored key', async () => {
    for (const url of ['/admin/tenants/acme', '/admin/tenants', '/admin/tenants/acme/audit']) {
      const res = await admin('GET', url);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(ACME_KEY);
    }
    const got = (await admin('GET', '/admin/tenants/acme')).json();
    expect(got.settings.model.providers.openai).toEqual({ apiKey: '****wxyz', baseUrl: f.openai.sdkBaseUrl });
    expect(got.settings.model.tiers.standard[0]).toEqual({
      provider: 'openai',
      model: 'acme-gpt',
      maxTokens: 333,
      temperature: 0.2,
    });

    // edit one field by sending back what GET showed (the key masked)
    const edited = await setModel('acme', { ...got.settings.model, maxImprovements: 0 });
    expect(edited.statusCode).toBe(200);
    expect(edited.body).not.toContain(ACME_KEY);
    expect(edited.json().settings.model).toMatchObject({
      maxImprovements: 0,
      providers: { openai: { apiKey: '****wxyz' } },
    });
    f.openai.setDefault({ kind: 'json', value: { segment: CALIFORNIA } });
    expect((await converse('acme', 'people in caifornia')).json().answered_by).toBe('openai:acme-gpt');
    expect(f.openai.requests[0]!.apiKey).toBe(ACME_KEY);
  });

  it('an update is used by the next request (the cached settings are invalidated)', async () => {
    const got = (await admin('GET', '/admin/tenants/acme')).json();
    const model = {
      ...got.settings.model,
      tiers: { standard: [{ provider: 'openai', model: 'acme-gpt-2' }] },
      prices: { 'acme-gpt-2': ACME_PRICE },
    };
    expect((await setModel('acme', model)).statusCode).toBe(200);
    f.openai.setDefault({ kind: 'json', value: { segment: CALIFORNIA } });
    expect((await converse('acme', 'shoppers in caifornia')).json().answered_by).toBe('openai:acme-gpt-2');
    expect(f.openai.requests.map((r) => r.model)).toEqual(['acme-gpt-2']);
  });

  it('tenant B with enabled:false never calls a model, even with its own key', async () => {
    expect(
      (await setModel('bravo', { enabled: false, providers: ownOpenAi('bravo-key-0123456789abcdef') })).statusCode,
    ).toBe(200);
    f.openai.setDefault({ kind: 'json', value: { segment: CALIFORNIA } });
    const res = await converse('bravo', 'customers in caifornia');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ answered_by: 'local', status: 'segment' });
    expect(f.openai.requests).toHaveLength(0);
  });

  it('a tenant without a key anywhere stays local and never reaches a provider', async () => {
    f.openai.setDefault({ kind: 'json', value: { segment: CALIFORNIA } });
    expect((await converse('plain', 'customers in caifornia')).json()).toMatchObject({ answered_by: 'local' });
    expect(f.bodies()).toHaveLength(0);
  });

  it('invalid settings are a 400 naming the field, and leave the stored settings as they were', async () => {
    const before = (await admin('GET', '/admin/tenants/acme')).json().settings.model;
    const cases: [unknown, string][] = [
      [
        { tiers: { standard: [{ provider: 'openai', model: 'unpriced-model' }] } },
        'settings.model.tiers.standard[0].model',
      ],
      [{ tiers: { standard: [{ provider: 'cohere', model: 'x' }] } }, 'settings.model.tiers.standard[0].provider'],
      [{ tasks: { route: 'gold' } }, 'settings.model.tasks.route'],
      [{ budgetUsdPerMonth: -5 }, 'settings.model.budgetUsdPerMonth'],
      [{ providers: { openai: { apiKey: 'has a space' } } }, 'settings.model.providers.openai.apiKey'],
      [{ providers: { openai: { apiKey: '****abcd' } } }, 'settings.model.providers.openai.apiKey'],
      [{ temperature: 3 }, 'settings.model.temperature'],
      [{ colour: 'red' }, 'settings.model.colour'],
    ];
    for (const [model, field] of cases) {
      const res = await setModel('acme', model);
      expect(res.statusCode).toBe(400);
      const body = res.json();
      expect(body.code).toBe('BAD_INPUT');
      expect(body.message).toContain(field);
      expect(body.details[0]).toMatchObject({ path: field });
      expect(res.body).not.toMatch(/has a space/);
    }
    const created = await admin('POST', '/admin/tenants', {
      id: 'broken',
      name: 'Broken',
      settings: { model: { tiers: { premium: [{ provider: 'openai', model: 'nope-model' }] } } },
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().message).toContain('settings.model.tiers.premium[0].model');
    expect((await admin('GET', '/admin/tenants/broken')).statusCode).toBe(404);
    expect((await admin('GET', '/admin/tenants/acme')).json().settings.model).toEqual(before);
  });

  it('a budget of $0.000001 is spent after one call; the next request is local with the notice, also after a restart', async () => {
    expect(
      (await setModel('cheap', { budgetUsdPerMonth: 0.000001, providers: ownOpenAi('cheap-key-0123456789abcdef') }))
        .statusCode,
    ).toBe(200);
    f.openai.setDefault({ kind: 'json', value: { segment: CALIFORNIA } });
    expect((await converse('cheap', 'customers in caifornia')).json().answered_by).toBe('openai:gpt-4.1-mini');
    const second = (await converse('cheap', 'people in caifornia')).json();
    expect(second).toMatchObject({ answered_by: 'local', status: 'segment' });
    expect(second.notes.join(' ')).toMatch(/budget is used up/);
    expect(f.openai.requests).toHaveLength(1);

    // restart: a new app on the same SQLite file (no state in memory survives)
    await t.app.close();
    t = await boot();
    f.reset();
    f.openai.setDefault({ kind: 'json', value: { segment: CALIFORNIA } });
    const after = (await converse('cheap', 'shoppers in caifornia')).json();
    expect(after).toMatchObject({ answered_by: 'local' });
    expect(after.notes.join(' ')).toMatch(/budget is used up/);
    expect(f.openai.requests).toHaveLength(0);
    // the stored settings of tenant A are read again from the database
    expect((await converse('acme', 'customers in caifornia')).json().answered_by).toBe('openai:acme-gpt-2');
    expect(f.openai.requests[0]!.apiKey).toBe(ACME_KEY);
  });
});
