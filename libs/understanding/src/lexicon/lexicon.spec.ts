import { normalize } from '../normalize/normalize';
import { testCatalog } from '../testing/fixtures';
import { Lexicon, lexiconFor, parseBand, phraseVariants } from './lexicon';
import { isEnglishWord, wordnetSynonyms } from './wordnet';
import { EmbedderRanker } from './embedding-ranker';

const lex = () => lexiconFor(testCatalog());

function senseAt(text: string): string[] {
  const toks = normalize(text).tokens;
  const m = lex().matchAt(toks, 0)[0];
  if (!m || m.end !== toks.length) return [];
  return m.entries.map((e) => {
    const s = e.sense as Record<string, unknown>;
    return [s['t'], s['facet'] ?? s['rule'] ?? s['event'] ?? s['model'] ?? s['field'] ?? s['flag'], s['value']]
      .filter((x) => x !== undefined)
      .join(':');
  });
}

describe('lexicon', () => {
  it('is built once per tenant and version', () => {
    expect(lexiconFor(testCatalog())).toBe(lexiconFor(testCatalog()));
    const other = { ...testCatalog(), version: 99 };
    expect(lexiconFor(other)).not.toBe(lexiconFor(testCatalog()));
  });

  it('knows facet values by value, label and synonym', () => {
    expect(senseAt('California')).toContain('value:state:CA');
    expect(senseAt('cali')).toContain('value:state:CA');
    expect(senseAt('ladies')).toContain('value:gender:female');
    expect(senseAt('platinum members')).toContain('value:loyalty_tier:platinum');
  });

  it('matches longest phrases over stems and skips determiners inside them', () => {
    expect(senseAt('opened our emails')).toContain('event:email_open');
    expect(senseAt('lapsed customers')).toContain('rule:lapsed_customer');
    expect(senseAt('Ben & Jerrys')).toContain("item:brand:Ben & Jerry's");
  });

  it('needs capitals for two-letter codes that are English words', () => {
    expect(senseAt('IN')).toContain('value:state:IN');
    expect(senseAt('in')).not.toContain('value:state:IN');
  });

  it('reads rules, models, items, the private label and flags', () => {
    expect(senseAt('VIPs')).toContain('rule:vip');
    expect(senseAt('churn risk')).toEqual(expect.arrayContaining(['rule:likely_to_churn', 'model:churn_risk']));
    expect(senseAt('store brand')).toContain('flag:private_label');
    expect(senseAt('Acme Select')).toContain('flag:private_label');
    expect(senseAt('diapers')).toContain('item:category:Diapers');
  });

  it('derives shorter category names from the catalog', () => {
    expect(senseAt('vitamins')).toContain('item:category:Vitamins & Supplements');
    expect(senseAt('formula')).toContain('item:category:Baby Formula');
    expect(senseAt('wine')).toContain('item:category:Wine & Beer');
  });

  it('finds structural roles by derivation, not by name', () => {
    const r = lex().roles;
    expect(r.age).toBe('age');
    expect(r.recency).toBe('days_since_last_purchase');
    expect(r.bands.get('income_band')?.map((b) => b.value)).toEqual([
      'under_25k',
      '25k_50k',
      '50k_100k',
      '100k_150k',
      '150k_plus',
    ]);
  });

  it('works for another tenant catalog', () => {
    const c = testCatalog();
    const other = new Lexicon({
      ...c,
      tenant_id: 'pets-co',
      facets: [
        {
          name: 'pet_type',
          label: 'Pet type',
          type: 'enum',
          operators: ['eq', 'in'],
          source: { kind: 'column', column: 'pet_type' },
          description: '',
          pii: false,
          values: [{ value: 'dog', synonyms: ['dog owners'] }],
        },
      ],
      rules: [],
    });
    const toks = normalize('dog owners').tokens;
    expect(other.matchAt(toks, 0)[0]!.entries.map((e) => e.sense)).toContainEqual({
      t: 'value',
      facet: 'pet_type',
      value: 'dog',
      via: 'synonym',
    });
  });

  it('parses numeric bands and English variants', () => {
    expect(parseBand('under_25k')).toEqual({ min: 0, max: 25000 });
    expect(parseBand('150k_plus')).toEqual({ min: 150000, max: Number.POSITIVE_INFINITY });
    expect(parseBand('25k_50k')).toEqual({ min: 25000, max: 50000 });
    expect(phraseVariants('reachable by sms')).toContain('reach by sms');
    expect(phraseVariants('can be texted')).toContain('we can text');
  });

  it('reads WordNet lazily', () => {
    expect(isEnglishWord('score')).toBe(true);
    expect(isEnglishWord('custmers')).toBe(false);
    expect(wordnetSynonyms('acquire', 'verb', 1)).toContain('get');
  });

  it('ranks by embeddings when an embedder is given', async () => {
    const vec = (t: string) => Float32Array.from([t.includes('income') ? 1 : 0, t.includes('age') ? 1 : 0, 0.1]);
    const ranker = new EmbedderRanker({ embed: async (texts) => texts.map(vec) });
    const ranked = await ranker.rank('income', [
      { id: 'age', text: 'age' },
      { id: 'income', text: 'income band' },
    ]);
    expect(ranked[0]!.id).toBe('income');
  });
});
