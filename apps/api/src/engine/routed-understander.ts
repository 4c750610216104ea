import type { AppConfig } from '@smartseg/common/server';
import type {
  ModelRouter,
  ModelRouterOptions,
  ProviderSettings,
  RoutedAnswer,
  RouterMetricObjects,
  RouterStep,
  SpendStore,
} from '@smartseg/model-router';
import type { UnderstandingEngines } from './segment-engine.adapters';
import { Understander, type UnderstandOptions, type UnderstandResult, type UnderstandStep } from './engine.ports';

/** Provider endpoints from the app config (ids = kinds, as they appear in `answered_by` and metric labels). */
export function providerSettings(config: AppConfig): ProviderSettings[] {
  const one = (kind: ProviderSettings['kind'], apiKey?: string, baseUrl?: string): ProviderSettings => ({
    id: kind,
    kind,
    ...(apiKey ? { apiKey } : {}),
    ...(baseUrl ? { baseUrl } : {}),
  });
  return [
    one('anthropic', config.ANTHROPIC_API_KEY, config.ANTHROPIC_BASE_URL),
    one('gemini', config.GEMINI_API_KEY, config.GEMINI_BASE_URL),
    one('openai', config.OPENAI_API_KEY, config.OPENAI_BASE_URL),
  ];
}

/** True when at least one platform provider has a key (a tenant may still bring its own). */
export function modelsConfigured(config: AppConfig): boolean {
  return providerSettings(config).some((p) => p.apiKey !== undefined);
}

/**
 * The router's answer-cache settings: the in-process LRU, plus Redis when the app has REDIS_URL
 * (the queue's Redis), shared by replicas. On even without a platform key: a tenant may bring its
 * own; a request whose tier has no key never touches the cache (nothing is cached or counted).
 */
export function answerCacheSettings(config: AppConfig): { enabled: boolean; redisUrl?: string } {
  return {
    enabled: true,
    ...(config.REDIS_URL ? { redisUrl: config.REDIS_URL } : {}),
  };
}

/** Where the router reads per-tenant state: stored model settings and the persistent spend store. */
export interface TenantModelSources {
  /** The tenant's stored `settings.model` (tenant-config); undefined when it has none. */
  tenantSettings?: (tenantId: string) => Promise<unknown>;
  /** Monthly spend shared by processes and restarts (the state database). */
  spendStore?: SpendStore;
}

/**
 * The router's options from the app config: providers, threshold, budget, the API's prom
 * metrics, the answer cache (answerCacheSettings), the shared per-tenant engine cache, and the
 * per-tenant sources (stored settings, database spend store).
 */
export function modelRouterOptions(
  config: AppConfig,
  metrics: RouterMetricObjects,
  engines: UnderstandingEngines,
  sources: TenantModelSources = {},
): ModelRouterOptions {
  return {
    ...(sources.tenantSettings ? { tenantSettings: sources.tenantSettings } : {}),
    ...(sources.spendStore ? { spendStore: sources.spendStore } : {}),
    settings: {
      providers: providerSettings(config),
      defaults: {
        confidenceThreshold: config.LLM_CONFIDENCE_THRESHOLD,
        ...(config.LLM_MONTHLY_BUDGET_USD !== undefined ? { budgetUsdPerMonth: config.LLM_MONTHLY_BUDGET_USD } : {}),
      },
      cache: answerCacheSettings(config),
    },
    metrics,
    // The local engine (understandAsync), one per tenant catalog from the LRU.
    localEngine: (tenantId, catalog) => {
      const engine = engines.get(tenantId, catalog);
      return { understand: (text, ctx) => engine.understandAsync(text, ctx) };
    },
  };
}

/**
 * The Understander port over libs/model-router: the local engine answers first; a low-confidence
 * segment or a refusal for lack of understanding goes to a model when the tenant may use one (its
 * own key or the platform's, models enabled); every segment is verified. `answer` never throws for
 * a model failure (it falls back to the local answer).
 */
export class RoutedUnderstander extends Understander {
  constructor(private readonly router: ModelRouter) {
    super();
  }

  async understand(text: string, options: UnderstandOptions): Promise<UnderstandResult> {
    const sink = options.onStep;
    // Without any model for this tenant the router's "no model" notices and steps are left out.
    const withModels = await this.router.modelsAvailable(options.tenantId);
    const secrets = sink && withModels ? await this.router.tenantSecrets(options.tenantId) : [];
    const a = await this.router.answer(
      text,
      {
        tenantId: options.tenantId,
        catalog: options.catalog,
        asOf: options.asOf,
        permissions: options.permissions,
        ...(options.current ? { current: options.current } : {}),
        ...(options.previous?.length ? { previous: options.previous } : {}),
      },
      sink && withModels ? escalationSteps(sink, secrets) : undefined,
    );
    return toUnderstandResult(a, withModels);
  }
}

/**
 * Forwards the router's steps only when it escalates: the `local` step is held until the
 * `decide` step; `decide {escalate: false}` drops everything (a local answer reports no steps).
 * From `decide {escalate: true}` on, every step (decide, cache, skip, call, verify, improve,
 * fallback, answer) is passed on as it happens, reduced to publicStep.
 */
export function escalationSteps(sink: (step: UnderstandStep) => void, secrets: string[] = []): (s: RouterStep) => void {
  let held: RouterStep[] = [];
  let escalated = false;
  return (s) => {
    if (!escalated) {
      if (s.type === 'decide' && s.escalate) {
        escalated = true;
        for (const h of held) sink(publicStep(h, secrets));
        held = [];
      } else {
        if (s.type === 'local') held.push(s);
        else held = [];
        return;
      }
    }
    sink(publicStep(s, secrets));
  };
}

/** Fields a step may show (RouterStep's own; anything else, e.g. a future prompt field, is dropped). */
const STEP_FIELDS = [
  'type',
  'status',
  'confidence',
  'ms',
  'escalate',
  'reason',
  'task',
  'tier',
  'hit',
  'layer',
  'provider',
  'model',
  'round',
  'ok',
  'inputTokens',
  'outputTokens',
  'cachedTokens',
  'costUsd',
  'error',
  'code',
  'problems',
  'answered_by',
] as const;

/** A step for the client: allow-listed fields, provider error text clipped, any known key redacted. */
export function publicStep(step: RouterStep, secrets: string[] = []): UnderstandStep {
  const src = step as unknown as Record<string, unknown>;
  const redact = (v: string) => secrets.reduce((t, k) => t.split(k).join('[redacted]'), v);
  const out: UnderstandStep = { type: step.type };
  for (const f of STEP_FIELDS) {
    if (f === 'type' || src[f] === undefined) continue;
    const v = src[f];
    if (f === 'problems' && Array.isArray(v)) {
      out.problems = v.map((p: { path?: unknown; code?: unknown; message?: unknown }) => ({
        path: redact(String(p.path ?? '')),
        code: redact(String(p.code ?? '')),
        message: redact(String(p.message ?? '')),
      }));
    } else if (typeof v === 'string') {
      out[f] = redact(f === 'error' && v.length > 200 ? `${v.slice(0, 200)}…` : v);
    } else if (typeof v === 'number' || typeof v === 'boolean') {
      out[f] = v;
    }
  }
  return out;
}

/** RoutedAnswer -> the port's result (explanation as text; `answered_by` and `notes` kept). */
export function toUnderstandResult(a: RoutedAnswer, withModels: boolean): UnderstandResult {
  // Without any model configured, only the local engine's own notes are kept (the answer is as before).
  const notes = withModels
    ? a.notes
    : a.local.status === 'segment' || a.local.status === 'clarify'
      ? (a.local.notes ?? [])
      : [];
  const provenance = { answered_by: a.answered_by, ...(notes.length ? { notes } : {}) };
  if (a.status === 'segment' && a.segment) {
    return {
      status: 'segment',
      segment: a.segment,
      ...(a.explanation ? { explanation: a.explanation.text } : {}),
      ...(a.spans ? { spans: a.spans } : {}),
      ...(a.confidence !== undefined ? { confidence: a.confidence } : {}),
      ...provenance,
    };
  }
  if (a.status === 'clarify') {
    return {
      status: 'clarify',
      question: a.question ?? 'Could you say more about who you mean?',
      options: (a.options ?? []).map((o) => ({ label: o.label, segment: o.segment })),
      ...provenance,
    };
  }
  return {
    status: 'refuse',
    reason: a.reason ?? 'the request could not be answered',
    ...(a.nearest ? { nearest: a.nearest } : {}),
    ...(a.missing?.length ? { missing: a.missing } : {}),
    ...provenance,
  };
}
