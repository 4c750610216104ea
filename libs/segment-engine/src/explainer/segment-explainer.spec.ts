import { referenceRetailTestCatalog } from '@smartseg/knowledge-store';
import fc from 'fast-check';
import type { Catalog } from '../model/catalog.model';
import { conditionPaths } from '../model/segment-walk';
import type { Segment, SegmentNode } from '../model/segment.model';
import { segmentArb } from '../verifier/__fixtures__/segment.arbitraries';
import { explainNode, explainSegment } from './segment-explainer';

const catalog = referenceRetailTestCatalog('2026-06-30');

/** The predicate for one node ("live in California"), without "Customers who". */
const say = (node: unknown, c: Catalog = catalog): string => explainNode(node as SegmentNode, c).text;
const not = (child: unknown) => ({ kind: 'not', child });
const and = (...children: unknown[]) => ({ kind: 'and', children });
const or = (...children: unknown[]) => ({ kind: 'or', children });
const attr = (facet: string, op: string, extra: Record<string, unknown> = {}) => ({
  kind: 'attribute',
  facet,
  op,
  ...extra,
});
const purchase = (extra: Record<string, unknown> = {}) => ({ kind: 'purchase', ...extra });
const event = (event_type: string[], extra: Record<string, unknown> = {}) => ({ kind: 'event', event_type, ...extra });
const model = (name: string, extra: Record<string, unknown>) => ({ kind: 'model', model: name, ...extra });
const last = (n: number, unit: string) => ({ type: 'last', n, unit });

describe('explainSegment: the whole segment', () => {
  const segment: Segment = {
    version: 1,
    where: {
      kind: 'and',
      children: [
        { kind: 'attribute', facet: 'gender', op: 'eq', value: 'female' },
        { kind: 'attribute', facet: 'age', op: 'between', min: 25, max: 40 },
        { kind: 'attribute', facet: 'state', op: 'in', values: ['CA', 'TX'] },
        {
          kind: 'purchase',
          item: { department: ['Baby'], category: ['Diapers'] },
          window: { type: 'last', n: 90, unit: 'day' },
        },
        {
          kind: 'not',
          child: {
            kind: 'purchase',
            item: { department: ['Electronics'] },
            window: { type: 'last', n: 6, unit: 'month' },
          },
        },
      ],
    },
  };

  it('reads as one sentence', () => {
    expect(explainSegment(segment, catalog).text).toBe(
      'Customers who are women, are aged 25 to 40, live in California or Texas, bought from Baby (category Diapers) in the last 90 days, ' +
        'and did not buy from Electronics in the last 6 months',
    );
  });

  it('has one phrase per condition, at the paths conditionPaths gives, negated where the text is', () => {
    expect(explainSegment(segment, catalog).phrases).toEqual([
      { path: 'where.children[0]', text: 'are women' },
      { path: 'where.children[1]', text: 'are aged 25 to 40' },
      { path: 'where.children[2]', text: 'live in California or Texas' },
      { path: 'where.children[3]', text: 'bought from Baby (category Diapers) in the last 90 days' },
      { path: 'where.children[4].child', text: 'did not buy from Electronics in the last 6 months' },
    ]);
  });

  it('a one-condition segment', () => {
    expect(explainSegment({ version: 1, where: { kind: 'birthday', when: 'this_month' } }, catalog)).toEqual({
      text: 'Customers who have a birthday this month',
      phrases: [{ path: 'where', text: 'have a birthday this month' }],
    });
  });

  it('explainNode labels any node, groups included, from a base path', () => {
    expect(
      explainNode(
        or(attr('state', 'eq', { value: 'CA' }), { kind: 'rule', rule: 'vip' }) as SegmentNode,
        catalog,
        'where.children[2]',
      ),
    ).toEqual({
      text: "live in California or are VIPs (loyalty tier 'platinum', or predicted 12-month CLV in the top decile)",
      phrases: [
        { path: 'where.children[2].children[0]', text: 'live in California' },
        {
          path: 'where.children[2].children[1]',
          text: "are VIPs (loyalty tier 'platinum', or predicted 12-month CLV in the top decile)",
        },
      ],
    });
  });
});

describe('nesting', () => {
  const A = attr('state', 'eq', { value: 'CA' });
  const B = attr('gender', 'eq', { value: 'female' });
  const C = { kind: 'birthday', when: 'today' };
  const D = { kind: 'model', model: 'churn_risk', level: 'high' };

  it('and / or lists', () => {
    expect(say(and(A, B))).toBe('live in California and are women');
    expect(say(and(A, B, C))).toBe('live in California, are women, and have a birthday today');
    expect(say(or(A, B))).toBe('live in California or are women');
    expect(say(or(A, B, C))).toBe('live in California, are women, or have a birthday today');
  });

  it('or inside and: "(either ... or ...)"', () => {
    expect(say(and(A, or(B, C)))).toBe('live in California and (either are women or have a birthday today)');
    expect(say(and(or(A, B), or(C, D)))).toBe(
      '(either live in California or are women) and (either have a birthday today or have high churn risk (deciles 8-10))',
    );
  });

  it('and inside or: parentheses', () => {
    expect(say(or(A, and(B, C)))).toBe('live in California or (are women and have a birthday today)');
    expect(say(or(and(A, B, C), D))).toBe(
      '(live in California, are women, and have a birthday today) or have high churn risk (deciles 8-10)',
    );
  });

  it('groups of the same kind flatten, single-child groups unwrap', () => {
    expect(say(and(A, and(B, C)))).toBe('live in California, are women, and have a birthday today');
    expect(say(or(A, or(B, C)))).toBe('live in California, are women, or have a birthday today');
    expect(say(and(A, or(B)))).toBe('live in California and are women');
    expect(say(and(and(or(A, B))))).toBe('live in California or are women');
  });

  it('not on a condition words the negation', () => {
    expect(say(not(A))).toBe('do not live in California');
    expect(say(not(not(A)))).toBe('live in California');
    expect(say(and(B, not(A)))).toBe('are women and do not live in California');
  });

  it('not inside or', () => {
    expect(say(or(B, not(C)))).toBe('are women or do not have a birthday today');
    expect(say(or(not(and(A, B)), C))).toBe('do not live in California, are not women, or have a birthday today');
  });

  it('not of a group pushes down (De Morgan)', () => {
    expect(say(not(or(A, B)))).toBe('do not live in California and are not women');
    expect(say(not(and(A, B)))).toBe('do not live in California or are not women');
    expect(say(and(C, not(or(A, B))))).toBe('have a birthday today, do not live in California, and are not women');
    expect(say(and(C, not(and(A, B))))).toBe(
      'have a birthday today and (either do not live in California or are not women)',
    );
  });

  it('deep nesting keeps its structure', () => {
    expect(say(and(A, or(B, and(C, not(or(D, B))))))).toBe(
      'live in California and (either are women or (have a birthday today, do not have high churn risk (deciles 8-10), and are not women))',
    );
  });

  it('phrases under nested nots carry the negated wording and the condition path', () => {
    const e = explainNode(and(C, not(or(A, not(B)))) as SegmentNode, catalog);
    expect(e.phrases).toEqual([
      { path: 'where.children[0]', text: 'have a birthday today' },
      { path: 'where.children[1].child.children[0]', text: 'do not live in California' },
      { path: 'where.children[1].child.children[1].child', text: 'are women' },
    ]);
  });

  it('empty groups do not break', () => {
    expect(say(and())).toBe('are any customer');
    expect(say(or())).toBe('match no customer');
  });
});

describe('attribute conditions', () => {
  it.each([
    [attr('gender', 'eq', { value: 'female' }), 'are women'],
    [attr('gender', 'in', { values: ['female', 'male'] }), 'are women or men'],
    [attr('gender', 'neq', { value: 'male' }), 'are not men'],
    [attr('age', 'eq', { value: 30 }), 'are aged 30'],
    [attr('age', 'in', { values: [30, 40] }), 'are aged 30 or 40'],
    [attr('age', 'gt', { value: 60 }), 'are older than 60'],
    [attr('age', 'gte', { value: 60 }), 'are aged 60 or older'],
    [attr('age', 'lt', { value: 30 }), 'are younger than 30'],
    [attr('age', 'lte', { value: 30 }), 'are aged 30 or younger'],
    [attr('age', 'between', { min: 25, max: 40 }), 'are aged 25 to 40'],
    [attr('age', 'neq', { value: 30 }), 'are not aged 30'],
    [attr('age', 'not_in', { values: [30, 40] }), 'are not aged 30 or 40'],
    [attr('age', 'is_known'), 'have a known age'],
    [attr('age', 'is_unknown'), 'do not have a known age'],
    [not(attr('age', 'gt', { value: 60 })), 'are not older than 60'],
    [attr('birth_month', 'eq', { value: 3 }), 'were born in March'],
    [attr('birth_month', 'in', { values: [11, 12] }), 'were born in November or December'],
    [attr('birth_month', 'between', { min: 3, max: 5 }), 'were born between March and May'],
    [attr('birth_month', 'gt', { value: 10 }), 'were born after October'],
    [attr('birth_month', 'lte', { value: 2 }), 'were born in February or earlier'],
    [not(attr('birth_month', 'eq', { value: 3 })), 'were not born in March'],
    [attr('state', 'eq', { value: 'CA' }), 'live in California'],
    [attr('state', 'in', { values: ['CA', 'TX', 'NY'] }), 'live in California, Texas, or New York'],
    [attr('state', 'not_in', { values: ['CA', 'TX'] }), 'do not live in California or Texas'],
    [attr('state', 'is_unknown'), 'do not have a known state'],
    [attr('city', 'eq', { value: 'San Francisco' }), 'live in San Francisco'],
    [attr('region', 'eq', { value: 'northeast' }), 'live in the Northeast'],
    [attr('loyalty_tier', 'eq', { value: 'platinum' }), 'are in the platinum loyalty tier'],
    [attr('loyalty_tier', 'in', { values: ['gold', 'platinum'] }), 'are in the gold or platinum loyalty tier'],
    [attr('loyalty_tier', 'eq', { value: 'none' }), 'have no loyalty tier'],
    [
      attr('loyalty_tier', 'in', { values: ['none', 'silver'] }),
      'are in the silver loyalty tier or have no loyalty tier',
    ],
    [
      attr('loyalty_tier', 'not_in', { values: ['none', 'silver'] }),
      'are not in the silver loyalty tier and have a loyalty tier',
    ],
    [attr('loyalty_tier', 'neq', { value: 'platinum' }), 'are not in the platinum loyalty tier'],
    [attr('income_band', 'eq', { value: '150k_plus' }), 'have a household income of $150k or more'],
    [
      attr('income_band', 'in', { values: ['50k_100k', '100k_150k'] }),
      'have a household income of $50k-$100k or $100k-$150k',
    ],
    [attr('device_os', 'eq', { value: 'ios' }), 'use iOS'],
    [attr('device_os', 'neq', { value: 'none' }), 'have a known device'],
    [attr('device_os', 'in', { values: ['android', 'none'] }), 'use Android or have no known device'],
    [attr('device_os', 'in', { values: ['ios', 'android'] }), 'use iOS or Android'],
    [attr('signup_channel', 'in', { values: ['store', 'social'] }), 'signed up in store or via social media'],
    [attr('signup_channel', 'eq', { value: 'app' }), 'signed up in the app'],
    [not(attr('signup_channel', 'eq', { value: 'web' })), 'did not sign up on the web'],
    [attr('preferred_store_id', 'eq', { value: 12 }), 'have store 12 as their preferred store'],
    [attr('preferred_store_id', 'in', { values: [12, 15] }), 'have stores 12 or 15 as their preferred store'],
    [attr('household_size', 'gte', { value: 4 }), 'have a household of at least 4 people'],
    [attr('household_size', 'eq', { value: 1 }), 'have a household of 1 person'],
    [attr('household_size', 'between', { min: 2, max: 3 }), 'have a household of between 2 and 3 people'],
    [attr('loyalty_points', 'gt', { value: 1000 }), 'have more than 1,000 loyalty points'],
    [attr('loyalty_points', 'lt', { value: 500 }), 'have less than 500 loyalty points'],
    [attr('loyalty_points', 'eq', { value: 2500 }), 'have exactly 2,500 loyalty points'],
    [attr('email_opt_in', 'eq', { value: true }), 'are subscribed to email'],
    [attr('email_opt_in', 'eq', { value: false }), 'are not subscribed to email'],
    [attr('sms_opt_in', 'neq', { value: true }), 'are not subscribed to SMS'],
    [attr('push_opt_in', 'eq', { value: true }), 'are subscribed to push notifications'],
    [attr('has_children', 'eq', { value: true }), 'have children'],
    [attr('has_children', 'eq', { value: false }), 'have no children'],
    [attr('is_employee', 'eq', { value: true }), 'are employees'],
    [attr('is_employee', 'eq', { value: false }), 'are not employees'],
    [attr('signup_date', 'gte', { value: '2026-01-01' }), 'signed up on or after 1 Jan 2026'],
    [attr('signup_date', 'lt', { value: '2025-03-15' }), 'signed up before 15 Mar 2025'],
    [
      attr('signup_date', 'between', { min: '2025-01-01', max: '2025-12-31' }),
      'signed up between 1 Jan 2025 and 31 Dec 2025',
    ],
    [attr('signup_date', 'eq', { value: '2025-07-04' }), 'signed up on 4 Jul 2025'],
    [attr('days_since_last_purchase', 'lte', { value: 90 }), 'made their last purchase within the last 90 days'],
    [attr('days_since_last_purchase', 'gt', { value: 365 }), 'made their last purchase more than 365 days ago'],
    [attr('days_since_last_purchase', 'between', { min: 91, max: 365 }), 'made their last purchase 91 to 365 days ago'],
    [attr('days_since_last_purchase', 'is_unknown'), 'have never made a purchase'],
    [attr('days_since_first_purchase', 'is_known'), 'have made a purchase'],
    [attr('days_since_first_purchase', 'lt', { value: 30 }), 'made their first purchase less than 30 days ago'],
    [attr('days_since_signup', 'gte', { value: 365 }), 'signed up at least 365 days ago'],
    [
      not(attr('days_since_last_purchase', 'lte', { value: 90 })),
      'did not make their last purchase within the last 90 days',
    ],
  ])('%j -> %s', (node, text) => {
    expect(say(node)).toBe(text);
  });

  it('falls back to the facet label, or the name, for facets it has no wording for', () => {
    const c: Catalog = {
      ...catalog,
      facets: [
        ...catalog.facets,
        {
          name: 'favorite_color',
          label: 'Favorite color',
          type: 'enum',
          operators: ['eq', 'in'],
          source: { kind: 'column', column: 'fav' },
          description: '',
          pii: false,
          values: [{ value: 'red', label: 'Red' }],
        },
        {
          name: 'credit_limit',
          label: 'Credit limit',
          type: 'number',
          operators: ['gt'],
          source: { kind: 'column', column: 'cl' },
          description: '',
          pii: false,
          unit: 'dollars',
        },
        {
          name: 'vip_flag',
          label: 'VIP flag',
          type: 'boolean',
          operators: ['eq'],
          source: { kind: 'column', column: 'v' },
          description: '',
          pii: false,
        },
        {
          name: 'last_visit',
          label: 'Last visit',
          type: 'date',
          operators: ['gt'],
          source: { kind: 'column', column: 'lv' },
          description: '',
          pii: false,
        },
      ],
    };
    expect(say(attr('favorite_color', 'in', { values: ['red', 'blue'] }), c)).toBe('have favorite color Red or blue');
    expect(say(attr('credit_limit', 'gt', { value: 5000 }), c)).toBe('have a credit limit of more than 5,000 dollars');
    expect(say(attr('vip_flag', 'eq', { value: true }), c)).toBe('have VIP flag: yes');
    expect(say(attr('vip_flag', 'eq', { value: false }), c)).toBe('have VIP flag: no');
    expect(say(attr('last_visit', 'gt', { value: '2026-01-01' }), c)).toBe('have a last visit after 1 Jan 2026');
    expect(say(attr('shoe_size', 'eq', { value: 9 }))).toBe('have shoe size 9');
  });
});

describe('personal data is never written out', () => {
  it.each([
    [
      attr('email', 'eq', { value: 'jane@example.com' }),
      'have a specific email address (value withheld: personal data)',
    ],
    [
      attr('email', 'neq', { value: 'jane@example.com' }),
      'do not have a specific email address (value withheld: personal data)',
    ],
    [
      attr('phone', 'in', { values: ['555-0100', '555-0101'] }),
      'have one of 2 specific phone number values (value withheld: personal data)',
    ],
    [
      attr('zip', 'not_in', { values: ['90210'] }),
      'do not have one of 1 specific ZIP code value (value withheld: personal data)',
    ],
    [
      attr('birth_date', 'between', { min: '1990-01-01', max: '1990-12-31' }),
      'have a birth date in a given range (value withheld: personal data)',
    ],
    [
      attr('birth_date', 'lt', { value: '1990-01-01' }),
      'have a birth date in a given range (value withheld: personal data)',
    ],
    [attr('first_name', 'is_known'), 'have a known first name'],
    [attr('last_name', 'is_unknown'), 'do not have a known last name'],
  ])('%j -> %s', (node, text) => {
    expect(say(node)).toBe(text);
  });

  it('for any value of any personal facet (property)', () => {
    const pii = catalog.facets.filter((f) => f.pii).map((f) => f.name);
    // a value no explanation word could spell by chance (letters then digits), so a hit is a leak
    const value = fc.stringMatching(/^[A-Za-z]{2,8}[0-9]{2,6}[A-Za-z0-9@.-]{0,8}$/);
    const node = fc.oneof(
      fc
        .record({ facet: fc.constantFrom(...pii), op: fc.constantFrom('eq', 'neq', 'gt', 'lte'), value })
        .map((c) => ({ kind: 'attribute', ...c })),
      fc
        .record({
          facet: fc.constantFrom(...pii),
          op: fc.constantFrom('in', 'not_in'),
          values: fc.array(value, { minLength: 1, maxLength: 3 }),
        })
        .map((c) => ({ kind: 'attribute', ...c })),
      fc
        .record({ facet: fc.constantFrom(...pii), min: value, max: value })
        .map((c) => ({ kind: 'attribute', op: 'between', ...c })),
    );
    fc.assert(
      fc.property(node, fc.constantFrom('and', 'or'), (n, kind) => {
        const e = explainSegment(
          { version: 1, where: { kind, children: [n, { kind: 'birthday', when: 'today' }] } as SegmentNode },
          catalog,
        );
        const c = n as { value?: unknown; min?: unknown; max?: unknown; values?: unknown[] };
        const values = [c.value, c.min, c.max, ...(c.values ?? [])].filter((v): v is string => typeof v === 'string');
        for (const v of values) {
          expect(e.text).not.toContain(v);
          for (const p of e.phrases) expect(p.text).not.toContain(v);
        }
      }),
    );
  });
});

describe('purchase conditions', () => {
  it.each([
    [purchase(), 'made a purchase'],
    [not(purchase()), 'did not make a purchase'],
    [purchase({ window: last(90, 'day') }), 'made a purchase in the last 90 days'],
    [
      purchase({ item: { department: ['Baby'], category: ['Diapers'] }, window: last(90, 'day') }),
      'bought from Baby (category Diapers) in the last 90 days',
    ],
    [
      not(purchase({ item: { department: ['Electronics'] }, window: last(6, 'month') })),
      'did not buy from Electronics in the last 6 months',
    ],
    [purchase({ item: { department: ['Baby', 'Toys'] } }), 'bought from Baby or Toys'],
    [
      purchase({ item: { department: ['Baby'], category: ['Diapers', 'Baby Food'], brand: ['Pampers'] } }),
      'bought from Baby (categories Diapers or Baby Food, brand Pampers)',
    ],
    [purchase({ item: { category: ['TVs'] } }), 'bought TVs'],
    [purchase({ item: { category: ['TVs'], brand: ['Samsung', 'LG'] } }), 'bought TVs (brands Samsung or LG)'],
    [purchase({ item: { brand: ['Apple'] } }), 'bought Apple products'],
    [purchase({ item: { brand: ['Nike'], organic: false } }), 'bought non-organic Nike products'],
    [purchase({ item: { product_id: [123] } }), 'bought product 123'],
    [purchase({ item: { product_id: [1, 2] } }), 'bought products 1 or 2'],
    [purchase({ item: { organic: true } }), 'bought organic products'],
    [purchase({ item: { private_label: true } }), 'bought private-label (Acme Select) products'],
    [
      purchase({ item: { department: ['Grocery'], organic: true, private_label: true } }),
      'bought from Grocery (organic, private-label (Acme Select))',
    ],
    [purchase({ item: {} }), 'bought any products'],
    [
      purchase({ measure: 'spend', threshold: { op: 'gt', value: 500 }, window: { type: 'year', year: 2025 } }),
      'spent more than $500 in 2025',
    ],
    [purchase({ measure: 'spend', threshold: { op: 'gte', value: 1000 } }), 'spent at least $1,000 in total'],
    [
      purchase({ measure: 'spend', threshold: { op: 'lt', value: 50 }, window: { type: 'this', unit: 'year' } }),
      'spent less than $50 this year',
    ],
    [purchase({ measure: 'spend', threshold: { op: 'lte', value: 99.5 } }), 'spent at most $99.50 in total'],
    [purchase({ measure: 'spend', threshold: { op: 'eq', value: 0 } }), 'spent exactly $0 in total'],
    [
      purchase({ measure: 'spend', threshold: { op: 'between', min: 100, max: 1234567 } }),
      'spent between $100 and $1,234,567 in total',
    ],
    [
      purchase({
        measure: 'spend',
        item: { department: ['Electronics'] },
        threshold: { op: 'gt', value: 200 },
        window: last(3, 'month'),
      }),
      'spent more than $200 on Electronics in the last 3 months',
    ],
    [
      purchase({ measure: 'spend', order: { status: 'returned' }, threshold: { op: 'gt', value: 100 } }),
      'spent more than $100 on returned orders in total',
    ],
    [purchase({ measure: 'spend' }), 'spent at least $1 in total'],
    [not(purchase({ measure: 'spend', threshold: { op: 'gt', value: 500 } })), 'did not spend more than $500 in total'],
    [
      purchase({ order: { channel: ['web', 'app'] }, threshold: { op: 'gte', value: 3 } }),
      'placed at least 3 orders online',
    ],
    [purchase({ measure: 'orders', threshold: { op: 'gt', value: 1 } }), 'placed more than 1 order'],
    [
      purchase({ threshold: { op: 'lt', value: 2 }, window: last(1, 'year') }),
      'placed fewer than 2 orders in the last year',
    ],
    [purchase({ threshold: { op: 'lte', value: 5 } }), 'placed at most 5 orders'],
    [purchase({ threshold: { op: 'eq', value: 1 } }), 'placed exactly 1 order'],
    [purchase({ threshold: { op: 'neq', value: 3 } }), 'did not place exactly 3 orders'],
    [purchase({ measure: 'spend', threshold: { op: 'neq', value: 500 } }), 'did not spend exactly $500 in total'],
    [
      purchase({ measure: 'avg_order_value', threshold: { op: 'neq', value: 100 } }),
      'have an average order value other than $100',
    ],
    [not(purchase({ threshold: { op: 'neq', value: 3 } })), 'placed exactly 3 orders'],
    [purchase({ threshold: { op: 'between', min: 2, max: 5 } }), 'placed between 2 and 5 orders'],
    [
      purchase({ threshold: { op: 'gte', value: 3 }, item: { department: ['Baby'] } }),
      'placed at least 3 orders from Baby',
    ],
    [
      purchase({ threshold: { op: 'gte', value: 3 }, item: { category: ['Diapers'] } }),
      'placed at least 3 orders containing Diapers',
    ],
    [purchase({ threshold: { op: 'gte', value: 1 }, item: { category: ['Diapers'] } }), 'bought Diapers'],
    [
      purchase({ measure: 'avg_order_value', threshold: { op: 'gt', value: 100 } }),
      'have an average order value over $100',
    ],
    [
      purchase({ measure: 'avg_order_value', threshold: { op: 'gte', value: 100 } }),
      'have an average order value of at least $100',
    ],
    [
      purchase({ measure: 'avg_order_value', threshold: { op: 'lt', value: 20 }, window: last(90, 'day') }),
      'have an average order value under $20 in the last 90 days',
    ],
    [
      purchase({ measure: 'avg_order_value', threshold: { op: 'lte', value: 20 } }),
      'have an average order value of at most $20',
    ],
    [
      purchase({ measure: 'avg_order_value', threshold: { op: 'between', min: 50, max: 75.25 } }),
      'have an average order value between $50 and $75.25',
    ],
    [
      not(purchase({ measure: 'avg_order_value', threshold: { op: 'gt', value: 100 } })),
      'do not have an average order value over $100',
    ],
    [
      purchase({ measure: 'quantity', threshold: { op: 'gte', value: 10 }, item: { department: ['Baby'] } }),
      'bought at least 10 units from Baby',
    ],
    [
      purchase({ measure: 'quantity', threshold: { op: 'gt', value: 1 }, item: { category: ['Diapers'] } }),
      'bought more than 1 unit of Diapers',
    ],
    [purchase({ order: { coupon_used: true }, window: last(30, 'day') }), 'used a coupon in the last 30 days'],
    [
      purchase({ order: { coupon_used: true }, threshold: { op: 'gte', value: 3 } }),
      'used a coupon on at least 3 orders',
    ],
    [purchase({ order: { coupon_used: true }, item: { department: ['Baby'] } }), 'used a coupon on an order from Baby'],
    [not(purchase({ order: { coupon_used: true } })), 'did not use a coupon'],
    [
      purchase({ order: { coupon_used: false }, threshold: { op: 'gte', value: 2 } }),
      'placed at least 2 orders without a coupon',
    ],
    [purchase({ order: { status: 'returned' } }), 'returned an order'],
    [
      purchase({ order: { status: 'returned' }, item: { department: ['Apparel'] }, window: last(60, 'day') }),
      'returned an order from Apparel in the last 60 days',
    ],
    [purchase({ order: { status: 'returned' }, threshold: { op: 'gte', value: 2 } }), 'returned at least 2 orders'],
    [not(purchase({ order: { status: 'returned' } })), 'did not return an order'],
    [purchase({ order: { status: 'cancelled' } }), 'cancelled an order'],
    [purchase({ order: { status: 'completed' } }), 'made a purchase'],
    [purchase({ order: { channel: ['store'] } }), 'made a purchase in store'],
    [
      purchase({ order: { channel: ['app'] }, window: { type: 'this', unit: 'month' } }),
      'made a purchase in the app this month',
    ],
    [purchase({ order: { channel: ['web'] } }), 'made a purchase on the web'],
    [purchase({ order: { channel: ['store', 'web', 'app'] } }), 'made a purchase'],
    [purchase({ order: { channel: ['store'], fulfillment: ['in_store'] } }), 'made a purchase in store'],
    [purchase({ order: { fulfillment: ['pickup'] } }), 'made a purchase for pickup'],
    [purchase({ order: { fulfillment: ['delivery', 'ship'] } }), 'made a purchase for delivery or shipping'],
    [purchase({ order: { fulfillment: ['in_store', 'pickup'] } }), 'made a purchase in store or for pickup'],
    [purchase({ order: { fulfillment: ['in_store'] } }), 'made a purchase in store'],
    [
      purchase({ order: { channel: ['store'], fulfillment: ['in_store', 'pickup'] } }),
      'made a purchase in store for pickup',
    ],
    [
      purchase({ order: { payment_method: ['paypal', 'gift_card'] } }),
      'made a purchase paying with PayPal or a gift card',
    ],
    [purchase({ order: { store_id: [12] } }), 'made a purchase at store 12'],
    [
      purchase({ order: { store_id: [12, 14] }, item: { department: ['Garden'] } }),
      'bought from Garden at stores 12 or 14',
    ],
  ])('%j -> %s', (node, text) => {
    expect(say(node)).toBe(text);
  });
});

describe('windows', () => {
  it.each([
    [last(90, 'day'), 'in the last 90 days'],
    [last(1, 'day'), 'in the last day'],
    [last(2, 'week'), 'in the last 2 weeks'],
    [last(1, 'week'), 'in the last week'],
    [last(3, 'month'), 'in the last 3 months'],
    [last(1, 'month'), 'in the last month'],
    [last(2, 'year'), 'in the last 2 years'],
    [{ type: 'this', unit: 'month' }, 'this month'],
    [{ type: 'this', unit: 'quarter' }, 'this quarter'],
    [{ type: 'this', unit: 'year' }, 'this year'],
    [{ type: 'year', year: 2025 }, 'in 2025'],
    [{ type: 'month', year: 2026, month: 3 }, 'in March 2026'],
    [{ type: 'month', year: 2025, month: 12 }, 'in December 2025'],
    [{ type: 'before', date: '2026-01-01' }, 'before 1 Jan 2026'],
    [{ type: 'since', date: '2026-03-01' }, 'since 1 Mar 2026'],
    [{ type: 'between', from: '2026-01-01', to: '2026-03-31' }, 'between 1 Jan 2026 and 31 Mar 2026'],
    [{ type: 'older_than', n: 6, unit: 'month' }, 'more than 6 months ago'],
    [{ type: 'older_than', n: 1, unit: 'year' }, 'more than 1 year ago'],
  ])('%j -> %s', (window, words) => {
    expect(say(purchase({ window }))).toBe(`made a purchase ${words}`);
    expect(say(event(['web_visit'], { window }))).toBe(`visited the site ${words}`);
  });
});

describe('event conditions', () => {
  it.each([
    [event(['email_open'], { window: last(2, 'week') }), 'opened an email in the last 2 weeks'],
    [not(event(['email_open'], { window: last(2, 'week') })), 'did not open an email in the last 2 weeks'],
    [event(['email_open', 'email_click']), 'opened an email or clicked an email'],
    [not(event(['email_open', 'email_click'])), 'did not open an email or click an email'],
    [event(['app_open'], { threshold: { op: 'gte', value: 1 } }), 'used the app'],
    [
      event(['app_open'], { threshold: { op: 'gte', value: 3 }, window: last(30, 'day') }),
      'used the app at least 3 times in the last 30 days',
    ],
    [event(['web_visit'], { threshold: { op: 'gt', value: 1 } }), 'visited the site more than once'],
    [event(['web_visit'], { threshold: { op: 'lt', value: 2 } }), 'visited the site fewer than twice'],
    [event(['web_visit'], { threshold: { op: 'lte', value: 5 } }), 'visited the site at most 5 times'],
    [event(['web_visit'], { threshold: { op: 'eq', value: 1 } }), 'visited the site exactly once'],
    [event(['web_visit'], { threshold: { op: 'neq', value: 4 } }), 'did not visit the site exactly 4 times'],
    [event(['web_visit'], { threshold: { op: 'between', min: 2, max: 5 } }), 'visited the site between 2 and 5 times'],
    [
      event(['product_view'], { item: { department: ['Baby'], category: ['Diapers'] } }),
      'viewed a product from Baby (category Diapers)',
    ],
    [
      event(['cart_abandon'], { item: { category: ['TVs'] }, window: last(7, 'day') }),
      'abandoned a cart (TVs) in the last 7 days',
    ],
    [not(event(['review'])), 'did not write a review'],
    [not(event(['unsubscribe'])), 'did not unsubscribe'],
    [not(event(['search'])), 'did not search'],
    [not(event(['add_to_cart'])), 'did not add to cart'],
    [not(event(['sms_sent'])), 'did not receive an SMS'],
  ])('%j -> %s', (node, text) => {
    expect(say(node)).toBe(text);
  });

  it('unknown event types and labels it cannot negate still read', () => {
    const c: Catalog = {
      ...catalog,
      event_types: [
        ...catalog.event_types,
        { name: 'quiz', label: 'took the quiz', synonyms: [], about_product: false },
      ],
    };
    expect(say(event(['quiz']), c)).toBe('took the quiz');
    expect(say(not(event(['quiz'])), c)).toBe('have no "took the quiz" events');
    expect(say(event(['store_visit']))).toBe('store visit');
  });
});

describe('model conditions', () => {
  it.each([
    [model('churn_risk', { top_percent: 10 }), 'are in the top 10% by churn risk'],
    [model('churn_risk', { bottom_percent: 25 }), 'are in the bottom 25% by churn risk'],
    [model('churn_risk', { top_percent: 2.5 }), 'are in the top 2.5% by churn risk'],
    [not(model('churn_risk', { top_percent: 10 })), 'are not in the top 10% by churn risk'],
    [model('purchase_propensity_30d', { level: 'high' }), 'have high 30-day purchase propensity (deciles 8-10)'],
    [model('churn_risk', { level: 'medium' }), 'have medium churn risk (deciles 4-7)'],
    [model('discount_sensitivity', { level: 'low' }), 'have low discount sensitivity (deciles 1-3)'],
    [model('churn_risk', { decile: { op: 'eq', value: 10 } }), 'have churn risk in the top decile (decile 10)'],
    [model('churn_risk', { decile: { op: 'eq', value: 1 } }), 'have churn risk in the bottom decile (decile 1)'],
    [model('churn_risk', { decile: { op: 'eq', value: 5 } }), 'have churn risk in decile 5'],
    [model('churn_risk', { decile: { op: 'gte', value: 8 } }), 'have churn risk in deciles 8-10'],
    [model('churn_risk', { decile: { op: 'gt', value: 7 } }), 'have churn risk in deciles 8-10'],
    [model('churn_risk', { decile: { op: 'lte', value: 3 } }), 'have churn risk in deciles 1-3'],
    [model('churn_risk', { decile: { op: 'lt', value: 4 } }), 'have churn risk in deciles 1-3'],
    [model('churn_risk', { decile: { op: 'between', min: 4, max: 7 } }), 'have churn risk in deciles 4-7'],
    [model('churn_risk', { decile: { op: 'neq', value: 5 } }), 'have churn risk outside decile 5'],
    [model('churn_risk', { score: { op: 'gt', value: 0.8 } }), 'have a churn risk score over 0.8'],
    [model('churn_risk', { score: { op: 'lte', value: 0.25 } }), 'have a churn risk score of at most 0.25'],
    [
      model('churn_risk', { score: { op: 'between', min: 0.2, max: 0.5 } }),
      'have a churn risk score between 0.2 and 0.5',
    ],
    [model('email_engagement', { score: { op: 'gte', value: 0.5 } }), 'have an email engagement score of at least 0.5'],
    [model('predicted_clv_12m', { score: { op: 'gt', value: 1000 } }), 'have a predicted 12-month CLV over $1,000'],
    [model('predicted_clv_12m', { score: { op: 'lt', value: 50 } }), 'have a predicted 12-month CLV under $50'],
    [model('mystery_model', { level: 'high' }), 'have high mystery model (deciles 8-10)'],
  ])('%j -> %s', (node, text) => {
    expect(say(node)).toBe(text);
  });
});

describe('birthdays and rules', () => {
  it.each([
    [{ kind: 'birthday', when: 'today' }, 'have a birthday today'],
    [{ kind: 'birthday', when: 'this_month' }, 'have a birthday this month'],
    [{ kind: 'birthday', when: 'next_month' }, 'have a birthday next month'],
    [{ kind: 'birthday', when: 'next_days', days: 7 }, 'have a birthday in the next 7 days'],
    [{ kind: 'birthday', when: 'next_days', days: 1 }, 'have a birthday today or tomorrow'],
    [{ kind: 'birthday', when: 'next_days', days: 0 }, 'have a birthday today'],
    [not({ kind: 'birthday', when: 'this_month' }), 'do not have a birthday this month'],
  ])('%j -> %s', (node, text) => {
    expect(say(node)).toBe(text);
  });

  it.each([
    ['lapsed_customer', 'are lapsed customers (last completed order 91 to 365 days ago)'],
    ['active_customer', 'are active customers (a completed order within the last 90 days)'],
    ['prospect', 'are prospects (never purchased; no completed order at all)'],
    ['vip', "are VIPs (loyalty tier 'platinum', or predicted 12-month CLV in the top decile)"],
    ['likely_to_churn', 'are likely to churn (churn risk in deciles 8-10)'],
    ['reachable_sms', 'are reachable by SMS (SMS opt-in is true)'],
  ])('rule %s includes its label and description', (id, text) => {
    expect(say({ kind: 'rule', rule: id })).toBe(text);
  });

  it('negated and unknown rules', () => {
    expect(say(not({ kind: 'rule', rule: 'vip' }))).toMatch(/^are not VIPs \(/);
    expect(say({ kind: 'rule', rule: 'gone' })).toBe('match the rule "gone"');
    expect(say(not({ kind: 'rule', rule: 'gone' }))).toBe('do not match the rule "gone"');
  });
});

describe('explainSegment on any valid segment (property)', () => {
  it('one phrase per condition at its path; clean text', () => {
    fc.assert(
      fc.property(segmentArb(catalog, 5), (s) => {
        const e = explainSegment(s, catalog);
        expect(e.phrases.map((p) => p.path)).toEqual(conditionPaths(s).map((c) => c.path));
        expect(e.text.startsWith('Customers who ')).toBe(true);
        for (const bad of ['undefined', 'NaN', '[object', 'null', '  ', ' ,', '()']) expect(e.text).not.toContain(bad);
        for (const p of e.phrases) {
          expect(p.text.length).toBeGreaterThan(0);
          expect(e.text).toContain(p.text);
        }
      }),
      { numRuns: 500 },
    );
  });
});
