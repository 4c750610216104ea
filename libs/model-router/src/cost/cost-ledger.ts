import type { ModelPrice } from '../config/model-router.config';
import type { LlmUsage } from '../providers/llm-provider.port';

/** Cost of one call: uncached input, cached input and output tokens at their prices (USD per million). */
export function costOf(usage: LlmUsage, price: ModelPrice): number {
  const cached = Math.min(usage.cachedTokens, usage.inputTokens);
  const fresh = usage.inputTokens - cached;
  return (fresh * price.input + cached * price.cached + usage.outputTokens * price.output) / 1_000_000;
}

export interface CallCost {
  tenantId: string;
  provider: string;
  model: string;
  usage: LlmUsage;
  costUsd: number;
  latencyMs: number;
  at: string;
}

export interface UsageTotals {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  costUsd: number;
}

export const emptyTotals = (): UsageTotals => ({
  calls: 0,
  inputTokens: 0,
  outputTokens: 0,
  cachedTokens: 0,
  costUsd: 0,
});

export function addTo(t: UsageTotals, c: Pick<CallCost, 'usage' | 'costUsd'>): void {
  t.calls += 1;
  t.inputTokens += c.usage.inputTokens;
  t.outputTokens += c.usage.outputTokens;
  t.cachedTokens += c.usage.cachedTokens;
  t.costUsd += c.costUsd;
}

/**
 * Where monthly spend is kept, by `key` (`tenant:<id>` or `provider:<id>`) and `month` (YYYY-MM).
 * In memory by default (one process); DatabaseSpendStore (the state database) makes budgets hold
 * across replicas and restarts. `add` must be atomic (concurrent adds never lose one another).
 */
export interface SpendStore {
  add(key: string, month: string, usd: number): void | Promise<void>;
  get(key: string, month: string): number | Promise<number>;
}

export class InMemorySpendStore implements SpendStore {
  private readonly spend = new Map<string, number>();
  add(key: string, month: string, usd: number): void {
    const k = `${key}|${month}`;
    this.spend.set(k, (this.spend.get(k) ?? 0) + usd);
  }
  get(key: string, month: string): number {
    return this.spend.get(`${key}|${month}`) ?? 0;
  }
}

export const monthOf = (d: Date): string => d.toISOString().slice(0, 7);

/**
 * Every call's tokens and cost, by tenant (and month), by provider (and month), with the
 * totals a report needs. Keeps the last `keepCalls` calls for inspection.
 */
export class CostLedger {
  private readonly tenants = new Map<string, UsageTotals>();
  private readonly recent: CallCost[] = [];

  constructor(
    private readonly store: SpendStore = new InMemorySpendStore(),
    private readonly keepCalls = 1000,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async record(call: Omit<CallCost, 'at'>): Promise<CallCost> {
    const now = this.clock();
    const entry: CallCost = { ...call, at: now.toISOString() };
    const t = this.tenants.get(call.tenantId) ?? emptyTotals();
    addTo(t, entry);
    this.tenants.set(call.tenantId, t);
    this.recent.push(entry);
    if (this.recent.length > this.keepCalls) this.recent.shift();
    await this.store.add(`tenant:${call.tenantId}`, monthOf(now), call.costUsd);
    await this.store.add(`provider:${call.provider}`, monthOf(now), call.costUsd);
    return entry;
  }

  async tenantMonthUsd(tenantId: string): Promise<number> {
    return this.store.get(`tenant:${tenantId}`, monthOf(this.clock()));
  }

  async providerMonthUsd(provider: string): Promise<number> {
    return this.store.get(`provider:${provider}`, monthOf(this.clock()));
  }

  /** Totals since start of this process for one tenant. */
  tenantTotals(tenantId: string): UsageTotals {
    return { ...(this.tenants.get(tenantId) ?? emptyTotals()) };
  }

  calls(): readonly CallCost[] {
    return this.recent;
  }
}
