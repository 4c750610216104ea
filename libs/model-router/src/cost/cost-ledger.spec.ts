import { CostLedger, costOf } from './cost-ledger';

describe('cost', () => {
  const price = { input: 3, output: 15, cached: 0.3 };

  it('prices uncached input, cached input and output separately (USD per million)', () => {
    expect(costOf({ inputTokens: 1_000_000, outputTokens: 0, cachedTokens: 0 }, price)).toBeCloseTo(3);
    expect(costOf({ inputTokens: 1_000_000, outputTokens: 0, cachedTokens: 1_000_000 }, price)).toBeCloseTo(0.3);
    expect(costOf({ inputTokens: 2000, outputTokens: 100, cachedTokens: 1500 }, price)).toBeCloseTo(
      (500 * 3 + 1500 * 0.3 + 100 * 15) / 1e6,
      12,
    );
  });

  it('keeps totals per tenant and per month; a new month starts from zero', async () => {
    let now = new Date('2026-05-31T23:00:00Z');
    const ledger = new CostLedger(undefined, 10, () => now);
    const usage = { inputTokens: 10, outputTokens: 1, cachedTokens: 0 };
    await ledger.record({ tenantId: 'a', provider: 'p', model: 'm', usage, costUsd: 0.5, latencyMs: 1 });
    await ledger.record({ tenantId: 'a', provider: 'p', model: 'm', usage, costUsd: 0.25, latencyMs: 1 });
    await ledger.record({ tenantId: 'b', provider: 'p', model: 'm', usage, costUsd: 1, latencyMs: 1 });
    expect(await ledger.tenantMonthUsd('a')).toBeCloseTo(0.75);
    expect(await ledger.providerMonthUsd('p')).toBeCloseTo(1.75);
    expect(ledger.tenantTotals('a')).toMatchObject({ calls: 2, inputTokens: 20, outputTokens: 2 });
    now = new Date('2026-06-01T00:00:00Z');
    expect(await ledger.tenantMonthUsd('a')).toBe(0);
  });
});
