import { ErrorCode, SmartsegError } from '@smartseg/common';
import type { Catalog, FacetDef, FacetValue, Permissions } from '../model/catalog.model';
import { fieldPath, indexPath, tryExpandRules } from '../model/segment-walk';
import { SEGMENT_LIMITS } from '../model/segment.schema';
import {
  ATTRIBUTE_OPS,
  CONDITION_KINDS,
  GROUP_KINDS,
  SEGMENT_VERSION,
  type AttributeOp,
  type Segment,
  type SegmentNode,
} from '../model/segment.model';
import { findContradictions, type Sibling } from './contradiction.checker';
import { nearestNames, normalizeName, type NameCandidate } from './name-similarity.util';
import { ProblemCollector, TooManyProblems } from './problem-collector';
import {
  describeType,
  isFiniteNumber,
  isIsoDate,
  isPlainObject,
  isScalar,
  listText,
  quoted,
  show,
  type JsonObject,
} from './value-text.util';
import type { Problem, ProblemCode, VerifyContext, VerifyResult } from './verify-result.model';
import { checkWindow } from './window.checker';

/**
 * The one verifier every path uses (hand-written files, the local engine, language models):
 * checks an untrusted value against the segment model, the tenant's catalog, the caller's
 * permissions and time, and reports EVERY problem with a path and a message a person can
 * act on. It never throws.
 */
export function verifySegment(input: unknown, ctx: VerifyContext): VerifyResult {
  const out = new ProblemCollector();
  try {
    new SegmentChecker(ctx, out).segment(input);
  } catch (err) {
    if (err instanceof TooManyProblems) {
      out.warnings.push({
        path: '',
        code: 'LIMIT',
        message: `stopped after ${out.errors.length} problems; fix these and verify again`,
      });
    } else {
      pushInternal(out, err);
    }
  }
  if (out.errors.length === 0) {
    try {
      return { ok: true, segment: JSON.parse(JSON.stringify(input)) as Segment, warnings: out.warnings };
    } catch (err) {
      pushInternal(out, err);
    }
  }
  return { ok: false, problems: out.errors, warnings: out.warnings };
}

function pushInternal(out: ProblemCollector, err: unknown): void {
  let reason = 'unreadable value';
  try {
    reason = err instanceof Error ? err.message.slice(0, 200) : reason;
  } catch {
    // keep the default reason
  }
  out.errors.push({ path: '', code: 'INVALID_STRUCTURE', message: `the segment could not be read (${reason})` });
}

/**
 * Verifies and returns the typed segment, or throws `SmartsegError` whose details are the
 * problems (path, message, code, hint). The error code is PII_NOT_PERMITTED or UNKNOWN_FACET
 * when every problem is of that kind, INVALID_SEGMENT otherwise.
 */
export function assertValidSegment(input: unknown, ctx: VerifyContext): Segment {
  const result = verifySegment(input, ctx);
  if (result.ok) return result.segment;
  const { problems } = result;
  const codes = new Set(problems.map((p) => p.code));
  const code =
    codes.size === 1 && codes.has('PII_NOT_PERMITTED')
      ? ErrorCode.PiiNotPermitted
      : codes.size === 1 && codes.has('UNKNOWN_FACET')
        ? ErrorCode.UnknownFacet
        : ErrorCode.InvalidSegment;
  const first = problems[0]!;
  const where = first.path ? `${first.path}: ` : '';
  const message =
    problems.length === 1
      ? `invalid segment: ${where}${first.message}`
      : `invalid segment (${problems.length} problems); first: ${where}${first.message}`;
  throw new SmartsegError(
    code,
    message,
    problems.map((p) => ({ ...p })),
  );
}

// ---------------------------------------------------------------------------------------

type AttrShape = 'value' | 'values' | 'range' | 'none';
const SHAPE_OF_OP: Readonly<Record<AttributeOp, AttrShape>> = {
  eq: 'value',
  neq: 'value',
  gt: 'value',
  gte: 'value',
  lt: 'value',
  lte: 'value',
  in: 'values',
  not_in: 'values',
  between: 'range',
  is_unknown: 'none',
  is_known: 'none',
};
const SHAPE_FIELDS: Readonly<Record<AttrShape, readonly string[]>> = {
  value: ['value'],
  values: ['values'],
  range: ['min', 'max'],
  none: [],
};

const OP_ALIASES: Readonly<Record<string, AttributeOp>> = {
  '=': 'eq',
  '==': 'eq',
  '===': 'eq',
  equals: 'eq',
  equal: 'eq',
  is: 'eq',
  '!=': 'neq',
  '<>': 'neq',
  ne: 'neq',
  not_eq: 'neq',
  not_equal: 'neq',
  not_equals: 'neq',
  is_not: 'neq',
  '>': 'gt',
  greater_than: 'gt',
  more_than: 'gt',
  above: 'gt',
  '>=': 'gte',
  ge: 'gte',
  at_least: 'gte',
  '<': 'lt',
  less_than: 'lt',
  below: 'lt',
  under: 'lt',
  '<=': 'lte',
  le: 'lte',
  at_most: 'lte',
  nin: 'not_in',
  notin: 'not_in',
  'not in': 'not_in',
  one_of: 'in',
  any_of: 'in',
  none_of: 'not_in',
  range: 'between',
  is_null: 'is_unknown',
  null: 'is_unknown',
  missing: 'is_unknown',
  unknown: 'is_unknown',
  is_not_null: 'is_known',
  not_null: 'is_known',
  exists: 'is_known',
  known: 'is_known',
};

const THRESHOLD_COMPARE = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const;
const MEASURES = ['orders', 'spend', 'avg_order_value', 'quantity'] as const;
const CHANNELS = ['store', 'web', 'app'] as const;
const FULFILLMENTS = ['in_store', 'pickup', 'delivery', 'ship'] as const;
const PAYMENT_METHODS = ['credit_card', 'debit_card', 'cash', 'paypal', 'gift_card', 'ebt'] as const;
const STATUSES = ['completed', 'returned', 'cancelled'] as const;
const BIRTHDAY_WHEN = ['today', 'this_month', 'next_month', 'next_days'] as const;
const LEVELS = ['high', 'medium', 'low'] as const;
const MODEL_SELECTORS = ['score', 'decile', 'top_percent', 'bottom_percent', 'level'] as const;
const ALL_KINDS: readonly string[] = [...GROUP_KINDS, ...CONDITION_KINDS];

const CHANNEL_HINTS: Readonly<Record<string, string>> = {
  online: 'online means ["web", "app"]',
  website: 'use "web"',
  mobile: 'use "app"',
  in_store: 'use "store"',
  instore: 'use "store"',
  'in store': 'use "store"',
  offline: 'use "store"',
};
const FULFILLMENT_HINTS: Readonly<Record<string, string>> = {
  curbside: 'curbside is "pickup"',
  shipped: 'use "ship"',
  shipping: 'use "ship"',
  store: 'use "in_store"',
};

/** What a threshold measures; `number` when unknown (only finiteness is checked). */
type ThresholdScale = 'count' | 'money' | 'probability' | 'dollars' | 'decile' | 'number';

const FIELD_GUESS: readonly [string, string][] = [
  ['facet', 'attribute'],
  ['event_type', 'event'],
  ['model', 'model'],
  ['rule', 'rule'],
  ['when', 'birthday'],
  ['children', 'and'],
  ['child', 'not'],
  ['item', 'purchase'],
  ['order', 'purchase'],
  ['measure', 'purchase'],
];

/** One verification run: the catalog's lookups, counters for the limits, the problems found. */
class SegmentChecker {
  private readonly catalog: Catalog;
  private readonly permissions: Permissions;
  private readonly facets: Map<string, FacetDef>;
  private readonly departments: Map<string, string[]>;
  private readonly categoryDepartments = new Map<string, string[]>();
  private readonly brands: Map<string, string[]>;
  private readonly eventTypes: Map<string, boolean>;
  private readonly models: Map<string, 'probability' | 'dollars'>;
  private readonly ruleIds: Set<string>;
  private readonly ruleCache = new Map<string, { problems: Problem[]; node?: SegmentNode }>();
  private readonly ids = new Map<string, string>();
  private nodes = 0;
  private conditions = 0;
  private nodeLimitHit = false;
  private conditionLimitHit = false;
  /** Suggestions cost string comparisons; hostile input gets only this many. */
  private suggestionBudget = 60;

  constructor(
    private readonly ctx: VerifyContext,
    private readonly out: ProblemCollector,
  ) {
    this.catalog = ctx.catalog;
    this.permissions = ctx.permissions ?? { pii: false };
    const c = this.catalog;
    this.facets = new Map((c.facets ?? []).map((f) => [f.name, f]));
    this.departments = new Map((c.departments ?? []).map((d) => [d.name, d.categories ?? []]));
    for (const d of c.departments ?? []) {
      for (const cat of d.categories ?? []) {
        this.categoryDepartments.set(cat, [...(this.categoryDepartments.get(cat) ?? []), d.name]);
      }
    }
    this.brands = new Map((c.brands ?? []).map((b) => [b.name, b.departments ?? []]));
    this.eventTypes = new Map((c.event_types ?? []).map((e) => [e.name, e.about_product]));
    this.models = new Map((c.models ?? []).map((m) => [m.name, m.scale]));
    this.ruleIds = new Set((c.rules ?? []).map((r) => r.id));
  }

  // -- the segment and its nodes ---------------------------------------------------------

  segment(input: unknown): void {
    if (!isPlainObject(input)) {
      this.out.error(
        '',
        'INVALID_STRUCTURE',
        `a segment must be an object like {"version": 1, "where": {...}}; got ${describeType(input)}`,
      );
      return;
    }
    if (input.where === undefined && typeof input.kind === 'string') {
      this.out.error(
        'where',
        'INVALID_STRUCTURE',
        'the segment has no "where"; this looks like a bare node',
        'wrap it: {"version": 1, "where": <the node>}',
      );
      return;
    }
    this.fields(input, '', 'a segment', ['version', 'name', 'description', 'where'], ['version', 'where']);
    if (input.version !== undefined && input.version !== SEGMENT_VERSION) {
      this.out.error(
        'version',
        'INVALID_STRUCTURE',
        `unsupported version ${show(input.version)}; the only version is 1`,
      );
    }
    if (input.name !== undefined) this.string(input.name, 'name', 'the name');
    if (input.description !== undefined) {
      this.string(input.description, 'description', 'the description', SEGMENT_LIMITS.maxDescriptionLength, true);
    }
    if (input.where !== undefined) this.node(input.where, 'where', 1);
  }

  /** Checks a node and everything below it; true when it holds no error. */
  node(value: unknown, path: string, depth: number): boolean {
    const before = this.out.errorCount;
    if (depth > SEGMENT_LIMITS.maxDepth) {
      this.out.error(
        path,
        'LIMIT',
        `the segment is nested more than ${SEGMENT_LIMITS.maxDepth} levels deep`,
        'flatten nested groups of the same kind',
      );
      return false;
    }
    if (!isPlainObject(value)) {
      this.out.error(
        path,
        'INVALID_STRUCTURE',
        `expected a node (an object with a "kind"); got ${describeType(value)}`,
        `a node's kind is one of: ${ALL_KINDS.join(', ')}`,
      );
      return false;
    }
    if (++this.nodes > SEGMENT_LIMITS.maxNodes) {
      if (!this.nodeLimitHit) {
        this.nodeLimitHit = true;
        this.out.error(
          path,
          'LIMIT',
          `the segment has more than ${SEGMENT_LIMITS.maxNodes} nodes; the rest was not checked`,
        );
      }
      return false;
    }
    const kind = value.kind;
    if (typeof kind !== 'string' || !ALL_KINDS.includes(kind)) {
      this.unknownKind(value, kind, path);
      return false;
    }
    if ((CONDITION_KINDS as readonly string[]).includes(kind) && ++this.conditions > SEGMENT_LIMITS.maxConditions) {
      if (!this.conditionLimitHit) {
        this.conditionLimitHit = true;
        this.out.error(
          path,
          'LIMIT',
          `the segment has more than ${SEGMENT_LIMITS.maxConditions} conditions; the rest was not checked`,
        );
      }
      return false;
    }
    this.nodeId(value.id, path);
    switch (kind) {
      case 'and':
      case 'or':
        this.group(value, path, depth, kind);
        break;
      case 'not':
        this.fields(value, path, 'a "not" group', ['kind', 'child', 'id'], ['kind', 'child']);
        if (value.child !== undefined) this.node(value.child, fieldPath(path, 'child'), depth + 1);
        break;
      case 'attribute':
        this.attribute(value, path);
        break;
      case 'purchase':
        this.purchase(value, path);
        break;
      case 'event':
        this.event(value, path);
        break;
      case 'model':
        this.model(value, path);
        break;
      case 'birthday':
        this.birthday(value, path);
        break;
      case 'rule':
        this.rule(value, path);
        break;
    }
    return this.out.errorCount === before;
  }

  private unknownKind(value: JsonObject, kind: unknown, path: string): void {
    const kindPath = fieldPath(path, 'kind');
    if (kind === undefined) {
      const guess = FIELD_GUESS.find(([field]) => value[field] !== undefined);
      this.out.error(
        kindPath,
        'INVALID_STRUCTURE',
        `the node has no "kind"; it must be one of: ${ALL_KINDS.join(', ')}`,
        guess ? `it has "${guess[0]}": did you mean "kind": "${guess[1]}"?` : undefined,
      );
      return;
    }
    const near =
      typeof kind === 'string'
        ? this.suggest(
            kind,
            ALL_KINDS.map((k) => ({ key: k, words: [k] })),
            1,
          )
        : [];
    this.out.error(
      kindPath,
      'INVALID_STRUCTURE',
      `unknown node kind ${show(kind)}; it must be one of: ${ALL_KINDS.join(', ')}` +
        (near[0] ? `; did you mean "${near[0]}"?` : ''),
    );
  }

  private nodeId(id: unknown, path: string): void {
    if (id === undefined) return;
    if (!this.string(id, fieldPath(path, 'id'), 'an id')) return;
    const seen = this.ids.get(id as string);
    if (seen !== undefined) {
      this.out.error(
        fieldPath(path, 'id'),
        'INVALID_STRUCTURE',
        `the id ${show(id)} is already used at ${seen || 'the segment'}; ids must be unique`,
      );
    } else {
      this.ids.set(id as string, path);
    }
  }

  private group(value: JsonObject, path: string, depth: number, kind: 'and' | 'or'): void {
    this.fields(value, path, `an "${kind}" group`, ['kind', 'children', 'id'], ['kind', 'children']);
    const children = value.children;
    if (children === undefined) return;
    const childrenPath = fieldPath(path, 'children');
    if (!Array.isArray(children)) {
      this.out.error(
        childrenPath,
        'INVALID_STRUCTURE',
        `"children" must be a list of nodes; got ${describeType(children)}`,
      );
      return;
    }
    if (children.length === 0) {
      this.out.error(
        childrenPath,
        'INVALID_STRUCTURE',
        `an "${kind}" group needs at least one child`,
        kind === 'and' ? 'to mean everyone, omit the group' : undefined,
      );
      return;
    }
    if (children.length === 1) {
      this.out.warn(
        childrenPath,
        'INVALID_STRUCTURE',
        `an "${kind}" group with a single child is the child itself`,
        'replace the group by its child',
      );
    }
    const valid: Sibling[] = [];
    children.forEach((child: unknown, i) => {
      const p = indexPath(childrenPath, i);
      if (this.node(child, p, depth + 1)) valid.push({ node: child as SegmentNode, path: p });
    });
    if (kind === 'and' && valid.length > 1) {
      for (const c of findContradictions(valid, (id) => this.ruleInfo(id).node)) {
        this.out.error(c.path, 'CONTRADICTION', c.message);
      }
    }
  }

  // -- attribute conditions ----------------------------------------------------------------

  private attribute(value: JsonObject, path: string): void {
    this.fields(
      value,
      path,
      'an attribute condition',
      ['kind', 'facet', 'op', 'value', 'values', 'min', 'max', 'id'],
      ['kind', 'facet', 'op'],
    );
    const facetPath = fieldPath(path, 'facet');
    const opPath = fieldPath(path, 'op');
    const facetName = value.facet !== undefined ? this.string(value.facet, facetPath, 'the facet') : undefined;
    let facet: FacetDef | undefined;
    let checkValues = true;
    if (facetName !== undefined) {
      facet = this.facets.get(facetName);
      if (!facet) {
        this.unknownFacet(facetName, facetPath);
        checkValues = false;
      } else if (facet.pii && !this.permissions.pii) {
        this.out.error(
          facetPath,
          'PII_NOT_PERMITTED',
          `facet "${facet.name}" (${facet.label}) is personal data; using it needs the "pii" permission`,
          facet.name === 'birth_date' ? 'age, birth_month and birthday conditions are allowed without it' : undefined,
        );
        checkValues = false;
      }
    }

    let op: AttributeOp | undefined;
    if (value.op !== undefined) {
      if (typeof value.op === 'string' && (ATTRIBUTE_OPS as readonly string[]).includes(value.op)) {
        op = value.op as AttributeOp;
      } else {
        const alias = typeof value.op === 'string' ? OP_ALIASES[value.op.trim().toLowerCase()] : undefined;
        this.out.error(
          opPath,
          'BAD_OPERATOR',
          `unknown operator ${show(value.op)}; operators are: ${ATTRIBUTE_OPS.join(', ')}`,
          alias ? `use "${alias}"` : undefined,
        );
      }
    }
    if (op && facet && !facet.operators.includes(op) && checkValues) {
      checkValues = false;
      this.out.error(
        opPath,
        'BAD_OPERATOR',
        `operator "${op}" does not apply to facet "${facet.name}" (${facet.type}); allowed: ${facet.operators.join(', ')}`,
        this.operatorHint(op, facet),
      );
    }
    if (!op) return;

    // The value fields must fit the operator.
    const shape = SHAPE_OF_OP[op];
    for (const f of ['value', 'values', 'min', 'max']) {
      if (value[f] !== undefined && !SHAPE_FIELDS[shape].includes(f)) {
        this.out.error(
          fieldPath(path, f),
          'INVALID_STRUCTURE',
          `"${f}" is not used with operator "${op}"` +
            (shape === 'none'
              ? ` (it takes no value)`
              : `; it takes ${SHAPE_FIELDS[shape].map((s) => `"${s}"`).join(' and ')}`),
          f === 'values' && shape === 'value' ? 'for a list of values use op "in" or "not_in"' : undefined,
        );
      }
    }
    for (const f of SHAPE_FIELDS[shape]) {
      if (value[f] === undefined) {
        this.out.error(
          fieldPath(path, f),
          'INVALID_STRUCTURE',
          `operator "${op}" needs "${f}"`,
          shape === 'values' && value.value !== undefined ? 'use "values": [ ... ] with in / not_in' : undefined,
        );
      }
    }
    const useFacet = checkValues ? facet : undefined;
    if (shape === 'value' && value.value !== undefined) {
      this.facetValue(useFacet, value.value, fieldPath(path, 'value'));
    } else if (shape === 'values' && value.values !== undefined) {
      const items = this.list(value.values, fieldPath(path, 'values'), 'values');
      items?.forEach((v, i) => this.facetValue(useFacet, v, indexPath(fieldPath(path, 'values'), i)));
    } else if (shape === 'range') {
      const okMin = value.min !== undefined && this.facetValue(useFacet, value.min, fieldPath(path, 'min'), true);
      const okMax = value.max !== undefined && this.facetValue(useFacet, value.max, fieldPath(path, 'max'), true);
      if (okMin && okMax) {
        const [min, max] = [value.min, value.max];
        if (typeof min !== typeof max) {
          this.out.error(path, 'BAD_VALUE', `min ${show(min)} and max ${show(max)} are not of the same kind`);
        } else if ((min as number | string) > (max as number | string)) {
          this.out.error(
            fieldPath(path, 'min'),
            'BAD_VALUE',
            `min ${show(min)} is greater than max ${show(max)}; "between" is inclusive and needs min <= max`,
            'swap min and max',
          );
        }
      }
    }
  }

  private operatorHint(op: AttributeOp, facet: FacetDef): string | undefined {
    if (op === 'between' && facet.operators.includes('in')) return 'list the values with "in"';
    if ((op === 'in' || op === 'not_in') && facet.type === 'boolean') return 'use "eq" with true or false';
    if (['gt', 'gte', 'lt', 'lte'].includes(op) && facet.operators.includes('in')) return 'list the values with "in"';
    return undefined;
  }

  private unknownFacet(name: string, path: string): void {
    const visible = [...this.facets.values()].filter((f) => !f.pii || this.permissions.pii);
    const candidates = visible.map((f) => ({ key: f.name, words: [f.name, f.label, ...(f.synonyms ?? [])] }));
    const near = this.suggest(name, candidates, 3, 0.25);
    const close = near.length > 0 && nearestNames(name, candidates, { limit: 1, minScore: 0.6 }).length > 0;
    const elsewhere = this.elsewhereHint(name);
    this.out.error(
      path,
      'UNKNOWN_FACET',
      `unknown facet ${show(name)}` + (near.length ? `; nearest facets: ${near.join(', ')}` : ''),
      elsewhere ??
        (close
          ? undefined
          : `facets: ${listText(
              visible.map((f) => f.name),
              40,
            )}`),
    );
  }

  /** When an unknown facet name is really a model, rule, event, department... say how to write it. */
  private elsewhereHint(name: string): string | undefined {
    const n = normalizeName(name);
    const is = (candidates: Iterable<string>): string | undefined => {
      for (const c of candidates) if (normalizeName(c) === n) return c;
      return undefined;
    };
    const model = is(this.models.keys());
    if (model)
      return `"${model}" is a model: use {"kind": "model", "model": "${model}", "level": "high"} (or score / decile / top_percent)`;
    const rule = is(this.ruleIds);
    if (rule) return `"${rule}" is a business rule: use {"kind": "rule", "rule": "${rule}"}`;
    for (const [field, names] of [
      ['department', this.departments.keys()],
      ['category', this.categoryDepartments.keys()],
      ['brand', this.brands.keys()],
    ] as const) {
      const found = is(names);
      if (found) {
        return `"${found}" is a ${field}: use {"kind": "purchase", "item": {"${field}": [${JSON.stringify(found)}]}}`;
      }
    }
    const event = is(this.eventTypes.keys());
    if (event) return `"${event}" is an event type: use {"kind": "event", "event_type": ["${event}"]}`;
    if (['department', 'category', 'brand', 'product', 'product_id'].includes(n.replace(/ /g, '_'))) {
      return `products are filtered on purchases: {"kind": "purchase", "item": {"${n === 'product' ? 'product_id' : n.replace(/ /g, '_')}": [...]}}`;
    }
    if (['spend', 'orders', 'ltv', 'lifetime value', 'total spend', 'aov', 'average order value'].includes(n)) {
      return 'spend and orders are purchase measures: {"kind": "purchase", "measure": "spend", "threshold": {...}}';
    }
    if (n === 'birthday') return 'use {"kind": "birthday", "when": "this_month"}';
    return undefined;
  }

  /**
   * Checks one value against the facet's type and values. Without a facet (unknown or
   * refused), only that it is a scalar. `bound`: a between bound (numbers or dates).
   */
  private facetValue(facet: FacetDef | undefined, v: unknown, path: string, bound = false): boolean {
    const before = this.out.errorCount;
    if (!isScalar(v)) {
      this.out.error(path, 'BAD_VALUE', `a value must be text, a number or true/false; got ${describeType(v)}`);
      return false;
    }
    if (typeof v === 'string' && !this.string(v, path, 'a value')) return false;
    if (!facet) return true;
    switch (facet.type) {
      case 'number':
        if (typeof v !== 'number') {
          const asNumber = typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
          this.out.error(
            path,
            'BAD_VALUE',
            `facet "${facet.name}" holds numbers; got ${describeType(v)}`,
            Number.isFinite(asNumber) ? `write ${asNumber} without quotes` : undefined,
          );
        } else if ((facet.min !== undefined && v < facet.min) || (facet.max !== undefined && v > facet.max)) {
          this.out.warn(
            path,
            'BAD_VALUE',
            `${v} is outside the range of "${facet.name}" in the data (${facet.min ?? '...'} to ${facet.max ?? '...'}); ` +
              'the condition may match everyone or no one',
          );
        }
        break;
      case 'boolean':
        if (typeof v !== 'boolean') {
          this.out.error(
            path,
            'BAD_VALUE',
            `facet "${facet.name}" is true/false; got ${describeType(v)}`,
            v === 'true' || v === 'false' ? `write ${v} without quotes` : undefined,
          );
        }
        break;
      case 'date':
        if (!isIsoDate(v)) {
          this.out.error(
            path,
            'BAD_VALUE',
            `facet "${facet.name}" holds dates; expected a calendar date written YYYY-MM-DD, got ${describeType(v)}`,
          );
        }
        break;
      case 'enum':
      case 'string':
        if (bound && typeof v !== 'string' && typeof v !== 'number') {
          this.out.error(path, 'BAD_VALUE', `a bound must be a number or a date; got ${describeType(v)}`);
        } else if (facet.values && facet.values.length > 0) {
          this.knownValue(facet, v, path, facet.type === 'enum');
        } else if (typeof v !== 'string') {
          this.out.error(path, 'BAD_VALUE', `facet "${facet.name}" holds text; got ${describeType(v)}`);
        }
        break;
    }
    return this.out.errorCount === before;
  }

  /** The value is one of the facet's values (exactly); an error for enums, a warning for open text facets. */
  private knownValue(facet: FacetDef, v: string | number | boolean, path: string, strict: boolean): void {
    const values = facet.values ?? [];
    if (values.some((fv) => fv.value === v)) return;
    const label = (fv: FacetValue): string =>
      fv.label && fv.label !== String(fv.value) ? `"${String(fv.value)}" (${fv.label})` : `"${String(fv.value)}"`;
    const text = String(v);
    const lower = text.toLowerCase();
    const exactish = values.find(
      (fv) =>
        String(fv.value).toLowerCase() === lower ||
        fv.label?.toLowerCase() === lower ||
        (fv.synonyms ?? []).some((s) => s.toLowerCase() === lower),
    );
    let suggestion: FacetValue | undefined = exactish;
    if (!suggestion) {
      const near = this.suggest(
        text,
        values.map((fv, i) => ({ key: String(i), words: [String(fv.value), fv.label ?? '', ...(fv.synonyms ?? [])] })),
        1,
        0.6,
      );
      suggestion = near[0] !== undefined ? values[Number(near[0])] : undefined;
    }
    const message =
      `value ${show(v)} is not a value of "${facet.name}"` +
      (suggestion
        ? `; did you mean ${label(suggestion)}?`
        : `; values: ${listText(values.map((fv) => (fv.label && fv.label !== String(fv.value) ? `${String(fv.value)} (${fv.label})` : String(fv.value))))}`);
    const hint = exactish ? `values are codes spelled exactly: use ${JSON.stringify(exactish.value)}` : undefined;
    if (strict) this.out.error(path, 'UNKNOWN_VALUE', message, hint);
    else this.out.warn(path, 'UNKNOWN_VALUE', message, hint);
  }

  // -- purchases, events, models, birthdays, rules ---------------------------------------

  private purchase(value: JsonObject, path: string): void {
    this.fields(
      value,
      path,
      'a purchase condition',
      ['kind', 'item', 'order', 'window', 'measure', 'threshold', 'id'],
      ['kind'],
    );
    if (value.item !== undefined) this.itemFilter(value.item, fieldPath(path, 'item'));
    if (value.order !== undefined) this.orderFilter(value.order, fieldPath(path, 'order'));
    if (value.window !== undefined) checkWindow(value.window, fieldPath(path, 'window'), this.out, this.ctx.asOf);
    let measure: (typeof MEASURES)[number] | undefined;
    if (value.measure !== undefined) {
      measure = this.oneOf(value.measure, MEASURES, fieldPath(path, 'measure'), 'measure', 'BAD_VALUE');
    }
    const money = measure === 'spend' || measure === 'avg_order_value';
    if (value.threshold !== undefined) {
      this.threshold(value.threshold, fieldPath(path, 'threshold'), money ? 'money' : 'count');
    } else if (money) {
      this.out.warn(
        fieldPath(path, 'threshold'),
        'INVALID_STRUCTURE',
        `measure "${String(value.measure)}" without a threshold means "at least $1"`,
        'give a threshold, e.g. {"op": "gt", "value": 500}',
      );
    }
  }

  private event(value: JsonObject, path: string): void {
    this.fields(
      value,
      path,
      'an event condition',
      ['kind', 'event_type', 'item', 'window', 'threshold', 'id'],
      ['kind', 'event_type'],
    );
    const typesPath = fieldPath(path, 'event_type');
    const known: string[] = [];
    if (typeof value.event_type === 'string') {
      this.out.error(
        typesPath,
        'INVALID_STRUCTURE',
        'event_type must be a list of event types',
        `write ["${value.event_type.slice(0, 40)}"]`,
      );
    } else if (value.event_type !== undefined) {
      const types = this.list(value.event_type, typesPath, 'event_type');
      types?.forEach((t, i) => {
        const p = indexPath(typesPath, i);
        const name = this.string(t, p, 'an event type');
        if (name === undefined) return;
        if (this.eventTypes.has(name)) {
          known.push(name);
          return;
        }
        const near = this.suggest(
          name,
          (this.catalog.event_types ?? []).map((e) => ({
            key: e.name,
            words: [e.name, e.label, ...(e.synonyms ?? [])],
          })),
          3,
          0.45,
        );
        this.out.error(
          p,
          'UNKNOWN_EVENT',
          `unknown event type ${show(name)}` +
            (near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : ''),
          near.length ? undefined : `event types: ${listText([...this.eventTypes.keys()], 30)}`,
        );
      });
    }
    if (value.item !== undefined) {
      const itemPath = fieldPath(path, 'item');
      this.itemFilter(value.item, itemPath);
      const notAboutProducts = known.filter((t) => this.eventTypes.get(t) === false);
      if (notAboutProducts.length > 0) {
        const productTypes = [...this.eventTypes.entries()].filter(([, about]) => about).map(([n]) => n);
        this.out.error(
          itemPath,
          'BAD_VALUE',
          `${notAboutProducts.map((t) => `"${t}"`).join(', ')} ${notAboutProducts.length > 1 ? 'are' : 'is'} not about a product, so "item" cannot filter it` +
            (productTypes.length ? `; event types about products: ${productTypes.join(', ')}` : ''),
        );
      }
    }
    if (value.window !== undefined) checkWindow(value.window, fieldPath(path, 'window'), this.out, this.ctx.asOf);
    if (value.threshold !== undefined) this.threshold(value.threshold, fieldPath(path, 'threshold'), 'count');
  }

  private model(value: JsonObject, path: string): void {
    this.fields(value, path, 'a model condition', ['kind', 'model', ...MODEL_SELECTORS, 'id'], ['kind', 'model']);
    const modelPath = fieldPath(path, 'model');
    const name = value.model !== undefined ? this.string(value.model, modelPath, 'the model') : undefined;
    let scale: 'probability' | 'dollars' | undefined;
    if (name !== undefined) {
      scale = this.models.get(name);
      if (!scale) {
        const near = this.suggest(
          name,
          (this.catalog.models ?? []).map((m) => ({ key: m.name, words: [m.name, m.label, ...(m.synonyms ?? [])] })),
          3,
          0.45,
        );
        this.out.error(
          modelPath,
          'UNKNOWN_MODEL',
          `unknown model ${show(name)}` +
            (near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : ''),
          near.length ? undefined : `models: ${listText([...this.models.keys()])}`,
        );
      }
    }
    const given = MODEL_SELECTORS.filter((s) => value[s] !== undefined);
    if (given.length === 0) {
      this.out.error(
        path,
        'INVALID_STRUCTURE',
        `a model condition needs exactly one of: ${MODEL_SELECTORS.join(', ')}`,
        'e.g. "level": "high" for deciles 8-10, or "top_percent": 10',
      );
    } else if (given.length > 1) {
      this.out.error(
        path,
        'INVALID_STRUCTURE',
        `a model condition takes exactly one of ${MODEL_SELECTORS.join(', ')}; got ${given.join(' and ')}`,
        'for two conditions on one model, use two model conditions in an "and"',
      );
    }
    if (value.score !== undefined) {
      this.threshold(value.score, fieldPath(path, 'score'), scale ?? 'number', true);
    }
    if (value.decile !== undefined) this.threshold(value.decile, fieldPath(path, 'decile'), 'decile');
    for (const key of ['top_percent', 'bottom_percent'] as const) {
      const p = value[key];
      if (p === undefined) continue;
      if (!isFiniteNumber(p) || p <= 0 || p > 100) {
        this.out.error(
          fieldPath(path, key),
          'BAD_VALUE',
          `${key} must be a number above 0 and at most 100 (10 = ${key === 'top_percent' ? 'top' : 'bottom'} 10%); got ${describeType(p)}`,
          isFiniteNumber(p) && p > 0 && p < 1 ? `for ${p * 100}% write ${p * 100}` : undefined,
        );
      }
    }
    if (value.level !== undefined) this.oneOf(value.level, LEVELS, fieldPath(path, 'level'), 'level', 'BAD_VALUE');
  }

  private birthday(value: JsonObject, path: string): void {
    this.fields(value, path, 'a birthday condition', ['kind', 'when', 'days', 'id'], ['kind', 'when']);
    const when =
      value.when !== undefined
        ? this.oneOf(value.when, BIRTHDAY_WHEN, fieldPath(path, 'when'), 'when', 'BAD_VALUE')
        : undefined;
    const daysPath = fieldPath(path, 'days');
    if (when === 'next_days') {
      const days = value.days;
      if (days === undefined) {
        this.out.error(daysPath, 'INVALID_STRUCTURE', '"next_days" needs "days" (how many days ahead, today included)');
      } else if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > 366) {
        this.out.error(daysPath, 'BAD_VALUE', `days must be a whole number from 0 to 366; got ${describeType(days)}`);
      }
    } else if (when !== undefined && value.days !== undefined) {
      this.out.error(daysPath, 'INVALID_STRUCTURE', `"days" is only used with "when": "next_days"`);
    }
  }

  private rule(value: JsonObject, path: string): void {
    this.fields(value, path, 'a rule condition', ['kind', 'rule', 'id'], ['kind', 'rule']);
    const rulePath = fieldPath(path, 'rule');
    const id = value.rule !== undefined ? this.string(value.rule, rulePath, 'the rule') : undefined;
    if (id === undefined) return;
    if (!this.ruleIds.has(id)) {
      const near = this.suggest(
        id,
        (this.catalog.rules ?? []).map((r) => ({ key: r.id, words: [r.id, r.label, ...(r.synonyms ?? [])] })),
        3,
        0.45,
      );
      this.out.error(
        rulePath,
        'UNKNOWN_RULE',
        `unknown rule ${show(id)}` + (near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : ''),
        near.length ? undefined : `rules: ${listText([...this.ruleIds])}`,
      );
      return;
    }
    for (const p of this.ruleInfo(id).problems) {
      this.out.error(rulePath, p.code, p.message, p.hint);
    }
  }

  /** A rule's expanded definition and the problems it has for this catalog and caller (cached). */
  private ruleInfo(id: string): { problems: Problem[]; node?: SegmentNode } {
    const cached = this.ruleCache.get(id);
    if (cached) return cached;
    const info: { problems: Problem[]; node?: SegmentNode } = { problems: [] };
    this.ruleCache.set(id, info);
    if (!this.ruleIds.has(id)) return info;
    const expanded = tryExpandRules({ kind: 'rule', rule: id }, this.catalog, 'definition');
    if (!expanded.ok) {
      info.problems.push({ path: '', code: 'UNKNOWN_RULE', message: expanded.message });
      return info;
    }
    const inner = new ProblemCollector(10);
    try {
      new SegmentChecker(this.ctx, inner).node(expanded.node, 'definition', 1);
    } catch (err) {
      if (!(err instanceof TooManyProblems)) throw err;
    }
    for (const p of inner.errors) {
      info.problems.push({
        path: '',
        code: p.code,
        message: `rule "${id}" cannot be used: its definition has a problem at ${p.path}: ${p.message}`,
        ...(p.hint ? { hint: p.hint } : {}),
      });
    }
    if (info.problems.length === 0) info.node = expanded.node;
    return info;
  }

  // -- filters and thresholds --------------------------------------------------------------

  private itemFilter(value: unknown, path: string): void {
    if (!isPlainObject(value)) {
      this.out.error(
        path,
        'INVALID_STRUCTURE',
        `an item filter must be an object like {"department": ["Baby"]}; got ${describeType(value)}`,
      );
      return;
    }
    const allowed = ['department', 'category', 'brand', 'product_id', 'private_label', 'organic'];
    this.fields(value, path, 'an item filter', allowed, []);
    if (!allowed.some((k) => value[k] !== undefined)) {
      this.out.warn(
        path,
        'INVALID_STRUCTURE',
        'the item filter is empty, so every product counts',
        'omit "item" or name products',
      );
    }
    const names = (
      key: 'department' | 'category' | 'brand',
      known: (n: string) => boolean,
      candidates: () => NameCandidate<string>[],
    ): string[] => {
      const ok: string[] = [];
      if (value[key] === undefined) return ok;
      const keyPath = fieldPath(path, key);
      if (typeof value[key] === 'string') {
        this.out.error(keyPath, 'INVALID_STRUCTURE', `${key} must be a list`, `write [${JSON.stringify(value[key])}]`);
        return ok;
      }
      this.list(value[key], keyPath, key)?.forEach((item, i) => {
        const p = indexPath(keyPath, i);
        const name = this.string(item, p, `a ${key}`);
        if (name === undefined) return;
        if (known(name)) {
          ok.push(name);
          return;
        }
        const near = this.suggest(name, candidates(), 3, 0.5);
        this.out.error(
          p,
          'UNKNOWN_VALUE',
          `unknown ${key} ${show(name)}` +
            (near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : ''),
          near.length ? `names are spelled exactly as in the catalog` : undefined,
        );
      });
      return ok;
    };
    const departments = names(
      'department',
      (n) => this.departments.has(n),
      () => (this.catalog.departments ?? []).map((d) => ({ key: d.name, words: [d.name, ...(d.synonyms ?? [])] })),
    );
    const categories = names(
      'category',
      (n) => this.categoryDepartments.has(n),
      () => [...this.categoryDepartments.keys()].map((c) => ({ key: c, words: [c] })),
    );
    const brands = names(
      'brand',
      (n) => this.brands.has(n),
      () => (this.catalog.brands ?? []).map((b) => ({ key: b.name, words: [b.name, ...(b.synonyms ?? [])] })),
    );
    if (value.product_id !== undefined) {
      const idsPath = fieldPath(path, 'product_id');
      this.list(value.product_id, idsPath, 'product_id')?.forEach((id, i) => {
        if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) {
          this.out.error(
            indexPath(idsPath, i),
            'BAD_VALUE',
            `a product id is a positive whole number; got ${describeType(id)}`,
          );
        }
      });
    }
    for (const key of ['private_label', 'organic'] as const) {
      if (value[key] !== undefined && typeof value[key] !== 'boolean') {
        this.out.error(fieldPath(path, key), 'BAD_VALUE', `${key} is true or false; got ${describeType(value[key])}`);
      }
    }
    // Fields AND together: a category outside every named department matches nothing.
    if (departments.length > 0) {
      const categoryPath = fieldPath(path, 'category');
      (value.category as unknown[] | undefined)?.forEach((c, i) => {
        if (typeof c !== 'string' || !categories.includes(c)) return;
        const homes = this.categoryDepartments.get(c) ?? [];
        if (!homes.some((h) => departments.includes(h))) {
          this.out.error(
            indexPath(categoryPath, i),
            'CONTRADICTION',
            `category "${c}" is not in department ${departments.map((d) => `"${d}"`).join(' or ')} (it is in ${homes.join(', ')}), so no product matches`,
            `add "${homes[0]}" to the departments, or drop the department`,
          );
        }
      });
      const brandPath = fieldPath(path, 'brand');
      (value.brand as unknown[] | undefined)?.forEach((b, i) => {
        if (typeof b !== 'string' || !brands.includes(b)) return;
        const homes = this.brands.get(b) ?? [];
        if (homes.length > 0 && !homes.some((h) => departments.includes(h))) {
          this.out.warn(
            indexPath(brandPath, i),
            'CONTRADICTION',
            `brand "${b}" is not sold in department ${departments.map((d) => `"${d}"`).join(' or ')} (only in ${homes.join(', ')}), so it may match nothing`,
          );
        }
      });
    }
    const privateBrand = this.catalog.private_label_brand;
    if (value.private_label === true && privateBrand && brands.length > 0 && !brands.includes(privateBrand)) {
      this.out.warn(
        fieldPath(path, 'private_label'),
        'CONTRADICTION',
        `private_label is true but the brands listed do not include the private label "${privateBrand}", so it may match nothing`,
      );
    }
  }

  private orderFilter(value: unknown, path: string): void {
    if (!isPlainObject(value)) {
      this.out.error(
        path,
        'INVALID_STRUCTURE',
        `an order filter must be an object like {"channel": ["web", "app"]}; got ${describeType(value)}`,
      );
      return;
    }
    this.fields(
      value,
      path,
      'an order filter',
      ['channel', 'fulfillment', 'coupon_used', 'payment_method', 'status', 'store_id'],
      [],
    );
    const domainList = (key: string, domain: readonly string[], hints: Readonly<Record<string, string>> = {}): void => {
      if (value[key] === undefined) return;
      const keyPath = fieldPath(path, key);
      if (typeof value[key] === 'string') {
        this.out.error(keyPath, 'INVALID_STRUCTURE', `${key} must be a list`, `write [${JSON.stringify(value[key])}]`);
        return;
      }
      this.list(value[key], keyPath, key)?.forEach((item, i) => {
        if (typeof item === 'string' && domain.includes(item)) return;
        const hint = typeof item === 'string' ? hints[item.trim().toLowerCase()] : undefined;
        this.oneOf(item, domain, indexPath(keyPath, i), key, 'UNKNOWN_VALUE', hint);
      });
    };
    domainList('channel', CHANNELS, CHANNEL_HINTS);
    domainList('fulfillment', FULFILLMENTS, FULFILLMENT_HINTS);
    domainList('payment_method', PAYMENT_METHODS);
    if (value.status !== undefined) {
      if (Array.isArray(value.status)) {
        this.out.error(
          fieldPath(path, 'status'),
          'INVALID_STRUCTURE',
          'status is one value, not a list',
          `one of: ${STATUSES.join(', ')}; for several statuses use an "or" of purchase conditions`,
        );
      } else {
        this.oneOf(value.status, STATUSES, fieldPath(path, 'status'), 'status', 'UNKNOWN_VALUE');
      }
    }
    if (value.coupon_used !== undefined && typeof value.coupon_used !== 'boolean') {
      this.out.error(
        fieldPath(path, 'coupon_used'),
        'BAD_VALUE',
        `coupon_used is true or false; got ${describeType(value.coupon_used)}`,
      );
    }
    if (value.store_id !== undefined) {
      const idsPath = fieldPath(path, 'store_id');
      this.list(value.store_id, idsPath, 'store_id')?.forEach((id, i) => {
        if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) {
          this.out.error(
            indexPath(idsPath, i),
            'BAD_VALUE',
            `a store id is a positive whole number; got ${describeType(id)}`,
          );
        }
      });
    }
  }

  private threshold(value: unknown, path: string, scale: ThresholdScale, isScore = false): void {
    if (!isPlainObject(value)) {
      this.out.error(
        path,
        'INVALID_STRUCTURE',
        `a threshold must be an object like {"op": "gte", "value": 3} or {"op": "between", "min": 1, "max": 5}; got ${describeType(value)}`,
      );
      return;
    }
    const op = value.op;
    const opPath = fieldPath(path, 'op');
    const ops = [...THRESHOLD_COMPARE, 'between'];
    if (op === undefined) {
      this.out.error(opPath, 'INVALID_STRUCTURE', `a threshold needs "op": one of ${ops.join(', ')}`);
      return;
    }
    if (typeof op !== 'string' || !ops.includes(op)) {
      const alias = typeof op === 'string' ? OP_ALIASES[op.trim().toLowerCase()] : undefined;
      this.out.error(
        opPath,
        'BAD_OPERATOR',
        `unknown threshold operator ${show(op)}; one of: ${ops.join(', ')}`,
        alias && ops.includes(alias) ? `use "${alias}"` : undefined,
      );
      return;
    }
    const fields = op === 'between' ? ['min', 'max'] : ['value'];
    this.fields(value, path, `a "${op}" threshold`, ['op', ...fields], ['op', ...fields]);
    const nums: number[] = [];
    for (const f of fields) {
      const v = value[f];
      if (v === undefined) continue;
      const p = fieldPath(path, f);
      if (!isFiniteNumber(v)) {
        const asNumber = typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
        this.out.error(
          p,
          'BAD_VALUE',
          `a threshold is a finite number; got ${describeType(v)}`,
          Number.isFinite(asNumber) ? `write ${asNumber} without quotes` : undefined,
        );
        continue;
      }
      nums.push(v);
      const what = isScore ? 'score' : 'value';
      switch (scale) {
        case 'count':
          if (!Number.isInteger(v) || v < 0) {
            this.out.error(p, 'BAD_VALUE', `a count is a whole number of 0 or more; got ${v}`);
          }
          break;
        case 'money':
          if (v < 0) this.out.error(p, 'BAD_VALUE', `an amount of money cannot be negative; got ${v}`);
          break;
        case 'dollars':
          if (v < 0)
            this.out.error(p, 'BAD_VALUE', `this model's ${what} is in dollars and cannot be negative; got ${v}`);
          break;
        case 'probability':
          if (v < 0 || v > 1) {
            this.out.error(
              p,
              'BAD_VALUE',
              `this model's ${what} is a probability from 0 to 1; got ${v}`,
              v > 1 && v <= 100
                ? `for ${v}% write ${v / 100}; for the top ${v}% of customers use "top_percent"`
                : undefined,
            );
          }
          break;
        case 'decile':
          if (!Number.isInteger(v) || v < 1 || v > 10) {
            this.out.error(p, 'BAD_VALUE', `a decile is a whole number from 1 (lowest) to 10 (highest); got ${v}`);
          }
          break;
      }
    }
    if (op === 'between' && nums.length === 2 && nums[0]! > nums[1]!) {
      this.out.error(
        fieldPath(path, 'min'),
        'BAD_VALUE',
        `min ${nums[0]} is greater than max ${nums[1]}; "between" is inclusive and needs min <= max`,
        'swap min and max',
      );
    }
  }

  // -- small helpers -----------------------------------------------------------------------

  /** Reports fields that do not belong and required fields that are missing. */
  private fields(
    obj: JsonObject,
    path: string,
    what: string,
    allowed: readonly string[],
    required: readonly string[],
  ): void {
    for (const key of Object.keys(obj)) {
      if (allowed.includes(key) || obj[key] === undefined) continue;
      const near =
        key.length <= 64
          ? nearestNames(
              key,
              allowed.map((a) => ({ key: a, words: [a] })),
              { limit: 1, minScore: 0.6 },
            )
          : [];
      this.out.error(
        fieldPath(path, key),
        'INVALID_STRUCTURE',
        `field ${show(key)} does not belong in ${what}; allowed fields: ${allowed.join(', ')}`,
        near[0] ? `did you mean "${near[0].key}"?` : undefined,
      );
    }
    for (const key of required) {
      if (obj[key] === undefined) {
        this.out.error(fieldPath(path, key), 'INVALID_STRUCTURE', `${what} needs "${key}"`);
      }
    }
  }

  /** A non-empty string within the length limit; reports and returns undefined otherwise. */
  private string(
    value: unknown,
    path: string,
    what: string,
    max: number = SEGMENT_LIMITS.maxStringLength,
    allowEmpty = false,
  ): string | undefined {
    if (typeof value !== 'string') {
      this.out.error(path, 'INVALID_STRUCTURE', `${what} must be text; got ${describeType(value)}`);
      return undefined;
    }
    if (!allowEmpty && value.trim() === '') {
      this.out.error(path, 'INVALID_STRUCTURE', `${what} is empty`);
      return undefined;
    }
    if (value.length > max) {
      this.out.error(path, 'LIMIT', `${what} is ${value.length} characters long; the limit is ${max}`);
      return undefined;
    }
    return value;
  }

  /** A non-empty list within the length limit. */
  private list(value: unknown, path: string, what: string): unknown[] | undefined {
    if (!Array.isArray(value)) {
      this.out.error(path, 'INVALID_STRUCTURE', `${what} must be a list; got ${describeType(value)}`);
      return undefined;
    }
    if (value.length === 0) {
      this.out.error(path, 'INVALID_STRUCTURE', `${what} is an empty list; give at least one`);
      return undefined;
    }
    if (value.length > SEGMENT_LIMITS.maxListItems) {
      this.out.error(path, 'LIMIT', `${what} has ${value.length} items; the limit is ${SEGMENT_LIMITS.maxListItems}`);
      return undefined;
    }
    return value;
  }

  /** One of a closed set of words; reports with the allowed words and the nearest one. */
  private oneOf<T extends string>(
    value: unknown,
    domain: readonly T[],
    path: string,
    what: string,
    code: ProblemCode,
    hint?: string,
  ): T | undefined {
    if (typeof value === 'string' && (domain as readonly string[]).includes(value)) return value as T;
    const near =
      typeof value === 'string'
        ? this.suggest(
            value,
            domain.map((d) => ({ key: d, words: [d] })),
            1,
            0.5,
          )
        : [];
    this.out.error(
      path,
      code,
      `${what} must be one of ${quoted(domain).join(', ')}; got ${describeType(value)}` +
        (near[0] && !hint ? `; did you mean "${near[0]}"?` : ''),
      hint,
    );
    return undefined;
  }

  /** Nearest known names for a suggestion, within the run's suggestion budget. */
  private suggest(
    query: string,
    candidates: readonly NameCandidate<string>[],
    limit: number,
    minScore = 0.5,
  ): string[] {
    if (this.suggestionBudget <= 0) return [];
    this.suggestionBudget--;
    return nearestNames(query, candidates, { limit, minScore }).map((n) => n.key);
  }
}
