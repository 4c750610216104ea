import { testCatalog, testEngine, AS_OF } from '../testing/fixtures';
import { coverage, missingPhrases, nearestLexical, refusal } from './assess';

describe('assess: coverage and refusals', () => {
  it('measures the share of content words explained', () => {
    const a = testEngine().analyze('women in California', AS_OF);
    expect(coverage(a.chunks, new Set())).toBe(1);
    expect(coverage(a.chunks, new Set(a.chunks.filter((c) => c.text === 'California')))).toBeLessThan(1);
  });

  it('groups unexplained words into the phrase that asked for them', () => {
    const text = 'customers with a credit score over 700';
    const a = testEngine().analyze(text, AS_OF);
    expect(missingPhrases(a.chunks, a.parse.unknown, text).map((m) => m.phrase)).toEqual(['credit score over 700']);
  });

  it('names the nearest facets by shared words', () => {
    expect(nearestLexical(testCatalog(), 'household income', false)).toContain('Income band');
    expect(nearestLexical(testCatalog(), 'email address', false)).not.toContain('Email address');
  });

  it('writes a refusal with what is missing and what is near', () => {
    const r = refusal(testCatalog(), ['churn score of 900'], false);
    expect(r.status).toBe('refuse');
    expect(r.missing).toEqual(['churn score of 900']);
    expect(r.nearest.length).toBeGreaterThan(0);
    expect(r.reason).toContain('churn score of 900');
  });
});
