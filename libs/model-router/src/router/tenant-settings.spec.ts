import { referenceRetailTestCatalog } from '@smartseg/knowledge-store';
import { Registry } from 'prom-client';
import type { ModelRouterSettingsInput, ProviderSettings } from '../config/model-router.config';
import { LlmProvider, type LlmRequest, type LlmResponse } from '../providers/llm-provider.port';
import { ModelRouter, type LocalUnderstander, type RouterStep } from './model-router';

const catalog = referenceRetailTestCatalog();
const ctx = (tenantId: string) => ({ tenantId, catalog, asOf: catalog.as_of, permissions: { pii: false } });
const unreadable: LocalUnderstander = {
  understand: () => ({ status: 'refuse', reason: 'could not read', missing: [], nearest: [] }),
};
const CA = { version: 1, where: { kind: 'attribute', facet: 'state', op: 'eq', value: 'CA' } };

/** Answers a valid segment; records each request with the key and base URL of the client that sent it. */
class RecordingProvider extends LlmProvider {
  readonly kind = 'recording';
  constructor(
    private readonly settings: ProviderSettings,
    private readonly log: { apiKey: string; baseUrl?: string; req: LlmRequest }[],
  ) {
    super();
  }
  async complete(req: LlmRequest): Promise<LlmResponse> {
    this.log.push({
      apiKey: this.settings.apiKey!,
      ...(this.settings.baseUrl ? { baseUrl: this.settings.baseUrl } : {}),
      req,
    });
    return {
      text: JSON.stringify({ segment: CA }),
      json: { segment: CA },
      usage: { inputTokens: 1000, outputTokens: 100, cachedTokens: 200 },
      latencyMs: 1,
    };
  }
}

function setup(stored: Record<string, unknown>, over: Partial<ModelRouterSettingsInput> = {}, ttlMs = 60_000) {
  const calls: { apiKey: string; baseUrl?: string; req: LlmRequest }[] = [];
  const reads: string[] = [];
  const source = { stored, fail: false };
  const router = new ModelRouter({
    settings: {
      providers: [{ id: 'openai', kind: 'openai', apiKey: 'platform-key-0123456789' }],
      tiers: { standard: [{ provider: 'openai', model: 'gpt-4.1-mini' }] },
      resilience: { timeoutMs: 500, maxRetries: 0 },
      cache: { enabled: false },
      ...over,
    },
    localEngine: () => unreadable,
    providerFactory: (s) => new RecordingProvider(s, calls),
    registry: new Registry(),
    tenantSettings: (tenantId) => {
      reads.push(tenantId);
      if (source.fail) throw new Error('database is down');
      return source.stored[tenantId];
    },
    tenantSettingsTtlMs: ttlMs,
  });
  return { router, calls, reads, source };
}

describe('ModelRouter with stored tenant settings', () => {
  it("uses a tenant's own key, base URL, model, max tokens and temperature; other tenants keep the platform's", async () => {
    const { router, calls } = setup({
      acme: {
        providers: { openai: { apiKey: 'acme-own-key-0123456789', baseUrl: 'https://acme.example/v1' } },
        tiers: { standard: [{ provider: 'openai', model: 'gpt-4.1-nano', maxTokens: 321, temperature: 0.4 }] },
      },
    });
    const a = await router.answer('?? texans', ctx('acme'));
    expect(a.answered_by).toBe('openai:gpt-4.1-nano');
    expect(calls[0]).toMatchObject({ apiKey: 'acme-own-key-0123456789', baseUrl: 'https://acme.example/v1' });
    expect(calls[0]!.req).toMatchObject({ model: 'gpt-4.1-nano', maxTokens: 321, temperature: 0.4 });
    await router.answer('?? texans', ctx('other'));
    expect(calls[1]!.apiKey).toBe('platform-key-0123456789');
    expect(calls[1]!.req.model).toBe('gpt-4.1-mini');
    expect(await router.tenantSecrets('acme')).toEqual(['acme-own-key-0123456789']);
  });

  it("charges a tenant's calls at its own negotiated price", async () => {
    const { router } = setup({ acme: { prices: { 'gpt-4.1-mini': { input: 2, output: 10, cached: 0.5 } } } });
    const a = await router.answer('?? texans', ctx('acme'));
    const expected = (800 * 2 + 200 * 0.5 + 100 * 10) / 1e6;
    expect(a.usage.costUsd).toBeCloseTo(expected, 12);
    expect(await router.ledger.tenantMonthUsd('acme')).toBeCloseTo(expected, 12);
    const other = await router.answer('?? texans', ctx('other'));
    expect(other.usage.costUsd).toBeCloseTo((800 * 0.4 + 200 * 0.1 + 100 * 1.6) / 1e6, 12);
  });

  it('enabled:false never calls a model', async () => {
    const { router, calls } = setup({ acme: { enabled: false } });
    const steps: RouterStep[] = [];
    const a = await router.answer('?? texans', ctx('acme'), (s) => steps.push(s));
    expect(a).toMatchObject({ answered_by: 'local', escalated: false });
    expect(steps.find((s) => s.type === 'decide')).toMatchObject({
      escalate: false,
      reason: expect.stringMatching(/disabled/),
    });
    expect(calls).toHaveLength(0);
    expect(await router.modelsAvailable('acme')).toBe(false);
    expect(await router.modelsAvailable('other')).toBe(true);
  });

  it('reads stored settings once per TTL, and again after invalidateTenant', async () => {
    const { router, reads, source, calls } = setup({ acme: { maxTokens: 100 } });
    await router.answer('?? one', ctx('acme'));
    await router.answer('?? two', ctx('acme'));
    expect(reads).toEqual(['acme']);
    source.stored = { acme: { maxTokens: 200 } };
    await router.answer('?? three', ctx('acme'));
    expect(calls.map((c) => c.req.maxTokens)).toEqual([100, 100, 100]);
    router.invalidateTenant('acme');
    await router.answer('?? four', ctx('acme'));
    expect(reads).toEqual(['acme', 'acme']);
    expect(calls[3]!.req.maxTokens).toBe(200);
  });

  it('with a TTL of 0 every request reads the stored settings', async () => {
    const { router, reads } = setup({}, {}, 0);
    await router.answer('?? one', ctx('acme'));
    await router.answer('?? two', ctx('acme'));
    expect(reads).toEqual(['acme', 'acme']);
  });

  it('stored settings that no longer validate keep the tenant local, with a notice naming the field (never a key)', async () => {
    const { router, calls } = setup({
      acme: {
        providers: { openai: { apiKey: 'acme-own-key-0123456789' } },
        tiers: { standard: [{ provider: 'openai', model: 'unpriced-model' }] },
      },
    });
    const a = await router.answer('?? texans', ctx('acme'));
    expect(a).toMatchObject({ answered_by: 'local' });
    expect(a.notes.join(' ')).toMatch(/settings\.model\.tiers\.standard\[0\]\.model/);
    expect(JSON.stringify(a)).not.toContain('acme-own-key');
    expect(calls).toHaveLength(0);
  });

  it('a failed read keeps the tenant local for that request and is retried on the next', async () => {
    const { router, calls, reads, source } = setup({ acme: {} });
    source.fail = true;
    const a = await router.answer('?? texans', ctx('acme'));
    expect(a.answered_by).toBe('local');
    expect(a.notes.join(' ')).toMatch(/could not be read/);
    expect(calls).toHaveLength(0);
    source.fail = false;
    await new Promise((r) => setImmediate(r));
    expect((await router.answer('?? texans', ctx('acme'))).answered_by).toBe('openai:gpt-4.1-mini');
    expect(reads).toEqual(['acme', 'acme']);
  });

  it("a tenant's own key makes models available without a platform key; with no key the cache is not consulted", async () => {
    const { router, calls } = setup(
      { acme: { providers: { openai: { apiKey: 'acme-own-key-0123456789' } } } },
      { providers: [{ id: 'openai', kind: 'openai' }], cache: { enabled: true } },
    );
    expect(await router.modelsAvailable('acme')).toBe(true);
    expect(await router.modelsAvailable('other')).toBe(false);
    expect((await router.answer('?? texans', ctx('acme'))).answered_by).toBe('openai:gpt-4.1-mini');
    expect(calls[0]!.apiKey).toBe('acme-own-key-0123456789');
    const steps: RouterStep[] = [];
    const other = await router.answer('?? texans', ctx('other'), (s) => steps.push(s));
    expect(other.answered_by).toBe('local');
    expect(steps.some((s) => s.type === 'cache')).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it('validateTenantSettings names the field under the given path', () => {
    const { router } = setup({});
    expect(() => router.validateTenantSettings('acme', { tasks: { route: 'gold' } })).toThrow(
      /settings\.model\.tasks\.route/,
    );
  });
});
