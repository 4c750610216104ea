import type { SegmentNode } from '@smartseg/segment-engine';
import type { UnderstandingResult } from './result.model';
import { CTX, testEngine } from '../testing/fixtures';

const understand = (text: string): UnderstandingResult => testEngine().understand(text, CTX);

function where(text: string): SegmentNode {
  const r = understand(text);
  if (r.status !== 'segment')
    throw new Error(
      `${text}: expected a segment, got ${r.status} (${'reason' in r ? r.reason : 'question' in r ? r.question : ''})`,
    );
  return r.segment.where;
}

const female = { kind: 'attribute', facet: 'gender', op: 'eq', value: 'female' };
const male = { kind: 'attribute', facet: 'gender', op: 'eq', value: 'male' };
const kids = { kind: 'attribute', facet: 'has_children', op: 'eq', value: true };
const aged = (min: number, max: number) => ({ kind: 'attribute', facet: 'age', op: 'between', min, max });

describe('marketer shorthand: sex letters, slashes and L-windows', () => {
  it('reads "F"/"M" before an age as women / men, glued or spaced', () => {
    expect(where('F 35-44')).toEqual({ kind: 'and', children: [female, aged(35, 44)] });
    expect(where('M 25-34')).toEqual({ kind: 'and', children: [male, aged(25, 34)] });
    expect(where('F35-44')).toEqual({ kind: 'and', children: [female, aged(35, 44)] });
  });

  it('reads "w/" as with and "w/o" as without, not as an OR', () => {
    expect(where('F 35-44 w/ kids')).toEqual({ kind: 'and', children: [female, aged(35, 44), kids] });
    expect(where('women 35-44 w/kids')).toEqual({ kind: 'and', children: [female, aged(35, 44), kids] });
    expect(where('F w/o kids')).toEqual({
      kind: 'and',
      children: [female, { kind: 'attribute', facet: 'has_children', op: 'eq', value: false }],
    });
  });

  it('reads "y/o" as years old and does not take the letters for another language', () => {
    expect(where('women 35-44 y/o')).toEqual({ kind: 'and', children: [female, aged(35, 44)] });
  });

  it('reads "hh" and "HHI" as household / household income', () => {
    expect(where('hh size 3-4')).toEqual({ kind: 'attribute', facet: 'household_size', op: 'between', min: 3, max: 4 });
    expect(where('HHI 100K+')).toEqual({
      kind: 'attribute',
      facet: 'income_band',
      op: 'in',
      values: ['100k_150k', '150k_plus'],
    });
  });

  it('reads "L90D", "L6M", "L12M" as the last N days / months', () => {
    expect(where('bought 2x+ L90D')).toEqual({
      kind: 'purchase',
      window: { type: 'last', n: 90, unit: 'day' },
      measure: 'orders',
      threshold: { op: 'gte', value: 2 },
    });
    expect(where('bought electronics L6M')).toEqual({
      kind: 'purchase',
      item: { department: ['Electronics'] },
      window: { type: 'last', n: 6, unit: 'month' },
    });
    expect(where('spent $500+ L12M')).toEqual({
      kind: 'purchase',
      window: { type: 'last', n: 12, unit: 'month' },
      measure: 'spend',
      threshold: { op: 'gte', value: 500 },
    });
  });
});
