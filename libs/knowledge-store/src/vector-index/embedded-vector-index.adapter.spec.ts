import { EmbeddedVectorIndex } from './embedded-vector-index.adapter';
import { catalogCollectionName } from './vector-index.port';

const v = (...xs: number[]) => Float32Array.from(xs);

describe('catalogCollectionName', () => {
  it('names collections per tenant and version, Milvus-safe', () => {
    expect(catalogCollectionName('acme', 3)).toBe('catalog_acme_v3');
    expect(catalogCollectionName('acme-eu', 3)).toBe('catalog_acme_2d_eu_v3');
    expect(catalogCollectionName('acme_eu', '3')).toBe('catalog_acme_5f_eu_v3');
    expect(catalogCollectionName('Ünï', 1)).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
  });

  it('never maps two (tenant, version) pairs to one name', () => {
    const pairs: [string, string][] = [
      ['a', '1'],
      ['a-', '1'],
      ['a-v', '1'],
      ['a_v', '1'],
      ['a', '_v1'],
      ['a_v1', ''],
      ['a_', 'v1'],
      ['a.b', '2'],
      ['a_2e_b', '2'],
    ];
    const names = pairs.filter(([, ver]) => ver).map(([t, ver]) => catalogCollectionName(t, ver));
    expect(new Set(names).size).toBe(names.length);
  });

  it('refuses empty tenants and over-long names', () => {
    expect(() => catalogCollectionName('', 1)).toThrow(/tenant/);
    expect(() => catalogCollectionName('x'.repeat(300), 1)).toThrow(/longer than 255/);
  });
});

describe('EmbeddedVectorIndex', () => {
  it('returns the top k by cosine, best first, with payloads', async () => {
    const index = new EmbeddedVectorIndex();
    await index.upsert('c', [
      { id: 'east', vector: v(1, 0, 0), payload: { kind: 'dir' } },
      { id: 'north', vector: v(0, 1, 0) },
      { id: 'northeast', vector: v(1, 1, 0) },
      { id: 'west', vector: v(-1, 0, 0) },
      { id: 'up', vector: v(0, 0, 5) },
    ]);
    const hits = await index.search('c', v(2, 0.5, 0), 3);
    expect(hits.map((h) => h.id)).toEqual(['east', 'northeast', 'north']);
    expect(hits[0]!.payload).toEqual({ kind: 'dir' });
    expect(hits[1]!.payload).toEqual({});
    expect(hits[0]!.score).toBeCloseTo(2 / Math.sqrt(4.25), 6);
    expect(hits[1]!.score).toBeCloseTo(2.5 / Math.sqrt(4.25) / Math.sqrt(2), 6);
    const all = await index.search('c', v(2, 0.5, 0), 10);
    expect(all.map((h) => h.id)).toEqual(['east', 'northeast', 'north', 'up', 'west']);
    expect(all[4]!.score).toBeCloseTo(-2 / Math.sqrt(4.25), 6);
    expect(await index.search('c', v(1, 0, 0), 0)).toEqual([]);
  });

  it('is scale-invariant and breaks ties by id', async () => {
    const index = new EmbeddedVectorIndex();
    await index.upsert('c', [
      { id: 'b', vector: v(3, 0) },
      { id: 'a', vector: v(1, 0) },
      { id: 'zero', vector: v(0, 0) },
    ]);
    const hits = await index.search('c', v(10, 0), 3);
    expect(hits.map((h) => h.id)).toEqual(['a', 'b', 'zero']);
    expect(hits[0]!.score).toBeCloseTo(1, 6);
    expect(hits[2]!.score).toBe(0);
  });

  it('replaces an item on upsert of the same id', async () => {
    const index = new EmbeddedVectorIndex();
    await index.upsert('c', [
      { id: 'x', vector: v(1, 0), payload: { n: 1 } },
      { id: 'y', vector: v(0, 1) },
    ]);
    await index.upsert('c', [{ id: 'x', vector: v(0, -1), payload: { n: 2 } }]);
    expect(index.count('c')).toBe(2);
    const hits = await index.search('c', v(1, 1), 2);
    expect(hits.map((h) => h.id)).toEqual(['y', 'x']);
    expect(hits[1]!.score).toBeCloseTo(-Math.SQRT1_2, 6);
    const down = await index.search('c', v(0, -1), 1);
    expect(down).toEqual([{ id: 'x', score: expect.closeTo(1, 6), payload: { n: 2 } }]);
  });

  it('keeps tenant collections isolated, and drop removes only one', async () => {
    const index = new EmbeddedVectorIndex();
    const a = catalogCollectionName('tenant-a', 1);
    const b = catalogCollectionName('tenant-b', 1);
    await index.upsert(a, [{ id: 'shoes', vector: v(1, 0, 0) }]);
    await index.upsert(b, [{ id: 'toys', vector: v(1, 0, 0) }]);
    expect((await index.search(a, v(1, 0, 0), 5)).map((h) => h.id)).toEqual(['shoes']);
    expect((await index.search(b, v(1, 0, 0), 5)).map((h) => h.id)).toEqual(['toys']);
    await index.drop(a);
    expect(await index.search(a, v(1, 0, 0), 5)).toEqual([]);
    expect((await index.search(b, v(1, 0, 0), 5)).map((h) => h.id)).toEqual(['toys']);
    expect(index.listCollections()).toEqual([b]);
    await index.drop('never-existed');
  });

  it('refuses vectors of another dimension', async () => {
    const index = new EmbeddedVectorIndex();
    await index.upsert('c', [{ id: 'x', vector: v(1, 0) }]);
    await expect(index.upsert('c', [{ id: 'y', vector: v(1, 0, 0) }])).rejects.toThrow(/dimension 3; c has 2/);
    await expect(index.search('c', v(1, 0, 0), 1)).rejects.toThrow(/dimension/);
    expect(await index.search('missing', v(1), 3)).toEqual([]);
  });

  it('grows past its initial capacity and matches a brute-force ranking', async () => {
    const index = new EmbeddedVectorIndex();
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
    const dim = 16;
    const items = Array.from({ length: 500 }, (_, i) => ({
      id: `e${String(i).padStart(3, '0')}`,
      vector: Float32Array.from({ length: dim }, rand),
    }));
    await index.upsert('big', items.slice(0, 250));
    await index.upsert('big', items.slice(250));
    const q = Float32Array.from({ length: dim }, rand);
    const cos = (a: Float32Array) => {
      let d = 0,
        na = 0,
        nq = 0;
      for (let i = 0; i < dim; i++) {
        d += a[i]! * q[i]!;
        na += a[i]! * a[i]!;
        nq += q[i]! * q[i]!;
      }
      return d / Math.sqrt(na * nq);
    };
    const expected = items
      .map((it) => ({ id: it.id, s: cos(it.vector) }))
      .sort((x, y) => y.s - x.s)
      .slice(0, 10)
      .map((x) => x.id);
    const hits = await index.search('big', q, 10);
    expect(hits.map((h) => h.id)).toEqual(expected);
    expect(index.count('big')).toBe(500);
  });
});
