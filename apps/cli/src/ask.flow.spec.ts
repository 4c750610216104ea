import { referenceRetailTestCatalog } from '@smartseg/knowledge-store';
import { AskFlow } from './ask.flow';
import type { TenantSession } from './cli-context';

describe('AskFlow turns', () => {
  // the engine only needs the catalog, the as-of date and the permissions (no counts asked)
  const session = {
    catalog: referenceRetailTestCatalog('2026-06-30'),
    asOf: '2026-06-30',
    permissions: { pii: false },
  } as unknown as TenantSession;

  it('hands each turn the earlier segments, so "undo that" goes back one step', async () => {
    const flow = new AskFlow(session);
    const answer = await flow.answer(['platinum members in Ohio', 'Texas instead', 'undo that'], { count: false });
    expect(answer.status).toBe('segment');
    expect(answer.segment?.where).toEqual({
      kind: 'and',
      children: [
        { kind: 'attribute', facet: 'loyalty_tier', op: 'eq', value: 'platinum' },
        { kind: 'attribute', facet: 'state', op: 'eq', value: 'OH' },
      ],
    });
  });
});
