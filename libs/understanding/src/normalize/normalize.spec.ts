import { normalize, tokenize } from './normalize';
import { readNumberWords, parseNumeral } from './numbers';
import { tagQuantities } from './quantity';
import { lexiconFor } from '../lexicon/lexicon';
import { testCatalog } from '../testing/fixtures';

const toks = (s: string) => normalize(s).tokens;
const view = (s: string) =>
  toks(s).map(
    (t) =>
      `${t.norm}|${t.kind}${t.value !== undefined ? `=${t.value}` : ''}${t.min !== undefined ? `=${t.min}-${t.max}` : ''}${t.plus ? '+' : ''}`,
  );

describe('normalize', () => {
  it('keeps character offsets of the original text', () => {
    const text = 'Women “25-40” in CA';
    for (const t of toks(text)) expect(text.slice(t.start, t.end).length).toBeGreaterThan(0);
    const ca = toks(text).find((t) => t.norm === 'ca')!;
    expect(text.slice(ca.start, ca.end)).toBe('CA');
    expect(ca.upper).toBe(true);
  });

  it('reads numbers written as words', () => {
    expect(view('thirty')).toEqual(['thirty|num=30']);
    expect(view('five hundred')).toEqual(['five hundred|num=500']);
    expect(view('a dozen')).toEqual(['a dozen|num=12']);
    expect(view('two thousand five hundred')).toEqual(['two thousand five hundred|num=2500']);
    expect(view('twenty-five')).toEqual(['twenty five|num=25']);
    expect(readNumberWords(['two', 'hundred', 'and', 'fifty'], 0)).toEqual({ value: 250, used: 4 });
    // "between twenty and forty" keeps two numbers
    expect(view('between twenty and forty').filter((x) => x.includes('num'))).toEqual([
      'twenty|num=20',
      'forty|num=40',
    ]);
  });

  it('reads money', () => {
    expect(view('$1k')).toEqual(['$1k|money=1000']);
    expect(view('$1.5K')).toEqual(['$1.5k|money=1500']);
    expect(view('1,000 dollars')).toEqual(['1,000 dollars|money=1000']);
    expect(view('500 bucks')).toEqual(['500 bucks|money=500']);
    expect(view('five hundred dollars')).toEqual(['five hundred dollars|money=500']);
    expect(view('$500+')).toEqual(['$500+|money=500+']);
    expect(parseNumeral('2.5m')).toBe(2_500_000);
  });

  it('reads ranges, plus signs, decades and percentages', () => {
    expect(view('25-40')).toEqual(['25-40|range=25-40']);
    expect(view('30+')).toEqual(['30+|num=30+']);
    expect(view('30s')).toEqual(['30s|num=30=30-39']);
    expect(view('thirty-somethings')).toEqual(['thirty somethings|num=30=30-39']);
    expect(view('10%')).toEqual(['10%|percent=10']);
    expect(view('ten percent')).toEqual(['ten percent|percent=10']);
  });

  it('splits contractions, with and without apostrophes', () => {
    expect(toks("hasn't").map((t) => t.norm)).toEqual(['has', 'not']);
    expect(toks('havent').map((t) => t.norm)).toEqual(['have', 'not']);
    expect(toks('didn’t').map((t) => t.norm)).toEqual(['did', 'not']);
  });

  it('keeps abbreviations and drops hyphens between words', () => {
    expect(toks('St. Louis').map((t) => t.norm)).toEqual(['st', 'louis']);
    expect(toks('in-store').map((t) => t.norm)).toEqual(['in', 'store']);
    expect(toks('e-mail').map((t) => t.norm)).toEqual(['email']);
  });

  it('corrects typos against the catalog, never short words or real words', () => {
    const vocab = lexiconFor(testCatalog()).vocabulary;
    const fix = (s: string) =>
      normalize(s, vocab)
        .tokens.map((t) => t.norm)
        .join(' ');
    expect(fix('custmers in califronia')).toBe('customers in california');
    expect(fix('electronis')).toBe('electronics');
    expect(fix('platnum memebers')).toBe('platinum members');
    expect(fix('teir')).toBe('tier'); // a swap of two letters in a four-letter word
    expect(fix('credit score')).toBe('credit score'); // English words stay
    expect(fix('tx')).toBe('tx');
  });

  it('tags comparisons with strict and inclusive operators', () => {
    const q = (s: string) => tagQuantities(tokenize(s)).map((m) => m.value);
    expect(q('over 50')).toEqual([{ kind: 'cmp', threshold: { op: 'gt', value: 50 }, unit: 'count' }]);
    expect(q('at least 3')).toEqual([{ kind: 'cmp', threshold: { op: 'gte', value: 3 }, unit: 'count' }]);
    expect(q('under 30')[0]).toMatchObject({ threshold: { op: 'lt', value: 30 } });
    expect(q('no more than 2')[0]).toMatchObject({ threshold: { op: 'lte', value: 2 } });
    expect(q('between 25 and 40')[0]).toMatchObject({ threshold: { op: 'between', min: 25, max: 40 } });
    expect(q('5 or more')[0]).toMatchObject({ threshold: { op: 'gte', value: 5 } });
    expect(q('top 10%')[0]).toEqual({ kind: 'rank', dir: 'top', percent: 10 });
    expect(q('bottom decile')[0]).toEqual({ kind: 'rank', dir: 'bottom', decile: { op: 'eq', value: 1 } });
    expect(q('deciles 4 through 7')[0]).toMatchObject({ kind: 'rank', decile: { op: 'between', min: 4, max: 7 } });
    // "1 or 2 orders", "one or two purchases": a range of counts; "store 14 or 19" is not
    expect(toks('1 or 2 orders').find((x) => x.kind === 'range')).toMatchObject({ min: 1, max: 2 });
    expect(toks('one or two purchases').find((x) => x.kind === 'range')).toMatchObject({ min: 1, max: 2 });
    expect(toks('store 14 or 19').some((x) => x.kind === 'range')).toBe(false);
    expect(toks('3 or 2 orders').some((x) => x.kind === 'range')).toBe(false);
    // "store 14 or 19": an unspoken "store" before each later number of the list, never before a count
    const stores = (s: string) =>
      toks(s)
        .map((x) => x.norm)
        .join(' ');
    expect(stores('store 14 or 19')).toBe('store 14 or store 19');
    expect(stores('stores 14, 19 and 26')).toBe('stores 14 , store 19 and store 26');
    expect(stores('store 14 and 2 or more orders')).toBe('store 14 and 2 or more orders');
    // the model's name between the rank and "deciles": the number is the rank
    expect(q('bottom 3 churn risk deciles')[0]).toEqual({
      kind: 'rank',
      dir: 'bottom',
      decile: { op: 'lte', value: 3 },
    });
    expect(q('top 3 customers')[0]).not.toMatchObject({ kind: 'rank' });
  });
});
