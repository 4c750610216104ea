import type { Catalog, SegmentNode } from '@smartseg/segment-engine';
import type { Lexicon } from '../lexicon/lexicon';
import type { Sense } from '../lexicon/senses';
import { normalize } from '../normalize/normalize';

/**
 * Terms with two or more defensible readings, as data. Each option is a complete condition
 * template; references to the tenant's catalog are written as phrases the catalog must
 * resolve (so another tenant's catalog works too, and an option whose reference does not
 * resolve is dropped):
 *   "@rule:<words>"   a business rule named by these words
 *   "@model:<words>"  a model named by these words
 *   "@facet:<words>"  a facet named by these words (or "@role:age" for the age facet)
 *   "@value:<words>"  a value of the condition's facet named by these words
 *   "@event:<words>"  an event type named by these words
 */

export interface ClarificationOption {
  label: string;
  node: unknown;
}

export interface Clarification {
  id: string;
  /** Phrases that trigger it (matched like catalog words, longest match first). */
  phrases: string[];
  question: string;
  options: ClarificationOption[];
}

const last = (n: number, unit: 'day' | 'week' | 'month' | 'year') => ({ type: 'last', n, unit });

export const DEFAULT_CLARIFICATIONS: readonly Clarification[] = [
  {
    id: 'big_spenders',
    phrases: [
      'spend a lot',
      'spent a lot',
      'spends a lot',
      'spending a lot',
      'spend big',
      'spend the most',
      'spent the most',
      'big spend',
      'heavy spend',
      'big baskets',
      'big spenders',
      'big spender',
      'high spenders',
      'high spender',
      'heavy spenders',
      'top spenders',
      'high value',
      'high-value',
      'high value customers',
      'most valuable',
      'most valuable customers',
      'valuable customers',
      'whales',
      'big ticket customers',
      'high rollers',
      'biggest spenders',
      'largest spenders',
      'high ltv',
      'high-ltv',
      'high ltv customers',
      'high lifetime value',
      'high lifetime spend',
      'top ltv',
      'high-value shoppers',
    ],
    question: 'Which customers count as big spenders?',
    options: [
      {
        label: 'Spent more than $1,000 in the last 12 months',
        node: { kind: 'purchase', measure: 'spend', threshold: { op: 'gt', value: 1000 }, window: last(12, 'month') },
      },
      { label: 'VIPs (the business rule)', node: { kind: 'rule', rule: '@rule:vip' } },
      {
        label: 'Top 10% by predicted 12-month customer value',
        node: { kind: 'model', model: '@model:predicted clv', top_percent: 10 },
      },
      {
        label: 'Lifetime spend over $2,500',
        node: { kind: 'purchase', measure: 'spend', threshold: { op: 'gt', value: 2500 } },
      },
    ],
  },
  {
    id: 'recent_customers',
    phrases: [
      'recent customers',
      'recent customer',
      'recent buyers',
      'recent shoppers',
      'recent purchasers',
      'bought recently',
      'purchased recently',
      'ordered recently',
      'shopped recently',
      'recent purchase',
      'recent purchases',
      'recent order',
      'recent orders',
    ],
    question: 'How recent is recent?',
    options: [
      { label: 'Bought in the last 30 days', node: { kind: 'purchase', window: last(30, 'day') } },
      { label: 'Bought in the last 90 days', node: { kind: 'purchase', window: last(90, 'day') } },
    ],
  },
  {
    id: 'loyal_customers',
    phrases: [
      'loyal',
      'loyal customers',
      'loyal customer',
      'loyalists',
      'loyal shoppers',
      'loyal buyers',
      'most loyal',
      'our loyal',
      'committed',
      'most committed',
      'committed members',
      'committed customers',
      'stick with us',
      'stuck with us',
      'devoted',
      'dedicated customers',
      'die-hard',
      'diehard',
      'die hard fans',
      'the usual folks',
    ],
    question: 'Which customers count as loyal?',
    options: [
      {
        label: 'Gold or platinum loyalty tier',
        node: { kind: 'attribute', facet: '@facet:loyalty tier', op: 'in', values: ['@value:gold', '@value:platinum'] },
      },
      { label: 'Repeat customers (the business rule)', node: { kind: 'rule', rule: '@rule:repeat customers' } },
      { label: '5 or more orders', node: { kind: 'purchase', measure: 'orders', threshold: { op: 'gte', value: 5 } } },
    ],
  },
  {
    id: 'engaged',
    phrases: [
      'engaged',
      'engaged customers',
      'highly engaged',
      'most engaged',
      'active engagers',
      'engagers',
      'engaged users',
      'engaged shoppers',
    ],
    question: 'Engaged how?',
    options: [
      { label: 'Engaged with email (the business rule)', node: { kind: 'rule', rule: '@rule:engaged with email' } },
      {
        label: 'Used the app or visited the site in the last 30 days',
        node: {
          kind: 'event',
          event_type: ['@event:used the app', '@event:visited the site'],
          window: last(30, 'day'),
        },
      },
      {
        label: 'High email engagement score',
        node: { kind: 'model', model: '@model:email engagement', level: 'high' },
      },
    ],
  },
  {
    id: 'young',
    phrases: [
      'young',
      'younger',
      'young people',
      'young customers',
      'young adults',
      'youth',
      'youngsters',
      'young shoppers',
    ],
    question: 'How young?',
    options: [
      { label: 'Aged 18-24', node: { kind: 'attribute', facet: '@role:age', op: 'between', min: 18, max: 24 } },
      { label: 'Under 30', node: { kind: 'attribute', facet: '@role:age', op: 'lt', value: 30 } },
      { label: 'Under 35', node: { kind: 'attribute', facet: '@role:age', op: 'lt', value: 35 } },
    ],
  },
  {
    id: 'older',
    phrases: [
      'seniors',
      'senior',
      'senior citizens',
      'older',
      'older customers',
      'older people',
      'elderly',
      'retirees',
      'older adults',
      'older shoppers',
      'mature',
    ],
    question: 'How old?',
    options: [
      { label: '65 and over', node: { kind: 'attribute', facet: '@role:age', op: 'gte', value: 65 } },
      { label: '55 and over', node: { kind: 'attribute', facet: '@role:age', op: 'gte', value: 55 } },
      { label: '50 and over', node: { kind: 'attribute', facet: '@role:age', op: 'gte', value: 50 } },
    ],
  },
  {
    id: 'frequent',
    phrases: [
      'frequent',
      'frequent shoppers',
      'frequent buyers',
      'frequent customers',
      'frequent purchasers',
      'regulars',
      'regular customers',
      'regular shoppers',
      'buy often',
      'shop often',
      'often',
    ],
    question: 'How often is frequent?',
    options: [
      {
        label: '5 or more orders in the last 12 months',
        node: { kind: 'purchase', measure: 'orders', threshold: { op: 'gte', value: 5 }, window: last(12, 'month') },
      },
      {
        label: '12 or more orders in the last 12 months (about monthly)',
        node: { kind: 'purchase', measure: 'orders', threshold: { op: 'gte', value: 12 }, window: last(12, 'month') },
      },
      {
        label: '3 or more orders in the last 90 days',
        node: { kind: 'purchase', measure: 'orders', threshold: { op: 'gte', value: 3 }, window: last(90, 'day') },
      },
    ],
  },
  {
    id: 'infrequent',
    phrases: [
      'infrequent',
      'infrequent shoppers',
      'occasional shoppers',
      'occasional buyers',
      'occasional customers',
      'rarely buy',
      'rarely shop',
      'light buyers',
      'light shoppers',
    ],
    question: 'How rarely is infrequent?',
    options: [
      {
        label: 'At most 1 order in the last 12 months',
        node: { kind: 'purchase', measure: 'orders', threshold: { op: 'lte', value: 1 }, window: last(12, 'month') },
      },
      {
        label: '1 or 2 orders in the last 12 months',
        node: {
          kind: 'purchase',
          measure: 'orders',
          threshold: { op: 'between', min: 1, max: 2 },
          window: last(12, 'month'),
        },
      },
    ],
  },
  {
    id: 'inactive',
    phrases: [
      'inactive',
      'inactive customers',
      'inactives',
      'inactive members',
      'inactive shoppers',
      'gone inactive',
      'not active',
    ],
    question: 'Which inactive customers?',
    options: [
      { label: 'Lapsed: last purchase 91-365 days ago', node: { kind: 'rule', rule: '@rule:lapsed' } },
      { label: 'Churned: no purchase in the last 365 days', node: { kind: 'rule', rule: '@rule:churned' } },
      { label: 'Never purchased', node: { kind: 'rule', rule: '@rule:prospect' } },
      {
        label: 'No purchase in the last 6 months',
        node: { kind: 'not', child: { kind: 'purchase', window: last(6, 'month') } },
      },
    ],
  },
  {
    id: 'west_coast',
    phrases: ['west coast', 'west coasters', 'the west coast', 'pacific coast'],
    question: 'The whole West region, or only the coastal states?',
    options: [
      { label: 'The West region', node: { kind: 'attribute', facet: '@facet:region', op: 'eq', value: '@value:west' } },
      {
        label: 'California, Oregon and Washington',
        node: {
          kind: 'attribute',
          facet: '@facet:state',
          op: 'in',
          values: ['@value:california', '@value:oregon', '@value:washington'],
        },
      },
    ],
  },
  {
    id: 'pacific_northwest',
    phrases: ['pacific northwest', 'the pacific northwest', 'pnw', 'the northwest', 'northwest'],
    question: 'Which states count as the Pacific Northwest?',
    options: [
      {
        label: 'Oregon and Washington',
        node: { kind: 'attribute', facet: '@facet:state', op: 'in', values: ['@value:oregon', '@value:washington'] },
      },
      {
        label: 'Oregon, Washington and Idaho',
        node: {
          kind: 'attribute',
          facet: '@facet:state',
          op: 'in',
          values: ['@value:oregon', '@value:washington', '@value:idaho'],
        },
      },
    ],
  },
  {
    id: 'tri_state',
    phrases: ['tri-state area', 'tri state area', 'tristate area', 'the tri-state area', 'the tri state'],
    question: 'Which tri-state area?',
    options: [
      {
        label: 'New York, New Jersey and Connecticut',
        node: {
          kind: 'attribute',
          facet: '@facet:state',
          op: 'in',
          values: ['@value:new york', '@value:new jersey', '@value:connecticut'],
        },
      },
      {
        label: 'New York, New Jersey and Pennsylvania',
        node: {
          kind: 'attribute',
          facet: '@facet:state',
          op: 'in',
          values: ['@value:new york', '@value:new jersey', '@value:pennsylvania'],
        },
      },
    ],
  },
  {
    id: 'east_coast',
    phrases: ['east coast', 'east coasters', 'the east coast', 'atlantic coast', 'eastern seaboard'],
    question: 'Which part of the East Coast?',
    options: [
      {
        label: 'The Northeast region',
        node: { kind: 'attribute', facet: '@facet:region', op: 'eq', value: '@value:northeast' },
      },
      {
        label: 'The Northeast and Southeast regions',
        node: { kind: 'attribute', facet: '@facet:region', op: 'in', values: ['@value:northeast', '@value:southeast'] },
      },
    ],
  },
  {
    id: 'high_income',
    phrases: [
      'high income',
      'high-income',
      'high earners',
      'higher income',
      'high household income',
      'wealthy',
      'affluent',
      'rich',
      'well off',
      'well-off',
      'upper income',
    ],
    question: 'Which income counts as high?',
    options: [
      {
        label: '$150k or more',
        node: { kind: 'attribute', facet: '@facet:income band', op: 'eq', value: '@value:150k plus' },
      },
      {
        label: '$100k or more',
        node: {
          kind: 'attribute',
          facet: '@facet:income band',
          op: 'in',
          values: ['@value:100k 150k', '@value:150k plus'],
        },
      },
    ],
  },
  {
    id: 'heavy_app',
    phrases: [
      'heavy app users',
      'heavy app user',
      'power users',
      'app power users',
      'frequent app users',
      'heavy users',
      'active app users',
      'app addicts',
      'use the app a lot',
      'use the app often',
    ],
    question: 'How much app use counts as heavy?',
    options: [
      {
        label: '10 or more app opens in the last 30 days',
        node: {
          kind: 'event',
          event_type: ['@event:used the app'],
          threshold: { op: 'gte', value: 10 },
          window: last(30, 'day'),
        },
      },
      {
        label: '20 or more app opens in the last 30 days',
        node: {
          kind: 'event',
          event_type: ['@event:used the app'],
          threshold: { op: 'gte', value: 20 },
          window: last(30, 'day'),
        },
      },
      {
        label: '5 or more app opens in the last 7 days',
        node: {
          kind: 'event',
          event_type: ['@event:used the app'],
          threshold: { op: 'gte', value: 5 },
          window: last(7, 'day'),
        },
      },
    ],
  },
  {
    id: 'serial_returners',
    phrases: [
      'serial returners',
      'serial returner',
      'frequent returners',
      'habitual returners',
      'return a lot',
      'returns a lot',
      'return often',
      'heavy returners',
      'chronic returners',
    ],
    question: 'How many returns make a serial returner?',
    options: [
      {
        label: '3 or more returned orders in the last 12 months',
        node: {
          kind: 'purchase',
          order: { status: 'returned' },
          measure: 'orders',
          threshold: { op: 'gte', value: 3 },
          window: last(12, 'month'),
        },
      },
      {
        label: '2 or more returned orders in the last 12 months',
        node: {
          kind: 'purchase',
          order: { status: 'returned' },
          measure: 'orders',
          threshold: { op: 'gte', value: 2 },
          window: last(12, 'month'),
        },
      },
      {
        label: '5 or more returned orders ever',
        node: {
          kind: 'purchase',
          order: { status: 'returned' },
          measure: 'orders',
          threshold: { op: 'gte', value: 5 },
        },
      },
    ],
  },
  // idioms with one reading (no question): written as clarifications with a single option
  {
    id: 'one_and_done',
    phrases: [
      'one and done',
      'one-and-done',
      'bought just once',
      'bought only one time',
      'single purchase customers',
      'only bought once',
      'only ordered once',
      'single-purchase customers',
      'only purchase',
      'only order',
      'only purchase ever',
      'only ever purchase',
      'one and only purchase',
      'sole purchase',
    ],
    question: 'One-time buyers?',
    options: [{ label: 'One-time buyers', node: { kind: 'rule', rule: '@rule:one-time buyers' } }],
  },
  {
    id: 'low_spenders',
    phrases: [
      'low spenders',
      'small spenders',
      'low value',
      'low-value',
      'low value customers',
      'bargain shoppers on a budget',
    ],
    question: 'Which customers count as low spenders?',
    options: [
      {
        label: 'Spent less than $100 in the last 12 months',
        node: { kind: 'purchase', measure: 'spend', threshold: { op: 'lt', value: 100 }, window: last(12, 'month') },
      },
      {
        label: 'Bottom 20% by predicted 12-month customer value',
        node: { kind: 'model', model: '@model:predicted clv', bottom_percent: 20 },
      },
    ],
  },
];

export interface ResolvedOption {
  label: string;
  node: SegmentNode;
}

/** Resolves `@...` references of a template against the catalog; undefined when one does not resolve. */
export function resolveTemplate(template: unknown, lexicon: Lexicon): SegmentNode | undefined {
  let facetCtx: string | undefined;
  const find = (phrase: string, pred: (s: Sense) => boolean): Sense | undefined => {
    const toks = normalize(phrase).tokens;
    const m = lexicon.matchAt(toks, 0).find((x) => x.end === toks.length);
    return m?.entries.map((e) => e.sense).find(pred);
  };
  const ref = (s: string): unknown => {
    if (!s.startsWith('@')) return s;
    const [kind, ...rest] = s.slice(1).split(':');
    const words = rest.join(':');
    switch (kind) {
      case 'rule': {
        const r = find(words, (x) => x.t === 'rule');
        return r && r.t === 'rule' ? r.rule : undefined;
      }
      case 'model': {
        const r = find(words, (x) => x.t === 'model');
        return r && r.t === 'model' ? r.model : undefined;
      }
      case 'event': {
        const r = find(words, (x) => x.t === 'event');
        return r && r.t === 'event' ? r.event : undefined;
      }
      case 'facet': {
        const r = find(words, (x) => x.t === 'facet');
        facetCtx = r && r.t === 'facet' ? r.facet : undefined;
        return facetCtx;
      }
      case 'role': {
        facetCtx = (lexicon.roles as unknown as Record<string, string | undefined>)[words];
        return facetCtx;
      }
      case 'value': {
        const r = find(words, (x) => x.t === 'value' && (!facetCtx || x.facet === facetCtx));
        return r && r.t === 'value' ? r.value : undefined;
      }
      default:
        return undefined;
    }
  };
  let failed = false;
  const walk = (v: unknown): unknown => {
    if (failed) return undefined;
    if (typeof v === 'string') {
      const r = ref(v);
      if (r === undefined) failed = true;
      return r;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      // facet first so values resolve within it
      if ('facet' in o) out['facet'] = walk(o['facet']);
      for (const [k, val] of Object.entries(o)) if (k !== 'facet') out[k] = walk(val);
      return out;
    }
    return v;
  };
  const node = walk(template) as SegmentNode;
  if (failed) return undefined;
  return node;
}

export function resolveClarification(c: Clarification, lexicon: Lexicon): ResolvedOption[] {
  const out: ResolvedOption[] = [];
  for (const o of c.options) {
    const node = resolveTemplate(o.node, lexicon);
    if (node) out.push({ label: o.label, node });
  }
  return out;
}

export function clarificationTriggers(list: readonly Clarification[]): { id: string; phrases: string[] }[] {
  return list.map((c) => ({ id: c.id, phrases: c.phrases }));
}

export type { Catalog };
