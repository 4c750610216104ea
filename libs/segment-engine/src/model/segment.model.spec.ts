import { isCondition, isGroup, type SegmentNode } from './segment.model';

describe('segment model guards', () => {
  it('tells groups from conditions', () => {
    const and: SegmentNode = { kind: 'and', children: [] };
    const cond: SegmentNode = { kind: 'attribute', facet: 'state', op: 'eq', value: 'CA' };
    expect(isGroup(and)).toBe(true);
    expect(isCondition(and)).toBe(false);
    expect(isCondition(cond)).toBe(true);
  });
});
