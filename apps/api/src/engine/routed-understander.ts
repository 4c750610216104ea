import type { AppConfig } from '@smartseg/common/server';
import type {
  ModelRouter,
  ModelRouterOptions,
  ProviderSettings,
  RoutedAnswer,
  RouterMetricObjects,
} from '@smartseg/model-router';
import type { UnderstandingEngines } from './segment-engine.adapters';
import { Understander, type UnderstandOptions, type UnderstandResult } from './engine.ports';

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
 * The router's options from the app config: providers, threshold, budget, the API's prom
 * metrics and the shared per-tenant engine cache. With no key the answer cache is off (no
 * request can reach a model, so nothing is cached or counted).
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
      cache: { enabled: modelsConfigured(config) },
    },
    metrics,
    // The local engine as LocalUnderstander ran it (understandAsync), from the same LRU.
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
    const a = await this.router.answer(
      text,
      {
        tenantId: options.tenantId,
        catalog: options.catalog,
        asOf: options.asOf,
        permissions: options.permissions,
        ...(options.current ? { current: options.current } : {}),
      },
      options.onStep,
    );
    return toUnderstandResult(a, this.withModels);
  }
}

/** RoutedAnswer -> the port's result (explanation as text; `answered_by` and `notes` kept). */
export function toUnderstandResult(a: RoutedAnswer, withModels: boolean): UnderstandResult {
  // Without any model configured, only the local engine's own notes are kept (the answer is as before).
  const notes = withModels ? a.notes : a.local.status === 'segment' || a.local.status === 'clarify' ? (a.local.notes ?? []) : [];
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
