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

  describe('follow-ups people write that the first editor missed', () => {
    const turn = (first: string, next: string) => {
      const current = seg(first);
      const r = testEngine().understand(next, { ...CTX, current });
      if (r.status !== 'segment') throw new Error(`expected a segment for ${next}, got ${r.status}`);
      return r.segment.where;
    };
    const leaves = (n: unknown): Record<string, unknown>[] => {
      const x = n as { kind: string; children?: unknown[]; child?: unknown };
      if (x.kind === 'and' || x.kind === 'or') return x.children!.flatMap(leaves);
      if (x.kind === 'not') return leaves(x.child);
      return [x as Record<string, unknown>];
    };

    it('drops the time window: "forget the time limit", "remove the window", "any time"', () => {
      for (const next of ['forget the time limit', 'remove the window', 'any time', 'all time instead']) {
        const w = turn('customers who bought toys in the last 90 days', next);
        expect(w).toEqual({ kind: 'purchase', item: { department: ['Toys'] } });
      }
    });

    it('drops a facet said as "no age limit"', () => {
      const w = turn('gold members over 50', 'no age limit');
      expect(leaves(w).map((l) => l['facet'])).toEqual(['loyalty_tier']);
    });

    it('replaces a count threshold instead of stacking a second one', () => {
      const w = turn('customers with 3+ orders', 'at least 5 orders');
      expect(w).toEqual({ kind: 'purchase', measure: 'orders', threshold: { op: 'gte', value: 5 } });
    });

    it('joins a level said with "too" to the one there', () => {
      const w = turn('customers with high churn risk', 'medium too');
      expect(w).toEqual({
        kind: 'or',
        children: [
          { kind: 'rule', rule: 'likely_to_churn' },
          { kind: 'model', model: 'churn_risk', level: 'medium' },
        ],
      });
    });

    it('narrows the purchase there: "only in the app", "and spent over 100 on them"', () => {
      const app = leaves(turn('women who bought baby products in the last 90 days', 'only in the app'));
      expect(app.filter((l) => l['kind'] === 'purchase')).toEqual([
        {
          kind: 'purchase',
          item: { department: ['Baby'] },
          order: { channel: ['app'] },
          window: { type: 'last', n: 90, unit: 'day' },
        },
      ]);
      const spend = leaves(turn('women who bought baby products in the last 90 days', 'and spent over 100 on them'));
      expect(spend.filter((l) => l['kind'] === 'purchase')).toEqual([
        {
          kind: 'purchase',
          item: { department: ['Baby'] },
          measure: 'spend',
          threshold: { op: 'gt', value: 100 },
          window: { type: 'last', n: 90, unit: 'day' },
        },
      ]);
    });

    it('switches the one subscription there: "switch to SMS"', () => {
      const w = turn('email subscribers in NY', 'switch to SMS');
      expect(leaves(w).map((l) => l['facet'])).toContain('sms_opt_in');
      expect(leaves(w).map((l) => l['facet'])).not.toContain('email_opt_in');
    });

    it('reads chatty lead-ins: "what if we exclude anyone who returned something"', () => {
      const w = turn('women who bought baby products', 'what if we exclude anyone who returned something');
      expect(JSON.stringify(w)).toContain('"kind":"not"');
      expect(JSON.stringify(w)).toContain('returned');
    });
  });

  describe('more follow-ups from vendor-style conversations', () => {
    const after = (turns: string[]) => {
      let current: Segment | undefined;
      let r;
      for (const t of turns) {
        r = testEngine().understand(t, { ...CTX, ...(current ? { current } : {}) });
        if (r.status === 'segment') current = r.segment;
      }
      if (r?.status !== 'segment') throw new Error(`expected a segment after ${turns.join(' / ')}`);
      return r.segment.where;
    };
    it('drops one order filter of a purchase, keeping its items and window', () => {
      expect(
        after(['Customers who used a coupon on a Home purchase in the last 60 days', 'drop the coupon part']),
      ).toEqual({ kind: 'purchase', item: { department: ['Home'] }, window: { type: 'last', n: 60, unit: 'day' } });
    });
    it('replaces a rule that measures the same thing ("actually, one-time buyers")', () => {
      expect(after(['Repeat buyers in the Midwest', 'actually, one-time buyers'])).toEqual({
        kind: 'and',
        children: [
          { kind: 'rule', rule: 'one_time_buyer' },
          { kind: 'attribute', facet: 'region', op: 'eq', value: 'midwest' },
        ],
      });
    });
    it('continues with "but" and resolves "in that time" to the window there', () => {
      const w = after(['Viewed TVs in the last 30 days', "but didn't buy a TV in that time"]);
      expect(JSON.stringify(w)).toContain('"kind":"not"');
      expect(JSON.stringify(w).match(/"n":30/g)).toHaveLength(2);
    });
    it('flips the negated condition ("flip it")', () => {
      const w = after([
        "Customers in the Northeast who haven't opened an email in 90 days",
        'flip it - the ones who have',
      ]);
      expect(JSON.stringify(w)).not.toContain('"kind":"not"');
    });
    it('widens an age range ("add 25-29 to the age range")', () => {
      expect(after(['people aged 18-24', 'and add 25-29 to the age range'])).toEqual({
        kind: 'attribute',
        facet: 'age',
        op: 'between',
        min: 18,
        max: 29,
      });
    });
    it('moves a birthday ("next month instead") and keeps "at least" after "make it"', () => {
      expect(after(['Birthdays this month', 'next month instead'])).toEqual({ kind: 'birthday', when: 'next_month' });
      expect(after(['Customers with three or more orders', 'make it at least five orders'])).toEqual({
        kind: 'purchase',
        measure: 'orders',
        threshold: { op: 'gte', value: 5 },
      });
    });
  });

  describe('follow-ups on "customers in Ohio who bought toys"', () => {
    const base = 'customers in Ohio who bought toys';
    const after = (next: string) => {
      const current = seg(base);
      const r = testEngine().understand(next, { ...CTX, current });
      if (r.status !== 'segment') throw new Error(`expected a segment for ${next}`);
      return JSON.stringify(r.segment.where);
    };
    it('adds an age with "over 40" when there is no number to change', () => {
      const w = after('over 40');
      expect(w).toContain('"facet":"age","op":"gt","value":40');
      expect(w).toContain('"OH"');
    });
    it('reads "but not in the last month" as the same purchase, not in that window', () => {
      expect(after('but not in the last month')).toContain(
        '{"kind":"not","child":{"kind":"purchase","item":{"department":["Toys"]},"window":{"type":"last","n":1,"unit":"month"}}}',
      );
    });
    it('adds "who used a coupon" as its own condition and "remove anyone who returned an order" as an exclusion', () => {
      expect(after('who used a coupon')).toContain('{"kind":"purchase","order":{"coupon_used":true}}');
      expect(after('remove anyone who returned an order')).toContain('"kind":"not"');
    });
  });

  describe('follow-ups on events, dates and sums', () => {
    const after = (first: string, next: string) => {
      const current = seg(first);
      const r = testEngine().understand(next, { ...CTX, current });
      if (r.status !== 'segment') throw new Error(`expected a segment for ${next}`);
      return r.segment.where;
    };
    const opened = 'people who opened an email in the last 30 days';
    it('swaps or joins an event on the same channel ("clicked instead", "or clicked")', () => {
      expect(after(opened, 'clicked instead')).toEqual({
        kind: 'event',
        event_type: ['email_click'],
        window: { type: 'last', n: 30, unit: 'day' },
      });
      expect(after(opened, 'or clicked')).toEqual({
        kind: 'event',
        event_type: ['email_open', 'email_click'],
        window: { type: 'last', n: 30, unit: 'day' },
      });
    });
    it('puts "at least 3 times" on the one behaviour there', () => {
      expect(after(opened, 'at least 3 times')).toEqual({
        kind: 'event',
        event_type: ['email_open'],
        window: { type: 'last', n: 30, unit: 'day' },
        threshold: { op: 'gte', value: 3 },
      });
    });
    it('moves a sign-up date ("since 2024 instead") and narrows a sum to items ("on electronics")', () => {
      expect(after('customers who signed up this year', 'since 2024 instead')).toEqual({
        kind: 'attribute',
        facet: 'signup_date',
        op: 'gte',
        value: '2024-01-01',
      });
      expect(after('customers who spent over $1000', 'on electronics')).toEqual({
        kind: 'purchase',
        measure: 'spend',
        threshold: { op: 'gt', value: 1000 },
        item: { department: ['Electronics'] },
      });
    });
  });
});
