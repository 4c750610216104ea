import { referenceRetailTestCatalog } from '@smartseg/knowledge-store';
import fc from 'fast-check';
import { conditionPaths } from '../model/segment-walk';
import { nearMissArb, segmentArb } from './__fixtures__/segment.arbitraries';
import { verifySegment } from './segment-verifier';
import { PROBLEM_CODES, type VerifyContext, type VerifyResult } from './verify-result.model';

/** Property tests: the verifier never throws and always answers in its contract. */

const catalog = referenceRetailTestCatalog('2026-06-30');
const contexts: VerifyContext[] = [
  { catalog, permissions: { pii: false }, asOf: '2026-06-30' },
  { catalog, permissions: { pii: true } },
];

function wellFormed(r: VerifyResult): void {
  expect(typeof r.ok).toBe('boolean');
  expect(Array.isArray(r.warnings)).toBe(true);
  const all = r.ok ? r.warnings : [...r.problems, ...r.warnings];
  if (!r.ok) expect(r.problems.length).toBeGreaterThan(0);
  for (const p of all) {
    expect(typeof p.path).toBe('string');
    expect(PROBLEM_CODES).toContain(p.code);
    expect(typeof p.message).toBe('string');
    expect(p.message.length).toBeGreaterThan(0);
    expect(p.message.length).toBeLessThan(2000);
    expect(p.path === '' || /^(version|name|description|where|[A-Za-z_$][\w$]*|\[)/.test(p.path)).toBe(true);
  }
}

const check = (input: unknown): void => {
  for (const ctx of contexts) wellFormed(verifySegment(input, ctx));
};

describe('verifySegment never throws', () => {
  it('on any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), check), { numRuns: 500 });
  });

  it('on any JS value', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withNullPrototype: true,
          withTypedArray: true,
          withSparseArray: true,
        }),
        check,
      ),
      {
        numRuns: 500,
      },
    );
  });

  it('on any value as `where`', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true }), (where) => check({ version: 1, where })),
      { numRuns: 500 },
    );
  });

  it('on near-miss segments (known field names, wrong values)', () => {
    fc.assert(fc.property(nearMissArb(), check), { numRuns: 1000 });
  });

  it('on valid segments with one part replaced by garbage', () => {
    const replaceSomewhere = (value: unknown, garbage: unknown, choice: number): unknown => {
      // Replace the (choice mod n)-th object/array entry found depth-first.
      let counter = 0;
      const go = (v: unknown): unknown => {
        if (Array.isArray(v)) return v.map((x) => (counter++ === choice ? garbage : go(x)));
        if (v && typeof v === 'object') {
          return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, counter++ === choice ? garbage : go(x)]));
        }
        return v;
      };
      return go(value);
    };
    fc.assert(
      fc.property(segmentArb(catalog), fc.jsonValue(), fc.nat(60), (s, garbage, choice) =>
        check(replaceSomewhere(s, garbage, choice)),
      ),
      { numRuns: 1000 },
    );
  });
});

describe('verifySegment on valid segments', () => {
  it('accepts them, except where siblings contradict each other', () => {
    fc.assert(
      fc.property(segmentArb(catalog), (s) => {
        const r = verifySegment(s, contexts[0]!);
        wellFormed(r);
        if (!r.ok) expect(r.problems.map((p) => p.code)).toEqual(r.problems.map(() => 'CONTRADICTION'));
        else expect(r.segment).toEqual(s);
      }),
      { numRuns: 500 },
    );
  });

  it('reports problems only at paths inside the segment', () => {
    fc.assert(
      fc.property(segmentArb(catalog), (s) => {
        const r = verifySegment(s, contexts[0]!);
        const paths = conditionPaths(s).map((c) => c.path);
        for (const p of r.ok ? r.warnings : r.problems) {
          expect(paths.some((cp) => p.path === cp || p.path.startsWith(`${cp}.`) || p.path.startsWith('where'))).toBe(
            true,
          );
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(fc.oneof(segmentArb(catalog), nearMissArb()), (s) => {
        expect(verifySegment(s, contexts[0]!)).toEqual(verifySegment(s, contexts[0]!));
      }),
      { numRuns: 200 },
    );
  });
});
