import { editDistance, nameSimilarity, nearestNames, normalizeName } from './name-similarity.util';

describe('name similarity', () => {
  it('normalises', () => {
    expect(normalizeName('  Dairy & Eggs ')).toBe('dairy and eggs');
    expect(normalizeName("Levi's")).toBe('levi s');
    expect(normalizeName('days_since_last_purchase')).toBe('days since last purchase');
  });

  it('edit distance', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('Califronia', 'California')).toBe(2);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('scores', () => {
    expect(nameSimilarity('Electronics', 'electronics')).toBe(1);
    expect(nameSimilarity('loyaltytier', 'loyalty_tier')).toBeGreaterThan(0.9);
    expect(nameSimilarity('Califronia', 'California')).toBeGreaterThan(0.7);
    expect(nameSimilarity('abc', 'xyz')).toBe(0);
    expect(nameSimilarity('', 'x')).toBe(0);
    expect(nameSimilarity('x'.repeat(100), 'x'.repeat(99))).toBe(0);
  });

  it('nearest names, best first, one per key', () => {
    const candidates = [
      { key: 'CA', words: ['CA', 'California', 'cali'] },
      { key: 'CO', words: ['CO', 'Colorado'] },
      { key: 'NC', words: ['NC', 'North Carolina'] },
    ];
    expect(nearestNames('Califronia', candidates).map((n) => n.key)).toEqual(['CA']);
    expect(nearestNames('carolina', candidates, { minScore: 0.3 }).map((n) => n.key)[0]).toBe('NC');
    expect(nearestNames('zzz', candidates)).toEqual([]);
  });
});
