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

  it('refuses with a reason when the turn names nothing in the segment to drop', () => {
    const a = seg('VIPs in Ohio');
    const r = editSegment(a, 'remove the birthday part', { ...CTX, current: a }, testEngine());
    expect(r?.status).toBe('refuse');
    expect(r?.status === 'refuse' && r.reason).toMatch(/no condition that "birthday" names/);
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

describe('the edit grammar of a conversation', () => {
  /** Runs the turns as a conversation (each edit sees the segments before it) and returns the last result. */
  const talk = (...turns: string[]) => {
    let current: Segment | undefined;
    const previous: Segment[] = [];
    let r: ReturnType<ReturnType<typeof testEngine>['understand']> | undefined;
    for (const t of turns) {
      r = testEngine().understand(t, { ...CTX, ...(current ? { current, previous: [...previous] } : {}) });
      if (r.status === 'segment') {
        if (current) previous.push(current);
        current = r.segment;
      }
    }
    return r!;
  };
  const where = (...turns: string[]) => {
    const r = talk(...turns);
    if (r.status !== 'segment') throw new Error(`expected a segment after ${turns.join(' / ')}, got ${r.status}`);
    return r.segment.where;
  };
  const OH = { kind: 'attribute', facet: 'state', op: 'eq', value: 'OH' };
  const TX = { kind: 'attribute', facet: 'state', op: 'eq', value: 'TX' };

  describe('undo', () => {
    it('goes back to the segment before the last change', () => {
      expect(where('VIPs in Ohio', 'Texas instead', 'undo')).toEqual({
        kind: 'and',
        children: [{ kind: 'rule', rule: 'vip' }, OH],
      });
      expect(where('gold members', 'and platinum', 'never mind that')).toEqual({
        kind: 'attribute',
        facet: 'loyalty_tier',
        op: 'eq',
        value: 'gold',
      });
    });
    it('goes back to the first segment with "revert to the original"', () => {
      expect(
        where('bought shoes in the last 30 days', 'only women', 'exclude employees', 'revert to the original'),
      ).toEqual({ kind: 'purchase', item: { category: ['Shoes'] }, window: { type: 'last', n: 30, unit: 'day' } });
    });
    it('undoes one named condition and keeps the changes made after it', () => {
      expect(where('women 25-40 in Ohio', 'make it 30-45', 'add Texas', 'undo the age change')).toEqual({
        kind: 'and',
        children: [
          { kind: 'attribute', facet: 'gender', op: 'eq', value: 'female' },
          { kind: 'attribute', facet: 'age', op: 'between', min: 25, max: 40 },
          { kind: 'attribute', facet: 'state', op: 'in', values: ['OH', 'TX'] },
        ],
      });
    });
    it('drops a named condition that was added by the conversation, with or without the history', () => {
      const first = 'women who bought toys in the last 60 days';
      const expected = {
        kind: 'and',
        children: [
          { kind: 'attribute', facet: 'gender', op: 'eq', value: 'female' },
          { kind: 'purchase', item: { department: ['Toys'] }, window: { type: 'last', n: 60, unit: 'day' } },
        ],
      };
      expect(where(first, 'make it 30 and over', 'undo the age filter')).toEqual(expected);
      const current = seg(`${first} aged 30 and over`);
      const r = testEngine().understand('undo the age filter', { ...CTX, current });
      expect(r.status === 'segment' && r.segment.where).toEqual(expected);
    });
    it('says so when there is nothing to go back to', () => {
      const current = seg('women in Ohio');
      const r = testEngine().understand('go back', { ...CTX, current, previous: [] });
      expect(r.status === 'refuse' && r.reason).toMatch(/no earlier version/);
    });
    it('reads a longer undo as a follow-up', () => {
      const turn = 'please undo the last change that I just made';
      const current = seg('customers in Ohio who bought toys');
      expect(looksLikeEdit(turn, testEngine(), { ...CTX, current })).toBe(true);
      expect(where('customers in Ohio', 'who bought toys', turn)).toEqual(OH);
    });
  });

  describe('more ways to go back', () => {
    const platinum = { kind: 'attribute', facet: 'loyalty_tier', op: 'eq', value: 'platinum' };
    const turns = ['platinum members', 'in Ohio', 'who bought toys this year'];
    it('goes back several steps', () => {
      expect(where(...turns, 'undo the last two changes')).toEqual(platinum);
    });
    it('goes back to an earlier segment the turn describes', () => {
      expect(where(...turns, 'go back to just platinum members')).toEqual(platinum);
    });
    it('reads "remove that last change" as an undo', () => {
      expect(where('platinum members', 'in Ohio', 'remove that last change')).toEqual(platinum);
    });
    it('corrects what the last turn added ("actually only silver members")', () => {
      expect(where('likely to buy', 'only VIPs', 'actually only silver members')).toEqual({
        kind: 'and',
        children: [
          { kind: 'rule', rule: 'likely_to_buy' },
          { kind: 'attribute', facet: 'loyalty_tier', op: 'eq', value: 'silver' },
        ],
      });
    });
  });

  describe('numbers, ranges and windows', () => {
    it('keeps "at least" when a bare count replaces it ("bump it to 6 orders")', () => {
      expect(where('customers with 2+ orders', 'bump it to 6 orders')).toEqual({
        kind: 'purchase',
        measure: 'orders',
        threshold: { op: 'gte', value: 6 },
      });
    });
    it('drops the window of a sum for "across all time"', () => {
      expect(where('customers who spent over $800 in 2025', 'across all time')).toEqual({
        kind: 'purchase',
        measure: 'spend',
        threshold: { op: 'gt', value: 800 },
      });
    });
    it('joins a second birthday window with "and"', () => {
      expect(where('birthdays next month', 'and this month')).toEqual({
        kind: 'or',
        children: [
          { kind: 'birthday', when: 'next_month' },
          { kind: 'birthday', when: 'this_month' },
        ],
      });
    });
    it('turns a lower bound and an upper bound said later into a range', () => {
      expect(where('customers with at least 4 orders this year', 'no more than 12 though')).toEqual({
        kind: 'purchase',
        measure: 'orders',
        window: { type: 'this', unit: 'year' },
        threshold: { op: 'between', min: 4, max: 12 },
      });
      expect(where('Customers who spent at least $200 in 2025', 'and at most $900')).toEqual({
        kind: 'purchase',
        measure: 'spend',
        window: { type: 'year', year: 2025 },
        threshold: { op: 'between', min: 200, max: 900 },
      });
    });
    it('keeps two conditions when strict bounds on money cannot be one range', () => {
      const w = where('Customers who spent over $200 in 2025', 'but less than $900');
      expect(w).toEqual({
        kind: 'and',
        children: [
          {
            kind: 'purchase',
            measure: 'spend',
            window: { type: 'year', year: 2025 },
            threshold: { op: 'gt', value: 200 },
          },
          {
            kind: 'purchase',
            measure: 'spend',
            window: { type: 'year', year: 2025 },
            threshold: { op: 'lt', value: 900 },
          },
        ],
      });
    });
    it('changes the number the last turn added, not an age or an older number', () => {
      expect(where('women in Ohio', 'and last purchase more than 45 days ago', 'make it > 60')).toEqual({
        kind: 'and',
        children: [
          { kind: 'attribute', facet: 'gender', op: 'eq', value: 'female' },
          OH,
          { kind: 'attribute', facet: 'days_since_last_purchase', op: 'gt', value: 60 },
        ],
      });
      expect(
        where('customers with more than 3 orders', 'and last purchase more than 45 days ago', 'make it > 60'),
      ).toEqual({
        kind: 'and',
        children: [
          { kind: 'purchase', measure: 'orders', threshold: { op: 'gt', value: 3 } },
          { kind: 'attribute', facet: 'days_since_last_purchase', op: 'gt', value: 60 },
        ],
      });
    });
    it('changes the days of an upcoming-birthday window', () => {
      expect(where('birthdays in the next 10 days', 'make it 21 days')).toEqual({
        kind: 'birthday',
        when: 'next_days',
        days: 21,
      });
    });
    it('asks which window a vague "recent" means', () => {
      const r = talk('bought Toys in 2025', 'only the recent ones');
      expect(r.status).toBe('clarify');
      if (r.status !== 'clarify') return;
      expect(r.options.length).toBeGreaterThanOrEqual(2);
      for (const o of r.options) expect(JSON.stringify(o.segment.where)).toContain('"type":"last"');
    });
  });

  describe('narrowing the purchase or event there', () => {
    it('narrows the items of the purchase instead of adding a second purchase', () => {
      expect(where('bought laptops in the last 3 months', 'only Dell laptops')).toEqual({
        kind: 'purchase',
        item: { category: ['Laptops'], brand: ['Dell'] },
        window: { type: 'last', n: 3, unit: 'month' },
      });
      expect(where('Bought electronics this year', 'only cameras and headphones')).toEqual({
        kind: 'purchase',
        item: { department: ['Electronics'], category: ['Cameras', 'Headphones'] },
        window: { type: 'this', unit: 'year' },
      });
    });
    it('narrows to a brand said with "only"', () => {
      expect(where('bought toys in 2025', 'only Lego')).toEqual({
        kind: 'purchase',
        item: { department: ['Toys'], brand: ['Lego'] },
        window: { type: 'year', year: 2025 },
      });
    });
    it('turns the behaviour around for "those who didn\'t"', () => {
      expect(where('people who clicked an email in the last 14 days', "those who didn't")).toEqual({
        kind: 'not',
        child: { kind: 'event', event_type: ['email_click'], window: { type: 'last', n: 14, unit: 'day' } },
      });
    });
    it('narrows the items of the one event there', () => {
      expect(where('people who viewed a product in the last week', 'only products from Electronics')).toEqual({
        kind: 'event',
        event_type: ['product_view'],
        window: { type: 'last', n: 1, unit: 'week' },
        item: { department: ['Electronics'] },
      });
    });
    it('narrows the orders of an order-defined purchase', () => {
      expect(where('web orders in the last 60 days', 'only the ones shipped')).toEqual({
        kind: 'purchase',
        order: { channel: ['web'], fulfillment: ['ship'] },
        window: { type: 'last', n: 60, unit: 'day' },
      });
    });
    it('refuses a turn whose number no condition can take', () => {
      expect(talk('bought Toys this year', 'only dads whose kids are under 3 months old').status).toBe('refuse');
    });
  });

  describe('more people: unions', () => {
    it('ORs "or anyone ..." with what is there, keeping what both say outside', () => {
      expect(where('gold members in Ohio', 'or anyone in Ohio who spent over $300 this year')).toEqual({
        kind: 'and',
        children: [
          OH,
          {
            kind: 'or',
            children: [
              { kind: 'attribute', facet: 'loyalty_tier', op: 'eq', value: 'gold' },
              {
                kind: 'purchase',
                measure: 'spend',
                window: { type: 'this', unit: 'year' },
                threshold: { op: 'gt', value: 300 },
              },
            ],
          },
        ],
      });
      expect(where('customers over 70', 'also anyone with kids')).toEqual({
        kind: 'or',
        children: [
          { kind: 'attribute', facet: 'age', op: 'gt', value: 70 },
          { kind: 'attribute', facet: 'has_children', op: 'eq', value: true },
        ],
      });
    });
    it('keeps each purchase in its own window', () => {
      expect(where('Bought Garden products in 2025', 'or Toys in 2024')).toEqual({
        kind: 'or',
        children: [
          { kind: 'purchase', item: { department: ['Garden'] }, window: { type: 'year', year: 2025 } },
          { kind: 'purchase', item: { department: ['Toys'] }, window: { type: 'year', year: 2024 } },
        ],
      });
    });
    it('joins other items bought the same way, and one more way of ordering', () => {
      expect(where('bought Camping gear this year', 'also Toys')).toEqual({
        kind: 'or',
        children: [
          { kind: 'purchase', item: { category: ['Camping'] }, window: { type: 'this', unit: 'year' } },
          { kind: 'purchase', item: { department: ['Toys'] }, window: { type: 'this', unit: 'year' } },
        ],
      });
      expect(where('web orders in the last 14 days', 'app orders too')).toEqual({
        kind: 'purchase',
        order: { channel: ['web', 'app'] },
        window: { type: 'last', n: 14, unit: 'day' },
      });
    });
    it('adds a place said with its state as an alternative, and widens to "the rest of" a state', () => {
      expect(where('Customers in Austin, TX', 'add Dallas too')).toEqual({
        kind: 'or',
        children: [
          {
            kind: 'and',
            children: [{ kind: 'attribute', facet: 'city', op: 'eq', value: 'Austin' }, TX],
          },
          { kind: 'attribute', facet: 'city', op: 'eq', value: 'Dallas' },
        ],
      });
      expect(where('Customers in Miami', 'add the rest of Florida')).toEqual({
        kind: 'attribute',
        facet: 'state',
        op: 'eq',
        value: 'FL',
      });
    });
    it('adds a group described in full as another group', () => {
      expect(where('gold members', 'plus platinum members in Texas')).toEqual({
        kind: 'or',
        children: [
          { kind: 'attribute', facet: 'loyalty_tier', op: 'eq', value: 'gold' },
          { kind: 'and', children: [{ kind: 'attribute', facet: 'loyalty_tier', op: 'eq', value: 'platinum' }, TX] },
        ],
      });
    });
    it('ANDs a rule of another kind joined with "and"', () => {
      expect(where('likely to buy', 'and reachable by SMS')).toEqual({
        kind: 'and',
        children: [
          { kind: 'rule', rule: 'likely_to_buy' },
          { kind: 'rule', rule: 'reachable_sms' },
        ],
      });
    });
  });

  describe('corrections and replacements', () => {
    it('replaces an exclusion by the value when the turn takes it back', () => {
      expect(where('Customers in Texas', 'exclude Austin', 'actually no - Austin only')).toEqual({
        kind: 'and',
        children: [TX, { kind: 'attribute', facet: 'city', op: 'eq', value: 'Austin' }],
      });
      expect(where('Customers in Texas', 'exclude Austin', 'actually include Austin')).toEqual(TX);
    });
    it('turns a condition around when the correction negates it', () => {
      expect(where('VIPs in Ohio', 'who are likely to churn', 'no wait, NOT likely to churn')).toEqual({
        kind: 'and',
        children: [
          { kind: 'rule', rule: 'vip' },
          OH,
          { kind: 'not', child: { kind: 'rule', rule: 'likely_to_churn' } },
        ],
      });
    });
    it('takes an excluded value out of a list', () => {
      expect(where('customers in Texas or Oklahoma', 'exclude Texas')).toEqual({
        kind: 'attribute',
        facet: 'state',
        op: 'eq',
        value: 'OK',
      });
    });
    it('widens a condition to a choice that contains it', () => {
      expect(where('reachable by SMS', 'actually reachable by SMS or email')).toEqual({
        kind: 'or',
        children: [
          { kind: 'rule', rule: 'reachable_sms' },
          { kind: 'rule', rule: 'reachable_email' },
        ],
      });
    });
    it('switches between rules on how recently people bought', () => {
      expect(where('churned customers in Ohio', 'switch to new customers')).toEqual({
        kind: 'and',
        children: [{ kind: 'rule', rule: 'new_customer' }, OH],
      });
    });
    it('replaces a rule by the conditions said in its place', () => {
      const noPurchase = (n: number) => ({
        kind: 'not',
        child: { kind: 'purchase', window: { type: 'last', n, unit: 'day' } },
      });
      expect(
        where('churned customers in Ohio', "don't use the churned rule here: use no purchase in the last 400 days"),
      ).toEqual({ kind: 'and', children: [noPurchase(400), OH] });
      expect(where('lapsed customers', 'instead of the lapsed rule, use no purchase in the last 200 days')).toEqual(
        noPurchase(200),
      );
    });
    it('replaces one item value, dropping the field for "any ... brand"', () => {
      expect(where('bought Apple laptops this year', 'change Apple to any Laptops brand')).toEqual({
        kind: 'purchase',
        item: { category: ['Laptops'] },
        window: { type: 'this', unit: 'year' },
      });
    });
  });

  describe('dropping part of a condition', () => {
    it('drops a kind of condition named by a general word', () => {
      expect(where('top 20% by churn risk in Ohio', 'drop the score condition')).toEqual(OH);
      expect(where('top 20% by churn risk in Ohio', 'remove the location filter')).toEqual({
        kind: 'model',
        model: 'churn_risk',
        top_percent: 20,
      });
    });
    it('keeps the rest of a rule when one of its facets goes', () => {
      const parents = { kind: 'attribute', facet: 'has_children', op: 'eq', value: true };
      expect(where('dads in Ohio', 'any gender')).toEqual({ kind: 'and', children: [parents, OH] });
      expect(where('dads in Ohio', 'any gender, just parents with a gold membership')).toEqual({
        kind: 'and',
        children: [parents, OH, { kind: 'attribute', facet: 'loyalty_tier', op: 'eq', value: 'gold' }],
      });
      expect(where('Twin Cities customers', 'drop the city')).toEqual({
        kind: 'attribute',
        facet: 'state',
        op: 'eq',
        value: 'MN',
      });
    });
    it('excludes "the customers who ..." rather than dropping the purchase there', () => {
      expect(where('bought toys this year', 'drop the customers who returned something')).toEqual({
        kind: 'and',
        children: [
          { kind: 'purchase', item: { department: ['Toys'] }, window: { type: 'this', unit: 'year' } },
          { kind: 'not', child: { kind: 'purchase', order: { status: 'returned' } } },
        ],
      });
    });
    it('drops a condition and reads the rest of the turn ("forget the toys, just ...")', () => {
      expect(
        where('silver members in Ohio who bought toys this year', 'forget the toys, just Ohio silver members'),
      ).toEqual({
        kind: 'and',
        children: [{ kind: 'attribute', facet: 'loyalty_tier', op: 'eq', value: 'silver' }, OH],
      });
    });
    it('drops one item value of a purchase', () => {
      expect(where('bought Apple laptops this year', 'drop Apple')).toEqual({
        kind: 'purchase',
        item: { category: ['Laptops'] },
        window: { type: 'this', unit: 'year' },
      });
    });
  });
});

describe('refinements marketers write', () => {
  const talk = (...turns: string[]) => {
    let current: Segment | undefined;
    const previous: Segment[] = [];
    let r: ReturnType<ReturnType<typeof testEngine>['understand']> | undefined;
    for (const t of turns) {
      r = testEngine().understand(t, { ...CTX, ...(current ? { current, previous: [...previous] } : {}) });
      if (r.status === 'segment') {
        if (current) previous.push(current);
        current = r.segment;
      }
    }
    return r!;
  };
  const where = (...turns: string[]) => {
    const r = talk(...turns);
    if (r.status !== 'segment') throw new Error(`expected a segment after ${turns.join(' / ')}, got ${r.status}`);
    return r.segment.where;
  };
  const attr = (facet: string, op: string, value: unknown) => ({ kind: 'attribute', facet, op, value });
  const female = attr('gender', 'eq', 'female');
  const TX = attr('state', 'eq', 'TX');
  const OH = attr('state', 'eq', 'OH');

  describe('undo and put back', () => {
    it('undoes "the swap" (the last change, named by its kind)', () => {
      expect(where('VIPs in Ohio', 'swap Ohio for Michigan', 'hmm no, undo the swap')).toEqual({
        kind: 'and',
        children: [{ kind: 'rule', rule: 'vip' }, OH],
      });
    });
    it('still reads "the last two changes" as two steps back', () => {
      expect(where('platinum members', 'in Ohio', 'who bought toys this year', 'undo the last two changes')).toEqual(
        attr('loyalty_tier', 'eq', 'platinum'),
      );
    });
    it('undoes one value of a list, back to the value before ("undo the Michigan part")', () => {
      expect(where('platinum members in Ohio', 'add gold too', 'and Michigan', 'undo the Michigan part')).toEqual({
        kind: 'and',
        children: [{ kind: 'attribute', facet: 'loyalty_tier', op: 'in', values: ['platinum', 'gold'] }, OH],
      });
    });
    it('puts an excluded value back ("put Arizona back in")', () => {
      expect(where('Customers 65+', 'exclude Florida and Arizona', 'actually put Arizona back in')).toEqual({
        kind: 'and',
        children: [attr('age', 'gte', 65), attr('state', 'neq', 'FL')],
      });
    });
    it('puts a dropped condition back', () => {
      expect(where('women in Texas who used a coupon', 'drop the coupon part', 'put the coupon part back')).toEqual({
        kind: 'and',
        children: [female, TX, { kind: 'purchase', order: { coupon_used: true } }],
      });
    });
  });

  describe('bands, quarters and bounds', () => {
    it('reads a band by its numbers ("include 100-150k too")', () => {
      expect(where('income 150k+', 'include 100-150k too')).toEqual({
        kind: 'attribute',
        facet: 'income_band',
        op: 'in',
        values: ['150k_plus', '100k_150k'],
      });
    });
    it('adds the next band up, or moves one band down', () => {
      expect(where('income 100-150k', 'add the next band up')).toEqual({
        kind: 'attribute',
        facet: 'income_band',
        op: 'in',
        values: ['100k_150k', '150k_plus'],
      });
      expect(where('income 100-150k', 'one band lower instead')).toEqual(attr('income_band', 'eq', '50k_100k'));
    });
    it('refuses a band past the last one', () => {
      const r = talk('income 150k+', 'the next band up instead');
      expect(r.status === 'refuse' && r.reason).toMatch(/no Income band band above/);
    });
    it('reads a quarter with no year in the year of the window there ("make it Q2")', () => {
      expect(where('customers who spent over $300 in Q1 2026', 'make it Q2')).toEqual({
        kind: 'purchase',
        window: { type: 'between', from: '2026-04-01', to: '2026-06-30' },
        measure: 'spend',
        threshold: { op: 'gt', value: 300 },
      });
    });
    it('reads a quarter not begun yet as the one a year before ("Q3 instead" in June)', () => {
      expect(where('customers who bought toys in Q1 2026', 'Q3 instead')).toEqual({
        kind: 'purchase',
        item: { department: ['Toys'] },
        window: { type: 'between', from: '2025-07-01', to: '2025-09-30' },
      });
    });
    it('moves up or down a band ("move up a band", "go down one bracket")', () => {
      expect(where('income 50-100k', 'move up a band')).toEqual(attr('income_band', 'eq', '100k_150k'));
      expect(where('income 50-100k', 'go down one bracket')).toEqual(attr('income_band', 'eq', '25k_50k'));
    });
    it('moves one bound of a range ("bump the upper limit", "lower limit 25")', () => {
      expect(
        where('Customers with one thousand to five thousand loyalty points', 'bump the upper limit to ten thousand'),
      ).toEqual({ kind: 'attribute', facet: 'loyalty_points', op: 'between', min: 1000, max: 10000 });
      expect(where('Customers aged 30-50', 'lower limit 25')).toEqual({
        kind: 'attribute',
        facet: 'age',
        op: 'between',
        min: 25,
        max: 50,
      });
      expect(where('customers who spent between $100 and $500', 'cap it at 400')).toEqual({
        kind: 'purchase',
        measure: 'spend',
        threshold: { op: 'between', min: 100, max: 400 },
      });
    });
    it('reads "bottom 2" and "top 3" as deciles of the model there', () => {
      expect(where('Customers in the bottom 3 churn-risk deciles', 'make it bottom 2')).toEqual({
        kind: 'model',
        model: 'churn_risk',
        decile: { op: 'lte', value: 2 },
      });
      expect(where('likely to churn', 'make it top 2')).toEqual({
        kind: 'model',
        model: 'churn_risk',
        decile: { op: 'gte', value: 9 },
      });
    });
  });

  describe('negating, replacing and dropping by loose names', () => {
    it('negates the part named ("flip the coupon part", "negate the purchase part")', () => {
      expect(where('Platinum members who used a coupon this year', 'flip the coupon part')).toEqual({
        kind: 'and',
        children: [
          attr('loyalty_tier', 'eq', 'platinum'),
          {
            kind: 'not',
            child: { kind: 'purchase', order: { coupon_used: true }, window: { type: 'this', unit: 'year' } },
          },
        ],
      });
      expect(
        where('Customers reachable by SMS', 'who bought Grocery in the last 2 weeks', 'negate the purchase part'),
      ).toEqual({
        kind: 'and',
        children: [
          { kind: 'rule', rule: 'reachable_sms' },
          {
            kind: 'not',
            child: {
              kind: 'purchase',
              item: { department: ['Grocery'] },
              window: { type: 'last', n: 2, unit: 'week' },
            },
          },
        ],
      });
    });
    it('reads "not X, Y" and "Y, not X" as Y in place of X when X is there', () => {
      const OR = attr('state', 'eq', 'OR');
      expect(where('women in California', 'not California, Oregon')).toEqual({ kind: 'and', children: [female, OR] });
      expect(where('women in California', 'Oregon, not California')).toEqual({ kind: 'and', children: [female, OR] });
      expect(where('women in California', 'not California - Oregon instead')).toEqual({
        kind: 'and',
        children: [female, OR],
      });
      // a place not there is still excluded
      expect(where('women in Texas', 'not Houston, Dallas')).toEqual({
        kind: 'and',
        children: [female, TX, { kind: 'attribute', facet: 'city', op: 'not_in', values: ['Houston', 'Dallas'] }],
      });
    });
    it('lets a rule take the place of the facets it sets ("no — dads instead")', () => {
      expect(where('women with kids', 'no — dads instead')).toEqual({ kind: 'rule', rule: 'dads' });
    });
    it('puts a facet said in place of the same facet in a rule ("same but for men")', () => {
      expect(where('moms in Ohio', 'same but for men')).toEqual({
        kind: 'and',
        children: [attr('gender', 'eq', 'male'), attr('has_children', 'eq', true), OH],
      });
    });
    it('lets a facet take the place of a rule that holds it ("gold or above instead" after "VIPs")', () => {
      expect(where('VIPs', 'gold or above instead')).toEqual({
        kind: 'attribute',
        facet: 'loyalty_tier',
        op: 'in',
        values: ['gold', 'platinum'],
      });
    });
    it('swaps the word in a rule name ("swap push for email")', () => {
      expect(where('Likely to buy + reachable by push', 'swap push for email')).toEqual({
        kind: 'and',
        children: [
          { kind: 'rule', rule: 'likely_to_buy' },
          { kind: 'rule', rule: 'reachable_email' },
        ],
      });
    });
    it('reads "or to SMS" as either subscription', () => {
      expect(where('customers opted in to email', 'or to SMS')).toEqual({
        kind: 'or',
        children: [attr('email_opt_in', 'eq', true), attr('sms_opt_in', 'eq', true)],
      });
    });
    it('reads "forget X, Y" as a swap when Y fills the slot of X (the window kept)', () => {
      expect(
        where('customers in Ohio', 'who bought Wine & Beer in the last month', 'forget the wine, any Grocery'),
      ).toEqual({
        kind: 'and',
        children: [
          OH,
          { kind: 'purchase', item: { department: ['Grocery'] }, window: { type: 'last', n: 1, unit: 'month' } },
        ],
      });
    });
    it('drops the region named with "nvm on", then reads the rest', () => {
      expect(where('high churn risk', 'in the west', 'nvm on the region, make it gold tier instead')).toEqual({
        kind: 'and',
        children: [{ kind: 'rule', rule: 'likely_to_churn' }, attr('loyalty_tier', 'eq', 'gold')],
      });
    });
    it('changes with "and change ..." rather than adding', () => {
      expect(where('Men 30-50 in Colorado', 'women instead', 'and change age to 25-45')).toEqual({
        kind: 'and',
        children: [
          female,
          { kind: 'attribute', facet: 'age', op: 'between', min: 25, max: 45 },
          attr('state', 'eq', 'CO'),
        ],
      });
    });
    it('puts a way of buying said instead on the purchase there ("in store instead")', () => {
      expect(where('customers who bought shoes in the last 90 days', 'in store instead')).toEqual({
        kind: 'purchase',
        item: { category: ['Shoes'] },
        window: { type: 'last', n: 90, unit: 'day' },
        order: { channel: ['store'] },
      });
    });
    it('narrows the returns there to a department ("only Electronics returns")', () => {
      expect(where('customers who returned something in the last 90 days', 'only Electronics returns')).toEqual({
        kind: 'purchase',
        order: { status: 'returned' },
        window: { type: 'last', n: 90, unit: 'day' },
        item: { department: ['Electronics'] },
      });
    });
    it('reads "what about Ohio?" as Ohio instead, and "what about Ohio too?" as both', () => {
      expect(where('women in Texas', 'what about Ohio?')).toEqual({ kind: 'and', children: [female, OH] });
      expect(where('women in Texas', 'what about Ohio too?')).toEqual({
        kind: 'and',
        children: [female, { kind: 'attribute', facet: 'state', op: 'in', values: ['TX', 'OH'] }],
      });
    });
  });

  describe('names and ages', () => {
    it('keeps a catalog name whole that holds a word like "part" ("add Auto Parts")', () => {
      expect(where('customers who bought Tires in 2025', 'add Auto Parts')).toEqual({
        kind: 'purchase',
        item: { category: ['Tires', 'Auto Parts'] },
        window: { type: 'year', year: 2025 },
      });
    });
    it('moves the ages there ("5 years older", "+5 years", "younger by 10")', () => {
      const range = (min: number, max: number) => ({ kind: 'attribute', facet: 'age', op: 'between', min, max });
      expect(where('women aged 30-40', '5 years older')).toEqual({ kind: 'and', children: [female, range(35, 45)] });
      expect(where('women aged 30-40', '+5 years')).toEqual({ kind: 'and', children: [female, range(35, 45)] });
      expect(where('women aged 30-40', 'make them 10 years younger')).toEqual({
        kind: 'and',
        children: [female, range(20, 30)],
      });
      expect(where('customers over 50', 'older by 5')).toEqual(attr('age', 'gt', 55));
    });
    it('asks how much for "a bit older"', () => {
      const r = talk('women aged 30-40', 'a bit older');
      expect(r.status).toBe('clarify');
      expect(r.status === 'clarify' && r.options.map((o) => o.label)).toEqual(['5 years older', '10 years older']);
    });
  });

  describe('redo, keep only, scale, exclude a part', () => {
    const gold = attr('loyalty_tier', 'eq', 'gold');
    const shoes = { kind: 'purchase', item: { category: ['Shoes'] } };
    it('redoes what the last undo took back, and refuses when nothing was undone', () => {
      expect(where('women in Texas', 'Ohio instead', 'undo', 'redo')).toEqual({ kind: 'and', children: [female, OH] });
      const r = talk('women in Texas', 'redo');
      expect(r.status === 'refuse' && r.reason).toMatch(/no undone change/);
    });
    it('keeps only the conditions named ("drop everything but the shoes", "keep Texas and drop the rest")', () => {
      expect(where('gold members in Texas who bought shoes', 'drop everything but the shoes')).toEqual(shoes);
      expect(where('gold members in Texas who bought shoes', 'keep only the shoes part')).toEqual(shoes);
      expect(where('gold members in Texas who bought shoes', 'keep Texas and drop the rest')).toEqual(TX);
    });
    it('still reads "keep only gold" as narrowing the tier', () => {
      expect(where('gold and platinum members in Texas', 'keep only gold')).toEqual({
        kind: 'and',
        children: [gold, TX],
      });
    });
    it('scales the one number there ("double it")', () => {
      expect(where('gold members who spent over $500', 'double it')).toEqual({
        kind: 'and',
        children: [gold, { kind: 'purchase', measure: 'spend', threshold: { op: 'gt', value: 1000 } }],
      });
    });
    it('moves the one number there by an amount or a percent ("raise it by 100", "increase by 20%")', () => {
      const spent = (value: number) => ({ kind: 'purchase', measure: 'spend', threshold: { op: 'gt', value } });
      expect(where('customers who spent over $500', 'raise it by 100')).toEqual(spent(600));
      expect(where('customers who spent over $500', 'increase by 20%')).toEqual(spent(600));
      expect(where('customers who spent over $500', 'lower the threshold by $50')).toEqual(spent(450));
    });
    it('asks how much for "a bit more" or "lower the threshold a bit"', () => {
      const up = talk('customers who spent over $500', 'a bit more');
      expect(up.status === 'clarify' && up.options.map((o) => o.label)).toEqual(['10% higher', '25% higher']);
      const down = talk('customers who spent over $500', 'lower the threshold a bit');
      expect(down.status === 'clarify' && down.options.map((o) => o.label)).toEqual(['10% lower', '25% lower']);
    });
    it('reads "tighten the age to 35-45" as a change of the range', () => {
      expect(where('customers aged 30-50', 'tighten the age to 35-45')).toEqual({
        kind: 'attribute',
        facet: 'age',
        op: 'between',
        min: 35,
        max: 45,
      });
    });
    it('turns the part named around ("exclude the shoes part")', () => {
      expect(where('gold members who bought shoes in the last 30 days', 'exclude the shoes part')).toEqual({
        kind: 'and',
        children: [gold, { kind: 'not', child: { ...shoes, window: { type: 'last', n: 30, unit: 'day' } } }],
      });
    });
    it('drops the window for "over any time period"', () => {
      expect(where('gold members who bought shoes in the last 30 days', 'over any time period')).toEqual({
        kind: 'and',
        children: [gold, shoes],
      });
    });
  });

  describe('widening and turning back', () => {
    it('drops the condition in "everyone, not just women" and "not only gold"', () => {
      expect(where('women in Texas', 'everyone, not just women')).toEqual(TX);
      expect(where('gold members in Ohio', 'not only gold')).toEqual(OH);
    });
    it('turns the one negated behaviour back for "people who did use one"', () => {
      const baby = { kind: 'purchase', item: { department: ['Baby'] }, window: { type: 'last', n: 90, unit: 'day' } };
      const coupon = { kind: 'purchase', order: { coupon_used: true } };
      const r = talk('customers who bought baby products in the last 90 days but never used a coupon');
      expect(r.status === 'segment' && r.segment.where).toMatchObject({
        kind: 'and',
        children: [baby, { kind: 'not' }],
      });
      const after = where(
        'customers who bought baby products in the last 90 days but never used a coupon',
        'people who did use one',
      ) as { kind: string; children: unknown[] };
      expect(after.children[0]).toEqual(baby);
      expect(after.children[1]).toMatchObject(coupon);
    });
  });

  describe('typos and turns not understood', () => {
    it('reads "instead of X use Y" without a comma, and typos with a letter too many ("fliip it")', () => {
      const gold = attr('loyalty_tier', 'eq', 'gold');
      expect(where('gold members in Ohio', 'instaed of ohio use michigan')).toEqual({
        kind: 'and',
        children: [gold, attr('state', 'eq', 'MI')],
      });
      const negated = {
        kind: 'and',
        children: [
          gold,
          {
            kind: 'not',
            child: { kind: 'purchase', item: { category: ['Shoes'] }, window: { type: 'last', n: 1, unit: 'month' } },
          },
        ],
      };
      expect(where('gold members who bought shoes last month', 'fliip it')).toEqual(negated);
      expect(where('gold members who bought shoes last month', 'opposite pls')).toEqual(negated);
    });
    it('puts right a typo in an edit word', () => {
      expect(where('women in Texas', 'remvoe Texas')).toEqual(female);
      expect(where('women in Texas', 'Ohio insted')).toEqual({ kind: 'and', children: [female, OH] });
    });
    it('says there is nothing to drop for "any age" when the segment holds no age', () => {
      const r = talk('women in Texas', 'any age');
      expect(r.status === 'refuse' && r.reason).toMatch(/no condition that "age" names/);
    });
    it('refuses with a reason an edit it cannot read, rather than reading it as a new request', () => {
      for (const turn of ['make it bigger', 'bump it up', 'swap the foo for bar']) {
        const r = talk('gold members who spent over $500', turn);
        expect(r.status).toBe('refuse');
        expect(r.status === 'refuse' && r.reason).toMatch(/could not tell what to change/);
      }
    });
  });
  describe('the edit grammar over hurried follow-ups', () => {
    const says = (...turns: string[]) => {
      const r = talk(...turns);
      return r.status === 'segment' ? r.explanation.text : `${r.status}: ${r.status === 'refuse' ? r.reason : ''}`;
    };
    it('reads a correction said with a chat filler ("lol no women", "k drop texas")', () => {
      expect(says('men in Ohio', 'lol no women')).toMatch(/are women and live in Ohio/);
      expect(says('gold members in Texas', 'k drop texas')).not.toMatch(/Texas/);
    });
    it('swaps "texas not california" with no comma between them', () => {
      expect(says('women in California', 'texas not california')).toMatch(/women and live in Texas$/);
    });
    it('moves the upper end of an age range named "the upper age"', () => {
      expect(where('customers aged 25-40', 'raise the upper age to 50')).toEqual({
        kind: 'attribute',
        facet: 'age',
        op: 'between',
        min: 25,
        max: 50,
      });
    });
    it('lets "actually adidas" take the place of the brand bought, not add a second purchase', () => {
      const s = says('bought nike in the last 6 months', 'actually adidas');
      expect(s).toMatch(/Adidas/);
      expect(s).not.toMatch(/Nike/);
    });
    it('reads "nvm undo" as an undo', () => {
      expect(says('men 25-40', 'drop the age', 'nvm undo')).toMatch(/men.*aged 25 to 40/);
    });
    it('drops a condition named by its place ("the second one", "the 1st condition", "the last part")', () => {
      expect(says('women 25-40 in California', 'drop the second one')).toMatch(/women and live in California$/);
      expect(says('women 25-40 in California', 'remove the 1st condition')).toMatch(
        /aged 25 to 40 and live in California$/,
      );
      expect(says('women 25-40 in California', 'lose the last part')).toMatch(/women and are aged 25 to 40$/);
      expect(says('gold members in Texas with kids', 'drop the last one')).not.toMatch(/children/);
      expect(says('women in Texas', 'drop the fourth one')).toMatch(/^refuse: the segment has 2 conditions/);
    });
    it('refuses an edit that would leave the segment as it was, rather than answer it unchanged', () => {
      expect(says('parents in California', "doesn't matter if they have kids")).not.toMatch(
        /^Customers who have children and live in California$/,
      );
      expect(says('men in Ohio', 'actually make it everyone in ohio')).toMatch(
        /^refuse: .*leaves the segment as it was/,
      );
    });
    it('reads a bare value of a facet the segment holds as that facet ("web instead" after "signed up in the app")', () => {
      expect(says('signed up via the app', 'web instead')).toBe('Customers who signed up on the web');
    });
    it('drops a condition named by a loose topic word: the model thing, the money part, the spend, the channel', () => {
      expect(says('men in Texas with high churn risk', 'remove the model thing')).toBe(
        'Customers who are men and live in Texas',
      );
      expect(says('parents with income 50-100k in Ohio', 'get rid of the money part')).toBe(
        'Customers who have children and live in Ohio',
      );
      expect(says('customers in store 14 who spent over $300', 'drop the spend')).toBe(
        'Customers who made a purchase at store 14',
      );
      expect(says('spent over $500 online this year', 'any channel')).toBe(
        'Customers who spent more than $500 this year',
      );
    });
    it('puts back what the last turn took out when told "add it back"', () => {
      expect(says('lapsed women in the West', 'drop the west', 'add it back')).toMatch(/women, and live in the West$/);
    });
    it('drops what the marketer says does not matter ("doesn\'t matter if they have kids", "age doesnt matter")', () => {
      expect(says('parents in California', "doesn't matter if they have kids")).toBe(
        'Customers who live in California',
      );
      expect(says('women 30-40 in Texas', 'age doesnt matter')).toBe('Customers who are women and live in Texas');
      expect(says('women in Texas', 'whatever gender')).toBe('Customers who live in Texas');
    });
    it('drops the window when a time is named alone ("ever, not just 90 days", "drop the last 30 days")', () => {
      expect(says('used a coupon in the last 90 days', 'ever, not just 90 days')).toBe('Customers who used a coupon');
      expect(says('bought toys in the last 30 days', 'drop the last 30 days')).toBe('Customers who bought from Toys');
    });
    it('turns the behaviour there around for "never used one"', () => {
      expect(says('used a coupon this year', 'never used one')).toMatch(/did not use a coupon/);
    });
    it('makes "top decile" one decile of the model there', () => {
      expect(says('top 3 deciles of churn risk', 'make it top decile')).toMatch(
        /churn risk in the top decile \(decile 10\)$/,
      );
    });
    it('reads ages said after a vague move as the new ages ("a bit older, like 25-35")', () => {
      expect(says('customers aged 18-30', 'a bit older, like 25-35')).toBe('Customers who are aged 25 to 35');
    });
    it('narrows the age range there by one end said with "only" ("only the ones over 30" of 25-40)', () => {
      expect(says('women 25-40 in California', 'only the californians over 30')).toMatch(/aged 31 to 40/);
      expect(says('women 25-40', 'only under 35')).toBe('Customers who are women and are aged 25 to 34');
    });
    it('asks rather than exclude the very condition the segment requires ("exclude store 14" after "bought at store 14")', () => {
      expect(says('bought from store 14 last month', 'exclude store 14')).toMatch(
        /^refuse: .*would leave out everyone/,
      );
      const r = talk('women in Texas who bought from store 14 last month', 'exclude store 14');
      expect(r.status).toBe('clarify');
      expect(r.status === 'clarify' && r.options[0]?.segment?.where).toEqual({
        kind: 'and',
        children: [female, TX],
      });
    });
    it('reads "scratch that, ..." as the last turn taken back and the rest in its place', () => {
      expect(says('bought nike last 6 months', 'scratch that, lapsed customers in the west')).not.toMatch(/Nike/);
      expect(says('women in Ohio', 'make it texas', 'scratch that, michigan')).toBe(
        'Customers who are women and live in Michigan',
      );
    });
    it('reads a bare amount or number as a new value for the facet there that takes it ("make it 100k+", "make it 19")', () => {
      expect(says('customers with income over 150k', 'make it 100k+')).toMatch(/\$100k-\$150k or \$150k or more$/);
      expect(says('customers whose preferred store is store 14', 'make it 19')).toMatch(
        /store 19 as their preferred store$/,
      );
    });
    it('adds the rule named the same way with the new word ("and email" after "reachable by push")', () => {
      expect(says('reachable by push', 'and email')).toMatch(/reachable by push .* and are reachable by email/);
    });
    it('refuses a turn read as no more than "made a purchase" after a purchase, rather than add nothing', () => {
      expect(says('bought anything via the app in 30 days', 'web too')).toMatch(
        /^refuse: I could not tell what "web" adds/,
      );
    });
    it('applies two edits said in one turn, one after the other ("make it men, drop the coupon")', () => {
      expect(says('women in Ohio who used a coupon', 'make it men, drop the coupon')).toBe(
        'Customers who are men and live in Ohio',
      );
      expect(says('gold members in Ohio', 'swap gold for silver and add michigan')).toBe(
        'Customers who are in the silver loyalty tier and live in Ohio or Michigan',
      );
    });
    it('reads "nvm, silver" as a correction of the last turn', () => {
      expect(says('gold members', 'nvm, silver')).toBe('Customers who are in the silver loyalty tier');
    });
    it('picks the reading of a vague word whose amounts are the ones said ("high income ones, 100k+")', () => {
      expect(says('customers in Ohio', 'only high income ones, 100k+')).toBe(
        'Customers who live in Ohio and have a household income of $100k-$150k or $150k or more',
      );
    });
    it('widens the items of the purchase there to what "any ..." names ("any nike product" after "nike shoes")', () => {
      expect(says('bought nike shoes in the last 30 days', 'any nike product')).toBe(
        'Customers who bought Nike products in the last 30 days',
      );
    });
    it('reads an analyst\'s notation: "+ 100-150k", "- dallas", "excl. employees", "w/ kids", "90d -> 180d", "tx -> fl"', () => {
      expect(says('customers in Ohio with income 50-100k', '+ 100-150k')).toBe(
        'Customers who live in Ohio and have a household income of $50k-$100k or $100k-$150k',
      );
      expect(says('customers in Texas', '- dallas')).toBe('Customers who live in Texas and do not live in Dallas');
      expect(says('men in Ohio', 'excl. employees')).toBe('Customers who are men, live in Ohio, and are not employees');
      expect(says('customers in Ohio', 'w/ kids')).toBe('Customers who live in Ohio and have children');
      expect(says('bought nike last 90d', '90d -> 180d')).toBe(
        'Customers who bought Nike products in the last 180 days',
      );
      expect(says('bought electronics in the last 30 days', 'window -> 60d')).toBe(
        'Customers who bought from Electronics in the last 60 days',
      );
      expect(says('lapsed customers in Texas', 'tx -> fl')).toMatch(/lapsed customers .* and live in Florida$/);
      expect(says('platinum members', '& > $1k spend this year')).toMatch(
        /platinum .* spent more than \$1,000 this year/,
      );
    });
    it('reads a CRM manager\'s lead-ins as a narrowing ("Of these, exclude ...", "I only want those who ...")', () => {
      expect(says('women in Florida', 'I only want those who are subscribed to email.')).toBe(
        'Customers who are women, live in Florida, and are subscribed to email',
      );
      expect(
        says('active customers in Georgia', 'Of these, exclude anyone who returned something in the last 90 days.'),
      ).toMatch(/active customers .* live in Georgia, and did not return an order in the last 90 days$/);
      expect(says('customers in Michigan', "Let's focus on the ones with high churn risk.")).toMatch(
        /live in Michigan and are likely to churn/,
      );
      expect(says('women in Ohio', 'those, but only the ones who spent over $300 this year')).toBe(
        'Customers who are women, live in Ohio, and spent more than $300 this year',
      );
      expect(says('gold members', 'Show me only the ones in the northeast.')).toBe(
        'Customers who are in the gold loyalty tier and live in the Northeast',
      );
      expect(
        says('bought baby products in the last 90 days', 'Of those, I need the ones who never used a coupon.'),
      ).toMatch(/Baby .* and did not use a coupon/);
      expect(
        says(
          'customers who bought electronics in the last 90 days',
          'Could you limit that to people living in California?',
        ),
      ).toBe('Customers who bought from Electronics in the last 90 days and live in California');
    });
    it('keeps the rest for "same group but in Florida"', () => {
      expect(says('men 18-34 in Texas', 'same group but in florida')).toBe(
        'Customers who are men, are aged 18 to 34, and live in Florida',
      );
    });
    it('stretches the one range there to a number past its end ("raise the age to 50" on 25 to 40)', () => {
      expect(says('customers aged 25-40', 'in florida', 'raise the age to 50')).toBe(
        'Customers who are aged 25 to 50 and live in Florida',
      );
      expect(says('customers aged 25-40', 'lower the age to 20')).toBe('Customers who are aged 20 to 40');
      expect(says('bought toys at least twice this year', 'move that to at least 4 times')).toMatch(/at least 4/);
    });
    it('does not read an amount as an age fifty times past it ("make the income 150k+" next to ages 25 to 40)', () => {
      expect(says('men 25-40', 'plus income over 100k', 'make the income 150k+')).toBe(
        'Customers who are men, are aged 25 to 40, and have a household income of $150k or more',
      );
    });
    it('drops a window named with its length after a conjunction ("And remove the 30 day limit please.")', () => {
      expect(says('bought electronics in the last 30 days', 'And remove the 30 day limit please.')).toBe(
        'Customers who bought from Electronics',
      );
    });
    it('replaces a word\'s rule for this segment ("count lapsed as 120 days here", "vip = platinum only for this one")', () => {
      expect(says('lapsed customers in Ohio', 'count lapsed as 120 days here')).toBe(
        'Customers who made their last purchase more than 120 days ago and live in Ohio',
      );
      expect(says('vip customers', 'vip = platinum only for this one')).toBe(
        'Customers who are in the platinum loyalty tier',
      );
      expect(says('active customers', 'active = ordered in the last 60 days')).toBe(
        'Customers who made a purchase in the last 60 days',
      );
      expect(says('women in Texas who are high churn risk', 'high means top 2 deciles here')).toMatch(
        /churn risk in deciles 9-10$/,
      );
    });
    it('refuses a turn that asks for an order ("sort by spend")', () => {
      expect(says('men in Texas', 'sort by spend')).toMatch(/^refuse: "sort by spend" asks for an order/);
    });
    it('reads "app signups" as the customers who signed up there ("no app signups", "only web signups")', () => {
      expect(says('gold members', 'no app signups')).toBe(
        'Customers who are in the gold loyalty tier and did not sign up in the app',
      );
      expect(says('gold members', 'only web signups')).toBe(
        'Customers who are in the gold loyalty tier and signed up on the web',
      );
    });
    it('adds the subscription of the same kind that a bare channel names ("and email" after "sms subscribers")', () => {
      expect(says('sms subscribers', 'and email')).toBe(
        'Customers who are subscribed to SMS and are subscribed to email',
      );
      expect(says('sms subscribers', 'and email', 'drop sms')).toBe('Customers who are subscribed to email');
    });
    it('asks which condition "now the opposite" turns around when there are several', () => {
      const r = talk('women in California', 'now the opposite');
      expect(r.status).toBe('clarify');
      if (r.status !== 'clarify') return;
      expect(r.question).toBe('Which condition should "now the opposite" turn around?');
      expect(r.options.map((o) => o.label)).toEqual([
        'Customers who are not women and live in California',
        'Customers who are women and do not live in California',
      ]);
      expect(says('customers who used a coupon this year', 'now the opposite')).toBe(
        'Customers who did not use a coupon this year',
      );
    });
    it('keeps what "the rest of ..." names and turns the other conditions around ("the rest of the gold members")', () => {
      expect(says('gold members in Texas', 'the rest of the gold members')).toBe(
        'Customers who are in the gold loyalty tier and do not live in Texas',
      );
      expect(says('men in Chicago', 'the rest of Illinois')).toMatch(/Illinois/);
    });
    it('gives an open said with no channel the channel of the rule it redefines ("engaged means opened in the last 30 days")', () => {
      expect(says('engaged with email', 'engaged means opened in the last 30 days')).toBe(
        'Customers who opened an email in the last 30 days',
      );
      // a channel word of the rule is no head of its name: the rule's word is swapped as before
      expect(says('reachable by push', 'instead of push use email')).toBe(
        'Customers who are reachable by email (email opt-in is true)',
      );
    });
    it('drops the items of a purchase named by their kind, keeping the purchase ("any department", "drop the brand")', () => {
      expect(says('customers in Ohio who bought pets stuff', 'any department')).toBe(
        'Customers who live in Ohio and made a purchase',
      );
      expect(says('bought nike shoes last month', 'drop the brand')).toBe(
        'Customers who bought Shoes in the last month',
      );
    });
  });
});
