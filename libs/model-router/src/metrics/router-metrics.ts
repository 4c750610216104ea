import { Counter, Histogram, Registry } from 'prom-client';

/** The metric objects the router writes. Pass existing ones (the API's @willsoto/nestjs-prometheus providers) to share them. */
export interface RouterMetricObjects {
  /** llm_tokens_total{tenant_id,provider,model,kind} (kind: input | output | cached) */
  tokens: Counter<string>;
  /** llm_cost_usd_total{tenant_id,provider,model} */
  cost: Counter<string>;
  /** llm_call_latency_seconds{provider,model} */
  latency: Histogram<string>;
  /** cache_hits_total{cache} */
  cacheHits: Counter<string>;
  /** cache_misses_total{cache} */
  cacheMisses: Counter<string>;
}

export const METRIC_NAMES = {
  tokens: 'llm_tokens_total',
  cost: 'llm_cost_usd_total',
  latency: 'llm_call_latency_seconds',
  cacheHits: 'cache_hits_total',
  cacheMisses: 'cache_misses_total',
} as const;

export interface RouterMetricsOptions {
  /** Registry to create missing metrics in (reused if a metric of that name is already registered). */
  registry?: Registry;
  /** Existing metric objects, used as they are. */
  metrics?: Partial<RouterMetricObjects>;
}

/**
 * Creates (or reuses) the five metrics. A metric given in `metrics` wins; else one already
 * registered under its name in `registry` is reused; else it is created there (a private
 * Registry when none is given, so tests never touch the global one).
 */
export function routerMetrics(options: RouterMetricsOptions = {}): RouterMetricObjects & { registry: Registry } {
  const registry = options.registry ?? new Registry();
  const given = options.metrics ?? {};
  const counter = (name: string, help: string, labelNames: string[]) =>
    (registry.getSingleMetric(name) as Counter<string> | undefined) ??
    new Counter({ name, help, labelNames, registers: [registry] });
  return {
    registry,
    tokens:
      given.tokens ??
      counter(METRIC_NAMES.tokens, 'Language-model tokens used', ['tenant_id', 'provider', 'model', 'kind']),
    cost:
      given.cost ?? counter(METRIC_NAMES.cost, 'Language-model cost in US dollars', ['tenant_id', 'provider', 'model']),
    latency:
      given.latency ??
      (registry.getSingleMetric(METRIC_NAMES.latency) as Histogram<string> | undefined) ??
      new Histogram({
        name: METRIC_NAMES.latency,
        help: 'Language-model call latency',
        labelNames: ['provider', 'model'],
        buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
        registers: [registry],
      }),
    cacheHits: given.cacheHits ?? counter(METRIC_NAMES.cacheHits, 'Cache hits', ['cache']),
    cacheMisses: given.cacheMisses ?? counter(METRIC_NAMES.cacheMisses, 'Cache misses', ['cache']),
  };
}
