import { referenceRetailTestCatalog } from '@smartseg/knowledge-store';
import type { Segment } from '@smartseg/segment-engine';
import { checkGates, computeMetrics, percentile } from './eval-metrics';
import { runCase, type EvalSubject } from './eval-runner';
import { segmentConcepts } from './segment-concepts';

const catalog = referenceRetailTestCatalog();
const womenInCa: Segment = {
  version: 1,
  where: {
    kind: 'and',
    children: [
      { kind: 'attribute', facet: 'gender', op: 'eq', value: 'female' },
      { kind: 'attribute', facet: 'state', op: 'in', values: ['CA'] },
    ],
  },
};

function subject(answer: Awaited<ReturnType<EvalSubject['answer']>>, ids: number[], gold: number[]): EvalSubject {
  return {
    catalog,
    answer: async () => answer,
    isValid: () => true,
    segmentIds: async () => ids,
    goldIds: async () => gold,
  };
}

describe('eval runner', () => {
  it('scores a right segment as right on every metric', async () => {
    const r = await runCase(
      {
        id: 'a',
        category: 'demographics',
        text: 'women in california',
        expect: 'segment',
        gold_sql: 'x',
        gold_facets: ['gender', 'state'],
        gold_segment: {
          version: 1,
          where: {
            kind: 'and',
            children: [
              { kind: 'attribute', facet: 'state', op: 'eq', value: 'CA' },
              { kind: 'attribute', facet: 'gender', op: 'eq', value: 'female' },
            ],
          },
        },
      },
      'dev',
      subject({ status: 'segment', segment: womenInCa }, [1, 2, 3], [3, 2, 1]),
    );
    expect(r.executionOk).toBe(true);
    const m = computeMetrics([r]);
    expect(m.facet_precision).toBe(1);
    expect(m.facet_recall).toBe(1);
    expect(m.operator_accuracy).toBe(1);
    expect(m.value_accuracy).toBe(1);
    expect(checkGates(m, { execution_accuracy: 0.9, facet_precision: 0.95 })).toEqual([]);
  });

  it('counts a wrong audience, a wrong value and a missed segment against the engine', async () => {
    const wrong = await runCase(
      {
        id: 'b',
        category: 'geo',
        text: 'women in texas',
        expect: 'segment',
        gold_sql: 'x',
        gold_facets: ['gender', 'state'],
        gold_segment: { version: 1, where: { kind: 'attribute', facet: 'state', op: 'eq', value: 'TX' } },
      },
      'dev',
      subject({ status: 'segment', segment: womenInCa }, [1, 2], [4]),
    );
    const missed = await runCase(
      { id: 'c', category: 'geo', text: 'men', expect: 'segment', gold_sql: 'x', gold_facets: ['gender'] },
      'dev',
      subject({ status: 'refuse' }, [], [1]),
    );
    const m = computeMetrics([wrong, missed]);
    expect(wrong.executionOk).toBe(false);
    expect(m.value_accuracy).toBe(0);
    expect(m.execution_accuracy).toBe(0);
    expect(m.facet_recall).toBeCloseTo(2 / 3);
    expect(checkGates(m, { execution_accuracy: 0.9 })).toHaveLength(1);
  });

  it('scores refusals and clarifications by their status and flags invented facets', async () => {
    const r = await runCase(
      { id: 'd', category: 'refuse', text: 'credit score over 700', expect: 'refuse' },
      'dev',
      subject({ status: 'refuse' }, [], []),
    );
    expect(r.statusOk).toBe(true);
    const invented = await runCase(
      { id: 'e', category: 'refuse', text: 'credit score over 700', expect: 'refuse' },
      'dev',
      subject(
        { status: 'segment', segment: { version: 1, where: { kind: 'attribute', facet: 'credit_score', op: 'gt', value: 700 } } },
        [],
        [],
      ),
    );
    expect(invented.statusOk).toBe(false);
    expect(computeMetrics([invented]).hallucination_rate).toBe(1);
  });

  it('names behaviour concepts in the eval vocabulary', () => {
    expect(
      segmentConcepts({
        version: 1,
        where: {
          kind: 'and',
          children: [
            { kind: 'purchase', item: { department: ['Baby'] }, window: { type: 'last', n: 90, unit: 'day' } },
            { kind: 'not', child: { kind: 'purchase', order: { coupon_used: true } } },
            { kind: 'purchase', measure: 'spend', threshold: { op: 'gt', value: 500 } },
            { kind: 'rule', rule: 'vip' },
          ],
        },
      }),
    ).toEqual(['coupon', 'department', 'purchase', 'spend', 'vip']);
    expect(percentile([5, 1, 4, 2, 3], 95)).toBe(5);
  });
});
