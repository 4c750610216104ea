import { testEngine, AS_OF } from '../testing/fixtures';
import type { LF } from './atoms';

/** A compact view of the logical form: and(...), or(...), not(...), atoms by kind and key. */
function show(lf: LF | undefined): string {
  if (!lf) return '-';
  if (lf.op === 'not') return `not(${show(lf.child)})`;
  if (lf.op !== 'atom') return `${lf.op}(${lf.children.map(show).join(', ')})`;
  const a = lf.atom;
  switch (a.k) {
    case 'attr':
      return `${a.facet}=${a.values ? a.values.join('|') : (a.value ?? `${a.min}-${a.max}`)}`;
    case 'rule':
      return `rule:${a.rule}`;
    case 'model':
      return `model:${a.model}`;
    case 'beh': {
      const what = [
        ...Object.values(a.item).flat(),
        ...Object.entries(a.order).map(([k, v]) => `${k}:${v}`),
        ...a.events,
      ].join('+');
      return `${a.verb}(${what})${a.window ? '@' + a.window.type : ''}`;
    }
    default:
      return a.k;
  }
}

const parse = (text: string) => show(testEngine().analyze(text, AS_OF).parse.lf);

describe('parser: coordination and negation scope', () => {
  it('ORs values of one facet', () => {
    expect(parse('customers in California or Texas')).toBe('or(state=CA, state=TX)');
  });
  it('reads "women in CA or men in TX" as an OR of ANDs', () => {
    expect(parse('women in CA or men in TX')).toBe('or(and(gender=female, state=CA), and(gender=male, state=TX))');
  });
  it('reads "didn\'t buy X or Y" as bought neither', () => {
    expect(parse("didn't buy toys or electronics")).toBe('not(purchase(Toys+Electronics))');
  });
  it('reads "not in CA or TX" as in neither', () => {
    expect(parse('not in CA or TX')).toBe('not(or(state=CA, state=TX))');
  });
  it('ORs two behaviours', () => {
    expect(parse('bought toys or opened an email')).toBe('or(purchase(Toys), event(email_open))');
  });
  it('puts an exclusion around what follows it', () => {
    expect(parse('everyone in Texas excluding employees and platinum members')).toBe(
      'and(state=TX, not(or(is_employee=true, loyalty_tier=platinum)))',
    );
  });
  it('attaches a window said once to both verbs of a clause', () => {
    expect(parse('who visited the site but did not buy in the last week')).toBe(
      'and(event(web_visit)@last, not(purchase()@last))',
    );
  });
  it('keeps "never" on all history', () => {
    expect(parse('bought baby products in the last 90 days but never used a coupon')).toBe(
      'and(purchase(Baby)@last, not(purchase(coupon_used:true)))',
    );
  });
  it('treats a comma list with a final "and" of one facet as a union', () => {
    expect(parse('customers in CA, TX and NY')).toBe('or(or(state=CA, state=TX), state=NY)');
  });
  it('splits top-level alternatives of people', () => {
    expect(
      parse('iOS users who opened the app in the last 30 days, or Android users who opened a push in the last 30 days'),
    ).toBe('or(and(device_os=ios, event(app_open)@last), and(device_os=android, event(push_open)@last))');
  });
  it('sets aside context sentences and purpose clauses', () => {
    expect(parse('Hi! Could I get male customers over 50? Thinking about a grooming promo')).toBe(
      'and(gender=male, age=50)',
    );
  });
});
