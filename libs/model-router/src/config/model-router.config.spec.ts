import { ErrorCode, SmartsegError } from '@smartseg/common/server';
import {
  DEFAULT_TASKS,
  isMaskedKey,
  maskKey,
  maskTenantModelSettings,
  resolveModelRouterSettings,
  tenantView,
  validateTenantModelSettings,
} from './model-router.config';

const bad = (input: unknown, setting: RegExp) => {
  try {
    resolveModelRouterSettings(input as never);
  } catch (err) {
    expect(err).toBeInstanceOf(SmartsegError);
    expect((err as SmartsegError).code).toBe(ErrorCode.ConfigInvalid);
    expect((err as SmartsegError).message).toMatch(setting);
    return (err as SmartsegError).message;
  }
  throw new Error('expected a config error');
};

describe('model-router settings', () => {
  it('fills defaults: four tiers, every task mapped, prices for every tier model', () => {
    const s = resolveModelRouterSettings();
    expect(Object.keys(s.tiers)).toEqual(['ultra_economy', 'economy', 'standard', 'premium']);
    expect(s.tasks).toEqual(DEFAULT_TASKS);
    expect(s.defaults).toMatchObject({ confidenceThreshold: 0.6, maxImprovements: 2 });
    for (const list of Object.values(s.tiers)) for (const c of list) expect(s.prices[c.model]).toBeDefined();
  });

  it('names the bad setting', () => {
    bad({ tasks: { route: 'gold' } }, /tasks\.route/);
    bad({ tasks: { translate: 'economy' } }, /tasks\.translate/);
    bad({ tiers: { standard: [{ provider: 'nope', model: 'x' }] } }, /tiers\.standard\[0\]\.provider/);
    bad(
      { tiers: { standard: [{ provider: 'gemini', model: 'unpriced-model' }] } },
      /tiers\.standard\[0\]\.model.*prices/,
    );
    bad({ providers: [{ id: 'a', kind: 'cohere' }] }, /providers\[0\]\.kind/);
    bad({ providers: [{ id: 'a', kind: 'openai', baseUrl: 'ftp://x' }] }, /providers\[0\]\.baseUrl/);
    bad({ defaults: { confidenceThreshold: 1.5 } }, /defaults\.confidenceThreshold/);
    bad({ resilience: { timeoutMs: 0 } }, /resilience\.timeoutMs/);
    bad({ tenants: { acme: { budgetUsdPerMonth: -1 } } }, /tenants\.acme\.budgetUsdPerMonth/);
    bad({ tenants: { acme: { colour: 'red' } } }, /tenants\.acme\.colour/);
    bad({ cache: { redisUrl: 'http://x' } }, /cache\.redisUrl/);
  });

  it('never echoes a key', () => {
    const msg = bad({ providers: [{ id: 'a', kind: 'openai', apiKey: 'sk-secret value' }] }, /providers\[0\]\.apiKey/);
    expect(msg).not.toContain('sk-secret');
  });

  it('applies per-tenant overrides of models, keys, tokens and temperature', () => {
    const s = resolveModelRouterSettings({
      providers: [
        { id: 'openai', kind: 'openai', apiKey: 'default-key' },
        { id: 'gemini', kind: 'gemini' },
      ],
      tenants: {
        acme: {
          tiers: { standard: [{ provider: 'openai', model: 'gpt-4.1-nano', maxTokens: 300 }] },
          tasks: { decompose: 'economy' },
          providers: { openai: { apiKey: 'acme-key' } },
          maxTokens: 512,
          temperature: 0.2,
          confidenceThreshold: 0.4,
        },
      },
    });
    const acme = tenantView(s, 'acme');
    const other = tenantView(s, 'other');
    expect(acme.tierModels('standard')).toEqual([{ provider: 'openai', model: 'gpt-4.1-nano', maxTokens: 300 }]);
    expect(acme.taskTier('decompose')).toBe('economy');
    expect(other.taskTier('decompose')).toBe('standard');
    expect(acme.provider('openai').apiKey).toBe('acme-key');
    expect(other.provider('openai').apiKey).toBe('default-key');
    expect([acme.maxTokens, acme.temperature, acme.confidenceThreshold]).toEqual([512, 0.2, 0.4]);
    // default tiers keep only configured providers
    expect(s.tiers.premium.every((c) => c.provider !== 'anthropic')).toBe(true);
  });
});

describe('tenant model settings (stored > static > defaults)', () => {
  const settings = resolveModelRouterSettings({
    providers: [
      { id: 'openai', kind: 'openai', apiKey: 'platform-key' },
      { id: 'gemini', kind: 'gemini' },
    ],
    defaults: { budgetUsdPerMonth: 50, confidenceThreshold: 0.6 },
    tenants: {
      acme: {
        budgetUsdPerMonth: 10,
        confidenceThreshold: 0.5,
        tasks: { decompose: 'economy' },
        providers: { openai: { baseUrl: 'https://static.example/v1' } },
        prices: { 'acme-static-model': { input: 1, output: 1, cached: 1 } },
      },
    },
  });
  const invalid = (input: unknown, field: RegExp) => {
    try {
      validateTenantModelSettings(settings, 'acme', input);
    } catch (err) {
      expect(err).toBeInstanceOf(SmartsegError);
      expect((err as SmartsegError).code).toBe(ErrorCode.ConfigInvalid);
      expect((err as SmartsegError).details).toMatchObject({ setting: expect.stringMatching(field) });
      return (err as SmartsegError).message;
    }
    throw new Error('expected a config error');
  };

  it('the stored settings win field by field over the static tenant settings, which win over the defaults', () => {
    const stored = validateTenantModelSettings(settings, 'acme', {
      budgetUsdPerMonth: 3,
      providers: { openai: { apiKey: 'acme-own-key-0123456789' } },
      tiers: { standard: [{ provider: 'openai', model: 'acme-static-model', maxTokens: 99, temperature: 0.3 }] },
    });
    const v = tenantView(settings, 'acme', stored);
    expect(v.budgetUsdPerMonth).toBe(3); // stored
    expect(v.confidenceThreshold).toBe(0.5); // static
    expect(v.maxImprovements).toBe(2); // default
    expect(v.taskTier('decompose')).toBe('economy'); // static task kept beside a stored tier
    expect(v.tierModels('standard')).toEqual([
      { provider: 'openai', model: 'acme-static-model', maxTokens: 99, temperature: 0.3 },
    ]);
    expect(v.tierModels('economy')).toEqual(settings.tiers.economy);
    // a stored key beside a static base URL
    expect(v.provider('openai')).toMatchObject({
      apiKey: 'acme-own-key-0123456789',
      baseUrl: 'https://static.example/v1',
    });
    expect(tenantView(settings, 'other').provider('openai').apiKey).toBe('platform-key');
  });

  it("prices a tenant's models at its own prices first (provider:model, then model), then the router's", () => {
    const stored = validateTenantModelSettings(settings, 'acme', {
      prices: {
        'gpt-4.1-mini': { input: 0.2, output: 0.8 },
        'openai:gpt-4.1-nano': { input: 9, output: 9, cached: 9 },
      },
    });
    const v = tenantView(settings, 'acme', stored);
    expect(v.price('openai', 'gpt-4.1-mini')).toEqual({ input: 0.2, output: 0.8, cached: 0.2 });
    expect(v.price('openai', 'gpt-4.1-nano')).toEqual({ input: 9, output: 9, cached: 9 });
    expect(v.price('gemini', 'gemini-2.5-flash')).toEqual(settings.prices['gemini-2.5-flash']);
    expect(tenantView(settings, 'other').price('openai', 'gpt-4.1-mini')).toEqual(settings.prices['gpt-4.1-mini']);
  });

  it('names the bad field under settings.model and never echoes a key', () => {
    invalid(
      { tiers: { standard: [{ provider: 'openai', model: 'unpriced' }] } },
      /^settings\.model\.tiers\.standard\[0\]\.model$/,
    );
    invalid({ tiers: { gold: [] } }, /^settings\.model\.tiers\.gold$/);
    invalid(
      { tiers: { standard: [{ provider: 'nope', model: 'x' }] } },
      /^settings\.model\.tiers\.standard\[0\]\.provider$/,
    );
    invalid({ tasks: { route: 'gold' } }, /^settings\.model\.tasks\.route$/);
    invalid({ providers: { cohere: { apiKey: 'k' } } }, /^settings\.model\.providers\.cohere$/);
    invalid({ providers: { openai: { token: 'k' } } }, /^settings\.model\.providers\.openai\.token$/);
    invalid({ providers: { openai: { baseUrl: 'file:///etc' } } }, /^settings\.model\.providers\.openai\.baseUrl$/);
    invalid({ prices: { m: { input: -1, output: 1 } } }, /^settings\.model\.prices\.m\.input$/);
    invalid({ budgetUsdPerMonth: 'lots' }, /^settings\.model\.budgetUsdPerMonth$/);
    invalid({ enabled: 'no' }, /^settings\.model\.enabled$/);
    invalid({ colour: 'red' }, /^settings\.model\.colour$/);
    invalid({ providers: { openai: { apiKey: '****abcd' } } }, /^settings\.model\.providers\.openai\.apiKey$/);
    const msg = invalid({ providers: { openai: { apiKey: 'sk-secret with-space' } } }, /apiKey$/);
    expect(msg).not.toContain('sk-secret');
    // a model priced by the tenant's static prices or by its own stored prices is accepted
    expect(() =>
      validateTenantModelSettings(settings, 'acme', {
        tiers: { economy: [{ provider: 'openai', model: 'acme-static-model' }] },
      }),
    ).not.toThrow();
    expect(() =>
      validateTenantModelSettings(settings, 'other', {
        tiers: { economy: [{ provider: 'openai', model: 'own-model' }] },
        prices: { 'own-model': { input: 1, output: 2 } },
      }),
    ).not.toThrow();
    expect(() =>
      validateTenantModelSettings(settings, 'other', {
        tiers: { economy: [{ provider: 'openai', model: 'acme-static-model' }] },
      }),
    ).toThrow(/settings\.model\.tiers\.economy\[0\]\.model/);
  });

  it('masks keys: the last 4 characters of a long key, nothing of a short one', () => {
    const masked = maskTenantModelSettings({
      budgetUsdPerMonth: 1,
      providers: {
        openai: { apiKey: 'sk-live-0123456789abcdef', baseUrl: 'https://x.example' },
        gemini: { apiKey: 'short' },
      },
    });
    expect(masked).toEqual({
      budgetUsdPerMonth: 1,
      providers: { openai: { apiKey: '****cdef', baseUrl: 'https://x.example' }, gemini: { apiKey: '****' } },
    });
    expect(JSON.stringify(masked)).not.toMatch(/sk-live|short/);
    expect(isMaskedKey(maskKey('sk-live-0123456789abcdef'))).toBe(true);
    expect(isMaskedKey('sk-live-0123456789abcdef')).toBe(false);
  });
});
