import { lexiconFor } from '../lexicon/lexicon';
import { testCatalog } from '../testing/fixtures';
import { DEFAULT_CLARIFICATIONS, resolveClarification, resolveTemplate } from './clarifications';

describe('clarifications as data', () => {
  const lex = () => lexiconFor(testCatalog());

  it('resolves every default option against the reference catalog', () => {
    for (const c of DEFAULT_CLARIFICATIONS) {
      const opts = resolveClarification(c, lex());
      expect(opts.length).toBe(c.options.length);
    }
  });

  it('resolves references by the catalog words', () => {
    expect(resolveTemplate({ kind: 'rule', rule: '@rule:vip' }, lex())).toEqual({ kind: 'rule', rule: 'vip' });
    expect(
      resolveTemplate(
        { kind: 'attribute', facet: '@facet:loyalty tier', op: 'in', values: ['@value:gold', '@value:platinum'] },
        lex(),
      ),
    ).toEqual({
      kind: 'attribute',
      facet: 'loyalty_tier',
      op: 'in',
      values: ['gold', 'platinum'],
    });
    expect(resolveTemplate({ kind: 'attribute', facet: '@role:age', op: 'gte', value: 65 }, lex())).toEqual({
      kind: 'attribute',
      facet: 'age',
      op: 'gte',
      value: 65,
    });
  });

  it('drops an option whose reference the tenant does not have', () => {
    expect(resolveTemplate({ kind: 'model', model: '@model:credit score', level: 'high' }, lex())).toBeUndefined();
  });
});
