import { ErrorCode, SmartsegError } from '@smartseg/common/server';
import { resolveModelRouterSettings, tenantView, DEFAULT_TASKS } from './model-router.config';

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
