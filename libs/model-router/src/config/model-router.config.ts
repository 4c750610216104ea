import { ErrorCode, SmartsegError } from '@smartseg/common/server';

/**
 * What the router may use, validated once at construction. A bad setting throws
 * `SmartsegError(CONFIG_INVALID)` whose message names the setting (`tenants.acme.budgetUsdPerMonth`);
 * API keys are never echoed.
 */

export const TIERS = ['ultra_economy', 'economy', 'standard', 'premium'] as const;
export type Tier = (typeof TIERS)[number];

export const TASKS = [
  'route',
  'decompose',
  'map_values',
  'resolve_ambiguity',
  'summarize',
  'assess_hypothesis',
] as const;
export type Task = (typeof TASKS)[number];

export const PROVIDER_KINDS = ['anthropic', 'gemini', 'openai'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** A provider endpoint. `id` is what appears in `answered_by` and metric labels. */
export interface ProviderSettings {
  id: string;
  kind: ProviderKind;
  /** Anthropic / OpenAI-compatible base URL, Gemini `httpOptions.baseUrl`. */
  baseUrl?: string;
  /** Default key (a tenant's own key wins). Never logged. */
  apiKey?: string;
  /** Optional cap on this provider's spend per calendar month over all tenants; once spent, the next provider is used. */
  budgetUsdPerMonth?: number;
}

/** One model in a tier, in preference order. */
export interface ModelChoice {
  provider: string;
  model: string;
  maxTokens?: number;
  temperature?: number;
}

/** US dollars per million tokens. `cached` is the price of input tokens read from the provider's prompt cache. */
export interface ModelPrice {
  input: number;
  output: number;
  cached: number;
}

export interface ResilienceSettings {
  /** Per attempt, ms. */
  timeoutMs: number;
  /** Retries after the first attempt, only on 429 / 5xx. */
  maxRetries: number;
  /** Exponential backoff with jitter, ms. */
  backoffInitialMs: number;
  backoffMaxMs: number;
  /** Consecutive failures that open the breaker of one provider+model. */
  breakerThreshold: number;
  /** How long the breaker stays open before one trial call (half-open), ms. */
  breakerHalfOpenMs: number;
  /** Concurrent model calls per tenant, and how many may wait. */
  bulkheadLimit: number;
  bulkheadQueue: number;
}

export interface TenantModelSettings {
  /** Tier list overrides (whole list per tier). */
  tiers?: Partial<Record<Tier, ModelChoice[]>>;
  /** Task -> tier overrides. */
  tasks?: Partial<Record<Task, Tier>>;
  /** Per provider id: the tenant's own key / base URL. */
  providers?: Record<string, { apiKey?: string; baseUrl?: string }>;
  maxTokens?: number;
  temperature?: number;
  /** Local answers below this confidence go to a model (default 0.6). */
  confidenceThreshold?: number;
  /** Improvement rounds after the first answer (default 2). */
  maxImprovements?: number;
  /** Monthly spend cap in USD; after it requests are answered locally with a notice. */
  budgetUsdPerMonth?: number;
  /** false: never call a model for this tenant. */
  enabled?: boolean;
  /** Negotiated prices (USD per million tokens) keyed like `prices`: `model` or `provider:model`; they win for this tenant. */
  prices?: Record<string, ModelPrice>;
}

export interface ModelRouterSettings {
  providers: ProviderSettings[];
  tiers: Record<Tier, ModelChoice[]>;
  tasks: Record<Task, Tier>;
  /** Keyed by model id (or `provider:model` for a provider-specific price). */
  prices: Record<string, ModelPrice>;
  defaults: Required<
    Pick<TenantModelSettings, 'maxTokens' | 'temperature' | 'confidenceThreshold' | 'maxImprovements'>
  > & {
    budgetUsdPerMonth: number;
  };
  tenants: Record<string, TenantModelSettings>;
  resilience: ResilienceSettings;
  /** Bumped when the prompt changes; part of the cache key. */
  promptVersion: string;
  /** Answer cache: LRU entries in-process; with `redisUrl`, Redis (ioredis) too. */
  cache: { enabled: boolean; maxEntries: number; ttlSeconds: number; redisUrl?: string; keyPrefix: string };
}

export type ModelRouterSettingsInput = Partial<
  Omit<ModelRouterSettings, 'defaults' | 'resilience' | 'cache' | 'tiers' | 'tasks'>
> & {
  tiers?: Partial<Record<Tier, ModelChoice[]>>;
  tasks?: Partial<Record<Task, Tier>>;
  defaults?: Partial<ModelRouterSettings['defaults']>;
  resilience?: Partial<ResilienceSettings>;
  cache?: Partial<ModelRouterSettings['cache']>;
};

/**
 * Default price table, USD per million tokens (list prices at the time of writing; a deployment
 * should set its own). Cached = prompt-cache read price.
 */
export const DEFAULT_PRICES: Record<string, ModelPrice> = {
  'gemini-2.5-flash-lite': { input: 0.1, output: 0.4, cached: 0.025 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5, cached: 0.075 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4, cached: 0.025 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6, cached: 0.1 },
  'claude-haiku-4-5': { input: 1, output: 5, cached: 0.1 },
  'claude-sonnet-4-6': { input: 3, output: 15, cached: 0.3 },
};

export const DEFAULT_TIERS: Record<Tier, ModelChoice[]> = {
  ultra_economy: [
    { provider: 'gemini', model: 'gemini-2.5-flash-lite' },
    { provider: 'openai', model: 'gpt-4.1-nano' },
  ],
  economy: [
    { provider: 'openai', model: 'gpt-4.1-mini' },
    { provider: 'gemini', model: 'gemini-2.5-flash-lite' },
  ],
  standard: [
    { provider: 'gemini', model: 'gemini-2.5-flash' },
    { provider: 'openai', model: 'gpt-4.1-mini' },
    { provider: 'anthropic', model: 'claude-haiku-4-5' },
  ],
  premium: [
    { provider: 'anthropic', model: 'claude-sonnet-4-6' },
    { provider: 'gemini', model: 'gemini-2.5-flash' },
  ],
};

export const DEFAULT_TASKS: Record<Task, Tier> = {
  route: 'ultra_economy',
  decompose: 'standard',
  map_values: 'economy',
  resolve_ambiguity: 'standard',
  summarize: 'economy',
  assess_hypothesis: 'premium',
};

export const DEFAULT_PROVIDERS: ProviderSettings[] = [
  { id: 'anthropic', kind: 'anthropic' },
  { id: 'gemini', kind: 'gemini' },
  { id: 'openai', kind: 'openai' },
];

export const DEFAULT_RESILIENCE: ResilienceSettings = {
  timeoutMs: 20_000,
  maxRetries: 2,
  backoffInitialMs: 250,
  backoffMaxMs: 4_000,
  breakerThreshold: 5,
  breakerHalfOpenMs: 30_000,
  bulkheadLimit: 4,
  bulkheadQueue: 16,
};

export const DEFAULT_PROMPT_VERSION = 'plan-v1';

function fail(setting: string, what: string): never {
  throw new SmartsegError(ErrorCode.ConfigInvalid, `model-router setting ${setting} ${what}`, {
    setting,
    problem: what,
  });
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ID = /^[A-Za-z0-9][A-Za-z0-9._:\-/]{0,99}$/;

function num(setting: string, v: unknown, min: number, max: number, integer = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    fail(
      setting,
      `must be ${integer ? 'an integer' : 'a number'} between ${min} and ${max} (got ${typeof v === 'number' ? v : typeof v})`,
    );
  }
  return v;
}

function url(setting: string, v: unknown): string {
  if (typeof v !== 'string' || !/^https?:\/\/[^\s]+$/.test(v)) fail(setting, 'must be an http(s) URL');
  return v;
}

function key(setting: string, v: unknown): string {
  if (typeof v !== 'string' || v.trim().length === 0 || /\s/.test(v))
    fail(setting, 'must be a non-empty string without spaces (value not shown)');
  return v;
}

function choices(setting: string, v: unknown, providers: Set<string>): ModelChoice[] {
  if (!Array.isArray(v) || v.length === 0) fail(setting, 'must be a non-empty list of {provider, model}');
  return v.map((c, i) => {
    const s = `${setting}[${i}]`;
    if (!isObj(c)) fail(s, 'must be an object {provider, model}');
    if (typeof c.provider !== 'string' || !providers.has(c.provider))
      fail(`${s}.provider`, `must be one of the configured providers (${[...providers].join(', ')})`);
    if (typeof c.model !== 'string' || !ID.test(c.model))
      fail(`${s}.model`, 'must be a model id (letters, digits, . _ - : /)');
    const out: ModelChoice = { provider: c.provider, model: c.model };
    if (c.maxTokens !== undefined) out.maxTokens = num(`${s}.maxTokens`, c.maxTokens, 1, 200_000, true);
    if (c.temperature !== undefined) out.temperature = num(`${s}.temperature`, c.temperature, 0, 2);
    return out;
  });
}

function tierName(setting: string, v: unknown): Tier {
  if (!TIERS.includes(v as Tier)) fail(setting, `must be one of ${TIERS.join(', ')}`);
  return v as Tier;
}

/** Fills defaults and checks every setting; throws naming the first bad one. */
export function resolveModelRouterSettings(input: ModelRouterSettingsInput = {}): ModelRouterSettings {
  if (!isObj(input)) fail('(root)', 'must be an object');
  const providersIn = input.providers ?? DEFAULT_PROVIDERS;
  if (!Array.isArray(providersIn) || providersIn.length === 0) fail('providers', 'must be a non-empty list');
  const seen = new Set<string>();
  const providers = providersIn.map((p, i) => {
    const s = `providers[${i}]`;
    if (!isObj(p)) fail(s, 'must be an object {id, kind}');
    if (typeof p.id !== 'string' || !ID.test(p.id)) fail(`${s}.id`, 'must be an id (letters, digits, . _ - : /)');
    if (seen.has(p.id)) fail(`${s}.id`, `repeats "${p.id}"`);
    seen.add(p.id);
    if (!PROVIDER_KINDS.includes(p.kind)) fail(`${s}.kind`, `must be one of ${PROVIDER_KINDS.join(', ')}`);
    const out: ProviderSettings = { id: p.id, kind: p.kind };
    if (p.baseUrl !== undefined) out.baseUrl = url(`${s}.baseUrl`, p.baseUrl);
    if (p.apiKey !== undefined) out.apiKey = key(`${s}.apiKey`, p.apiKey);
    if (p.budgetUsdPerMonth !== undefined)
      out.budgetUsdPerMonth = num(`${s}.budgetUsdPerMonth`, p.budgetUsdPerMonth, 0, 1e9);
    return out;
  });

  const tiersIn: Partial<Record<Tier, unknown>> = input.tiers ?? {};
  if (!isObj(tiersIn)) fail('tiers', 'must be an object keyed by tier');
  for (const k of Object.keys(tiersIn)) tierName(`tiers.${k}`, k);
  const tiers = {} as Record<Tier, ModelChoice[]>;
  for (const t of TIERS) {
    // a default tier keeps only configured providers and may end up empty (that tier stays local)
    const given = tiersIn[t];
    tiers[t] =
      given === undefined ? DEFAULT_TIERS[t].filter((c) => seen.has(c.provider)) : choices(`tiers.${t}`, given, seen);
  }

  const tasksIn: Partial<Record<Task, unknown>> = input.tasks ?? {};
  if (!isObj(tasksIn)) fail('tasks', 'must be an object keyed by task');
  const tasks = {} as Record<Task, Tier>;
  for (const k of Object.keys(tasksIn))
    if (!TASKS.includes(k as Task)) fail(`tasks.${k}`, `is not a task (${TASKS.join(', ')})`);
  for (const t of TASKS) tasks[t] = tierName(`tasks.${t}`, tasksIn[t] ?? DEFAULT_TASKS[t]);

  const prices: Record<string, ModelPrice> = { ...DEFAULT_PRICES, ...priceTable('prices', input.prices ?? {}) };
  for (const t of TIERS) {
    tiers[t].forEach((c, i) => {
      if (!prices[`${c.provider}:${c.model}`] && !prices[c.model])
        fail(`tiers.${t}[${i}].model`, `"${c.model}" has no entry in prices (every model's cost is counted)`);
    });
  }

  const d = input.defaults ?? {};
  const defaults = {
    maxTokens: num('defaults.maxTokens', d.maxTokens ?? 1024, 1, 200_000, true),
    temperature: num('defaults.temperature', d.temperature ?? 0, 0, 2),
    confidenceThreshold: num('defaults.confidenceThreshold', d.confidenceThreshold ?? 0.6, 0, 1),
    maxImprovements: num('defaults.maxImprovements', d.maxImprovements ?? 2, 0, 10, true),
    budgetUsdPerMonth: num('defaults.budgetUsdPerMonth', d.budgetUsdPerMonth ?? 50, 0, 1e9),
  };

  const r = { ...DEFAULT_RESILIENCE, ...(input.resilience ?? {}) };
  const resilience: ResilienceSettings = {
    timeoutMs: num('resilience.timeoutMs', r.timeoutMs, 1, 600_000, true),
    maxRetries: num('resilience.maxRetries', r.maxRetries, 0, 10, true),
    backoffInitialMs: num('resilience.backoffInitialMs', r.backoffInitialMs, 0, 60_000, true),
    backoffMaxMs: num('resilience.backoffMaxMs', r.backoffMaxMs, 0, 600_000, true),
    breakerThreshold: num('resilience.breakerThreshold', r.breakerThreshold, 1, 1000, true),
    breakerHalfOpenMs: num('resilience.breakerHalfOpenMs', r.breakerHalfOpenMs, 1, 3_600_000, true),
    bulkheadLimit: num('resilience.bulkheadLimit', r.bulkheadLimit, 1, 1000, true),
    bulkheadQueue: num('resilience.bulkheadQueue', r.bulkheadQueue, 0, 100_000, true),
  };
  if (resilience.backoffMaxMs < resilience.backoffInitialMs)
    fail('resilience.backoffMaxMs', 'must be >= resilience.backoffInitialMs');

  const tenants: Record<string, TenantModelSettings> = {};
  const tenantsIn = input.tenants ?? {};
  if (!isObj(tenantsIn)) fail('tenants', 'must be an object keyed by tenant id');
  for (const [id, t] of Object.entries(tenantsIn)) tenants[id] = validateTenant(`tenants.${id}`, t, seen, prices);

  const promptVersion = input.promptVersion ?? DEFAULT_PROMPT_VERSION;
  if (typeof promptVersion !== 'string' || !ID.test(promptVersion)) fail('promptVersion', 'must be a short id');

  const c = input.cache ?? {};
  const cache = {
    enabled: c.enabled ?? true,
    maxEntries: num('cache.maxEntries', c.maxEntries ?? 5_000, 1, 10_000_000, true),
    ttlSeconds: num('cache.ttlSeconds', c.ttlSeconds ?? 7 * 24 * 3600, 1, 365 * 24 * 3600, true),
    keyPrefix: c.keyPrefix ?? 'smartseg:llm:',
    ...(c.redisUrl !== undefined ? { redisUrl: c.redisUrl } : {}),
  };
  if (typeof cache.enabled !== 'boolean') fail('cache.enabled', 'must be true or false');
  if (
    cache.redisUrl !== undefined &&
    (typeof cache.redisUrl !== 'string' || !/^rediss?:\/\/\S+$/.test(cache.redisUrl))
  ) {
    fail('cache.redisUrl', 'must be a redis:// or rediss:// URL');
  }
  return { providers, tiers, tasks, prices, defaults, tenants, resilience, promptVersion, cache };
}

/** A price table `{model or provider:model: {input, output, cached?}}` (USD per million tokens). */
function priceTable(s: string, v: unknown): Record<string, ModelPrice> {
  if (!isObj(v)) fail(s, 'must be an object keyed by model id');
  const out: Record<string, ModelPrice> = {};
  for (const [m, p] of Object.entries(v)) {
    const at = `${s}.${m}`;
    if (!ID.test(m)) fail(at, 'must be keyed by a model id or provider:model');
    if (!isObj(p)) fail(at, 'must be {input, output, cached} in USD per million tokens');
    out[m] = {
      input: num(`${at}.input`, p.input, 0, 10_000),
      output: num(`${at}.output`, p.output, 0, 10_000),
      cached: num(`${at}.cached`, p.cached ?? p.input, 0, 10_000),
    };
  }
  return out;
}

/** The settings a tenant may override (static `tenants.<id>` or its stored `settings.model`). */
export const TENANT_SETTING_KEYS = [
  'tiers',
  'tasks',
  'providers',
  'maxTokens',
  'temperature',
  'confidenceThreshold',
  'maxImprovements',
  'budgetUsdPerMonth',
  'enabled',
  'prices',
] as const;

function validateTenant(
  s: string,
  t: unknown,
  providers: Set<string>,
  globalPrices: Record<string, ModelPrice>,
): TenantModelSettings {
  if (!isObj(t)) fail(s, 'must be an object');
  for (const k of Object.keys(t))
    if (!(TENANT_SETTING_KEYS as readonly string[]).includes(k))
      fail(`${s}.${k}`, `is not a tenant setting (${TENANT_SETTING_KEYS.join(', ')})`);
  const out: TenantModelSettings = {};
  if (t.prices !== undefined) out.prices = priceTable(`${s}.prices`, t.prices);
  const prices = { ...globalPrices, ...(out.prices ?? {}) };
  if (t.tiers !== undefined) {
    if (!isObj(t.tiers)) fail(`${s}.tiers`, 'must be an object keyed by tier');
    out.tiers = {};
    for (const [k, v] of Object.entries(t.tiers)) {
      const tier = tierName(`${s}.tiers.${k}`, k);
      out.tiers[tier] = choices(`${s}.tiers.${k}`, v, providers);
      out.tiers[tier]!.forEach((c, i) => {
        if (!prices[`${c.provider}:${c.model}`] && !prices[c.model])
          fail(`${s}.tiers.${k}[${i}].model`, `"${c.model}" has no entry in prices`);
      });
    }
  }
  if (t.tasks !== undefined) {
    if (!isObj(t.tasks)) fail(`${s}.tasks`, 'must be an object keyed by task');
    out.tasks = {};
    for (const [k, v] of Object.entries(t.tasks)) {
      if (!TASKS.includes(k as Task)) fail(`${s}.tasks.${k}`, `is not a task (${TASKS.join(', ')})`);
      out.tasks[k as Task] = tierName(`${s}.tasks.${k}`, v);
    }
  }
  if (t.providers !== undefined) {
    if (!isObj(t.providers)) fail(`${s}.providers`, 'must be an object keyed by provider id');
    out.providers = {};
    for (const [p, v] of Object.entries(t.providers)) {
      if (!providers.has(p)) fail(`${s}.providers.${p}`, 'is not a configured provider');
      if (!isObj(v)) fail(`${s}.providers.${p}`, 'must be {apiKey?, baseUrl?}');
      for (const k of Object.keys(v))
        if (k !== 'apiKey' && k !== 'baseUrl')
          fail(`${s}.providers.${p}.${k}`, 'is not a provider setting (apiKey, baseUrl)');
      if (isMaskedKey(v.apiKey))
        fail(`${s}.providers.${p}.apiKey`, 'is a masked key: send the key itself, or omit it to keep no key');
      out.providers[p] = {
        ...(v.apiKey !== undefined ? { apiKey: key(`${s}.providers.${p}.apiKey`, v.apiKey) } : {}),
        ...(v.baseUrl !== undefined ? { baseUrl: url(`${s}.providers.${p}.baseUrl`, v.baseUrl) } : {}),
      };
    }
  }
  if (t.maxTokens !== undefined) out.maxTokens = num(`${s}.maxTokens`, t.maxTokens, 1, 200_000, true);
  if (t.temperature !== undefined) out.temperature = num(`${s}.temperature`, t.temperature, 0, 2);
  if (t.confidenceThreshold !== undefined)
    out.confidenceThreshold = num(`${s}.confidenceThreshold`, t.confidenceThreshold, 0, 1);
  if (t.maxImprovements !== undefined)
    out.maxImprovements = num(`${s}.maxImprovements`, t.maxImprovements, 0, 10, true);
  if (t.budgetUsdPerMonth !== undefined)
    out.budgetUsdPerMonth = num(`${s}.budgetUsdPerMonth`, t.budgetUsdPerMonth, 0, 1e9);
  if (t.enabled !== undefined && typeof t.enabled !== 'boolean') fail(`${s}.enabled`, 'must be true or false');
  if (t.enabled !== undefined) out.enabled = t.enabled;
  return out;
}

/**
 * Validates a tenant's stored model settings (`TenantSettings.model`, written through the admin
 * API) against the router's providers and prices, with the same rules as static `tenants.<id>`.
 * Throws `SmartsegError(CONFIG_INVALID)` naming the field under `path`
 * (`settings.model.tiers.standard[0].model`); keys are never echoed. A tier model may be priced by
 * the tenant's own `prices` (stored or static).
 */
export function validateTenantModelSettings(
  settings: ModelRouterSettings,
  tenantId: string,
  input: unknown,
  path = 'settings.model',
): TenantModelSettings {
  const providers = new Set(settings.providers.map((p) => p.id));
  const prices = { ...settings.prices, ...(settings.tenants[tenantId]?.prices ?? {}) };
  return validateTenant(path, input, providers, prices);
}

/**
 * `over` on top of `base`, field by field: scalars replace, a tier's list replaces that tier's
 * list, a task's tier replaces that task's, a provider's key / base URL replace that provider's,
 * a price replaces that price.
 */
export function mergeTenantSettings(base: TenantModelSettings, over: TenantModelSettings): TenantModelSettings {
  const out: TenantModelSettings = { ...base, ...over };
  if (base.tiers || over.tiers) out.tiers = { ...(base.tiers ?? {}), ...(over.tiers ?? {}) };
  if (base.tasks || over.tasks) out.tasks = { ...(base.tasks ?? {}), ...(over.tasks ?? {}) };
  if (base.prices || over.prices) out.prices = { ...(base.prices ?? {}), ...(over.prices ?? {}) };
  if (base.providers || over.providers) {
    const providers: NonNullable<TenantModelSettings['providers']> = { ...(base.providers ?? {}) };
    for (const [id, p] of Object.entries(over.providers ?? {})) providers[id] = { ...(providers[id] ?? {}), ...p };
    out.providers = providers;
  }
  return out;
}

/** A key as it may be shown: its last 4 characters when it is long enough to keep them secret, else nothing. */
export function maskKey(key: string): string {
  return key.length >= 16 ? `****${key.slice(-4)}` : '****';
}

/** True for what maskKey returns (a masked key sent back is not a key). */
export const isMaskedKey = (v: unknown): v is string => typeof v === 'string' && /^\*{4}[^*\s]{0,4}$/.test(v);

/** A copy of (unvalidated) tenant model settings with every `providers.<id>.apiKey` masked. */
export function maskTenantModelSettings<T>(model: T): T {
  if (!isObj(model) || !isObj(model.providers)) return model;
  const providers: Record<string, unknown> = {};
  for (const [id, p] of Object.entries(model.providers))
    providers[id] = isObj(p) && typeof p.apiKey === 'string' ? { ...p, apiKey: maskKey(p.apiKey) } : p;
  return { ...model, providers } as T;
}

/** The effective settings of one tenant (defaults with its overrides). */
export interface TenantView {
  tierModels(tier: Tier): ModelChoice[];
  taskTier(task: Task): Tier;
  maxTokens: number;
  temperature: number;
  confidenceThreshold: number;
  maxImprovements: number;
  budgetUsdPerMonth: number;
  enabled: boolean;
  provider(id: string): ProviderSettings;
  /** The tenant's price of a model (its own prices first, then the router's). */
  price(provider: string, model: string): ModelPrice;
}

/**
 * One tenant's effective settings. Precedence: `stored` (the tenant's own settings, validated) >
 * static `settings.tenants[tenantId]` > the router's defaults.
 */
export function tenantView(settings: ModelRouterSettings, tenantId: string, stored?: TenantModelSettings): TenantView {
  const fixed = settings.tenants[tenantId] ?? {};
  const t = stored ? mergeTenantSettings(fixed, stored) : fixed;
  return {
    tierModels: (tier) => t.tiers?.[tier] ?? settings.tiers[tier],
    taskTier: (task) => t.tasks?.[task] ?? settings.tasks[task],
    maxTokens: t.maxTokens ?? settings.defaults.maxTokens,
    temperature: t.temperature ?? settings.defaults.temperature,
    confidenceThreshold: t.confidenceThreshold ?? settings.defaults.confidenceThreshold,
    maxImprovements: t.maxImprovements ?? settings.defaults.maxImprovements,
    budgetUsdPerMonth: t.budgetUsdPerMonth ?? settings.defaults.budgetUsdPerMonth,
    enabled: t.enabled ?? true,
    provider: (id) => {
      const base = settings.providers.find((p) => p.id === id);
      if (!base) fail(`provider ${id}`, 'is not configured');
      const own = t.providers?.[id] ?? {};
      return { ...base, ...own };
    },
    price: (provider, model) =>
      t.prices?.[`${provider}:${model}`] ?? t.prices?.[model] ?? priceOf(settings, provider, model),
  };
}

export function priceOf(settings: ModelRouterSettings, provider: string, model: string): ModelPrice {
  return settings.prices[`${provider}:${model}`] ?? settings.prices[model] ?? { input: 0, output: 0, cached: 0 };
}
