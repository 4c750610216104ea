import type { Segment } from '@smartseg/segment-engine';
import { CTX, testEngine } from '../testing/fixtures';
import { editSegment, looksLikeEdit } from './editor';

const seg = (text: string): Segment => {
  const r = testEngine().understand(text, CTX);
  if (r.status !== 'segment') throw new Error(`expected a segment for ${text}`);
  return r.segment;
};

describe('editor', () => {
  it('tells a follow-up from a new request', () => {
    const current = seg('VIPs in Ohio');
    const ctx = { ...CTX, current };
    expect(looksLikeEdit('also Indiana', testEngine(), ctx)).toBe(true);
    expect(looksLikeEdit('Texas instead', testEngine(), ctx)).toBe(true);
    expect(looksLikeEdit('drop Ohio', testEngine(), ctx)).toBe(true);
    expect(looksLikeEdit('customers in Oregon who bought camping gear this year', testEngine(), ctx)).toBe(false);
  });

  it('lists what changed with paths', () => {
    const current = seg('women in Ohio who bought toys this year');
    const r = editSegment(current, 'make it Michigan instead', { ...CTX, current }, testEngine());
    expect(r?.status).toBe('segment');
    if (r?.status !== 'segment') return;
    expect(r.changes).toEqual([
      {
        op: 'replace',
        path: 'where.children[1]',
        before: { kind: 'attribute', facet: 'state', op: 'eq', value: 'OH' },
        after: { kind: 'attribute', facet: 'state', op: 'eq', value: 'MI' },
      },
    ]);
  });

  it('extends a value list, a rule and an item list', () => {
    const a = seg('women in Ohio');
    const r1 = editSegment(a, 'and Michigan', { ...CTX, current: a }, testEngine());
    expect(r1?.status === 'segment' && r1.segment.where).toEqual({
      kind: 'and',
      children: [
        { kind: 'attribute', facet: 'gender', op: 'eq', value: 'female' },
        { kind: 'attribute', facet: 'state', op: 'in', values: ['OH', 'MI'] },
      ],
    });
    const b = seg('lapsed customers in Texas');
    const r2 = editSegment(b, 'also include churned', { ...CTX, current: b }, testEngine());
    expect(r2?.status === 'segment' && r2.segment.where).toEqual({
      kind: 'and',
      children: [
        {
          kind: 'or',
          children: [
            { kind: 'rule', rule: 'lapsed_customer' },
            { kind: 'rule', rule: 'churned_customer' },
          ],
        },
        { kind: 'attribute', facet: 'state', op: 'eq', value: 'TX' },
      ],
    });
    const c = seg('buyers of Nike in 2025');
    const r3 = editSegment(c, 'and Adidas', { ...CTX, current: c }, testEngine());
    expect(r3?.status === 'segment' && r3.segment.where).toEqual({
      kind: 'purchase',
      item: { brand: ['Nike', 'Adidas'] },
      window: { type: 'year', year: 2025 },
    });
  });

  it('negates with "the opposite"', () => {
    const a = seg('coupon users ytd');
    const r = editSegment(a, 'now the opposite', { ...CTX, current: a }, testEngine());
    expect(r?.status === 'segment' && r.segment.where).toEqual({
      kind: 'not',
      child: { kind: 'purchase', order: { coupon_used: true }, window: { type: 'this', unit: 'year' } },
    });
  });

  it('swaps a subscription channel', () => {
    const a = seg('email subscribers in Florida');
    const r = editSegment(a, 'sms instead of email', { ...CTX, current: a }, testEngine());
    expect(r?.status === 'segment' && r.segment.where).toEqual({
      kind: 'and',
      children: [
        { kind: 'attribute', facet: 'sms_opt_in', op: 'eq', value: true },
        { kind: 'attribute', facet: 'state', op: 'eq', value: 'FL' },
      ],
    });
  });

  it('returns nothing to do when the turn names nothing in the segment to drop', () => {
    const a = seg('VIPs in Ohio');
    expect(editSegment(a, 'remove the birthday part', { ...CTX, current: a }, testEngine())).toBeUndefined();
  });
});
