import { ErrorCode, SmartsegError } from '@smartseg/common';
import { referenceRetailTestCatalog } from '@smartseg/knowledge-store';
import type { Catalog, RuleDef } from '../model/catalog.model';
import { SEGMENT_LIMITS } from '../model/segment.schema';
import type { SegmentNode } from '../model/segment.model';
import { assertValidSegment, verifySegment } from './segment-verifier';
import type { Problem, ProblemCode, VerifyContext, VerifyResult } from './verify-result.model';

const catalog = referenceRetailTestCatalog('2026-06-30');
const ctx: VerifyContext = { catalog, permissions: { pii: false }, asOf: '2026-06-30' };

const verify = (where: unknown, c: VerifyContext = ctx): VerifyResult => verifySegment({ version: 1, where }, c);
const problemsOf = (r: VerifyResult): Problem[] => (r.ok ? [] : r.problems);
const and = (...children: unknown[]) => ({ kind: 'and', children });
const attr = (facet: string, op: unknown, extra: Record<string, unknown> = {}) => ({
  kind: 'attribute',
  facet,
  op,
  ...extra,
});

/** Asserts exactly one problem with this path and code (and message pattern) is among the problems. */
function expectProblem(r: VerifyResult, path: string, code: ProblemCode, message?: RegExp | string): Problem {
  const found = problemsOf(r).filter((p) => p.path === path && p.code === code);
  if (found.length !== 1) {
    throw new Error(`expected one ${code} at ${path}; got:\n${JSON.stringify(problemsOf(r), null, 2)}`);
  }
  if (message !== undefined) {
    if (typeof message === 'string') expect(found[0]!.message).toBe(message);
    else expect(found[0]!.message).toMatch(message);
  }
  return found[0]!;
}

function expectOk(r: VerifyResult): Extract<VerifyResult, { ok: true }> {
  if (!r.ok) throw new Error(`expected ok; got:\n${JSON.stringify(r.problems, null, 2)}`);
  return r;
}

function expectWarning(r: VerifyResult, path: string, code: ProblemCode, message?: RegExp): Problem {
  const found = r.warnings.filter((p) => p.path === path && p.code === code);
  if (found.length !== 1)
    throw new Error(`expected one ${code} warning at ${path}; got ${JSON.stringify(r.warnings, null, 2)}`);
  if (message) expect(found[0]!.message).toMatch(message);
  return found[0]!;
}

const rule = (id: string, definition: SegmentNode): RuleDef => ({
  id,
  label: id,
  description: `${id}.`,
  synonyms: [],
  definition,
});

describe('verifySegment: a valid segment', () => {
  const input = {
    version: 1,
    name: 'Young Californian moms',
    description: 'For the diaper campaign.',
    where: and(
      attr('gender', 'eq', { value: 'female' }),
      attr('age', 'between', { min: 25, max: 40 }),
      attr('state', 'in', { values: ['CA', 'TX'] }),
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
      { kind: 'event', event_type: ['email_open'], window: { type: 'last', n: 2, unit: 'week' } },
      { kind: 'model', model: 'churn_risk', top_percent: 10 },
      { kind: 'rule', rule: 'vip', id: 'vip' },
      { kind: 'birthday', when: 'next_days', days: 7 },
    ),
  };

  it('is accepted with no warnings, and returned as a copy', () => {
    const r = expectOk(verifySegment(input, ctx));
    expect(r.warnings).toEqual([]);
    expect(r.segment).toEqual(input);
    expect(r.segment).not.toBe(input);
    expect(r.segment.where).not.toBe(input.where);
  });

  it('does not need asOf', () => {
    expectOk(verifySegment(input, { catalog, permissions: { pii: false } }));
  });

  it('accepts every business rule of the reference tenant', () => {
    for (const r of catalog.rules) expectOk(verify({ kind: 'rule', rule: r.id }));
  });
});

describe('verifySegment: the segment object', () => {
  it.each([null, undefined, 'segment', 42, true, [], [1, 2], new Date(), () => 1])('refuses %p', (input) => {
    const r = verifySegment(input, ctx);
    expect(r.ok).toBe(false);
    expect(problemsOf(r)).toEqual([expect.objectContaining({ path: '', code: 'INVALID_STRUCTURE' })]);
  });

  it('needs version 1 and where', () => {
    const r = verifySegment({}, ctx);
    expectProblem(r, 'version', 'INVALID_STRUCTURE', 'a segment needs "version"');
    expectProblem(r, 'where', 'INVALID_STRUCTURE', 'a segment needs "where"');
  });

  it('refuses another version', () => {
    expectProblem(
      verifySegment({ version: 2, where: { kind: 'rule', rule: 'vip' } }, ctx),
      'version',
      'INVALID_STRUCTURE',
      /only version is 1/,
    );
    expectProblem(
      verifySegment({ version: '1', where: { kind: 'rule', rule: 'vip' } }, ctx),
      'version',
      'INVALID_STRUCTURE',
    );
  });

  it('refuses extra fields, suggesting the nearest', () => {
    const p = expectProblem(
      verifySegment({ version: 1, wher: {}, where: { kind: 'rule', rule: 'vip' } }, ctx),
      'wher',
      'INVALID_STRUCTURE',
    );
    expect(p.hint).toBe('did you mean "where"?');
  });

  it('says how to wrap a bare node', () => {
    const p = expectProblem(verifySegment({ kind: 'rule', rule: 'vip' }, ctx), 'where', 'INVALID_STRUCTURE');
    expect(p.hint).toMatch(/wrap it/);
  });

  it('checks name and description', () => {
    const r = verifySegment(
      { version: 1, name: 3, description: 'x'.repeat(1001), where: { kind: 'rule', rule: 'vip' } },
      ctx,
    );
    expectProblem(r, 'name', 'INVALID_STRUCTURE', /must be text/);
    expectProblem(r, 'description', 'LIMIT');
  });
});

describe('verifySegment: nodes and groups', () => {
  it('names an unknown kind and the nearest one', () => {
    expectProblem(
      verify({ kind: 'attributes', facet: 'age', op: 'is_known' }),
      'where.kind',
      'INVALID_STRUCTURE',
      /unknown node kind "attributes".*did you mean "attribute"\?/,
    );
  });

  it('guesses the kind of a node without one', () => {
    const p = expectProblem(verify({ facet: 'age', op: 'is_known' }), 'where.kind', 'INVALID_STRUCTURE');
    expect(p.hint).toBe('it has "facet": did you mean "kind": "attribute"?');
  });

  it('refuses a child that is not a node', () => {
    expectProblem(
      verify(and('age > 30', attr('age', 'is_known'))),
      'where.children[0]',
      'INVALID_STRUCTURE',
      /expected a node.*the text "age > 30"/,
    );
  });

  it('needs at least one child in and / or, and warns about a single child', () => {
    expectProblem(
      verify({ kind: 'or', children: [] }),
      'where.children',
      'INVALID_STRUCTURE',
      'an "or" group needs at least one child',
    );
    expectProblem(verify({ kind: 'and' }), 'where.children', 'INVALID_STRUCTURE');
    expectProblem(verify({ kind: 'and', children: { a: 1 } }), 'where.children', 'INVALID_STRUCTURE', /must be a list/);
    const r = expectOk(verify({ kind: 'and', children: [attr('age', 'is_known')] }));
    expectWarning(r, 'where.children', 'INVALID_STRUCTURE', /single child/);
  });

  it('needs the child of a not', () => {
    expectProblem(verify({ kind: 'not' }), 'where.child', 'INVALID_STRUCTURE', 'a "not" group needs "child"');
    expectProblem(
      verify({ kind: 'not', children: [attr('age', 'is_known')] }),
      'where.children',
      'INVALID_STRUCTURE',
      /does not belong/,
    );
  });

  it('refuses extra fields on any node, suggesting the nearest field', () => {
    const p = expectProblem(
      verify({ kind: 'event', event_types: ['email_open'], event_type: ['email_open'] }),
      'where.event_types',
      'INVALID_STRUCTURE',
    );
    expect(p.hint).toBe('did you mean "event_type"?');
  });

  it('needs unique ids', () => {
    const r = verify(and({ ...attr('age', 'is_known'), id: 'a' }, { kind: 'rule', rule: 'vip', id: 'a' }));
    expectProblem(r, 'where.children[1].id', 'INVALID_STRUCTURE', /already used at where.children\[0\]/);
  });

  it('returns every problem, not just the first', () => {
    const r = verify(
      and(
        attr('credit_score', 'gt', { value: 700 }),
        attr('state', 'eq', { value: 'Califronia' }),
        { kind: 'event', event_type: ['email_opened'] },
        { kind: 'model', model: 'churn', level: 'high' },
        { kind: 'rule', rule: 'lapsed' },
        { kind: 'purchase', window: { type: 'last', n: 0, unit: 'day' } },
      ),
    );
    expect(problemsOf(r).map((p) => [p.path, p.code])).toEqual([
      ['where.children[0].facet', 'UNKNOWN_FACET'],
      ['where.children[1].value', 'UNKNOWN_VALUE'],
      ['where.children[2].event_type[0]', 'UNKNOWN_EVENT'],
      ['where.children[3].model', 'UNKNOWN_MODEL'],
      ['where.children[4].rule', 'UNKNOWN_RULE'],
      ['where.children[5].window.n', 'BAD_WINDOW'],
    ]);
  });
});

describe('verifySegment: attribute conditions', () => {
  it('names an unknown facet with the nearest facets', () => {
    const p = expectProblem(verify(attr('credit_score', 'gt', { value: 700 })), 'where.facet', 'UNKNOWN_FACET');
    expect(p.message).toMatch(/^unknown facet "credit_score"; nearest facets: \w+/);
    expect(p.hint).toMatch(/^facets: gender, age, /);
    const q = expectProblem(verify(attr('loyalty_teir', 'eq', { value: 'gold' })), 'where.facet', 'UNKNOWN_FACET');
    expect(q.message).toMatch(/nearest facets: loyalty_tier/);
    expect(q.hint).toBeUndefined();
    expectProblem(verify(attr('Age', 'gt', { value: 3 })), 'where.facet', 'UNKNOWN_FACET', /nearest facets: age/);
  });

  it('says when an unknown facet is really a model, rule, event, product field or measure', () => {
    const hint = (facet: string) => expectProblem(verify(attr(facet, 'is_known')), 'where.facet', 'UNKNOWN_FACET').hint;
    expect(hint('churn_risk')).toMatch(/is a model: use \{"kind": "model"/);
    expect(hint('vip')).toMatch(/is a business rule: use \{"kind": "rule", "rule": "vip"\}/);
    expect(hint('email_open')).toMatch(/is an event type/);
    expect(hint('department')).toMatch(/"item": \{"department"/);
    expect(hint('lifetime_value')).toMatch(/purchase measures/);
    expect(hint('birthday')).toMatch(/"kind": "birthday"/);
    expect(hint('electronics')).toBe(
      '"Electronics" is a department: use {"kind": "purchase", "item": {"department": ["Electronics"]}}',
    );
    expect(hint('Diapers')).toMatch(/is a category/);
    expect(hint('nike')).toMatch(/"Nike" is a brand/);
  });

  it('does not offer personal-data facets as suggestions without the pii permission', () => {
    const without = expectProblem(verify(attr('emial', 'is_known')), 'where.facet', 'UNKNOWN_FACET');
    expect(without.message).not.toMatch(/\bemail\b/);
    const withPii = expectProblem(
      verify(attr('emial', 'is_known'), { ...ctx, permissions: { pii: true } }),
      'where.facet',
      'UNKNOWN_FACET',
    );
    expect(withPii.message).toMatch(/nearest facets: email/);
  });

  it.each(['first_name', 'last_name', 'email', 'phone', 'zip', 'birth_date'])(
    'refuses personal facet %s without the pii permission',
    (facet) => {
      const r = verify(attr(facet, 'is_known'));
      expectProblem(
        r,
        'where.facet',
        'PII_NOT_PERMITTED',
        new RegExp(`facet "${facet}" .* is personal data; using it needs the "pii" permission`),
      );
      expectOk(verify(attr(facet, 'is_known'), { ...ctx, permissions: { pii: true } }));
    },
  );

  it('allows the derived age and birth month without the pii permission', () => {
    expectOk(verify(and(attr('age', 'gt', { value: 30 }), attr('birth_month', 'eq', { value: 3 }))));
  });

  it('refuses an operator the facet does not allow, listing the allowed ones', () => {
    const p = expectProblem(
      verify(attr('state', 'between', { min: 'CA', max: 'TX' })),
      'where.op',
      'BAD_OPERATOR',
      'operator "between" does not apply to facet "state" (enum); allowed: eq, neq, in, not_in, is_unknown, is_known',
    );
    expect(p.hint).toBe('list the values with "in"');
    // the bounds are not reported too: the operator is the problem
    expect(problemsOf(verify(attr('state', 'between', { min: 'CA', max: 'TX' })))).toHaveLength(1);
    expectProblem(verify(attr('email_opt_in', 'in', { values: [true] })), 'where.op', 'BAD_OPERATOR');
    expectProblem(verify(attr('preferred_store_id', 'gt', { value: 3 })), 'where.op', 'BAD_OPERATOR');
  });

  it('names an unknown operator and its spelling', () => {
    const p = expectProblem(
      verify(attr('age', '>', { value: 30 })),
      'where.op',
      'BAD_OPERATOR',
      /unknown operator ">"; operators are: eq, neq/,
    );
    expect(p.hint).toBe('use "gt"');
    expect(expectProblem(verify(attr('age', 'greater_than', { value: 30 })), 'where.op', 'BAD_OPERATOR').hint).toBe(
      'use "gt"',
    );
    expectProblem(verify(attr('age', 7, { value: 30 })), 'where.op', 'BAD_OPERATOR');
  });

  describe('value fields fit the operator', () => {
    it('eq needs value, not values', () => {
      const r = verify(attr('state', 'eq', { values: ['CA'] }));
      expect(
        expectProblem(
          r,
          'where.values',
          'INVALID_STRUCTURE',
          /"values" is not used with operator "eq"; it takes "value"/,
        ).hint,
      ).toMatch(/op "in"/);
      expectProblem(r, 'where.value', 'INVALID_STRUCTURE', 'operator "eq" needs "value"');
    });

    it('in / not_in need a non-empty values list', () => {
      expectProblem(
        verify(attr('state', 'in', { value: 'CA' })),
        'where.values',
        'INVALID_STRUCTURE',
        'operator "in" needs "values"',
      );
      expectProblem(verify(attr('state', 'not_in', { values: [] })), 'where.values', 'INVALID_STRUCTURE', /empty list/);
      expectProblem(
        verify(attr('state', 'in', { values: 'CA' })),
        'where.values',
        'INVALID_STRUCTURE',
        /must be a list/,
      );
    });

    it('between needs min <= max', () => {
      expectProblem(verify(attr('age', 'between', { min: 40 })), 'where.max', 'INVALID_STRUCTURE');
      const p = expectProblem(
        verify(attr('age', 'between', { min: 40, max: 30 })),
        'where.min',
        'BAD_VALUE',
        /min 40 is greater than max 30/,
      );
      expect(p.hint).toBe('swap min and max');
      expectOk(verify(attr('age', 'between', { min: 30, max: 30 })));
      expectProblem(
        verify(attr('signup_date', 'between', { min: '2026-02-01', max: '2026-01-01' })),
        'where.min',
        'BAD_VALUE',
      );
    });

    it('is_unknown / is_known take no value', () => {
      expectProblem(
        verify(attr('age', 'is_unknown', { value: 3 })),
        'where.value',
        'INVALID_STRUCTURE',
        /takes no value/,
      );
    });

    it('values are scalars', () => {
      expectProblem(
        verify(attr('age', 'eq', { value: { n: 3 } })),
        'where.value',
        'BAD_VALUE',
        /text, a number or true\/false; got an object/,
      );
      expectProblem(verify(attr('age', 'eq', { value: null })), 'where.value', 'BAD_VALUE');
      expectProblem(verify(attr('age', 'in', { values: [30, [31]] })), 'where.values[1]', 'BAD_VALUE');
    });
  });

  describe('values fit the facet type', () => {
    it('numbers', () => {
      const p = expectProblem(
        verify(attr('age', 'gt', { value: '30' })),
        'where.value',
        'BAD_VALUE',
        'facet "age" holds numbers; got the text "30"',
      );
      expect(p.hint).toBe('write 30 without quotes');
      expectProblem(verify(attr('age', 'gt', { value: Number.NaN })), 'where.value', 'BAD_VALUE');
      expectProblem(verify(attr('age', 'gt', { value: Infinity })), 'where.value', 'BAD_VALUE');
    });

    it('a number outside the data range is only a warning', () => {
      const r = expectOk(verify(attr('age', 'gt', { value: 150 })));
      expectWarning(r, 'where.value', 'BAD_VALUE', /150 is outside the range of "age" in the data \(18 to 90\)/);
      const b = expectOk(verify(attr('birth_month', 'in', { values: [3, 13] })));
      expectWarning(b, 'where.values[1]', 'BAD_VALUE');
    });

    it('booleans', () => {
      const p = expectProblem(
        verify(attr('email_opt_in', 'eq', { value: 'true' })),
        'where.value',
        'BAD_VALUE',
        /is true\/false/,
      );
      expect(p.hint).toBe('write true without quotes');
      expectOk(verify(attr('email_opt_in', 'neq', { value: false })));
    });

    it('dates are real calendar dates written YYYY-MM-DD', () => {
      expectOk(verify(attr('signup_date', 'gte', { value: '2024-02-29' })));
      for (const bad of ['2026-02-30', '2025-02-29', '03/01/2026', '2026-1-1', '2026-13-01', 20260101]) {
        expectProblem(verify(attr('signup_date', 'gte', { value: bad })), 'where.value', 'BAD_VALUE', /YYYY-MM-DD/);
      }
    });

    it('enum values must be spelled exactly, with the nearest suggested', () => {
      expectProblem(
        verify(attr('state', 'eq', { value: 'Califronia' })),
        'where.value',
        'UNKNOWN_VALUE',
        'value "Califronia" is not a value of "state"; did you mean "CA" (California)?',
      );
      const lower = expectProblem(
        verify(attr('state', 'eq', { value: 'ca' })),
        'where.value',
        'UNKNOWN_VALUE',
        /did you mean "CA" \(California\)\?/,
      );
      expect(lower.hint).toBe('values are codes spelled exactly: use "CA"');
      expect(
        expectProblem(verify(attr('state', 'in', { values: ['TX', 'California'] })), 'where.values[1]', 'UNKNOWN_VALUE')
          .hint,
      ).toBe('values are codes spelled exactly: use "CA"');
      expect(expectProblem(verify(attr('gender', 'eq', { value: 'women' })), 'where.value', 'UNKNOWN_VALUE').hint).toBe(
        'values are codes spelled exactly: use "female"',
      );
      expectProblem(
        verify(attr('loyalty_tier', 'eq', { value: 'platnum' })),
        'where.value',
        'UNKNOWN_VALUE',
        /did you mean "platinum"\?/,
      );
    });

    it('lists the values when nothing is near', () => {
      expectProblem(
        verify(attr('loyalty_tier', 'eq', { value: 'diamond' })),
        'where.value',
        'UNKNOWN_VALUE',
        /values: none \(no loyalty tier\), silver, gold, platinum$/,
      );
    });

    it('an unlisted value of an open text facet (city) is only a warning', () => {
      const r = expectOk(verify(attr('city', 'eq', { value: 'Springfield' })));
      expectWarning(r, 'where.value', 'UNKNOWN_VALUE');
      expectOk(verify(attr('city', 'in', { values: ['Austin', 'Boston'] })));
    });
  });
});

describe('verifySegment: purchases', () => {
  const purchase = (extra: Record<string, unknown>) => ({ kind: 'purchase', ...extra });

  it('checks departments, categories and brands, suggesting exact spellings', () => {
    const r = verify(
      purchase({ item: { department: ['electronics', 'Toyz'], category: ['Diaper'], brand: ['Levis'] } }),
    );
    expectProblem(
      r,
      'where.item.department[0]',
      'UNKNOWN_VALUE',
      'unknown department "electronics"; did you mean "Electronics"?',
    );
    expectProblem(r, 'where.item.department[1]', 'UNKNOWN_VALUE', /did you mean "Toys"\?/);
    expectProblem(r, 'where.item.category[0]', 'UNKNOWN_VALUE', /did you mean "Diapers"/);
    expectProblem(r, 'where.item.brand[0]', 'UNKNOWN_VALUE', /did you mean "Levi's"/);
  });

  it('a category outside the named departments is a contradiction', () => {
    const p = expectProblem(
      verify(purchase({ item: { department: ['Baby'], category: ['Diapers', 'TVs'] } })),
      'where.item.category[1]',
      'CONTRADICTION',
      'category "TVs" is not in department "Baby" (it is in Electronics), so no product matches',
    );
    expect(p.hint).toMatch(/add "Electronics"/);
    expectOk(verify(purchase({ item: { department: ['Baby', 'Electronics'], category: ['Diapers', 'TVs'] } })));
    expectOk(verify(purchase({ item: { category: ['TVs'] } })));
  });

  it('warns when a brand is not sold in the named departments', () => {
    const r = expectOk(verify(purchase({ item: { department: ['Baby'], brand: ['Apple'] } })));
    expectWarning(r, 'where.item.brand[0]', 'CONTRADICTION');
    const pl = expectOk(verify(purchase({ item: { brand: ['Nike'], private_label: true } })));
    expectWarning(pl, 'where.item.private_label', 'CONTRADICTION');
  });

  it('product ids are positive whole numbers', () => {
    const r = verify(purchase({ item: { product_id: [12, 0, 1.5, '7', -3] } }));
    for (const i of [1, 2, 3, 4]) expectProblem(r, `where.item.product_id[${i}]`, 'BAD_VALUE');
    expect(problemsOf(r)).toHaveLength(4);
  });

  it('item filter shape', () => {
    expectProblem(verify(purchase({ item: 'Baby' })), 'where.item', 'INVALID_STRUCTURE');
    expectProblem(
      verify(purchase({ item: { department: 'Baby' } })),
      'where.item.department',
      'INVALID_STRUCTURE',
      'department must be a list',
    );
    expectProblem(verify(purchase({ item: { organic: 'yes' } })), 'where.item.organic', 'BAD_VALUE');
    expectProblem(verify(purchase({ item: { dept: ['Baby'] } })), 'where.item.dept', 'INVALID_STRUCTURE');
    expectWarning(expectOk(verify(purchase({ item: {} }))), 'where.item', 'INVALID_STRUCTURE', /empty/);
  });

  it('order filter values come from the spec domains', () => {
    const r = verify(
      purchase({
        order: {
          channel: ['online'],
          fulfillment: ['curbside'],
          payment_method: ['credit'],
          status: 'refunded',
          coupon_used: 'yes',
          store_id: [0],
        },
      }),
    );
    expect(expectProblem(r, 'where.order.channel[0]', 'UNKNOWN_VALUE').hint).toBe('online means ["web", "app"]');
    expect(expectProblem(r, 'where.order.fulfillment[0]', 'UNKNOWN_VALUE').hint).toBe('curbside is "pickup"');
    expectProblem(r, 'where.order.payment_method[0]', 'UNKNOWN_VALUE', /did you mean "credit_card"\?/);
    expectProblem(
      r,
      'where.order.status',
      'UNKNOWN_VALUE',
      /status must be one of "completed", "returned", "cancelled"/,
    );
    expectProblem(r, 'where.order.coupon_used', 'BAD_VALUE');
    expectProblem(r, 'where.order.store_id[0]', 'BAD_VALUE');
    expectProblem(
      verify(purchase({ order: { status: ['returned'] } })),
      'where.order.status',
      'INVALID_STRUCTURE',
      /one value, not a list/,
    );
    expectOk(
      verify(
        purchase({
          order: {
            channel: ['web', 'app'],
            fulfillment: ['pickup'],
            status: 'returned',
            coupon_used: true,
            store_id: [4],
          },
        }),
      ),
    );
  });

  it('measures and thresholds', () => {
    expectProblem(
      verify(purchase({ measure: 'revenue' })),
      'where.measure',
      'BAD_VALUE',
      /measure must be one of "orders", "spend", "avg_order_value", "quantity"/,
    );
    expectProblem(
      verify(purchase({ threshold: { op: 'gte', value: 2.5 } })),
      'where.threshold.value',
      'BAD_VALUE',
      /count is a whole number/,
    );
    expectProblem(
      verify(purchase({ measure: 'quantity', threshold: { op: 'gte', value: -1 } })),
      'where.threshold.value',
      'BAD_VALUE',
    );
    expectProblem(
      verify(purchase({ measure: 'spend', threshold: { op: 'gt', value: -5 } })),
      'where.threshold.value',
      'BAD_VALUE',
      /money cannot be negative/,
    );
    expectOk(verify(purchase({ measure: 'spend', threshold: { op: 'gt', value: 499.99 } })));
    expectOk(verify(purchase({ measure: 'orders', threshold: { op: 'lt', value: 1 } })));
    expectWarning(
      expectOk(verify(purchase({ measure: 'avg_order_value' }))),
      'where.threshold',
      'INVALID_STRUCTURE',
      /at least \$1/,
    );
  });
});

describe('verifySegment: thresholds', () => {
  const t = (threshold: unknown) => verify({ kind: 'purchase', measure: 'spend', threshold });

  it('need a known op', () => {
    expect(expectProblem(t({ op: 'ge', value: 3 }), 'where.threshold.op', 'BAD_OPERATOR').hint).toBe('use "gte"');
    expectProblem(t({ value: 3 }), 'where.threshold.op', 'INVALID_STRUCTURE');
    expectProblem(t({ op: 'in', values: [3] }), 'where.threshold.op', 'BAD_OPERATOR');
  });

  it('need the fields of their op', () => {
    expectProblem(t({ op: 'gt' }), 'where.threshold.value', 'INVALID_STRUCTURE');
    expectProblem(t({ op: 'between', value: 3, min: 1, max: 5 }), 'where.threshold.value', 'INVALID_STRUCTURE');
    expectProblem(t({ op: 'between', min: 1 }), 'where.threshold.max', 'INVALID_STRUCTURE');
  });

  it('need finite numbers and min <= max', () => {
    expectProblem(t({ op: 'gt', value: Infinity }), 'where.threshold.value', 'BAD_VALUE', /finite number/);
    expect(expectProblem(t({ op: 'gt', value: '500' }), 'where.threshold.value', 'BAD_VALUE').hint).toBe(
      'write 500 without quotes',
    );
    expectProblem(
      t({ op: 'between', min: 500, max: 100 }),
      'where.threshold.min',
      'BAD_VALUE',
      /min 500 is greater than max 100/,
    );
    expectOk(t({ op: 'between', min: 100, max: 100 }));
  });

  it('must be an object', () => {
    expectProblem(t(500), 'where.threshold', 'INVALID_STRUCTURE');
  });
});

describe('verifySegment: events', () => {
  it('event types exist, with suggestions', () => {
    expectProblem(
      verify({ kind: 'event', event_type: ['email_opened'] }),
      'where.event_type[0]',
      'UNKNOWN_EVENT',
      /unknown event type "email_opened"; did you mean "email_open"/,
    );
    expectProblem(
      verify({ kind: 'event', event_type: ['opened an email'] }),
      'where.event_type[0]',
      'UNKNOWN_EVENT',
      /did you mean "email_open"/,
    );
    expect(
      expectProblem(verify({ kind: 'event', event_type: ['zzqx'] }), 'where.event_type[0]', 'UNKNOWN_EVENT').hint,
    ).toMatch(/^event types: email_sent/);
  });

  it('event_type is a non-empty list', () => {
    expect(
      expectProblem(verify({ kind: 'event', event_type: 'email_open' }), 'where.event_type', 'INVALID_STRUCTURE').hint,
    ).toBe('write ["email_open"]');
    expectProblem(verify({ kind: 'event', event_type: [] }), 'where.event_type', 'INVALID_STRUCTURE');
    expectProblem(verify({ kind: 'event' }), 'where.event_type', 'INVALID_STRUCTURE');
  });

  it('item only for event types about products', () => {
    expectProblem(
      verify({ kind: 'event', event_type: ['product_view', 'email_open'], item: { department: ['Baby'] } }),
      'where.item',
      'BAD_VALUE',
      '"email_open" is not about a product, so "item" cannot filter it; event types about products: product_view, add_to_cart, cart_abandon, review',
    );
    expectOk(verify({ kind: 'event', event_type: ['product_view', 'cart_abandon'], item: { department: ['Baby'] } }));
  });

  it('counts events with whole numbers', () => {
    expectProblem(
      verify({ kind: 'event', event_type: ['web_visit'], threshold: { op: 'gt', value: 0.5 } }),
      'where.threshold.value',
      'BAD_VALUE',
    );
    expectOk(
      verify({
        kind: 'event',
        event_type: ['web_visit'],
        threshold: { op: 'between', min: 2, max: 5 },
        window: { type: 'this', unit: 'month' },
      }),
    );
  });
});

describe('verifySegment: models', () => {
  const model = (extra: Record<string, unknown>) => verify({ kind: 'model', model: 'churn_risk', ...extra });

  it('models exist, with suggestions', () => {
    expectProblem(
      verify({ kind: 'model', model: 'churn', level: 'high' }),
      'where.model',
      'UNKNOWN_MODEL',
      'unknown model "churn"; did you mean "churn_risk"?',
    );
    expectProblem(
      verify({ kind: 'model', model: 'clv', level: 'high' }),
      'where.model',
      'UNKNOWN_MODEL',
      /predicted_clv_12m/,
    );
  });

  it('exactly one of score, decile, top_percent, bottom_percent, level', () => {
    expectProblem(
      model({}),
      'where',
      'INVALID_STRUCTURE',
      'a model condition needs exactly one of: score, decile, top_percent, bottom_percent, level',
    );
    expectProblem(model({ level: 'high', top_percent: 10 }), 'where', 'INVALID_STRUCTURE', /got top_percent and level/);
  });

  it('deciles are whole numbers 1-10', () => {
    expectProblem(
      model({ decile: { op: 'eq', value: 11 } }),
      'where.decile.value',
      'BAD_VALUE',
      /decile is a whole number from 1/,
    );
    expectProblem(model({ decile: { op: 'gt', value: 0 } }), 'where.decile.value', 'BAD_VALUE');
    expectProblem(model({ decile: { op: 'gte', value: 7.5 } }), 'where.decile.value', 'BAD_VALUE');
    expectOk(model({ decile: { op: 'between', min: 8, max: 10 } }));
  });

  it('top / bottom percent in (0, 100]', () => {
    expectProblem(model({ top_percent: 0 }), 'where.top_percent', 'BAD_VALUE');
    expectProblem(model({ bottom_percent: 101 }), 'where.bottom_percent', 'BAD_VALUE');
    expectProblem(model({ top_percent: '10' }), 'where.top_percent', 'BAD_VALUE');
    expectOk(model({ top_percent: 100 }));
    expectOk(model({ top_percent: 0.5 }));
  });

  it('scores follow the model scale', () => {
    const p = expectProblem(
      model({ score: { op: 'gte', value: 80 } }),
      'where.score.value',
      'BAD_VALUE',
      "this model's score is a probability from 0 to 1; got 80",
    );
    expect(p.hint).toMatch(/write 0.8/);
    expectOk(model({ score: { op: 'between', min: 0, max: 1 } }));
    expectOk(verify({ kind: 'model', model: 'predicted_clv_12m', score: { op: 'gt', value: 1000 } }));
    expectProblem(
      verify({ kind: 'model', model: 'predicted_clv_12m', score: { op: 'gt', value: -1 } }),
      'where.score.value',
      'BAD_VALUE',
      /dollars/,
    );
  });

  it('levels are high, medium, low', () => {
    expectProblem(model({ level: 'very_high' }), 'where.level', 'BAD_VALUE', /did you mean "high"/);
  });
});

describe('verifySegment: birthdays', () => {
  it('when and days', () => {
    expectOk(verify({ kind: 'birthday', when: 'today' }));
    expectProblem(verify({ kind: 'birthday', when: 'next_days' }), 'where.days', 'INVALID_STRUCTURE');
    expectProblem(verify({ kind: 'birthday', when: 'next_days', days: 400 }), 'where.days', 'BAD_VALUE');
    expectProblem(verify({ kind: 'birthday', when: 'next_days', days: 2.5 }), 'where.days', 'BAD_VALUE');
    expectProblem(
      verify({ kind: 'birthday', when: 'this_month', days: 3 }),
      'where.days',
      'INVALID_STRUCTURE',
      /only used with "when": "next_days"/,
    );
    expectProblem(
      verify({ kind: 'birthday', when: 'this month' }),
      'where.when',
      'BAD_VALUE',
      /did you mean "this_month"/,
    );
    expectProblem(verify({ kind: 'birthday', when: 'this_week' }), 'where.when', 'BAD_VALUE', /when must be one of/);
  });
});

describe('verifySegment: rules', () => {
  it('rules exist, with suggestions from ids, labels and synonyms', () => {
    expectProblem(
      verify({ kind: 'rule', rule: 'lapsed' }),
      'where.rule',
      'UNKNOWN_RULE',
      /unknown rule "lapsed"; did you mean "lapsed_customer"/,
    );
    expectProblem(verify({ kind: 'rule', rule: 'VIP' }), 'where.rule', 'UNKNOWN_RULE', /did you mean "vip"/);
  });

  it('a recursive rule in the catalog cannot be used', () => {
    const c: Catalog = {
      ...catalog,
      rules: [...catalog.rules, rule('loop', { kind: 'not', child: { kind: 'rule', rule: 'loop' } })],
    };
    expectProblem(
      verify({ kind: 'rule', rule: 'loop' }, { ...ctx, catalog: c }),
      'where.rule',
      'UNKNOWN_RULE',
      /refers to itself \(loop -> loop\)/,
    );
  });

  it('a rule whose definition does not fit the catalog or the caller cannot be used', () => {
    const c: Catalog = {
      ...catalog,
      rules: [
        ...catalog.rules,
        rule('zip_90210', { kind: 'attribute', facet: 'zip', op: 'eq', value: '90210' }),
        rule('broken', {
          kind: 'and',
          children: [
            { kind: 'attribute', facet: 'age', op: 'gt', value: 30 },
            { kind: 'model', model: 'gone', level: 'high' },
          ],
        }),
      ],
    };
    const c2 = { ...ctx, catalog: c };
    expectProblem(
      verify({ kind: 'rule', rule: 'zip_90210' }, c2),
      'where.rule',
      'PII_NOT_PERMITTED',
      /rule "zip_90210" cannot be used: its definition has a problem at definition.facet/,
    );
    expectOk(verify({ kind: 'rule', rule: 'zip_90210' }, { ...c2, permissions: { pii: true } }));
    expectProblem(
      verify({ kind: 'rule', rule: 'broken' }, c2),
      'where.rule',
      'UNKNOWN_MODEL',
      /definition.children\[1\].model: unknown model "gone"/,
    );
  });
});

describe('verifySegment: windows', () => {
  const w = (window: unknown, c: VerifyContext = ctx) => verify({ kind: 'purchase', window }, c);

  it('accepts every window type', () => {
    for (const window of [
      { type: 'last', n: 90, unit: 'day' },
      { type: 'this', unit: 'quarter' },
      { type: 'year', year: 2025 },
      { type: 'month', year: 2026, month: 6 },
      { type: 'before', date: '2027-01-01' },
      { type: 'since', date: '2026-06-30' },
      { type: 'between', from: '2026-01-01', to: '2026-12-31' },
      { type: 'older_than', n: 6, unit: 'month' },
    ]) {
      expectOk(w(window));
    }
  });

  it('type and fields', () => {
    expectProblem(
      w({ type: 'past', n: 3, unit: 'day' }),
      'where.window.type',
      'BAD_WINDOW',
      /unknown window type "past"; one of: last, this/,
    );
    expectProblem(w({ n: 3, unit: 'day' }), 'where.window.type', 'BAD_WINDOW', /needs a "type"/);
    expectProblem(w({ type: 'last', n: 3 }), 'where.window.unit', 'BAD_WINDOW', 'a "last" window needs "unit"');
    expectProblem(
      w({ type: 'year', year: 2025, month: 3 }),
      'where.window.month',
      'BAD_WINDOW',
      /does not belong in a "year" window/,
    );
    expectProblem(w('last 90 days'), 'where.window', 'BAD_WINDOW');
  });

  it('n is a positive whole number up to 100 years', () => {
    expectProblem(w({ type: 'last', n: 0, unit: 'day' }), 'where.window.n', 'BAD_WINDOW', /positive whole number/);
    expectProblem(w({ type: 'last', n: 1.5, unit: 'month' }), 'where.window.n', 'BAD_WINDOW');
    expectProblem(w({ type: 'older_than', n: -2, unit: 'week' }), 'where.window.n', 'BAD_WINDOW');
    expectProblem(w({ type: 'last', n: 101, unit: 'year' }), 'where.window.n', 'BAD_WINDOW', /more than 100 years/);
    expectProblem(w({ type: 'last', n: 1201, unit: 'month' }), 'where.window.n', 'BAD_WINDOW');
    expectOk(w({ type: 'last', n: 1200, unit: 'month' }));
  });

  it('units', () => {
    expect(expectProblem(w({ type: 'last', n: 3, unit: 'days' }), 'where.window.unit', 'BAD_WINDOW').hint).toBe(
      'use the singular: "day"',
    );
    expect(expectProblem(w({ type: 'last', n: 1, unit: 'quarter' }), 'where.window.unit', 'BAD_WINDOW').hint).toMatch(
      /3 months/,
    );
    expect(expectProblem(w({ type: 'this', unit: 'week' }), 'where.window.unit', 'BAD_WINDOW').hint).toMatch(
      /"type": "last", "n": 1, "unit": "week"/,
    );
  });

  it('months, years and dates', () => {
    expectProblem(
      w({ type: 'month', year: 2026, month: 13 }),
      'where.window.month',
      'BAD_WINDOW',
      /1 \(January\) to 12 \(December\)/,
    );
    expectProblem(w({ type: 'month', year: 2026, month: 0 }), 'where.window.month', 'BAD_WINDOW');
    expectProblem(w({ type: 'year', year: 1850 }), 'where.window.year', 'BAD_WINDOW', /outside 1900-2100/);
    expectProblem(w({ type: 'year', year: 2025.5 }), 'where.window.year', 'BAD_WINDOW');
    expectProblem(w({ type: 'before', date: '2026-02-29' }), 'where.window.date', 'BAD_WINDOW', /YYYY-MM-DD/);
    expectProblem(w({ type: 'since', date: '1800-01-01' }), 'where.window.date', 'BAD_WINDOW', /outside the years/);
    expect(
      expectProblem(
        w({ type: 'between', from: '2026-03-01', to: '2026-01-01' }),
        'where.window',
        'BAD_WINDOW',
        /starts \(2026-03-01\) after it ends/,
      ).hint,
    ).toBe('swap "from" and "to"');
  });

  it('a window entirely after the as-of date is refused', () => {
    expectProblem(
      w({ type: 'year', year: 2027 }),
      'where.window.year',
      'BAD_WINDOW',
      'the year 2027 is entirely after the as-of date 2026-06-30, so nothing can have happened in it',
    );
    expectProblem(
      w({ type: 'month', year: 2026, month: 7 }),
      'where.window',
      'BAD_WINDOW',
      /month 2026-07 is entirely after/,
    );
    expectProblem(w({ type: 'since', date: '2026-07-01' }), 'where.window.date', 'BAD_WINDOW');
    expectProblem(w({ type: 'between', from: '2026-07-01', to: '2026-08-01' }), 'where.window.from', 'BAD_WINDOW');
    expectOk(w({ type: 'between', from: '2026-06-01', to: '2026-08-01' }));
    expectOk(w({ type: 'year', year: 2027 }, { catalog, permissions: { pii: false } }));
  });
});

describe('verifySegment: contradictions in one AND group', () => {
  const contradiction = (r: VerifyResult) => problemsOf(r).filter((p) => p.code === 'CONTRADICTION');

  it('numeric ranges that cannot overlap', () => {
    expectProblem(
      verify(and(attr('age', 'gt', { value: 60 }), attr('age', 'lt', { value: 30 }))),
      'where.children[1]',
      'CONTRADICTION',
      '"age < 30" contradicts "age > 60" at where.children[0]: no customer can match both, so this AND group matches no one',
    );
    expectProblem(
      verify(and(attr('age', 'between', { min: 30, max: 40 }), attr('age', 'gt', { value: 50 }))),
      'where.children[1]',
      'CONTRADICTION',
    );
    expectProblem(
      verify(
        and(
          attr('days_since_last_purchase', 'lte', { value: 90 }),
          attr('days_since_last_purchase', 'gt', { value: 365 }),
        ),
      ),
      'where.children[1]',
      'CONTRADICTION',
    );
    expectProblem(
      verify(and(attr('age', 'gt', { value: 30 }), attr('age', 'lte', { value: 30 }))),
      'where.children[1]',
      'CONTRADICTION',
    );
    expectOk(verify(and(attr('age', 'gte', { value: 30 }), attr('age', 'lte', { value: 30 }))));
    expectOk(verify(and(attr('age', 'gt', { value: 30 }), attr('age', 'lt', { value: 40 }))));
  });

  it('date ranges', () => {
    expectProblem(
      verify(
        and(attr('signup_date', 'gt', { value: '2026-01-01' }), attr('signup_date', 'lt', { value: '2025-01-01' })),
      ),
      'where.children[1]',
      'CONTRADICTION',
    );
  });

  it('rules are expanded to compare ranges ("active AND churned")', () => {
    expectProblem(
      verify(
        and({ kind: 'rule', rule: 'active_customer' }, attr('state', 'eq', { value: 'TX' }), {
          kind: 'rule',
          rule: 'churned_customer',
        }),
      ),
      'where.children[2]',
      'CONTRADICTION',
      'rule "churned_customer" (days_since_last_purchase > 365) contradicts rule "active_customer" (days_since_last_purchase <= 90) at where.children[0]: no customer can match both, so this AND group matches no one',
    );
    expectProblem(
      verify(and({ kind: 'rule', rule: 'lapsed_customer' }, attr('days_since_last_purchase', 'lt', { value: 30 }))),
      'where.children[1]',
      'CONTRADICTION',
      /"days_since_last_purchase < 30" contradicts rule "lapsed_customer"/,
    );
    expectProblem(
      verify(and({ kind: 'rule', rule: 'reachable_push' }, attr('device_os', 'eq', { value: 'none' }))),
      'where.children[1]',
      'CONTRADICTION',
    );
    expectOk(verify(and({ kind: 'rule', rule: 'lapsed_customer' }, { kind: 'rule', rule: 'vip' })));
  });

  it('different values of one single-valued facet', () => {
    expectProblem(
      verify(and(attr('state', 'eq', { value: 'CA' }), attr('state', 'eq', { value: 'TX' }))),
      'where.children[1]',
      'CONTRADICTION',
      /"state = "TX"" contradicts "state = "CA""/,
    );
    expectProblem(
      verify(and(attr('state', 'in', { values: ['CA', 'TX'] }), attr('state', 'eq', { value: 'NY' }))),
      'where.children[1]',
      'CONTRADICTION',
    );
    expectProblem(
      verify(and(attr('email_opt_in', 'eq', { value: true }), attr('email_opt_in', 'eq', { value: false }))),
      'where.children[1]',
      'CONTRADICTION',
    );
    expectOk(verify(and(attr('state', 'in', { values: ['CA', 'TX'] }), attr('state', 'eq', { value: 'CA' }))));
    expectProblem(
      verify(and(attr('age', 'in', { values: [20, 25] }), attr('age', 'gt', { value: 60 }))),
      'where.children[1]',
      'CONTRADICTION',
    );
  });

  it('a value and its exclusion', () => {
    expectProblem(
      verify(and(attr('state', 'eq', { value: 'CA' }), attr('state', 'neq', { value: 'CA' }))),
      'where.children[1]',
      'CONTRADICTION',
    );
    expectProblem(
      verify(and(attr('state', 'not_in', { values: ['CA', 'TX'] }), attr('state', 'in', { values: ['TX', 'CA'] }))),
      'where.children[1]',
      'CONTRADICTION',
    );
    expectOk(verify(and(attr('state', 'neq', { value: 'CA' }), attr('state', 'in', { values: ['CA', 'TX'] }))));
  });

  it('unknown and a value', () => {
    expectProblem(
      verify(and(attr('age', 'is_unknown'), attr('age', 'gt', { value: 30 }))),
      'where.children[1]',
      'CONTRADICTION',
    );
    expectProblem(
      verify(and(attr('state', 'is_known'), attr('state', 'is_unknown'))),
      'where.children[1]',
      'CONTRADICTION',
    );
  });

  it('a condition and its exact negation (ids ignored)', () => {
    const bought = { kind: 'purchase', item: { department: ['Baby'] }, window: { type: 'last', n: 90, unit: 'day' } };
    expectProblem(
      verify(and({ ...bought, id: 'a' }, { kind: 'not', child: { ...bought, id: 'b' } })),
      'where.children[1]',
      'CONTRADICTION',
      'this is the exact negation of the condition at where.children[0]; an AND of both matches no one',
    );
    expectOk(verify(and(bought, { kind: 'not', child: { ...bought, window: { type: 'last', n: 30, unit: 'day' } } })));
  });

  it('only inside AND: the same conditions in an OR are fine', () => {
    expectOk(verify({ kind: 'or', children: [attr('age', 'gt', { value: 60 }), attr('age', 'lt', { value: 30 })] }));
  });

  it('only direct siblings are compared', () => {
    expectOk(
      verify(
        and(
          attr('age', 'gt', { value: 60 }),
          and(attr('age', 'lt', { value: 30 }), attr('state', 'eq', { value: 'CA' })),
        ),
      ),
    );
  });

  it('not reported on top of other problems of the same conditions', () => {
    const r = verify(and(attr('age', 'gt', { value: 60 }), attr('age', 'lt', { value: '30' })));
    expect(contradiction(r)).toEqual([]);
    expect(problemsOf(r)).toHaveLength(1);
  });

  it('each contradicting pair is reported once', () => {
    const r = verify(
      and(attr('age', 'gt', { value: 60 }), attr('age', 'lt', { value: 30 }), attr('age', 'lt', { value: 20 })),
    );
    expect(contradiction(r).map((p) => p.path)).toEqual(['where.children[1]', 'where.children[2]']);
  });
});

describe('verifySegment: limits against hostile input', () => {
  const nest = (levels: number): unknown => {
    let node: unknown = attr('age', 'is_known');
    for (let i = 1; i < levels; i++) node = { kind: 'not', child: node };
    return node;
  };

  it(`nesting up to ${SEGMENT_LIMITS.maxDepth} levels`, () => {
    expectOk(verify(nest(SEGMENT_LIMITS.maxDepth)));
    const r = verify(nest(SEGMENT_LIMITS.maxDepth + 1));
    expect(problemsOf(r)).toEqual([
      expect.objectContaining({ code: 'LIMIT', message: expect.stringMatching(/more than 12 levels/) }),
    ]);
  });

  it('very deep input returns quickly with a LIMIT problem', () => {
    const started = Date.now();
    const r = verify(nest(100_000));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(problemsOf(r)[0]!.code).toBe('LIMIT');
  });

  it(`at most ${SEGMENT_LIMITS.maxConditions} conditions`, () => {
    const many = (n: number) => ({
      kind: 'or',
      children: Array.from({ length: n }, (_, i) => attr('age', 'eq', { value: 20 + (i % 50) })),
    });
    expectOk(verify(many(SEGMENT_LIMITS.maxConditions)));
    const r = verify(many(SEGMENT_LIMITS.maxConditions + 1));
    expect(problemsOf(r)).toEqual([expect.objectContaining({ path: 'where.children[200]', code: 'LIMIT' })]);
  });

  it('huge inputs stay fast and bounded', () => {
    const started = Date.now();
    const r = verify({
      kind: 'and',
      children: Array.from({ length: 50_000 }, () => attr('x'.repeat(150), 'eq', { value: 'y'.repeat(150) })),
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(problemsOf(r).length).toBeLessThanOrEqual(100);
    expect(r.warnings.at(-1)).toMatchObject({
      code: 'LIMIT',
      message: expect.stringMatching(/stopped after 100 problems/),
    });
  });

  it('strings over 200 characters and lists over 500 items', () => {
    expectProblem(
      verify(attr('a'.repeat(201), 'is_known')),
      'where.facet',
      'LIMIT',
      /201 characters long; the limit is 200/,
    );
    expectProblem(verify(attr('city', 'eq', { value: 'b'.repeat(201) })), 'where.value', 'LIMIT');
    expectProblem(
      verify(attr('age', 'in', { values: Array.from({ length: 501 }, (_, i) => i) })),
      'where.values',
      'LIMIT',
    );
    expectProblem(verify({ kind: 'rule', rule: 'vip', id: 'i'.repeat(300) }), 'where.id', 'LIMIT');
  });

  it('cyclic objects', () => {
    const node: Record<string, unknown> = { kind: 'and' };
    node.children = [node, node];
    const r = verify(node);
    expect(r.ok).toBe(false);
    expect(problemsOf(r).some((p) => p.code === 'LIMIT')).toBe(true);
  });

  it('objects whose properties throw', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
        getPrototypeOf() {
          return Object.prototype;
        },
      },
    );
    const r = verifySegment({ version: 1, where: hostile }, ctx);
    expect(r.ok).toBe(false);
    expect(problemsOf(r)[0]).toMatchObject({
      code: 'INVALID_STRUCTURE',
      message: expect.stringMatching(/could not be read \(boom\)/),
    });
  });

  it('class instances and non-JSON values are not segments', () => {
    class Node {
      kind = 'birthday';
      when = 'today';
    }
    expectProblem(verify(new Node()), 'where', 'INVALID_STRUCTURE');
    expectProblem(verify(attr('age', 'eq', { value: 10n })), 'where.value', 'BAD_VALUE');
    expectProblem(verify(attr('age', 'eq', { value: Symbol('x') })), 'where.value', 'BAD_VALUE');
  });

  it('odd keys in paths are quoted', () => {
    expectProblem(verify({ kind: 'birthday', when: 'today', 'bad key': 1 }), 'where["bad key"]', 'INVALID_STRUCTURE');
  });
});

describe('assertValidSegment', () => {
  it('returns the segment when valid', () => {
    const s = assertValidSegment({ version: 1, where: { kind: 'rule', rule: 'vip' } }, ctx);
    expect(s).toEqual({ version: 1, where: { kind: 'rule', rule: 'vip' } });
  });

  const thrown = (input: unknown, c: VerifyContext = ctx): SmartsegError => {
    try {
      assertValidSegment(input, c);
    } catch (err) {
      expect(err).toBeInstanceOf(SmartsegError);
      return err as SmartsegError;
    }
    throw new Error('did not throw');
  };

  it('throws INVALID_SEGMENT with every problem in the details', () => {
    const err = thrown({ version: 1, where: and(attr('age', 'gt', { value: 'x' }), { kind: 'rule', rule: 'nope' }) });
    expect(err.code).toBe(ErrorCode.InvalidSegment);
    expect(err.httpStatus).toBe(422);
    expect(err.message).toMatch(
      /^invalid segment \(2 problems\); first: where.children\[0\].value: facet "age" holds numbers/,
    );
    expect(err.details).toEqual([
      expect.objectContaining({ path: 'where.children[0].value', code: 'BAD_VALUE', message: expect.any(String) }),
      expect.objectContaining({ path: 'where.children[1].rule', code: 'UNKNOWN_RULE', message: expect.any(String) }),
    ]);
    expect(err.toLine()).toMatch(/^INVALID_SEGMENT: where.children\[0\].value: .* \(\+1 more\)$/);
  });

  it('PII_NOT_PERMITTED when every problem is personal data', () => {
    const err = thrown({ version: 1, where: and(attr('email', 'is_known'), attr('zip', 'eq', { value: '90210' })) });
    expect(err.code).toBe(ErrorCode.PiiNotPermitted);
    expect(err.httpStatus).toBe(403);
  });

  it('UNKNOWN_FACET when every problem is an unknown facet', () => {
    const err = thrown({ version: 1, where: attr('credit_score', 'gt', { value: 700 }) });
    expect(err.code).toBe(ErrorCode.UnknownFacet);
    expect(err.message).toMatch(/^invalid segment: where.facet: unknown facet "credit_score"/);
  });

  it('INVALID_SEGMENT for a mix', () => {
    expect(thrown({ version: 1, where: and(attr('email', 'is_known'), attr('credit', 'is_known')) }).code).toBe(
      ErrorCode.InvalidSegment,
    );
  });
});
