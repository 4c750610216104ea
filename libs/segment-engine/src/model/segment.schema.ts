/**
 * The segment model (segment.model.ts) as a JSON Schema (draft 2020-12): the contract for
 * hand-written segment files, API bodies and language models asked to produce a segment.
 * The schema checks shape only; `verifySegment` checks it against the tenant's catalog
 * (facets, values, events, models, rules), permissions and time.
 */

/** Hard limits every segment obeys, so hostile input cannot blow up checking or compiling. */
export const SEGMENT_LIMITS = {
  /** Nesting depth of the tree; `where` is level 1. */
  maxDepth: 12,
  /** Leaf conditions (rule references count as one). */
  maxConditions: 200,
  /** Nodes of any kind (groups and conditions). */
  maxNodes: 400,
  /** Any string: facet names, values, ids, names. */
  maxStringLength: 200,
  /** The segment's free-text description. */
  maxDescriptionLength: 1000,
  /** Items in any list (values, departments, product ids, event types...). */
  maxListItems: 500,
  minYear: 1900,
  maxYear: 2100,
  /** A relative window (`last` / `older_than`) spans at most this many years. */
  maxWindowYears: 100,
} as const;

/** The subset of JSON Schema 2020-12 this file uses. */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  title?: string;
  description?: string;
  type?: JsonSchemaType | JsonSchemaType[];
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  oneOf?: JsonSchema[];
  examples?: unknown[];
  default?: unknown;
}

export type JsonSchemaType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

const L = SEGMENT_LIMITS;
const ref = (name: string): JsonSchema => ({ $ref: `#/$defs/${name}` });
const str = (description: string, extra: JsonSchema = {}): JsonSchema => ({
  type: 'string',
  minLength: 1,
  maxLength: L.maxStringLength,
  description,
  ...extra,
});
const list = (items: JsonSchema, description: string): JsonSchema => ({
  type: 'array',
  items,
  minItems: 1,
  maxItems: L.maxListItems,
  description,
});
const idProp: JsonSchema = ref('id');

const COMPARE_OPS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'];
const OP_WORDS =
  'gt = more than (strict), gte = at least, lt = less than (strict), lte = at most, eq = exactly, neq = anything but';

function thresholdSchemas(valueSchema: JsonSchema, what: string): JsonSchema[] {
  return [
    {
      type: 'object',
      description: `Compare ${what} with one number. ${OP_WORDS}.`,
      properties: { op: { enum: COMPARE_OPS }, value: valueSchema },
      required: ['op', 'value'],
      additionalProperties: false,
    },
    {
      type: 'object',
      description: `${what} between min and max, inclusive on both ends (min <= max).`,
      properties: { op: { const: 'between' }, min: valueSchema, max: valueSchema },
      required: ['op', 'min', 'max'],
      additionalProperties: false,
    },
  ];
}

function windowSchema(type: string, description: string, properties: Record<string, JsonSchema>): JsonSchema {
  return {
    type: 'object',
    description,
    properties: { type: { const: type }, ...properties },
    required: ['type', ...Object.keys(properties)],
    additionalProperties: false,
  };
}

function attributeVariant(ops: string[], description: string, fields: Record<string, JsonSchema>): JsonSchema {
  return {
    type: 'object',
    description,
    properties: {
      kind: { const: 'attribute' },
      facet: ref('facet'),
      op: ops.length === 1 ? { const: ops[0] } : { enum: ops },
      ...fields,
      id: idProp,
    },
    required: ['kind', 'facet', 'op', ...Object.keys(fields)],
    additionalProperties: false,
  };
}

const windowCount = (unitWord: string): JsonSchema => ({
  type: 'integer',
  minimum: 1,
  maximum: 365.25 * L.maxWindowYears,
  description: `How many ${unitWord} (a positive whole number; at most ${L.maxWindowYears} years in total).`,
});

export const SEGMENT_JSON_SCHEMA: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://smart-segmentation.dev/schemas/segment-v1.json',
  title: 'Segment',
  description:
    'An audience of customers: a boolean tree (and / or / not) whose leaves are conditions on customers. ' +
    'Use only facet, value, department, category, brand, event type, model and rule names from the tenant catalog, spelled exactly. ' +
    'Times are relative to the as-of date D (never the wall clock).',
  type: 'object',
  properties: {
    version: { const: 1, description: 'Version of the segment format; always 1.' },
    name: str('Short human name of the segment, e.g. "Lapsed VIPs in Texas".'),
    description: {
      type: 'string',
      maxLength: L.maxDescriptionLength,
      description: 'Free text: what the segment is for.',
    },
    where: ref('node'),
  },
  required: ['version', 'where'],
  additionalProperties: false,
  examples: [
    {
      version: 1,
      name: 'Young Californian women who bought Baby lately',
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
        ],
      },
    },
  ],
  $defs: {
    id: {
      type: 'string',
      minLength: 1,
      maxLength: L.maxStringLength,
      description: 'Optional id of this node, unique within the segment, so edits and reports can refer to it.',
    },
    date: {
      type: 'string',
      format: 'date',
      pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
      description: 'A calendar date, ISO 8601: YYYY-MM-DD.',
    },
    scalar: {
      type: ['string', 'number', 'boolean'],
      maxLength: L.maxStringLength,
      description:
        "A facet value: the catalog's value code for enum facets (state 'CA', not 'California'; gender 'female'), " +
        'a number for number facets, true/false for boolean facets, YYYY-MM-DD for date facets.',
    },
    facet: str(
      'Name of a customer facet from the catalog (e.g. gender, age, state, loyalty_tier, days_since_last_purchase). ' +
        'Purchases, events, model scores, birthdays and business rules have their own condition kinds.',
    ),
    node: {
      description:
        'One node of the tree: a group (and, or, not) or a condition (attribute, purchase, event, model, birthday, rule). ' +
        '`kind` says which.',
      oneOf: [
        ref('and'),
        ref('or'),
        ref('not'),
        ref('attribute'),
        ref('purchase'),
        ref('event'),
        ref('model'),
        ref('birthday'),
        ref('rule'),
      ],
    },
    and: {
      type: 'object',
      description: 'Customers matching ALL children.',
      properties: {
        kind: { const: 'and' },
        children: {
          ...list(ref('node'), 'The conditions that must all hold (at least one).'),
          maxItems: L.maxConditions,
        },
        id: idProp,
      },
      required: ['kind', 'children'],
      additionalProperties: false,
    },
    or: {
      type: 'object',
      description: 'Customers matching AT LEAST ONE child.',
      properties: {
        kind: { const: 'or' },
        children: { ...list(ref('node'), 'Alternatives (at least one).'), maxItems: L.maxConditions },
        id: idProp,
      },
      required: ['kind', 'children'],
      additionalProperties: false,
    },
    not: {
      type: 'object',
      description:
        'Customers NOT matching the child. "Did not buy X" is not(purchase X); "never purchased" is not(purchase).',
      properties: { kind: { const: 'not' }, child: ref('node'), id: idProp },
      required: ['kind', 'child'],
      additionalProperties: false,
    },
    attribute: {
      description:
        'A condition on one customer facet. The value fields depend on `op`: eq/neq/gt/gte/lt/lte use `value`; ' +
        'in/not_in use `values`; between uses `min` and `max` (inclusive); is_unknown/is_known use none. ' +
        "Only the facet's operators from the catalog are allowed.",
      oneOf: [
        attributeVariant(['eq', 'neq', 'gt', 'gte', 'lt', 'lte'], `Compare the facet with one value. ${OP_WORDS}.`, {
          value: ref('scalar'),
        }),
        attributeVariant(['in', 'not_in'], 'The facet is one of (in) / none of (not_in) the values.', {
          values: list(ref('scalar'), 'The values (at least one).'),
        }),
        attributeVariant(['between'], 'The facet is between min and max, inclusive (numbers or YYYY-MM-DD dates).', {
          min: { type: ['number', 'string'], maxLength: L.maxStringLength, description: 'Lower bound, inclusive.' },
          max: { type: ['number', 'string'], maxLength: L.maxStringLength, description: 'Upper bound, inclusive.' },
        }),
        attributeVariant(
          ['is_unknown', 'is_known'],
          'The facet has no value (is_unknown) / has a value (is_known).',
          {},
        ),
      ],
    },
    time_unit: { enum: ['day', 'week', 'month', 'year'], description: 'Calendar unit.' },
    window: {
      description:
        'A time window relative to the as-of date D. Omit it to mean all history. ' +
        '"last 90 days" = last; "this year" = this; "in 2025" = year; "in March 2026" = month; ' +
        '"before/since a date" = before/since; "from A to B" = between; "more than 6 months ago" = older_than.',
      oneOf: [
        windowSchema('last', 'From D minus n units to D ("in the last 3 months").', {
          n: windowCount('units'),
          unit: ref('time_unit'),
        }),
        windowSchema('this', "From the first day of D's month / quarter / year to D.", {
          unit: { enum: ['month', 'quarter', 'year'] },
        }),
        windowSchema('year', 'One calendar year ("in 2025").', {
          year: { type: 'integer', minimum: L.minYear, maximum: L.maxYear },
        }),
        windowSchema('month', 'One calendar month ("in March 2026": year 2026, month 3).', {
          year: { type: 'integer', minimum: L.minYear, maximum: L.maxYear },
          month: { type: 'integer', minimum: 1, maximum: 12, description: '1 = January ... 12 = December.' },
        }),
        windowSchema('before', 'Strictly before the date.', { date: ref('date') }),
        windowSchema('since', 'On or after the date, up to D.', { date: ref('date') }),
        windowSchema('between', 'From `from` to `to`, inclusive (from <= to).', {
          from: ref('date'),
          to: ref('date'),
        }),
        windowSchema('older_than', 'Strictly before D minus n units ("more than 6 months ago").', {
          n: windowCount('units'),
          unit: ref('time_unit'),
        }),
      ],
    },
    threshold: {
      description:
        'A comparison on a number (count, dollars, score). Defaults (when omitted on purchases and events): at least 1.',
      oneOf: thresholdSchemas({ type: 'number' }, 'the measured number'),
    },
    decile_threshold: {
      description: 'A comparison on the decile, 1 (lowest scores) to 10 (highest). Top decile: {op:"eq", value:10}.',
      oneOf: thresholdSchemas({ type: 'integer', minimum: 1, maximum: 10 }, 'the decile'),
    },
    item_filter: {
      type: 'object',
      description:
        'Which products count. Fields AND together; the values inside one field OR together. ' +
        'Department, category and brand names are exact catalog spellings (e.g. department "Baby", category "Diapers").',
      properties: {
        department: list(str('A department name.'), 'Departments (any of).'),
        category: list(
          str('A category name.'),
          'Categories (any of); when departments are given too, each category must belong to one of them.',
        ),
        brand: list(str('A brand name.'), 'Brands (any of).'),
        product_id: list({ type: 'integer', minimum: 1 }, 'Product ids (any of).'),
        private_label: { type: 'boolean', description: "Only (true) / never (false) the retailer's private label." },
        organic: { type: 'boolean', description: 'Only (true) / never (false) organic products.' },
      },
      additionalProperties: false,
    },
    order_filter: {
      type: 'object',
      description: 'Which orders count. "Online" means channel ["web", "app"].',
      properties: {
        channel: list({ enum: ['store', 'web', 'app'] }, 'Sales channels (any of).'),
        fulfillment: list({ enum: ['in_store', 'pickup', 'delivery', 'ship'] }, 'Fulfillment methods (any of).'),
        coupon_used: { type: 'boolean', description: 'A coupon or discount was used (true) / not used (false).' },
        payment_method: list(
          { enum: ['credit_card', 'debit_card', 'cash', 'paypal', 'gift_card', 'ebt'] },
          'Payment methods (any of).',
        ),
        status: {
          enum: ['completed', 'returned', 'cancelled'],
          description: 'Order status; purchases are completed orders (the default). "Returned something" = returned.',
        },
        store_id: list({ type: 'integer', minimum: 1 }, 'Store ids (any of).'),
      },
      additionalProperties: false,
    },
    purchase: {
      type: 'object',
      description:
        'Orders of the customer: "bought Baby in the last 90 days", "spent more than $500 this year", "3+ orders online", ' +
        '"used a coupon", "returned something", lifetime spend (measure spend, no window). ' +
        'Without measure and threshold it means at least one matching completed order. ' +
        'A customer with no matching order counts as 0 (except for avg_order_value).',
      properties: {
        kind: { const: 'purchase' },
        item: ref('item_filter'),
        order: ref('order_filter'),
        window: ref('window'),
        measure: {
          enum: ['orders', 'spend', 'avg_order_value', 'quantity'],
          description:
            'What is measured: orders = number of matching orders (default); spend = dollars (sum of order totals, or of ' +
            'matching items when `item` is given); avg_order_value = spend / orders; quantity = units of matching items.',
        },
        threshold: {
          ...ref('threshold'),
          description: 'Comparison on the measure (default: at least 1). Dollars for spend and avg_order_value.',
        },
        id: idProp,
      },
      required: ['kind'],
      additionalProperties: false,
    },
    event: {
      type: 'object',
      description:
        'Behavioural events (email opens, site visits, cart abandons...), any of the listed types, in a window. ' +
        'The threshold counts events (default: at least 1).',
      properties: {
        kind: { const: 'event' },
        event_type: list(str('An event type name from the catalog, e.g. email_open.'), 'Event types (any of).'),
        item: {
          ...ref('item_filter'),
          description: 'Only for event types about a product (product_view, add_to_cart, cart_abandon, review).',
        },
        window: ref('window'),
        threshold: { ...ref('threshold'), description: 'Comparison on the number of events (default: at least 1).' },
        id: idProp,
      },
      required: ['kind', 'event_type'],
      additionalProperties: false,
    },
    model: {
      type: 'object',
      description:
        'A predictive model score. Give exactly one of: score (threshold on the raw score: 0-1 for probability models, ' +
        'dollars for value models), decile (1 lowest .. 10 highest), top_percent / bottom_percent (percentile of scores), ' +
        'level (high = deciles 8-10, medium = 4-7, low = 1-3). "Likely to churn" = churn_risk level high.',
      properties: {
        kind: { const: 'model' },
        model: str('Model name from the catalog, e.g. churn_risk.'),
        score: ref('threshold'),
        decile: ref('decile_threshold'),
        top_percent: {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 100,
          description: 'Top N% of customers by score ("top 10%" = 10).',
        },
        bottom_percent: {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 100,
          description: 'Bottom N% of customers by score.',
        },
        level: { enum: ['high', 'medium', 'low'], description: 'high = deciles 8-10, medium = 4-7, low = 1-3.' },
        id: idProp,
      },
      required: ['kind', 'model'],
      oneOf: [
        { required: ['score'] },
        { required: ['decile'] },
        { required: ['top_percent'] },
        { required: ['bottom_percent'] },
        { required: ['level'] },
      ],
      additionalProperties: false,
    },
    birthday: {
      description: 'Birthdays: today, this month, next month, or within the next `days` days (today included).',
      oneOf: [
        {
          type: 'object',
          properties: {
            kind: { const: 'birthday' },
            when: { enum: ['today', 'this_month', 'next_month'] },
            id: idProp,
          },
          required: ['kind', 'when'],
          additionalProperties: false,
        },
        {
          type: 'object',
          properties: {
            kind: { const: 'birthday' },
            when: { const: 'next_days' },
            days: { type: 'integer', minimum: 0, maximum: 366, description: 'Days ahead of D, inclusive.' },
            id: idProp,
          },
          required: ['kind', 'when', 'days'],
          additionalProperties: false,
        },
      ],
    },
    rule: {
      type: 'object',
      description:
        'One of the tenant\'s business rules by id ("lapsed_customer", "vip", "active_customer"...), expanded from the catalog. ' +
        'Prefer a rule over spelling out its meaning when the words name it.',
      properties: {
        kind: { const: 'rule' },
        rule: str('Rule id from the catalog.'),
        id: idProp,
      },
      required: ['kind', 'rule'],
      additionalProperties: false,
    },
  },
};
