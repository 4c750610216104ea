import { referenceRetailTestCatalog } from '@smartseg/knowledge-store';
import {
  ModelRouter,
  costOf,
  type LocalUnderstander,
  type ModelRouterSettingsInput,
  type RoutedAnswer,
  type RouterStep,
} from '@smartseg/model-router';
import { verifySegment, type Catalog, type Segment } from '@smartseg/segment-engine';
import type { UnderstandingResult } from '@smartseg/understanding';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Registry } from 'prom-client';
import {
  ctokens,
  fakeProviderSettings,
  startFakeProviders,
  type FakeProviders,
  type Script,
} from '../support/fake-providers';

/**
 * The router against local servers speaking each provider's wire protocol, through the REAL
 * SDKs (@anthropic-ai/sdk, @google/genai, openai). Short timeouts keep the file fast.
 */

jest.setTimeout(20_000);

const catalog: Catalog = referenceRetailTestCatalog();
const asOf = catalog.as_of;
const ctx = (over: Partial<{ tenantId: string; catalog: Catalog; current: Segment }> = {}) => ({
  tenantId: over.tenantId ?? 'acme',
  catalog: over.catalog ?? catalog,
  asOf,
  permissions: { pii: false },
  ...(over.current ? { current: over.current } : {}),
});

const VALID: Segment = {
  version: 1,
  where: {
    kind: 'and',
    children: [
      { kind: 'attribute', facet: 'state', op: 'eq', value: 'TX' },
      { kind: 'purchase', item: { department: ['Baby'] }, window: { type: 'last', n: 90, unit: 'day' } },
    ],
  },
};
const INVENTED = { version: 1, where: { kind: 'attribute', facet: 'shoe_size', op: 'gt', value: 9 } };
const SQL_VALUE = {
  version: 1,
  where: { kind: 'attribute', facet: 'state', op: 'eq', value: "TX' OR 1=1; DROP TABLE customers; --" },
};
const SQL_FACET = {
  version: 1,
  where: { kind: 'attribute', facet: 'state = state; DELETE FROM customers', op: 'eq', value: 'TX' },
};

const seg = (s: unknown): Script => ({ kind: 'json', value: { segment: s } });

/** A scripted local engine: "??..." refuses for lack of understanding, "low ..." gives a low-confidence segment, "nodata" refuses for lack of data. */
const LOW_SEGMENT: Segment = { version: 1, where: { kind: 'attribute', facet: 'state', op: 'eq', value: 'CA' } };
const stubLocal: LocalUnderstander = {
  understand(text: string): UnderstandingResult {
    if (text.startsWith('nodata'))
      return {
        status: 'refuse',
        reason: 'This tenant has no data for "shoe size".',
        missing: ['shoe size'],
        nearest: [],
      };
    if (text.startsWith('low')) {
      return {
        status: 'segment',
        segment: LOW_SEGMENT,
        explanation: { text: 'Customers who live in California', phrases: [] },
        spans: [],
        confidence: 0.3,
        notes: [],
      };
    }
    if (text.startsWith('sure')) {
      return {
        status: 'segment',
        segment: LOW_SEGMENT,
        explanation: { text: 'Customers who live in California', phrases: [] },
        spans: [],
        confidence: 0.95,
        notes: [],
      };
    }
    return { status: 'refuse', reason: 'I could not read the request', missing: [], nearest: [] };
  },
};

const RESILIENCE = {
  timeoutMs: 400,
  maxRetries: 2,
  backoffInitialMs: 5,
  backoffMaxMs: 20,
  breakerThreshold: 3,
  breakerHalfOpenMs: 250,
};

let f: FakeProviders;
const routers: ModelRouter[] = [];

function makeRouter(
  over: ModelRouterSettingsInput = {},
  opts: { local?: LocalUnderstander; registry?: Registry } = {},
): ModelRouter {
  const r = new ModelRouter({
    settings: {
      providers: fakeProviderSettings(f),
      tiers: {
        standard: [
          { provider: 'gemini', model: 'gemini-2.5-flash' },
          { provider: 'openai', model: 'gpt-4.1-mini' },
          { provider: 'anthropic', model: 'claude-haiku-4-5' },
        ],
      },
      resilience: RESILIENCE,
      ...over,
    },
    localEngine: () => opts.local ?? stubLocal,
    registry: opts.registry ?? new Registry(),
  });
  routers.push(r);
  return r;
}

const only = (provider: 'gemini' | 'openai' | 'anthropic', model: string): ModelRouterSettingsInput => ({
  tiers: { standard: [{ provider, model }] },
});

function assertVerifiedOrNone(a: RoutedAnswer): void {
  if (a.status === 'segment') {
    expect(a.segment).toBeDefined();
    expect(verifySegment(a.segment, { catalog, permissions: { pii: false }, asOf }).ok).toBe(true);
  } else {
    expect(a.segment).toBeUndefined();
  }
}

beforeAll(async () => {
  f = await startFakeProviders();
});
afterEach(async () => {
  for (const r of routers.splice(0)) await r.close();
  f.reset();
});
afterAll(async () => {
  await f.close();
});

describe('each provider through its real SDK', () => {
  it.each([
    ['gemini', 'gemini-2.5-flash'],
    ['openai', 'gpt-4.1-mini'],
    ['anthropic', 'claude-haiku-4-5'],
  ] as const)('%s: a valid structured answer is verified and returned with answered_by', async (provider, model) => {
    f[provider].script(seg(VALID));
    const steps: RouterStep[] = [];
    const a = await makeRouter(only(provider, model)).answer('?? texan baby buyers', ctx(), (s) => steps.push(s));
    expect(a.status).toBe('segment');
    expect(a.answered_by).toBe(`${provider}:${model}`);
    expect(a.segment).toEqual(VALID);
    expect(a.explanation?.text).toMatch(/Texas|TX/);
    assertVerifiedOrNone(a);
    expect(steps.map((s) => s.type)).toEqual(['local', 'decide', 'cache', 'call', 'verify', 'answer']);
    const req = f[provider].requests[0]!;
    expect(req.model).toBe(model);
    const body = JSON.parse(req.body);
    if (provider === 'anthropic') {
      expect(body.tool_choice).toEqual({ type: 'tool', name: 'segment_answer' });
      expect(body.tools[0].input_schema.$defs.node).toBeDefined();
    } else if (provider === 'gemini') {
      expect(body.generationConfig.responseMimeType).toBe('application/json');
      expect(body.generationConfig.responseJsonSchema.$defs.segment).toBeDefined();
    } else {
      expect(body.response_format.type).toBe('json_schema');
      expect(body.response_format.json_schema.schema.$defs.segment).toBeDefined();
    }
  });

  it('a model question becomes a clarifying question', async () => {
    f.gemini.script({ kind: 'json', value: { question: 'Do you mean buyers in Texas or people born there?' } });
    const a = await makeRouter().answer('?? texans', ctx());
    expect(a).toMatchObject({
      status: 'clarify',
      answered_by: 'gemini:gemini-2.5-flash',
      question: expect.stringMatching(/Texas/),
    });
    expect(a.segment).toBeUndefined();
  });
});

describe('Plan-Act-Verify-Improve', () => {
  it('an invented facet is rejected, its findings go back, and the improved answer is returned', async () => {
    f.gemini.script(seg(INVENTED), seg(VALID));
    const steps: RouterStep[] = [];
    const a = await makeRouter().answer('?? big feet texans', ctx(), (s) => steps.push(s));
    expect(a).toMatchObject({ status: 'segment', answered_by: 'gemini:gemini-2.5-flash', segment: VALID });
    expect(f.gemini.requests).toHaveLength(2);
    expect(f.gemini.requests[1]!.user).toMatch(/verifier rejected/);
    expect(f.gemini.requests[1]!.user).toMatch(/shoe_size/);
    expect(steps.filter((s) => s.type === 'verify').map((s) => (s as { ok: boolean }).ok)).toEqual([false, true]);
    expect(steps.some((s) => s.type === 'improve')).toBe(true);
  });

  it('a model that keeps inventing gets at most N improvements, then the local answer with a note', async () => {
    f.gemini.setDefault(seg(INVENTED));
    const a = await makeRouter({ defaults: { maxImprovements: 2 } }).answer('low confidence texans', ctx());
    expect(f.gemini.requests).toHaveLength(3);
    expect(f.openai.requests).toHaveLength(0);
    expect(a).toMatchObject({ status: 'segment', answered_by: 'local', segment: LOW_SEGMENT });
    expect(a.notes.join(' ')).toMatch(/did not pass verification/);
  });

  it('SQL in a value or a facet is just an invalid value: never returned', async () => {
    f.gemini.setDefault((req) => (req.messages.length > 2 ? seg(SQL_FACET) : seg(SQL_VALUE)));
    const refused = await makeRouter().answer('?? drop everything', ctx());
    expect(refused).toMatchObject({ status: 'refuse', answered_by: 'local' });
    expect(JSON.stringify(refused.segment ?? null)).not.toMatch(/DROP|DELETE/);
    const low = await makeRouter().answer('low drop everything', ctx());
    expect(low.segment).toEqual(LOW_SEGMENT);
    expect(JSON.stringify(low.segment)).not.toMatch(/DROP|DELETE/);
  });

  it('malformed JSON and prose are findings too', async () => {
    f.openai.script(
      { kind: 'text', text: '{"segment": {"version": 1, "where": ' },
      { kind: 'text', text: 'Here is the SQL: SELECT * FROM customers' },
      seg(VALID),
    );
    const a = await makeRouter(only('openai', 'gpt-4.1-mini')).answer('?? texans', ctx());
    expect(a).toMatchObject({ status: 'segment', answered_by: 'openai:gpt-4.1-mini', segment: VALID });
    expect(f.openai.requests).toHaveLength(3);
  });

  it('refusals for lack of data, confident local answers and requests with personal data are never sent', async () => {
    const r = makeRouter();
    f.gemini.setDefault(seg(VALID));
    expect(await r.answer('nodata shoe size above 9', ctx())).toMatchObject({
      status: 'refuse',
      answered_by: 'local',
      escalated: false,
    });
    expect(await r.answer('sure californians', ctx())).toMatchObject({
      status: 'segment',
      answered_by: 'local',
      escalated: false,
    });
    const pii = await r.answer('?? the customer jane.doe@example.com', ctx());
    expect(pii.answered_by).toBe('local');
    expect(pii.notes.join(' ')).toMatch(/personal data/);
    expect(f.bodies()).toHaveLength(0);
  });

  it('no unverified segment is ever returned, whatever the providers answer', async () => {
    const junk: Script[] = [
      seg(INVENTED),
      seg(SQL_VALUE),
      seg(SQL_FACET),
      seg({ version: 2, where: {} }),
      seg(null),
      { kind: 'json', value: [] },
      { kind: 'json', value: { segment: { version: 1, where: { kind: 'or', children: [] } } } },
      { kind: 'json', value: { version: 1, where: { kind: 'attribute', facet: 'email', op: 'eq', value: 'a@b.c' } } },
      { kind: 'text', text: 'I think these customers are great' },
      { kind: 'status', status: 500 },
      seg(VALID),
    ];
    const r = makeRouter({
      defaults: { maxImprovements: 1 },
      resilience: { ...RESILIENCE, maxRetries: 0, breakerThreshold: 1000 },
    });
    for (let i = 0; i < junk.length * 2; i++) {
      for (const p of f.all) p.setDefault(junk[(i + f.all.indexOf(p)) % junk.length]!);
      const a = await r.answer(i % 2 ? `?? request ${i}` : `low request ${i}`, ctx());
      assertVerifiedOrNone(a);
      if (a.answered_by !== 'local') expect(a.segment ?? a.question).toBeDefined();
    }
  });
});

describe('resilience', () => {
  it('retries 429 bursts with backoff, then answers', async () => {
    f.gemini.script({ kind: 'status', status: 429 }, { kind: 'status', status: 429 }, seg(VALID));
    const a = await makeRouter().answer('?? texans', ctx());
    expect(a.answered_by).toBe('gemini:gemini-2.5-flash');
    expect(f.gemini.requests).toHaveLength(3);
  });

  it('does not retry a 400; 500s beyond the retries fall back to the next provider', async () => {
    f.gemini.script({ kind: 'status', status: 400 });
    f.openai.script({ kind: 'status', status: 500 }, { kind: 'status', status: 503 }, { kind: 'status', status: 500 });
    f.anthropic.script(seg(VALID));
    const a = await makeRouter().answer('?? texans', ctx());
    expect(f.gemini.requests).toHaveLength(1);
    expect(f.openai.requests).toHaveLength(3);
    expect(a).toMatchObject({ status: 'segment', answered_by: 'anthropic:claude-haiku-4-5' });
  });

  it('a slow provider times out and the next one answers', async () => {
    f.gemini.script({ kind: 'delay', ms: 5_000, then: seg(VALID) });
    f.openai.script(seg(VALID));
    const t0 = Date.now();
    const a = await makeRouter().answer('?? texans', ctx());
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(a.answered_by).toBe('openai:gpt-4.1-mini');
  });

  it('the breaker of a provider+model opens after consecutive outages and closes after a good half-open call', async () => {
    const r = makeRouter({ ...only('gemini', 'gemini-2.5-flash'), resilience: { ...RESILIENCE, maxRetries: 0 } });
    f.gemini.setDefault({ kind: 'status', status: 500 });
    for (let i = 0; i < 3; i++) expect((await r.answer('low texans', ctx())).answered_by).toBe('local');
    expect(r.breakerState('gemini', 'gemini-2.5-flash')).toBe('open');
    const before = f.gemini.requests.length;
    const steps: RouterStep[] = [];
    const whileOpen = await r.answer('low texans', ctx(), (s) => steps.push(s));
    expect(whileOpen).toMatchObject({ status: 'segment', answered_by: 'local', segment: LOW_SEGMENT });
    expect(whileOpen.notes.join(' ')).toMatch(/unavailable/);
    expect(f.gemini.requests.length).toBe(before);
    expect(steps).toContainEqual(expect.objectContaining({ type: 'skip', reason: 'breaker_open' }));
    await new Promise((res) => setTimeout(res, RESILIENCE.breakerHalfOpenMs + 50));
    f.gemini.setDefault(seg(VALID));
    const after = await r.answer('?? texans again', ctx());
    expect(after.answered_by).toBe('gemini:gemini-2.5-flash');
    expect(r.breakerState('gemini', 'gemini-2.5-flash')).toBe('closed');
  });

  it('with every provider down, every eval request still gets a local answer or a clear refusal', async () => {
    for (const p of f.all) p.setDefault({ kind: 'status', status: 503 });
    const r = new ModelRouter({
      settings: {
        providers: fakeProviderSettings(f),
        resilience: { ...RESILIENCE, maxRetries: 0, breakerThreshold: 2 },
      },
      registry: new Registry(),
    });
    routers.push(r);
    const texts = evalTexts().slice(0, 40);
    for (const text of texts) {
      const a = await r.answer(text, ctx());
      expect(['segment', 'clarify', 'refuse', 'error']).toContain(a.status);
      expect(a.answered_by).toBe('local');
      if (a.status === 'refuse') expect(a.reason).toBeTruthy();
      assertVerifiedOrNone(a);
    }
  });
});

describe('cost, budget and cache', () => {
  it('costs add up to token counts x the price table, per call, per request, per tenant and in the metrics', async () => {
    const registry = new Registry();
    const prices = {
      'gemini-2.5-flash': { input: 0.3, output: 2.5, cached: 0.075 },
      'gpt-4.1-mini': { input: 0.4, output: 1.6, cached: 0.1 },
    };
    const r = makeRouter({ prices, cache: { enabled: false } }, { registry });
    f.gemini.setDefault((req) => (req.messages.length > 1 ? seg(VALID) : seg(INVENTED)));
    const answers: RoutedAnswer[] = [];
    for (const t of ['?? one', '?? two', '?? three']) answers.push(await r.answer(t, ctx()));
    // tokens as the fake server counted them: body chars / 4
    const served = f.gemini.requests.map((q) => ctokens(q.body.length));
    const calls = r.ledger.calls();
    expect(calls.map((c) => c.usage.inputTokens)).toEqual(served);
    for (const c of calls) {
      const p = prices[c.model as keyof typeof prices];
      const expected =
        ((c.usage.inputTokens - c.usage.cachedTokens) * p.input +
          c.usage.cachedTokens * p.cached +
          c.usage.outputTokens * p.output) /
        1e6;
      expect(c.costUsd).toBeCloseTo(expected, 12);
      expect(costOf(c.usage, p)).toBeCloseTo(expected, 12);
    }
    expect(calls.some((c) => c.usage.cachedTokens > 0)).toBe(true); // the stable prefix was cached
    const total = calls.reduce((s, c) => s + c.costUsd, 0);
    expect(answers.reduce((s, a) => s + a.usage.costUsd, 0)).toBeCloseTo(total, 12);
    expect(answers.every((a) => a.usage.calls === 2)).toBe(true);
    expect(r.ledger.tenantTotals('acme').costUsd).toBeCloseTo(total, 12);
    expect(await r.ledger.tenantMonthUsd('acme')).toBeCloseTo(total, 12);
    const metric = async (name: string) => (await registry.getSingleMetric(name)!.get()).values;
    const costMetric = (await metric('llm_cost_usd_total')).reduce((s, v) => s + v.value, 0);
    expect(costMetric).toBeCloseTo(total, 12);
    const tokenValues = await metric('llm_tokens_total');
    const sum = (kind: string) => tokenValues.filter((v) => v.labels.kind === kind).reduce((s, v) => s + v.value, 0);
    expect(sum('input') + sum('cached')).toBe(served.reduce((a, b) => a + b, 0));
    expect(sum('output')).toBe(calls.reduce((s, c) => s + c.usage.outputTokens, 0));
    expect(tokenValues[0]!.labels).toMatchObject({ tenant_id: 'acme', provider: 'gemini', model: 'gemini-2.5-flash' });
    const latency = await metric('llm_call_latency_seconds');
    expect(
      latency.find((v) => (v as { metricName?: string }).metricName === 'llm_call_latency_seconds_count')?.value,
    ).toBe(calls.length);
  });

  it('after the monthly budget, requests are answered locally with a notice', async () => {
    const r = makeRouter({ tenants: { acme: { budgetUsdPerMonth: 0.000001 } }, cache: { enabled: false } });
    f.gemini.setDefault(seg(VALID));
    expect((await r.answer('?? first', ctx())).answered_by).toBe('gemini:gemini-2.5-flash');
    const second = await r.answer('low second', ctx());
    expect(second).toMatchObject({ answered_by: 'local', status: 'segment' });
    expect(second.notes.join(' ')).toMatch(/budget/);
    expect(f.gemini.requests).toHaveLength(1);
    // another tenant is not affected
    expect((await r.answer('?? first', ctx({ tenantId: 'other' }))).answered_by).toBe('gemini:gemini-2.5-flash');
  });

  it('caches verified answers by (model, prompt version, normalized request, catalog version) and counts hits per layer', async () => {
    const registry = new Registry();
    const r = makeRouter({}, { registry });
    f.gemini.setDefault(seg(VALID));
    const first = await r.answer('?? Texan  baby buyers!', ctx());
    const second = await r.answer('?? texan baby buyers', ctx());
    expect(first.cache).toBe('miss');
    expect(second).toMatchObject({ cache: 'hit', answered_by: 'gemini:gemini-2.5-flash', segment: VALID });
    expect(second.usage.calls).toBe(0);
    expect(f.gemini.requests).toHaveLength(1);
    const bumped = await r.answer(
      '?? texan baby buyers',
      ctx({ catalog: { ...catalog, version: catalog.version + 1 } }),
    );
    expect(bumped.cache).toBe('miss');
    expect(f.gemini.requests).toHaveLength(2);
    const hits = (await registry.getSingleMetric('cache_hits_total')!.get()).values;
    expect(hits).toContainEqual(expect.objectContaining({ labels: { cache: 'llm_answer_lru' }, value: 1 }));
  });

  it('accepts existing metric objects instead of creating its own', async () => {
    const shared = new Registry();
    const { Counter, Histogram } = await import('prom-client');
    const cost = new Counter({
      name: 'llm_cost_usd_total',
      help: 'x',
      labelNames: ['tenant_id', 'provider', 'model'],
      registers: [shared],
    });
    const latency = new Histogram({
      name: 'llm_call_latency_seconds',
      help: 'x',
      labelNames: ['provider', 'model'],
      registers: [shared],
    });
    const r = new ModelRouter({
      settings: { providers: fakeProviderSettings(f), resilience: RESILIENCE },
      localEngine: () => stubLocal,
      metrics: { cost, latency },
    });
    routers.push(r);
    f.gemini.setDefault(seg(VALID));
    await r.answer('?? texans', ctx());
    expect((await cost.get()).values[0]!.value).toBeGreaterThan(0);
    expect(r.metrics.cost).toBe(cost);
  });
});

describe('privacy', () => {
  // a tiny warehouse: the rows the router must never send anywhere
  const WAREHOUSE = [
    {
      customer_id: 48213977,
      first_name: 'Zephyrine',
      last_name: 'Quackenbush',
      email: 'zq.private@mailbox.test',
      phone: '+1-512-555-0199',
      zip: '78701',
      loyalty_points: 31337,
    },
    {
      customer_id: 90451266,
      first_name: 'Octavian',
      last_name: 'Pemberton-Vale',
      email: 'opv1984@inbox.test',
      phone: '+1-213-555-0142',
      zip: '90012',
      loyalty_points: 27182,
    },
    {
      customer_id: 77120034,
      first_name: 'Marisol',
      last_name: 'Ixtlahuaca',
      email: 'marisol.ix@corp.test',
      phone: '+1-305-555-0117',
      zip: '33101',
      loyalty_points: 16180,
    },
  ];
  const PRIVATE = WAREHOUSE.flatMap((c) => [
    String(c.customer_id),
    c.first_name,
    c.last_name,
    c.email,
    c.phone,
    c.zip,
    String(c.loyalty_points),
  ]);

  it('no request body sent to any provider contains customer data', async () => {
    // a catalog as a warehouse-built one would be: counts filled from the rows, PII facets present
    const withCounts: Catalog = {
      ...catalog,
      facets: catalog.facets.map((fd) => ({
        ...fd,
        ...(fd.values ? { values: fd.values.map((v, i) => ({ ...v, count: 31337 + i })) } : {}),
      })),
    };
    const r = makeRouter({ cache: { enabled: false } });
    for (const p of f.all) p.setDefault((req) => (req.messages.length > 1 ? seg(VALID) : seg(INVENTED)));
    const texts = [
      '?? texan baby buyers',
      'low gold members in Austin',
      '?? people who like camping',
      'low zip-less shoppers',
    ];
    for (const [i, provider] of (['gemini', 'openai', 'anthropic'] as const).entries()) {
      const rr = makeRouter({
        ...only(provider, ['gemini-2.5-flash', 'gpt-4.1-mini', 'claude-haiku-4-5'][i]!),
        cache: { enabled: false },
      });
      for (const t of texts) await rr.answer(t, { ...ctx({ catalog: withCounts }), permissions: { pii: true } });
    }
    for (const t of texts) await r.answer(t, ctx({ catalog: withCounts }));
    const bodies = f.bodies();
    expect(bodies.length).toBeGreaterThanOrEqual(24);
    for (const body of bodies) {
      for (const value of PRIVATE) expect(body).not.toContain(value);
      expect(body).not.toMatch(/"count"/);
    }
  });
});

function evalTexts(): string[] {
  const out: string[] = [];
  for (const split of ['dev', 'test']) {
    const file = path.join(__dirname, '..', '..', 'evals', 'cases', `${split}.jsonl`);
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const c = JSON.parse(line) as { text?: string; turns?: (string | { text: string })[] };
      const t = c.text ?? (typeof c.turns?.[0] === 'string' ? c.turns[0] : c.turns?.[0]?.text);
      if (t) out.push(t);
    }
  }
  return out;
}
