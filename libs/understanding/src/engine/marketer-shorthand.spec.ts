import type { SegmentNode } from '@smartseg/segment-engine';
import type { UnderstandingResult } from './result.model';
import { CTX, testEngine } from '../testing/fixtures';

const understand = (text: string): UnderstandingResult => testEngine().understand(text, CTX);

function where(text: string): SegmentNode {
  const r = understand(text);
  if (r.status !== 'segment')
    throw new Error(
      `${text}: expected a segment, got ${r.status} (${'reason' in r ? r.reason : 'question' in r ? r.question : ''})`,
    );
  return r.segment.where;
}

const female = { kind: 'attribute', facet: 'gender', op: 'eq', value: 'female' };
const male = { kind: 'attribute', facet: 'gender', op: 'eq', value: 'male' };
const kids = { kind: 'attribute', facet: 'has_children', op: 'eq', value: true };
const aged = (min: number, max: number) => ({ kind: 'attribute', facet: 'age', op: 'between', min, max });

describe('marketer shorthand: sex letters, slashes and L-windows', () => {
  it('reads "F"/"M" before an age as women / men, glued or spaced', () => {
    expect(where('F 35-44')).toEqual({ kind: 'and', children: [female, aged(35, 44)] });
    expect(where('M 25-34')).toEqual({ kind: 'and', children: [male, aged(25, 34)] });
    expect(where('F35-44')).toEqual({ kind: 'and', children: [female, aged(35, 44)] });
  });

  it('reads "w/" as with and "w/o" as without, not as an OR', () => {
    expect(where('F 35-44 w/ kids')).toEqual({ kind: 'and', children: [female, aged(35, 44), kids] });
    expect(where('women 35-44 w/kids')).toEqual({ kind: 'and', children: [female, aged(35, 44), kids] });
    expect(where('F w/o kids')).toEqual({
      kind: 'and',
      children: [female, { kind: 'attribute', facet: 'has_children', op: 'eq', value: false }],
    });
  });

  it('reads "y/o" as years old and does not take the letters for another language', () => {
    expect(where('women 35-44 y/o')).toEqual({ kind: 'and', children: [female, aged(35, 44)] });
  });

  it('reads "hh" and "HHI" as household / household income', () => {
    expect(where('hh size 3-4')).toEqual({ kind: 'attribute', facet: 'household_size', op: 'between', min: 3, max: 4 });
    expect(where('HHI 100K+')).toEqual({
      kind: 'attribute',
      facet: 'income_band',
      op: 'in',
      values: ['100k_150k', '150k_plus'],
    });
  });

  it('reads "L90D", "L6M", "L12M" as the last N days / months', () => {
    expect(where('bought 2x+ L90D')).toEqual({
      kind: 'purchase',
      window: { type: 'last', n: 90, unit: 'day' },
      measure: 'orders',
      threshold: { op: 'gte', value: 2 },
    });
    expect(where('bought electronics L6M')).toEqual({
      kind: 'purchase',
      item: { department: ['Electronics'] },
      window: { type: 'last', n: 6, unit: 'month' },
    });
    expect(where('spent $500+ L12M')).toEqual({
      kind: 'purchase',
      window: { type: 'last', n: 12, unit: 'month' },
      measure: 'spend',
      threshold: { op: 'gte', value: 500 },
    });
  });
});

describe('data the tenant keeps coarser than asked', () => {
  it('refuses a count of children (only whether there are any is known), naming the yes/no facet', () => {
    for (const text of ['households with 3+ kids', 'families with two or more children', 'parents of 3 kids']) {
      const r = understand(text);
      expect(r.status).toBe('refuse');
      if (r.status === 'refuse') expect(r.nearest.join(' ')).toMatch(/children/i);
    }
    // "with children" after an age is still the yes/no
    expect(where('women 45-60 with children')).toEqual({ kind: 'and', children: [female, aged(45, 60), kids] });
  });

  it('refuses an income bound inside a band instead of rounding it to the bands around it', () => {
    for (const text of ['hh income 75k+', 'household income over $75,000', 'income between 60k and 90k']) {
      const r = understand(text);
      expect(r.status).toBe('refuse');
      if (r.status === 'refuse') expect(r.nearest.join(' ')).toMatch(/income/i);
    }
    expect(where('household income over $100k')).toEqual({
      kind: 'attribute',
      facet: 'income_band',
      op: 'in',
      values: ['100k_150k', '150k_plus'],
    });
  });
});

describe('words that say a facet does not matter', () => {
  it('drops "regardless of income", "irrespective of tier", "no matter the region"', () => {
    const men40 = { kind: 'and', children: [male, { kind: 'attribute', facet: 'age', op: 'gt', value: 40 }] };
    expect(where('men over 40 regardless of income')).toEqual(men40);
    expect(where('men over 40, irrespective of their loyalty tier')).toEqual(men40);
    expect(where('men over 40 no matter the region')).toEqual(men40);
  });
});

describe('subscriptions and events said tersely', () => {
  it('reads "opted into sms" as the opt-in', () => {
    expect(where('opted into sms')).toEqual({ kind: 'attribute', facet: 'sms_opt_in', op: 'eq', value: true });
    expect(where('not opted into email')).toEqual({
      kind: 'attribute',
      facet: 'email_opt_in',
      op: 'eq',
      value: false,
    });
  });

  it('reads "opened but didn\'t click" as email, the one object both verbs act on', () => {
    const openNoClick = {
      kind: 'and',
      children: [
        { kind: 'event', event_type: ['email_open'] },
        { kind: 'not', child: { kind: 'event', event_type: ['email_click'] } },
      ],
    };
    expect(where("opened but didn't click")).toEqual(openNoClick);
    expect(where('opens but no clicks')).toEqual(openNoClick);
  });

  it('gives a closing window to both of two different events ("opened but didn\'t click L30D")', () => {
    const w = { type: 'last', n: 30, unit: 'day' };
    expect(where("opened an email but didn't click in the last 30 days")).toEqual({
      kind: 'and',
      children: [
        { kind: 'event', event_type: ['email_open'], window: w },
        { kind: 'not', child: { kind: 'event', event_type: ['email_click'], window: w } },
      ],
    });
  });
});

describe('the tenant vocabulary for lifecycle and model rules', () => {
  it('knows "one-timers", "likely churners", "likely purchasers"', () => {
    expect(where('one-timers')).toEqual({ kind: 'rule', rule: 'one_time_buyer' });
    expect(where('likely churners')).toEqual({ kind: 'rule', rule: 'likely_to_churn' });
    expect(where('likely purchasers')).toEqual({ kind: 'rule', rule: 'likely_to_buy' });
  });
});

describe('scope of "but not both", of a window and of a count', () => {
  it('keeps the channels said one by one apart for "but not both"', () => {
    const online = { kind: 'purchase', order: { channel: ['web', 'app'] } };
    const store = { kind: 'purchase', order: { channel: ['store'] } };
    expect(where('bought online or in store but not both')).toEqual({
      kind: 'or',
      children: [
        { kind: 'and', children: [online, { kind: 'not', child: store }] },
        { kind: 'and', children: [store, { kind: 'not', child: online }] },
      ],
    });
  });

  it('does not give the window of "no purchase at all" to the purchase of something', () => {
    expect(where("bought electronics but haven't bought since March")).toEqual({
      kind: 'and',
      children: [
        { kind: 'purchase', item: { department: ['Electronics'] } },
        { kind: 'not', child: { kind: 'purchase', window: { type: 'since', date: '2026-03-01' } } },
      ],
    });
  });

  it('refuses a count of distinct departments, categories or brands (the model cannot say it)', () => {
    for (const text of ['bought from at least two departments', 'shopped 3 or more different categories']) {
      expect(understand(text).status).toBe('refuse');
    }
    // a count of items is units
    expect(where('bought 3+ items')).toEqual({
      kind: 'purchase',
      measure: 'quantity',
      threshold: { op: 'gte', value: 3 },
    });
  });
});

describe('alternatives said with their own head noun, and words for "excluding"', () => {
  it('gives what follows the second of two headed alternatives to it alone', () => {
    expect(where('Platinum members, or gold members with more than 20,000 points')).toEqual({
      kind: 'or',
      children: [
        { kind: 'attribute', facet: 'loyalty_tier', op: 'eq', value: 'platinum' },
        {
          kind: 'and',
          children: [
            { kind: 'attribute', facet: 'loyalty_tier', op: 'eq', value: 'gold' },
            { kind: 'attribute', facet: 'loyalty_points', op: 'gt', value: 20000 },
          ],
        },
      ],
    });
    // one head noun for both: the modifier is said of both
    expect(where('gold or platinum members with 1000+ points')).toEqual({
      kind: 'and',
      children: [
        { kind: 'attribute', facet: 'loyalty_tier', op: 'in', values: ['gold', 'platinum'] },
        { kind: 'attribute', facet: 'loyalty_points', op: 'gte', value: 1000 },
      ],
    });
  });

  it('reads "nobody who" as an exclusion', () => {
    expect(where('employees, but nobody who has unsubscribed')).toEqual({
      kind: 'and',
      children: [
        { kind: 'attribute', facet: 'is_employee', op: 'eq', value: true },
        { kind: 'not', child: { kind: 'event', event_type: ['unsubscribe'] } },
      ],
    });
  });

  it('reads a thousand written apart from the number ("twenty-five k")', () => {
    expect(where('income under twenty-five k')).toEqual({
      kind: 'attribute',
      facet: 'income_band',
      op: 'eq',
      value: 'under_25k',
    });
  });
});

describe('a window said ahead of the actions, and redeeming', () => {
  it('gives "in the past year," (set apart by a comma) to each alternative after it', () => {
    const w = { type: 'last', n: 1, unit: 'year' };
    expect(where('in the last year, either bought a camera or spent over $1,500 on Electronics')).toEqual({
      kind: 'or',
      children: [
        { kind: 'purchase', item: { category: ['Cameras'] }, window: w },
        {
          kind: 'purchase',
          item: { department: ['Electronics'] },
          window: w,
          measure: 'spend',
          threshold: { op: 'gt', value: 1500 },
        },
      ],
    });
  });

  it('keeps "never" all of history after a leading window', () => {
    expect(where('in 2025, bought toys but never electronics')).toEqual({
      kind: 'and',
      children: [
        { kind: 'purchase', item: { department: ['Toys'] }, window: { type: 'year', year: 2025 } },
        { kind: 'not', child: { kind: 'purchase', item: { department: ['Electronics'] } } },
      ],
    });
  });

  it('reads "redeemed a promo code" as a coupon, and "redeemed loyalty points" as data the tenant lacks', () => {
    expect(where('redeemed a promo in the past 90 days')).toEqual({
      kind: 'purchase',
      order: { coupon_used: true },
      window: { type: 'last', n: 90, unit: 'day' },
    });
    expect(understand('members who redeemed loyalty points in the last 30 days').status).toBe('refuse');
  });
});

describe('the window of the action before, and a sum of purchases', () => {
  it('reads "no order that week" as the week said before', () => {
    const w = { type: 'last', n: 7, unit: 'day' };
    expect(where('opened an email in the last 7 days but no purchase that week')).toEqual({
      kind: 'and',
      children: [
        { kind: 'event', event_type: ['email_open'], window: w },
        { kind: 'not', child: { kind: 'purchase', window: w } },
      ],
    });
  });

  it('reads "sum of purchases" as spend in the window said', () => {
    expect(where('sum of purchases in the last 30 days is at least $400')).toEqual({
      kind: 'purchase',
      window: { type: 'last', n: 30, unit: 'day' },
      measure: 'spend',
      threshold: { op: 'gte', value: 400 },
    });
  });
});

describe('"only" and "always" on a purchase', () => {
  it('reads "who only order through the app" as app-only, not as one order', () => {
    expect(where('customers who only order through the app')).toEqual({
      kind: 'and',
      children: [
        { kind: 'purchase', order: { channel: ['app'] } },
        { kind: 'not', child: { kind: 'purchase', order: { channel: ['store', 'web'] } } },
      ],
    });
    // "their only order" is still one order
    expect(where('customers who only ordered once')).toEqual({ kind: 'rule', rule: 'one_time_buyer' });
  });

  it('reads "only buys with a coupon", "always uses a coupon" as no order without one', () => {
    const onlyCoupon = {
      kind: 'and',
      children: [
        { kind: 'purchase', order: { coupon_used: true } },
        { kind: 'not', child: { kind: 'purchase', order: { coupon_used: false } } },
      ],
    };
    expect(where('only buys with coupons')).toEqual(onlyCoupon);
    expect(where('always uses a coupon')).toEqual(onlyCoupon);
    expect(where('a coupon on every single order they have placed')).toEqual(onlyCoupon);
  });

  it('reads "only pays with PayPal" as no order paid another way', () => {
    expect(where('only pays with PayPal')).toEqual({
      kind: 'and',
      children: [
        { kind: 'purchase', order: { payment_method: ['paypal'] } },
        {
          kind: 'not',
          child: {
            kind: 'purchase',
            order: { payment_method: ['credit_card', 'debit_card', 'cash', 'gift_card', 'ebt'] },
          },
        },
      ],
    });
  });
});

describe('age and children said another way', () => {
  it('reads "between the ages of 18 and 24" as an age range (was: two contradicting ages)', () => {
    expect(where('between the ages of 18 and 24')).toEqual(aged(18, 24));
    expect(where('women between ages 25 and 40')).toEqual({ kind: 'and', children: [female, aged(25, 40)] });
  });

  it('reads "childless", "child-free" as without children', () => {
    const noKids = { kind: 'attribute', facet: 'has_children', op: 'eq', value: false };
    expect(where('childless women')).toEqual({ kind: 'and', children: [noKids, female] });
    expect(where('child-free women')).toEqual({ kind: 'and', children: [noKids, female] });
  });
});

describe('a vague word said with its window', () => {
  it('takes the reading of "recent buyers" that the window said merges into, and still asks without one', () => {
    const w = { type: 'last', n: 30, unit: 'day' };
    expect(where('recent buyers in the last 30 days')).toEqual({ kind: 'purchase', window: w });
    expect(where('exclude recent buyers (last 30 days)')).toEqual({
      kind: 'not',
      child: { kind: 'purchase', window: w },
    });
    expect(understand('recent buyers in Texas').status).toBe('clarify');
  });
});

describe('tenant words of round 2: metros, living alone, sign-ups, reachability, the riskiest share, tiers', () => {
  const ids = (text: string): string => JSON.stringify(where(text));

  it('reads "NYC" / "New York City" as the cities New York and Brooklyn, also negated', () => {
    const w = ids('NYC customers');
    expect(w).toContain('"Brooklyn"');
    expect(w).toContain('"New York"');
    expect(ids('women in New York City')).toContain('"Brooklyn"');
    expect(ids('NY customers outside NYC')).toMatch(/"not".*Brooklyn|not_in.*Brooklyn/);
  });

  it('reads "people who live alone" as a household of one', () => {
    for (const t of ['people who live alone', 'customers living alone', 'single-person households'])
      expect(where(t)).toEqual({ kind: 'rule', rule: 'lives_alone' });
  });

  it('reads "app signups" as the sign-up channel, and "recent sign-ups" stays the sign-up date', () => {
    const app = { kind: 'attribute', facet: 'signup_channel', op: 'eq', value: 'app' };
    expect(where('app signups')).toEqual(app);
    expect(where('app sign-ups')).toEqual(app);
    expect(where('web signups')).toEqual({ kind: 'attribute', facet: 'signup_channel', op: 'eq', value: 'web' });
    expect(ids('custoemrs who signed up in the last 6 months')).not.toContain('signup_channel');
  });

  it('reads "customers we can email or text" as the union of the two reachability rules', () => {
    const either = {
      kind: 'or',
      children: [
        { kind: 'rule', rule: 'reachable_email' },
        { kind: 'rule', rule: 'reachable_sms' },
      ],
    };
    expect(where('customers we can email or text')).toEqual(either);
    expect(where('anyone we can email or SMS')).toEqual(either);
  });

  it('reads "the riskiest 5%" as the top 5% of the churn model', () => {
    const top5 = { kind: 'model', model: 'churn_risk', top_percent: 5 };
    expect(where('riskiest 5%')).toEqual(top5);
    expect(where('the riskiest 5% of customers')).toEqual(top5);
    expect(where('riskiest 5% by churn score')).toEqual(top5);
    expect(understand('riskiest customers').status).not.toBe('segment');
  });

  it('reads "at least gold" / "at most gold" as the tiers from / up to gold', () => {
    const tiers = (...values: string[]) => ({ kind: 'attribute', facet: 'loyalty_tier', op: 'in', values });
    expect(where('at least gold')).toEqual(tiers('gold', 'platinum'));
    expect(where('at least silver tier')).toEqual(tiers('silver', 'gold', 'platinum'));
    expect(where('at most gold')).toEqual(tiers('silver', 'gold'));
    expect(where('at least 500 points')).toEqual({ kind: 'attribute', facet: 'loyalty_points', op: 'gte', value: 500 });
  });
});

describe('a named promo code', () => {
  it('refuses "used SUMMER20" naming the coupon the orders do record', () => {
    for (const t of ['used SUMMER20', 'customers who used promo code SUMMER20', 'used the WELCOME15 coupon']) {
      const r = understand(t);
      expect(r.status).toBe('refuse');
      if (r.status === 'refuse') {
        expect(r.reason).toMatch(/promo code "(SUMMER20|WELCOME15)"/);
        expect(r.nearest.join(' ')).toMatch(/coupon/);
      }
    }
    expect(where('women who used a discount code')).toEqual({
      kind: 'and',
      children: [female, { kind: 'purchase', order: { coupon_used: true } }],
    });
  });
});

describe('"web" alone and an order condition after an event', () => {
  const web = { kind: 'purchase', order: { channel: ['web'] } };
  it('reads "web", "on the web" alone as a purchase made on the web (was: any purchase)', () => {
    expect(where('web')).toEqual(web);
    expect(where('women on the web')).toEqual({ kind: 'and', children: [female, web] });
    expect(where('web L30D')).toEqual({ ...web, window: { type: 'last', n: 30, unit: 'day' } });
    expect(where('app or web buyers')).toEqual({ kind: 'purchase', order: { channel: ['app', 'web'] } });
  });

  it('keeps "used a coupon" after "opened an email" as a purchase of its own (was: dropped)', () => {
    const coupon = { kind: 'purchase', order: { coupon_used: true } };
    const open = { kind: 'event', event_type: ['email_open'] };
    expect(where('people who opened an email and used a coupon')).toEqual({ kind: 'and', children: [open, coupon] });
    expect(where('opened an email or used a coupon')).toEqual({ kind: 'or', children: [open, coupon] });
  });
});

describe('a band or tier and the ones above it', () => {
  it('reads "income 50-100k or higher" as that band and the ones above', () => {
    expect(where('income 50-100k or higher')).toEqual({
      kind: 'attribute',
      facet: 'income_band',
      op: 'in',
      values: ['50k_100k', '100k_150k', '150k_plus'],
    });
  });

  it('reads "income 25-50k or lower" as that band and the ones below', () => {
    const w = where('income 25-50k or lower');
    expect(w).toMatchObject({ kind: 'attribute', facet: 'income_band', op: 'in' });
    expect([...(w as { values: string[] }).values].sort()).toEqual(['25k_50k', 'under_25k']);
  });

  it('reads "silver or below" as silver, the lowest level (was: a refusal of "below")', () => {
    expect(where('silver or below')).toEqual({ kind: 'attribute', facet: 'loyalty_tier', op: 'eq', value: 'silver' });
  });
});

describe('a definition given in the request', () => {
  it("reads \"'lapsed' means 120 days here\" as the rule's day count, for the rule said before", () => {
    const over120 = { kind: 'attribute', facet: 'days_since_last_purchase', op: 'gt', value: 120 };
    expect(where("lapsed customers ('lapsed' means 120 days here)")).toEqual(over120);
    expect(where('lapsed California customers, lapsed meaning 120 days')).toEqual({
      kind: 'and',
      children: [{ kind: 'attribute', facet: 'state', op: 'eq', value: 'CA' }, over120],
    });
  });

  it('reads "treat \'new\' as 14 days" as a definition (was: pet treats)', () => {
    expect(where("new customers (treat 'new' as 14 days)")).toEqual({
      kind: 'attribute',
      facet: 'days_since_first_purchase',
      op: 'lte',
      value: 14,
    });
    expect(where('pet treat buyers')).toEqual({ kind: 'purchase', item: { category: ['Pet Treats'] } });
  });
});

describe('the scope of "or who"', () => {
  it('reads "VIPs in California or who bought online" as VIPs, in California or online buyers', () => {
    expect(where('VIPs in California or who bought online')).toEqual({
      kind: 'and',
      children: [
        { kind: 'rule', rule: 'vip' },
        {
          kind: 'or',
          children: [
            { kind: 'attribute', facet: 'state', op: 'eq', value: 'CA' },
            { kind: 'purchase', order: { channel: ['web', 'app'] } },
          ],
        },
      ],
    });
  });
});

describe("an analyst's follow-up in numbers and signs", () => {
  function follow(first: string, then: string): UnderstandingResult {
    const engine = testEngine();
    const r = engine.understand(first, CTX);
    if (r.status !== 'segment') throw new Error(`${first}: expected a segment, got ${r.status}`);
    return engine.understand(then, { ...CTX, current: r.segment });
  }

  it('reads ">= 4" and "> 300" against the condition there', () => {
    const orders = follow('customers with at least 2 orders in the last 90 days', '>= 4');
    expect(orders.status === 'segment' && orders.segment.where).toMatchObject({
      kind: 'purchase',
      measure: 'orders',
      threshold: { op: 'gte', value: 4 },
      window: { type: 'last', n: 90, unit: 'day' },
    });
    const spend = follow('customers who spent over $100 in the last 90 days', '> 300');
    expect(spend.status === 'segment' && spend.segment.where).toMatchObject({ threshold: { value: 300 } });
  });

  it('refuses numbers it cannot place rather than answering the segment unchanged', () => {
    expect(follow('women in Texas', '42').status).toBe('refuse');
  });
});
