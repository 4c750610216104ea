import { SegmentBuilder } from './builder';
import { lexiconFor } from '../lexicon/lexicon';
import { testCatalog } from '../testing/fixtures';
import type { SegmentNode } from '@smartseg/segment-engine';

const builder = () => new SegmentBuilder({ lexicon: lexiconFor(testCatalog()), text: '', clarifications: new Map() });

describe('builder: simplification', () => {
  it('merges OR of one facet into an in-list', () => {
    const n: SegmentNode = {
      kind: 'or',
      children: [
        { kind: 'attribute', facet: 'state', op: 'eq', value: 'CA' },
        { kind: 'attribute', facet: 'state', op: 'in', values: ['TX', 'NY'] },
      ],
    };
    expect(builder().simplify(n)).toEqual({ kind: 'attribute', facet: 'state', op: 'in', values: ['CA', 'TX', 'NY'] });
  });

  it('turns NOT of simple conditions into neq / not_in / the other boolean', () => {
    expect(
      builder().simplify({ kind: 'not', child: { kind: 'attribute', facet: 'state', op: 'eq', value: 'CA' } }),
    ).toEqual({ kind: 'attribute', facet: 'state', op: 'neq', value: 'CA' });
    expect(
      builder().simplify({ kind: 'not', child: { kind: 'attribute', facet: 'state', op: 'in', values: ['CA', 'TX'] } }),
    ).toEqual({ kind: 'attribute', facet: 'state', op: 'not_in', values: ['CA', 'TX'] });
    expect(
      builder().simplify({ kind: 'not', child: { kind: 'attribute', facet: 'is_employee', op: 'eq', value: true } }),
    ).toEqual({ kind: 'attribute', facet: 'is_employee', op: 'eq', value: false });
  });

  it('keeps NOT around behaviours (never-buyers included)', () => {
    const n: SegmentNode = { kind: 'not', child: { kind: 'purchase', item: { department: ['Toys'] } } };
    expect(builder().simplify(n)).toEqual(n);
  });

  it('merges alternatives of events and of one item field', () => {
    expect(
      builder().simplify({
        kind: 'or',
        children: [
          { kind: 'event', event_type: ['email_open'], window: { type: 'last', n: 7, unit: 'day' } },
          { kind: 'event', event_type: ['sms_click'], window: { type: 'last', n: 7, unit: 'day' } },
        ],
      }),
    ).toEqual({ kind: 'event', event_type: ['email_open', 'sms_click'], window: { type: 'last', n: 7, unit: 'day' } });
    expect(
      builder().simplify({
        kind: 'or',
        children: [
          { kind: 'purchase', item: { brand: ['Nike'] } },
          { kind: 'purchase', item: { brand: ['Adidas'] } },
        ],
      }),
    ).toEqual({ kind: 'purchase', item: { brand: ['Nike', 'Adidas'] } });
  });

  it('reads AND of two values of one single-valued facet as either', () => {
    expect(
      builder().simplify({
        kind: 'and',
        children: [
          { kind: 'attribute', facet: 'state', op: 'eq', value: 'CA' },
          { kind: 'attribute', facet: 'state', op: 'eq', value: 'TX' },
        ],
      }),
    ).toEqual({ kind: 'attribute', facet: 'state', op: 'in', values: ['CA', 'TX'] });
  });

  it('flattens nested groups and removes duplicates', () => {
    const a: SegmentNode = { kind: 'rule', rule: 'vip' };
    expect(
      builder().simplify({
        kind: 'and',
        children: [a, { kind: 'and', children: [a, { kind: 'rule', rule: 'lapsed_customer' }] }],
      }),
    ).toEqual({
      kind: 'and',
      children: [a, { kind: 'rule', rule: 'lapsed_customer' }],
    });
  });
});
