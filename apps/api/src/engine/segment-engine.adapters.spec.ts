import type { Segment } from '@smartseg/segment-engine';
import { referenceRetailTestCatalog } from '@smartseg/knowledge-store';
import { AudienceService, type WarehouseConnection } from '@smartseg/warehouse';
import { SegmentEngineCompiler, WarehouseAudience } from './segment-engine.adapters';

describe('WarehouseAudience count cache', () => {
  const catalog = referenceRetailTestCatalog();
  const seg = (state: string): Segment => ({
    version: 1,
    where: { kind: 'attribute', facet: 'state', op: 'eq', value: state },
  });
  const conn = () => ({ dialect: 'duckdb' }) as unknown as WarehouseConnection;

  afterEach(() => jest.restoreAllMocks());

  it('asks the warehouse once per segment and connection, again for another segment or a new connection', async () => {
    const spy = jest.spyOn(AudienceService.prototype, 'count').mockResolvedValue(42);
    const audience = new WarehouseAudience(new SegmentEngineCompiler());
    const a = conn();
    const ctx = { connection: a, catalog, asOf: '2026-06-30' } as never;
    expect(await audience.count(ctx, seg('TX'))).toBe(42);
    expect(await audience.count(ctx, seg('TX'))).toBe(42);
    expect(spy).toHaveBeenCalledTimes(1);
    await audience.count(ctx, seg('CA'));
    expect(spy).toHaveBeenCalledTimes(2);
    // the DuckDB file changed: TenantWarehouses opened a new connection
    await audience.count({ connection: conn(), catalog, asOf: '2026-06-30' } as never, seg('TX'));
    expect(spy).toHaveBeenCalledTimes(3);
    // another as-of date is another question
    await audience.count({ connection: a, catalog, asOf: '2026-05-31' } as never, seg('TX'));
    expect(spy).toHaveBeenCalledTimes(4);
  });
});
