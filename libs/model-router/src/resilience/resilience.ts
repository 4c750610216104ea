import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
  type IPolicy,
} from 'cockatiel';
import type { ResilienceSettings } from '../config/model-router.config';
import { LlmProviderError } from '../providers/llm-provider.port';

export type BreakerState = 'closed' | 'open' | 'half_open' | 'isolated';

const STATE: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half_open',
  [CircuitState.Isolated]: 'isolated',
};

/** Retried: 429 and 5xx only. */
export const isRetryable = (err: Error): boolean => err instanceof LlmProviderError && err.retryable;

/** Counted by the breaker: outages (429, 5xx, timeouts, network), not our own bad requests (4xx). */
export const isOutage = (err: Error): boolean =>
  err instanceof TaskCancelledError ||
  (err instanceof LlmProviderError && (err.retryable || err.kind === 'timeout' || err.kind === 'network'));

interface ModelPolicy {
  breaker: CircuitBreakerPolicy;
  policy: IPolicy<{ signal: AbortSignal }>;
}

/**
 * cockatiel policies: per provider+model `retry(429/5xx, exponential backoff with jitter) ->
 * circuit breaker (consecutive outages) -> timeout (aggressive, aborts the SDK call)`; per
 * tenant a bulkhead around every model call.
 */
export class Resilience {
  private readonly models = new Map<string, ModelPolicy>();
  private readonly tenants = new Map<string, BulkheadPolicy>();

  constructor(
    private readonly settings: ResilienceSettings,
    private readonly onBreakerChange?: (provider: string, model: string, state: BreakerState) => void,
  ) {}

  private modelPolicy(provider: string, model: string): ModelPolicy {
    const key = `${provider}:${model}`;
    let p = this.models.get(key);
    if (!p) {
      const s = this.settings;
      const breaker = circuitBreaker(handleWhen(isOutage), {
        halfOpenAfter: s.breakerHalfOpenMs,
        breaker: new ConsecutiveBreaker(s.breakerThreshold),
      });
      breaker.onStateChange((st) => this.onBreakerChange?.(provider, model, STATE[st]));
      const policy = wrap(
        retry(handleWhen(isRetryable), {
          maxAttempts: s.maxRetries,
          backoff: new ExponentialBackoff({ initialDelay: s.backoffInitialMs, maxDelay: s.backoffMaxMs }),
        }),
        breaker,
        timeout(s.timeoutMs, TimeoutStrategy.Aggressive),
      );
      p = { breaker, policy: policy as unknown as IPolicy<{ signal: AbortSignal }> };
      this.models.set(key, p);
    }
    return p;
  }

  private tenantBulkhead(tenantId: string): BulkheadPolicy {
    let b = this.tenants.get(tenantId);
    if (!b) {
      b = bulkhead(this.settings.bulkheadLimit, this.settings.bulkheadQueue);
      this.tenants.set(tenantId, b);
    }
    return b;
  }

  breakerState(provider: string, model: string): BreakerState {
    return STATE[this.modelPolicy(provider, model).breaker.state];
  }

  /** Runs one model call under the tenant's bulkhead and the model's retry / breaker / timeout. */
  async execute<T>(
    tenantId: string,
    provider: string,
    model: string,
    fn: (signal: AbortSignal) => Promise<T>,
    outer?: AbortSignal,
  ): Promise<T> {
    const { policy } = this.modelPolicy(provider, model);
    return this.tenantBulkhead(tenantId).execute(() => policy.execute(({ signal }) => fn(signal), outer));
  }
}

/** Why a call failed, in words for a step or a note (no bodies, no keys). */
export function failureReason(err: unknown): {
  code: 'breaker_open' | 'bulkhead_full' | 'timeout' | 'http' | 'network' | 'other';
  message: string;
  status?: number;
} {
  if (err instanceof BrokenCircuitError) return { code: 'breaker_open', message: 'circuit breaker open' };
  if (err instanceof BulkheadRejectedError)
    return { code: 'bulkhead_full', message: 'too many concurrent model calls for this tenant' };
  if (err instanceof TaskCancelledError) return { code: 'timeout', message: 'timed out' };
  if (err instanceof LlmProviderError) {
    if (err.kind === 'timeout' || err.kind === 'aborted') return { code: 'timeout', message: err.message };
    if (err.status !== undefined) return { code: 'http', message: err.message, status: err.status };
    return { code: 'network', message: err.message };
  }
  return { code: 'other', message: err instanceof Error ? err.message.slice(0, 160) : 'unknown failure' };
}
