import type { Catalog, FacetDef } from '../model/catalog.model';
import type {
  AttributeCondition,
  BirthdayCondition,
  Condition,
  EventCondition,
  ItemFilter,
  ModelCondition,
  OrderFilter,
  PurchaseCondition,
  RuleCondition,
  Scalar,
  Threshold,
} from '../model/segment.model';
import {
  AMOUNT_WORDS,
  COUNT_WORDS,
  LEVEL_WORDS,
  article,
  formatDate,
  formatMoney,
  formatNumber,
  isDefaultThreshold,
  joinWords,
  lowerFirst,
  monthName,
  quantity,
  thresholdText,
  timesText,
  windowText,
} from './phrase-format.util';

/**
 * A condition in words, as a predicate completing "Customers who ...": `pos` says it holds
 * ("bought from Baby in the last 90 days"), `neg` says it does not ("did not buy from Baby
 * in the last 90 days"). Negations are worded, never turned into the opposite comparison
 * (not older than 60 is not the same as at most 60 when the age is unknown).
 */
export interface Predicate {
  pos: string;
  neg: string;
}

const be = (rest: string): Predicate => ({ pos: `are ${rest}`, neg: `are not ${rest}` });
const have = (rest: string): Predicate => ({ pos: `have ${rest}`, neg: `do not have ${rest}` });
const present = (verb: string, rest: string): Predicate => ({ pos: `${verb} ${rest}`, neg: `do not ${verb} ${rest}` });
const past = (verb: string, base: string, rest: string): Predicate => ({
  pos: `${verb} ${rest}`.trim(),
  neg: `did not ${base} ${rest}`.trim(),
});
const flip = (p: Predicate): Predicate => ({ pos: p.neg, neg: p.pos });
/** Any of the predicates; its negation is none of them. */
const anyOf = (ps: Predicate[]): Predicate =>
  ps.length === 1 ? ps[0]! : { pos: ps.map((p) => p.pos).join(' or '), neg: ps.map((p) => p.neg).join(' and ') };
const spaced = (...parts: (string | undefined)[]): string => parts.filter((p) => p).join(' ');

export class ConditionPhraser {
  private readonly facets: Map<string, FacetDef>;

  constructor(private readonly catalog: Catalog) {
    this.facets = new Map((catalog.facets ?? []).map((f) => [f.name, f]));
  }

  phrase(c: Condition): Predicate {
    switch (c.kind) {
      case 'attribute':
        return this.attribute(c);
      case 'purchase':
        return this.purchase(c);
      case 'event':
        return this.event(c);
      case 'model':
        return this.model(c);
      case 'birthday':
        return this.birthday(c);
      case 'rule':
        return this.rule(c);
      default:
        return { pos: 'match an unknown condition', neg: 'do not match an unknown condition' };
    }
  }

  // -- attributes ----------------------------------------------------------------------------

  private attribute(c: AttributeCondition): Predicate {
    const facet = this.facets.get(c.facet);
    const label = facet ? lowerFirst(facet.label) : c.facet.replace(/_/g, ' ');
    if (facet?.pii) return this.personal(c, label);
    const known = this.knownPredicate(facet, label);
    switch (c.op) {
      case 'is_known':
        return known;
      case 'is_unknown':
        return flip(known);
      case 'eq':
        return this.values(facet, label, [c.value as Scalar]);
      case 'in':
        return this.values(facet, label, c.values ?? []);
      case 'neq':
        return flip(this.values(facet, label, [c.value as Scalar]));
      case 'not_in':
        return flip(this.values(facet, label, c.values ?? []));
      default:
        return this.range(facet, label, c);
    }
  }

  /** Personal data: say what kind of condition it is, never the value. */
  private personal(c: AttributeCondition, label: string): Predicate {
    const withheld = '(value withheld: personal data)';
    switch (c.op) {
      case 'is_known':
        return have(`a known ${label}`);
      case 'is_unknown':
        return flip(have(`a known ${label}`));
      case 'eq':
        return have(`a specific ${label} ${withheld}`);
      case 'neq':
        return flip(have(`a specific ${label} ${withheld}`));
      case 'in':
        return have(`one of ${quantity(c.values?.length ?? 0, `specific ${label} value`)} ${withheld}`);
      case 'not_in':
        return flip(have(`one of ${quantity(c.values?.length ?? 0, `specific ${label} value`)} ${withheld}`));
      default:
        return have(`a ${label} in a given range ${withheld}`);
    }
  }

  private valueLabel(facet: FacetDef | undefined, v: Scalar): string {
    const fv = facet?.values?.find((x) => x.value === v);
    if (fv?.label) return fv.label;
    if (facet?.type === 'date') return formatDate(v);
    if (typeof v === 'number') return formatNumber(v);
    return String(v);
  }

  private knownPredicate(facet: FacetDef | undefined, label: string): Predicate {
    const derivation = facet?.source.kind === 'derived' ? facet.source.derivation : undefined;
    if (derivation === 'days_since_last_purchase' || derivation === 'days_since_first_purchase') {
      return { pos: 'have made a purchase', neg: 'have never made a purchase' };
    }
    return have(`a known ${label}`);
  }

  /** The facet is one of the values (eq / in). */
  private values(facet: FacetDef | undefined, label: string, values: readonly Scalar[]): Predicate {
    const labels = values.map((v) => this.valueLabel(facet, v));
    const list = joinWords(labels, 'or');
    const name = facet?.name;
    const derivation = facet?.source.kind === 'derived' ? facet.source.derivation : undefined;
    if (derivation === 'age') return be(`aged ${list}`);
    if (derivation === 'birth_month') return bornIn(`in ${joinWords(values.map(monthName), 'or')}`);
    if (derivation)
      return this.daysAgo(
        derivation,
        `exactly ${joinWords(
          values.map((v) => formatNumber(v as number)),
          'or',
        )} days ago`,
      );
    switch (name) {
      case 'state':
      case 'city':
      case 'region':
        return present('live', `in ${list}`);
      case 'gender':
        return be(list);
      case 'loyalty_tier': {
        const tiers = values.filter((v) => v !== 'none').map((v) => String(v));
        const parts: Predicate[] = [];
        if (tiers.length) parts.push(be(`in the ${joinWords(tiers, 'or')} loyalty tier`));
        if (values.includes('none')) parts.push({ pos: 'have no loyalty tier', neg: 'have a loyalty tier' });
        return anyOf(parts);
      }
      case 'income_band':
        return have(`a household income of ${list}`);
      case 'device_os': {
        const os = values.filter((v) => v !== 'none').map((v) => this.valueLabel(facet, v));
        const parts: Predicate[] = [];
        if (os.length) parts.push(present('use', joinWords(os, 'or')));
        if (values.includes('none')) parts.push({ pos: 'have no known device', neg: 'have a known device' });
        return anyOf(parts);
      }
      case 'signup_channel':
        return past(
          'signed up',
          'sign up',
          joinWords(
            labels.map((l) => (/^(in|on|at|via|through) /.test(l) ? l : `via ${l}`)),
            'or',
          ),
        );
      case 'preferred_store_id':
        return have(`${values.length === 1 ? 'store' : 'stores'} ${list} as their preferred store`);
      case 'household_size':
        return have(`a household of ${list} ${values.length === 1 && values[0] === 1 ? 'person' : 'people'}`);
      case 'loyalty_points':
        return have(`exactly ${list} loyalty points`);
      case 'signup_date':
        return past('signed up', 'sign up', `on ${list}`);
    }
    if (facet?.type === 'boolean' && values.length === 1 && typeof values[0] === 'boolean') {
      const yes = this.booleanPredicate(facet, label);
      return values[0] ? yes : flip(yes);
    }
    if (facet?.type === 'date') return have(`${label} ${list}`);
    return have(`${label} ${list}`);
  }

  private booleanPredicate(facet: FacetDef, label: string): Predicate {
    switch (facet.name) {
      case 'email_opt_in':
        return be('subscribed to email');
      case 'sms_opt_in':
        return be('subscribed to SMS');
      case 'push_opt_in':
        return be('subscribed to push notifications');
      case 'has_children':
        return { pos: 'have children', neg: 'have no children' };
      case 'is_employee':
        return be('employees');
      default:
        return { pos: `have ${label}: yes`, neg: `have ${label}: no` };
    }
  }

  /** gt / gte / lt / lte / between on numbers and dates. */
  private range(facet: FacetDef | undefined, label: string, c: AttributeCondition): Predicate {
    const isDate = facet?.type === 'date' || typeof c.value === 'string' || typeof c.min === 'string';
    const fmt = (v: unknown): string => (isDate ? formatDate(v) : formatNumber(v as number));
    const v = fmt(c.value);
    const between = `${fmt(c.min)} and ${fmt(c.max)}`;
    const derivation = facet?.source.kind === 'derived' ? facet.source.derivation : undefined;
    if (derivation === 'age') {
      const words: Record<string, string> = {
        gt: `older than ${v}`,
        gte: `aged ${v} or older`,
        lt: `younger than ${v}`,
        lte: `aged ${v} or younger`,
        between: `aged ${fmt(c.min)} to ${fmt(c.max)}`,
      };
      return be(words[c.op] ?? `aged ${v}`);
    }
    if (derivation === 'birth_month') {
      const m = monthName(c.value);
      const words: Record<string, string> = {
        gt: `after ${m}`,
        gte: `in ${m} or later`,
        lt: `before ${m}`,
        lte: `in ${m} or earlier`,
        between: `between ${monthName(c.min)} and ${monthName(c.max)}`,
      };
      return bornIn(words[c.op] ?? `in ${m}`);
    }
    if (derivation) {
      const words: Record<string, string> = {
        gt: `more than ${v} days ago`,
        gte: `at least ${v} days ago`,
        lt: `less than ${v} days ago`,
        lte: `within the last ${v} days`,
        between: `${fmt(c.min)} to ${fmt(c.max)} days ago`,
      };
      return this.daysAgo(derivation, words[c.op] ?? `${v} days ago`);
    }
    if (isDate) {
      const words: Record<string, string> = {
        gt: `after ${v}`,
        gte: `on or after ${v}`,
        lt: `before ${v}`,
        lte: `on or before ${v}`,
        between: `between ${between}`,
      };
      const when = words[c.op] ?? v;
      return facet?.name === 'signup_date'
        ? past('signed up', 'sign up', when)
        : have(`${article(label)} ${label} ${when}`);
    }
    const amount =
      c.op === 'between' ? `between ${between}` : `${AMOUNT_WORDS[c.op as keyof typeof AMOUNT_WORDS] ?? c.op} ${v}`;
    switch (facet?.name) {
      case 'loyalty_points':
        return have(`${amount} loyalty points`);
      case 'household_size':
        return have(`a household of ${amount} people`);
    }
    if (facet?.unit) return have(`${article(label)} ${label} of ${amount} ${facet.unit}`);
    return have(`${article(label)} ${label} of ${amount}`);
  }

  private daysAgo(derivation: string, when: string): Predicate {
    switch (derivation) {
      case 'days_since_last_purchase':
        return past('made their last purchase', 'make their last purchase', when);
      case 'days_since_first_purchase':
        return past('made their first purchase', 'make their first purchase', when);
      default:
        return past('signed up', 'sign up', when);
    }
  }

  // -- purchases -------------------------------------------------------------------------------

  private purchase(c: PurchaseCondition): Predicate {
    const measure = c.measure ?? 'orders';
    const t = c.threshold;
    // "did not place exactly 3 orders" reads better than "placed other than 3 orders"; not for
    // the average order value, which customers without orders do not have at all.
    if (t?.op === 'neq' && measure !== 'avg_order_value')
      return flip(this.purchase({ ...c, threshold: { op: 'eq', value: t.value } }));
    const item = c.item ? this.item(c.item) : undefined;
    const order = orderWords(c.order);
    const when = windowText(c.window);
    const status = c.order?.status ?? 'completed';
    const coupon = c.order?.coupon_used;
    const countOf = (singular: string, plural: string): string =>
      isDefaultThreshold(t)
        ? `${article(singular)} ${singular}`
        : thresholdText(t!, COUNT_WORDS, formatNumber, [singular, plural]);

    switch (measure) {
      case 'spend': {
        const amount = t ? thresholdText(t, AMOUNT_WORDS, formatMoney) : 'at least $1';
        const statusWords = status === 'completed' ? undefined : `on ${status} orders`;
        return past(
          'spent',
          'spend',
          spaced(amount, item && `on ${item.noun}`, statusWords, order, when || 'in total'),
        );
      }
      case 'avg_order_value': {
        const amount = t ? thresholdText(t, LEVEL_WORDS, formatMoney) : 'of at least $1';
        const statusWords = status === 'completed' ? undefined : `on ${status} orders`;
        return have(spaced('an average order value', amount, item && `on ${item.noun}`, statusWords, order, when));
      }
      case 'quantity': {
        const units = t ? thresholdText(t, COUNT_WORDS, formatNumber, ['unit', 'units']) : 'at least 1 unit';
        const verb: [string, string] = status === 'completed' ? ['bought', 'buy'] : [status, status.replace(/ed$/, '')];
        return past(verb[0], verb[1], spaced(units, item ? item.unitsOf : undefined, order, when));
      }
      default: {
        if (status === 'returned' || status === 'cancelled') {
          const [verb, base] = status === 'returned' ? ['returned', 'return'] : ['cancelled', 'cancel'];
          return past(verb, base, spaced(countOf('order', 'orders'), item?.ordersWith, order, when));
        }
        if (coupon === true) {
          const on = isDefaultThreshold(t) && !item ? undefined : `on ${countOf('order', 'orders')}`;
          return past('used', 'use', spaced('a coupon', on, item?.ordersWith, order, when));
        }
        if (isDefaultThreshold(t)) {
          if (item) return past('bought', 'buy', spaced(item.bought, order, when));
          return past('made', 'make', spaced('a purchase', order, when));
        }
        return past('placed', 'place', spaced(countOf('order', 'orders'), item?.ordersWith, order, when));
      }
    }
  }

  /** The products an item filter names, in the forms the sentences need. */
  private item(f: ItemFilter): { bought: string; noun: string; ordersWith: string; unitsOf: string; about: string } {
    const departments = f.department ?? [];
    const categories = f.category ?? [];
    const brands = f.brand ?? [];
    const products = f.product_id ?? [];
    const privateBrand = this.catalog.private_label_brand;
    const qualifiers: string[] = [];
    const adjectives: string[] = [];
    if (f.organic === true) adjectives.push('organic');
    if (f.organic === false) adjectives.push('non-organic');
    if (f.private_label === true) adjectives.push(privateBrand ? `private-label (${privateBrand})` : 'private-label');
    if (f.private_label === false) adjectives.push('non-private-label');
    const productWords = (ids: number[]): string =>
      `${ids.length === 1 ? 'product' : 'products'} ${joinWords(ids.map(String), 'or')}`;
    const categoryWords = (cs: string[]): string =>
      `${cs.length === 1 ? 'category' : 'categories'} ${joinWords(cs, 'or')}`;
    const brandWords = (bs: string[]): string => `${bs.length === 1 ? 'brand' : 'brands'} ${joinWords(bs, 'or')}`;

    let head: string;
    let isDepartment = false;
    if (departments.length) {
      head = joinWords(departments, 'or');
      isDepartment = true;
      if (categories.length) qualifiers.push(categoryWords(categories));
      if (brands.length) qualifiers.push(brandWords(brands));
      if (products.length) qualifiers.push(productWords(products));
      qualifiers.push(...adjectives);
    } else if (categories.length) {
      head = joinWords(categories, 'or');
      if (brands.length) qualifiers.push(brandWords(brands));
      if (products.length) qualifiers.push(productWords(products));
      qualifiers.push(...adjectives);
    } else if (brands.length) {
      head = `${spaced(...adjectives)} ${joinWords(brands, 'or')} products`.trim();
      if (products.length) qualifiers.push(productWords(products));
    } else if (products.length) {
      head = productWords(products);
      qualifiers.push(...adjectives);
    } else {
      head = `${spaced(...adjectives) || 'any'} products`;
    }
    const noun = qualifiers.length ? `${head} (${qualifiers.join(', ')})` : head;
    return {
      bought: isDepartment ? `from ${noun}` : noun,
      noun,
      ordersWith: isDepartment ? `from ${noun}` : `containing ${noun}`,
      unitsOf: isDepartment ? `from ${noun}` : `of ${noun}`,
      about: isDepartment ? `from ${noun}` : `(${noun})`,
    };
  }

  // -- events, models, birthdays, rules ------------------------------------------------------

  private event(c: EventCondition): Predicate {
    if (c.threshold?.op === 'neq') return flip(this.event({ ...c, threshold: { op: 'eq', value: c.threshold.value } }));
    const types = (c.event_type ?? []).map((name) => {
      const def = (this.catalog.event_types ?? []).find((e) => e.name === name);
      return def?.label ?? name.replace(/_/g, ' ');
    });
    const item = c.item ? this.item(c.item).about : undefined;
    const times = isDefaultThreshold(c.threshold) ? undefined : timesText(c.threshold!);
    const rest = spaced(item, times, windowText(c.window));
    const pos = spaced(joinWords(types, 'or'), rest);
    const bases = types.map(baseForm);
    const neg = bases.every((b) => b !== undefined)
      ? spaced('did not', joinWords(bases as string[], 'or'), rest)
      : spaced(
          'have no',
          joinWords(
            types.map((t) => `"${t}"`),
            'or',
          ),
          'events',
          rest,
        );
    return { pos, neg };
  }

  private model(c: ModelCondition): Predicate {
    const def = (this.catalog.models ?? []).find((m) => m.name === c.model);
    const label = def?.label ?? c.model.replace(/_/g, ' ');
    if (c.top_percent !== undefined) return be(`in the top ${formatNumber(c.top_percent)}% by ${label}`);
    if (c.bottom_percent !== undefined) return be(`in the bottom ${formatNumber(c.bottom_percent)}% by ${label}`);
    if (c.level !== undefined) {
      const deciles = { high: '8-10', medium: '4-7', low: '1-3' }[c.level] ?? '?';
      return have(`${c.level} ${label} (deciles ${deciles})`);
    }
    if (c.decile !== undefined) {
      if (c.decile.op === 'neq') return have(`${label} outside decile ${formatNumber(c.decile.value)}`);
      return have(`${label} in ${decileWords(c.decile)}`);
    }
    if (c.score !== undefined) {
      const dollars = def?.scale === 'dollars';
      const noun = dollars || /score$/i.test(label) ? label : `${label} score`;
      return have(
        `${article(noun)} ${noun} ${thresholdText(c.score, LEVEL_WORDS, dollars ? formatMoney : formatNumber)}`,
      );
    }
    return have(`a ${label} score`);
  }

  private birthday(c: BirthdayCondition): Predicate {
    switch (c.when) {
      case 'today':
        return have('a birthday today');
      case 'this_month':
        return have('a birthday this month');
      case 'next_month':
        return have('a birthday next month');
      default: {
        const days = c.days ?? 0;
        return have(
          days === 0
            ? 'a birthday today'
            : days === 1
              ? 'a birthday today or tomorrow'
              : `a birthday in the next ${formatNumber(days)} days`,
        );
      }
    }
  }

  private rule(c: RuleCondition): Predicate {
    const def = (this.catalog.rules ?? []).find((r) => r.id === c.rule);
    if (!def) return { pos: `match the rule "${c.rule}"`, neg: `do not match the rule "${c.rule}"` };
    const description = lowerFirst(def.description.trim().replace(/\.$/, ''));
    const label = def.label.trim();
    if (!description) return be(label);
    const text = label.endsWith(')') ? `${label.slice(0, -1)}; ${description})` : `${label} (${description})`;
    return be(text);
  }
}

function bornIn(when: string): Predicate {
  return { pos: `were born ${when}`, neg: `were not born ${when}` };
}

/** Deciles as a range: "deciles 8-10", "the top decile (decile 10)". */
function decileWords(t: Threshold): string {
  let lo = 1;
  let hi = 10;
  switch (t.op) {
    case 'eq':
      lo = hi = t.value;
      break;
    case 'gt':
      lo = Math.floor(t.value) + 1;
      break;
    case 'gte':
      lo = Math.ceil(t.value);
      break;
    case 'lt':
      hi = Math.ceil(t.value) - 1;
      break;
    case 'lte':
      hi = Math.floor(t.value);
      break;
    case 'between':
      lo = Math.ceil(t.min);
      hi = Math.floor(t.max);
      break;
  }
  lo = Math.max(lo, 1);
  hi = Math.min(hi, 10);
  if (lo > hi) return 'no decile';
  if (lo === hi)
    return lo === 10 ? 'the top decile (decile 10)' : lo === 1 ? 'the bottom decile (decile 1)' : `decile ${lo}`;
  return `deciles ${lo}-${hi}`;
}

const CHANNEL_WORDS: Readonly<Record<string, string>> = { store: 'in store', web: 'on the web', app: 'in the app' };
const FULFILLMENT_WORDS: Readonly<Record<string, string>> = {
  pickup: 'pickup',
  delivery: 'delivery',
  ship: 'shipping',
};
const PAYMENT_WORDS: Readonly<Record<string, string>> = {
  credit_card: 'a credit card',
  debit_card: 'a debit card',
  cash: 'cash',
  paypal: 'PayPal',
  gift_card: 'a gift card',
  ebt: 'EBT',
};

/** Order filters as words after the verb: "online", "for pickup", "paying with cash", "at store 12". */
function orderWords(f: OrderFilter | undefined): string {
  if (!f) return '';
  const parts: string[] = [];
  const channels = [...new Set(f.channel ?? [])];
  let inStore = false;
  if (channels.length) {
    const set = new Set(channels);
    if (set.size === 3) {
      // every channel: no restriction worth saying
    } else if (set.size === 2 && set.has('web') && set.has('app')) parts.push('online');
    else {
      parts.push(
        joinWords(
          channels.map((c) => CHANNEL_WORDS[c] ?? c),
          'or',
        ),
      );
      inStore = set.has('store') && set.size === 1;
    }
  }
  const fulfillment = (f.fulfillment ?? []).filter((x) => !(inStore && x === 'in_store'));
  if (fulfillment.length) {
    // "for pickup or delivery"; in store reads without "for": "in store or for pickup".
    const others = fulfillment.filter((x) => x !== 'in_store').map((x) => FULFILLMENT_WORDS[x] ?? x);
    const words = others.length ? [`for ${joinWords(others, 'or')}`] : [];
    if (fulfillment.includes('in_store')) words.unshift('in store');
    parts.push(words.join(' or '));
  }
  if (f.payment_method?.length) {
    parts.push(
      `paying with ${joinWords(
        f.payment_method.map((p) => PAYMENT_WORDS[p] ?? p),
        'or',
      )}`,
    );
  }
  if (f.coupon_used === false) parts.push('without a coupon');
  if (f.store_id?.length) {
    parts.push(`at ${f.store_id.length === 1 ? 'store' : 'stores'} ${joinWords(f.store_id.map(String), 'or')}`);
  }
  return parts.join(' ');
}

const BASE_FORMS: Readonly<Record<string, string>> = {
  received: 'receive',
  opened: 'open',
  clicked: 'click',
  used: 'use',
  visited: 'visit',
  viewed: 'view',
  added: 'add',
  abandoned: 'abandon',
  searched: 'search',
  wrote: 'write',
  unsubscribed: 'unsubscribe',
  subscribed: 'subscribe',
  bought: 'buy',
  made: 'make',
  got: 'get',
  left: 'leave',
  sent: 'send',
  read: 'read',
  saw: 'see',
  shared: 'share',
  liked: 'like',
  watched: 'watch',
  downloaded: 'download',
  installed: 'install',
  browsed: 'browse',
  signed: 'sign',
  logged: 'log',
  tapped: 'tap',
  played: 'play',
  called: 'call',
  rated: 'rate',
  redeemed: 'redeem',
  completed: 'complete',
  started: 'start',
  registered: 'register',
  attended: 'attend',
  joined: 'join',
  posted: 'post',
  replied: 'reply',
  submitted: 'submit',
  scanned: 'scan',
};

/** "opened an email" -> "open an email"; undefined when the first word's base form is unknown. */
function baseForm(label: string): string | undefined {
  const [first, ...rest] = label.split(' ');
  const base = first ? BASE_FORMS[first.toLowerCase()] : undefined;
  return base ? [base, ...rest].join(' ') : undefined;
}
