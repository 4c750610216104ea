import type { AppConfig } from '@smartseg/common/server';
import type {
  ModelRouter,
  ModelRouterOptions,
  ProviderSettings,
  RoutedAnswer,
  RouterMetricObjects,
  RouterStep,
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

/** True when at least one provider has a key (otherwise every answer is the local engine's). */
export function modelsConfigured(config: AppConfig): boolean {
  return providerSettings(config).some((p) => p.apiKey !== undefined);
}

/**
 * The router's answer-cache settings: off with no provider key (no request can reach a model, so
 * nothing is cached or counted); otherwise the in-process LRU, plus Redis when the app has
 * REDIS_URL (the queue's Redis), shared by replicas.
 */
export function answerCacheSettings(config: AppConfig): { enabled: boolean; redisUrl?: string } {
  return {
    enabled: modelsConfigured(config),
    ...(config.REDIS_URL ? { redisUrl: config.REDIS_URL } : {}),
  };
}

/**
 * The router's options from the app config: providers, threshold, budget, the API's prom
 * metrics, the answer cache (answerCacheSettings) and the shared per-tenant engine cache.
 */
export function modelRouterOptions(
  config: AppConfig,
  metrics: RouterMetricObjects,
  engines: UnderstandingEngines,
): ModelRouterOptions {
  return {
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
 * segment or a refusal for lack of understanding goes to a model when one is configured; every
 * segment is verified. `answer` never throws for a model failure (it falls back to the local answer).
 */
export class RoutedUnderstander extends Understander {
  constructor(
    private readonly router: ModelRouter,
    /** Whether any provider key is set; without one the router's "no model configured" notice is left out. */
    private readonly withModels: boolean,
  ) {
    super();
  }

  async understand(text: string, options: UnderstandOptions): Promise<UnderstandResult> {
    const sink = options.onStep;
    const a = await this.router.answer(
      text,
      {
        tenantId: options.tenantId,
        catalog: options.catalog,
        asOf: options.asOf,
        permissions: options.permissions,
        ...(options.current ? { current: options.current } : {}),
      },
      sink && this.withModels ? escalationSteps(sink, secretsOf(this.router)) : undefined,
    );
    return toUnderstandResult(a, this.withModels);
  }
}

/** Provider keys known to the router, redacted from any step text (belt and braces: steps carry none). */
function secretsOf(router: ModelRouter): string[] {
  return router.settings.providers.map((p) => p.apiKey).filter((k): k is string => !!k && k.length >= 4);
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
