import { referenceRetailTestCatalog } from '@smartseg/knowledge-store';
import fc from 'fast-check';
import { segmentArb } from '../verifier/__fixtures__/segment.arbitraries';
import { SEGMENT_JSON_SCHEMA, SEGMENT_LIMITS, type JsonSchema } from './segment.schema';
import {
  ATTRIBUTE_OPS,
  CONDITION_KINDS,
  GROUP_KINDS,
  type AndGroup,
  type AttributeCondition,
  type BirthdayCondition,
  type EventCondition,
  type ItemFilter,
  type ModelCondition,
  type NotGroup,
  type OrderFilter,
  type OrGroup,
  type PurchaseCondition,
  type RuleCondition,
  type Segment,
  type ThresholdOp,
  type WindowType,
} from './segment.model';

// ---------------------------------------------------------------------------------------
// A tiny validator for the subset of JSON Schema 2020-12 the segment schema uses.

const root = SEGMENT_JSON_SCHEMA;

function resolve(schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/$defs/', '');
  const target = root.$defs?.[name];
  if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
  return { ...resolve(target), ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$ref')) };
}

function typeOk(type: string, v: unknown): boolean {
  switch (type) {
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'null':
      return v === null;
    default:
      return typeof v === type;
  }
}

function validate(schemaIn: JsonSchema, v: unknown, path = ''): string[] {
  const s = resolve(schemaIn);
  const errors: string[] = [];
  const err = (m: string) => errors.push(`${path || '/'}: ${m}`);
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.some((t) => typeOk(t, v))) return [`${path || '/'}: expected ${types.join('|')}`];
  }
  if ('const' in s && v !== s.const) err(`expected const ${JSON.stringify(s.const)}`);
  if (s.enum && !s.enum.includes(v)) err(`expected one of ${JSON.stringify(s.enum)}`);
  if (typeof v === 'number') {
    if (s.minimum !== undefined && v < s.minimum) err(`< minimum ${s.minimum}`);
    if (s.maximum !== undefined && v > s.maximum) err(`> maximum ${s.maximum}`);
    if (s.exclusiveMinimum !== undefined && v <= s.exclusiveMinimum) err(`<= exclusiveMinimum`);
    if (s.exclusiveMaximum !== undefined && v >= s.exclusiveMaximum) err(`>= exclusiveMaximum`);
  }
  if (typeof v === 'string') {
    if (s.minLength !== undefined && v.length < s.minLength) err('too short');
    if (s.maxLength !== undefined && v.length > s.maxLength) err('too long');
    if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(v)) err('pattern');
  }
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems) err('too few items');
    if (s.maxItems !== undefined && v.length > s.maxItems) err('too many items');
    if (s.items) v.forEach((x, i) => errors.push(...validate(s.items!, x, `${path}/${i}`)));
  }
  if (typeOk('object', v)) {
    const o = v as Record<string, unknown>;
    for (const r of s.required ?? []) if (!(r in o)) err(`missing ${r}`);
    for (const [k, x] of Object.entries(o)) {
      const prop = s.properties?.[k];
      if (prop) errors.push(...validate(prop, x, `${path}/${k}`));
      else if (s.additionalProperties === false) err(`extra property ${k}`);
    }
  }
  if (s.oneOf) {
    const passing = s.oneOf.filter((alt) => validate(alt, v, path).length === 0).length;
    if (passing !== 1) err(`oneOf: ${passing} alternatives match`);
  }
  return errors;
}

const check = (v: unknown) => validate(root, v);

// ---------------------------------------------------------------------------------------

const seg = (where: unknown, extra: Record<string, unknown> = {}) => ({ version: 1, where, ...extra });
const attr = (extra: Record<string, unknown>) => ({ kind: 'attribute', facet: 'age', ...extra });

const VALID: [string, unknown][] = [
  ['schema example', root.examples?.[0]],
  ['attribute eq', seg(attr({ op: 'eq', value: 30 }))],
  ['attribute in', seg({ kind: 'attribute', facet: 'state', op: 'in', values: ['CA', 'TX'] })],
  [
    'attribute between dates',
    seg({ kind: 'attribute', facet: 'signup_date', op: 'between', min: '2025-01-01', max: '2025-12-31' }),
  ],
  ['attribute is_unknown', seg(attr({ op: 'is_unknown' }))],
  ['attribute boolean', seg({ kind: 'attribute', facet: 'email_opt_in', op: 'eq', value: true, id: 'c1' })],
  ['bare purchase', seg({ kind: 'purchase' })],
  [
    'full purchase',
    seg({
      kind: 'purchase',
      item: {
        department: ['Baby'],
        category: ['Diapers'],
        brand: ['Pampers'],
        product_id: [1, 2],
        private_label: false,
        organic: true,
      },
      order: {
        channel: ['web', 'app'],
        fulfillment: ['ship'],
        coupon_used: true,
        payment_method: ['paypal'],
        status: 'completed',
        store_id: [3],
      },
      window: { type: 'last', n: 90, unit: 'day' },
      measure: 'spend',
      threshold: { op: 'between', min: 100, max: 500 },
    }),
  ],
  [
    'event',
    seg({
      kind: 'event',
      event_type: ['email_open', 'email_click'],
      window: { type: 'this', unit: 'quarter' },
      threshold: { op: 'gte', value: 3 },
    }),
  ],
  ['model level', seg({ kind: 'model', model: 'churn_risk', level: 'high' })],
  ['model decile', seg({ kind: 'model', model: 'churn_risk', decile: { op: 'between', min: 8, max: 10 } })],
  ['model top percent', seg({ kind: 'model', model: 'churn_risk', top_percent: 12.5 })],
  ['model score', seg({ kind: 'model', model: 'predicted_clv_12m', score: { op: 'gt', value: 500 } })],
  ['birthday', seg({ kind: 'birthday', when: 'this_month' })],
  ['birthday next days', seg({ kind: 'birthday', when: 'next_days', days: 7 })],
  ['rule', seg({ kind: 'rule', rule: 'vip' })],
  ['not', seg({ kind: 'not', child: { kind: 'rule', rule: 'vip' } })],
  [
    'nested groups',
    seg({
      kind: 'or',
      children: [
        { kind: 'and', children: [attr({ op: 'gt', value: 60 })] },
        { kind: 'not', child: { kind: 'purchase' } },
      ],
    }),
  ],
  ...(
    [
      { type: 'last', n: 3, unit: 'month' },
      { type: 'this', unit: 'year' },
      { type: 'year', year: 2025 },
      { type: 'month', year: 2026, month: 3 },
      { type: 'before', date: '2026-01-01' },
      { type: 'since', date: '2026-03-01' },
      { type: 'between', from: '2026-01-01', to: '2026-03-31' },
      { type: 'older_than', n: 6, unit: 'month' },
    ] as const
  ).map((w): [string, unknown] => [`window ${w.type}`, seg({ kind: 'purchase', window: w })]),
  ['name and description', seg({ kind: 'birthday', when: 'today' }, { name: 'Birthday folks', description: '' })],
];

const INVALID: [string, unknown][] = [
  ['not an object', 'segment'],
  ['missing version', { where: { kind: 'rule', rule: 'vip' } }],
  ['version 2', { version: 2, where: { kind: 'rule', rule: 'vip' } }],
  ['missing where', { version: 1 }],
  ['extra top-level field', seg({ kind: 'rule', rule: 'vip' }, { owner: 'me' })],
  ['unknown kind', seg({ kind: 'attr', facet: 'age', op: 'eq', value: 1 })],
  ['no kind', seg({ facet: 'age', op: 'eq', value: 1 })],
  ['eq with values', seg(attr({ op: 'eq', values: [1] }))],
  ['eq without value', seg(attr({ op: 'eq' }))],
  ['in with value', seg(attr({ op: 'in', value: 1 }))],
  ['in with empty values', seg(attr({ op: 'in', values: [] }))],
  ['between without max', seg(attr({ op: 'between', min: 1 }))],
  ['is_unknown with value', seg(attr({ op: 'is_unknown', value: 1 }))],
  ['unknown op', seg(attr({ op: 'like', value: 1 }))],
  ['object value', seg(attr({ op: 'eq', value: { a: 1 } }))],
  ['extra field on attribute', seg(attr({ op: 'eq', value: 1, note: 'x' }))],
  ['empty and', seg({ kind: 'and', children: [] })],
  ['or without children', seg({ kind: 'or' })],
  ['not without child', seg({ kind: 'not' })],
  ['not with children', seg({ kind: 'not', children: [{ kind: 'rule', rule: 'vip' }] })],
  ['purchase unknown measure', seg({ kind: 'purchase', measure: 'revenue' })],
  ['purchase extra field', seg({ kind: 'purchase', department: ['Baby'] })],
  ['item unknown field', seg({ kind: 'purchase', item: { dept: ['Baby'] } })],
  ['item department not a list', seg({ kind: 'purchase', item: { department: 'Baby' } })],
  ['product id zero', seg({ kind: 'purchase', item: { product_id: [0] } })],
  ['order status list', seg({ kind: 'purchase', order: { status: ['returned'] } })],
  ['order unknown channel', seg({ kind: 'purchase', order: { channel: ['online'] } })],
  ['window unknown type', seg({ kind: 'purchase', window: { type: 'past', n: 3, unit: 'day' } })],
  ['window last without unit', seg({ kind: 'purchase', window: { type: 'last', n: 3 } })],
  ['window plural unit', seg({ kind: 'purchase', window: { type: 'last', n: 3, unit: 'days' } })],
  ['window n zero', seg({ kind: 'purchase', window: { type: 'last', n: 0, unit: 'day' } })],
  ['window n fraction', seg({ kind: 'purchase', window: { type: 'last', n: 1.5, unit: 'day' } })],
  ['window this week', seg({ kind: 'purchase', window: { type: 'this', unit: 'week' } })],
  ['window month 13', seg({ kind: 'purchase', window: { type: 'month', year: 2026, month: 13 } })],
  ['window year far away', seg({ kind: 'purchase', window: { type: 'year', year: 3000 } })],
  ['window bad date', seg({ kind: 'purchase', window: { type: 'since', date: '03/01/2026' } })],
  ['window extra field', seg({ kind: 'purchase', window: { type: 'year', year: 2025, month: 3 } })],
  ['threshold unknown op', seg({ kind: 'purchase', threshold: { op: 'ge', value: 3 } })],
  ['threshold between with value', seg({ kind: 'purchase', threshold: { op: 'between', value: 3, min: 1, max: 4 } })],
  ['threshold value as text', seg({ kind: 'purchase', threshold: { op: 'gt', value: '3' } })],
  ['event without types', seg({ kind: 'event' })],
  ['event type not a list', seg({ kind: 'event', event_type: 'email_open' })],
  ['event empty types', seg({ kind: 'event', event_type: [] })],
  ['model without selector', seg({ kind: 'model', model: 'churn_risk' })],
  ['model with two selectors', seg({ kind: 'model', model: 'churn_risk', level: 'high', top_percent: 10 })],
  ['model decile 11', seg({ kind: 'model', model: 'churn_risk', decile: { op: 'eq', value: 11 } })],
  ['model top percent 0', seg({ kind: 'model', model: 'churn_risk', top_percent: 0 })],
  ['model top percent 101', seg({ kind: 'model', model: 'churn_risk', top_percent: 101 })],
  ['model unknown level', seg({ kind: 'model', model: 'churn_risk', level: 'very high' })],
  ['birthday next_days without days', seg({ kind: 'birthday', when: 'next_days' })],
  ['birthday today with days', seg({ kind: 'birthday', when: 'today', days: 3 })],
  ['birthday unknown when', seg({ kind: 'birthday', when: 'this_week' })],
  ['rule without id', seg({ kind: 'rule' })],
  ['empty facet', seg({ kind: 'attribute', facet: '', op: 'is_known' })],
  ['too long name', seg({ kind: 'rule', rule: 'vip' }, { name: 'x'.repeat(SEGMENT_LIMITS.maxStringLength + 1) })],
];

describe('SEGMENT_JSON_SCHEMA: examples', () => {
  it.each(VALID)('accepts: %s', (_name, value) => {
    expect(check(value)).toEqual([]);
  });

  it.each(INVALID)('rejects: %s', (_name, value) => {
    expect(check(value).length).toBeGreaterThan(0);
  });

  it('accepts every segment the valid-segment generator makes', () => {
    const catalog = referenceRetailTestCatalog();
    fc.assert(
      fc.property(segmentArb(catalog), (s) => {
        expect(check(s)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------
// Structural facts: the schema names everything the TypeScript model has, and nothing else.
// The key lists are checked against the interfaces at compile time (`satisfies` and the
// `Exact` helper), so a field added to the model without the schema fails typecheck here.

type Exact<T, K extends readonly PropertyKey[]> = Exclude<keyof T, K[number]> extends never ? K : never;
const keys =
  <T>() =>
  <const K extends readonly (keyof T)[]>(k: Exact<T, K>) =>
    k;

const INTERFACE_KEYS: Record<string, readonly string[]> = {
  and: keys<AndGroup>()(['kind', 'children', 'id']),
  or: keys<OrGroup>()(['kind', 'children', 'id']),
  not: keys<NotGroup>()(['kind', 'child', 'id']),
  attribute: keys<AttributeCondition>()(['kind', 'facet', 'op', 'value', 'values', 'min', 'max', 'id']),
  purchase: keys<PurchaseCondition>()(['kind', 'item', 'order', 'window', 'measure', 'threshold', 'id']),
  event: keys<EventCondition>()(['kind', 'event_type', 'item', 'window', 'threshold', 'id']),
  model: keys<ModelCondition>()(['kind', 'model', 'score', 'decile', 'top_percent', 'bottom_percent', 'level', 'id']),
  birthday: keys<BirthdayCondition>()(['kind', 'when', 'days', 'id']),
  rule: keys<RuleCondition>()(['kind', 'rule', 'id']),
  item_filter: keys<ItemFilter>()(['department', 'category', 'brand', 'product_id', 'private_label', 'organic']),
  order_filter: keys<OrderFilter>()(['channel', 'fulfillment', 'coupon_used', 'payment_method', 'status', 'store_id']),
  segment: keys<Segment>()(['version', 'name', 'description', 'where']),
};

const WINDOW_TYPES = [
  'last',
  'this',
  'year',
  'month',
  'before',
  'since',
  'between',
  'older_than',
] as const satisfies readonly WindowType[];
const _allWindowTypes: Exact<Record<WindowType, true>, typeof WINDOW_TYPES> = WINDOW_TYPES;
const THRESHOLD_OPS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq', 'between'] as const satisfies readonly ThresholdOp[];
const _allThresholdOps: Exact<Record<ThresholdOp, true>, typeof THRESHOLD_OPS> = THRESHOLD_OPS;

/** The alternatives of a schema (itself if it has no oneOf with object alternatives). */
function alternatives(s: JsonSchema): JsonSchema[] {
  const r = resolve(s);
  if (r.oneOf && r.oneOf.some((a) => resolve(a).properties)) return r.oneOf.flatMap(alternatives);
  return [r];
}
const propertyNames = (s: JsonSchema) =>
  [...new Set(alternatives(s).flatMap((a) => Object.keys(a.properties ?? {})))].sort();
const constsOf = (s: JsonSchema, prop: string) =>
  alternatives(s).flatMap((a) => {
    const p = a.properties?.[prop];
    return p ? (p.const !== undefined ? [p.const] : (p.enum ?? [])) : [];
  });

describe('SEGMENT_JSON_SCHEMA: structure', () => {
  it('is a draft 2020-12 schema with a title and examples', () => {
    expect(root.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(root.title).toBe('Segment');
    expect(root.examples?.length).toBeGreaterThan(0);
  });

  it('every node kind of the model is one alternative of the node oneOf', () => {
    const kinds = root.$defs!.node!.oneOf!.map((alt) => constsOf(alt, 'kind'));
    expect(kinds.map((k) => [...new Set(k)])).toEqual([...GROUP_KINDS, ...CONDITION_KINDS].map((k) => [k]));
  });

  it.each(Object.keys(INTERFACE_KEYS).filter((k) => k !== 'segment'))('lists exactly the properties of %s', (name) => {
    expect(propertyNames(root.$defs![name]!)).toEqual([...INTERFACE_KEYS[name]!].sort());
  });

  it('lists exactly the properties of Segment', () => {
    expect(Object.keys(root.properties!).sort()).toEqual([...INTERFACE_KEYS.segment!].sort());
  });

  it('every object in the schema forbids additional properties', () => {
    const objects: string[] = [];
    const visit = (s: JsonSchema, where: string) => {
      if (s.properties && s.additionalProperties !== false) objects.push(where);
      for (const [k, p] of Object.entries(s.properties ?? {})) visit(p, `${where}.${k}`);
      s.oneOf?.forEach((a, i) => visit(a, `${where}.oneOf[${i}]`));
      if (s.items) visit(s.items, `${where}.items`);
      for (const [k, d] of Object.entries(s.$defs ?? {})) visit(d, `$defs.${k}`);
    };
    visit(root, 'root');
    expect(objects).toEqual([]);
  });

  it('windows are discriminated by type, one alternative per window type', () => {
    expect(root.$defs!.window!.oneOf!.map((a) => a.properties!.type!.const)).toEqual([...WINDOW_TYPES]);
  });

  it('thresholds are discriminated by op and cover every op', () => {
    for (const def of ['threshold', 'decile_threshold']) {
      expect(new Set(constsOf(root.$defs![def]!, 'op'))).toEqual(new Set(THRESHOLD_OPS));
    }
  });

  it('attribute alternatives together cover every operator exactly once', () => {
    const ops = constsOf(root.$defs!.attribute!, 'op');
    expect([...ops].sort()).toEqual([...ATTRIBUTE_OPS].sort());
  });

  it('every definition and property has a description for language models', () => {
    const missing: string[] = [];
    for (const [name, def] of Object.entries(root.$defs!)) {
      if (!def.description && name !== 'time_unit') missing.push(name);
    }
    for (const name of ['purchase', 'event', 'model']) {
      for (const [k, p] of Object.entries(root.$defs![name]!.properties!)) {
        if (!['kind', 'id', 'item', 'order', 'window', 'score', 'decile'].includes(k) && !p.description)
          missing.push(`${name}.${k}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('is plain JSON (serialises without loss)', () => {
    expect(JSON.parse(JSON.stringify(root))).toEqual(root);
  });
});

void _allWindowTypes;
void _allThresholdOps;
