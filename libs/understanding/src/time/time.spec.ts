import { normalize } from '../normalize/normalize';
import { tagTime, type TimeValue } from './time';
import { addMonths } from './dates';

const AS_OF = '2026-06-30';

function one(text: string): TimeValue | undefined {
  const m = tagTime(normalize(text).tokens, AS_OF);
  return m[0]?.value;
}
const win = (text: string) => {
  const v = one(text);
  return v && v.kind === 'window' ? v.window : v;
};

describe('time windows', () => {
  it.each([
    ['in the last 90 days', { type: 'last', n: 90, unit: 'day' }],
    ['past 3 months', { type: 'last', n: 3, unit: 'month' }],
    ['last quarter', { type: 'last', n: 3, unit: 'month' }],
    ['the past quarter', { type: 'last', n: 3, unit: 'month' }],
    ['last week', { type: 'last', n: 1, unit: 'week' }],
    ['last month', { type: 'last', n: 1, unit: 'month' }],
    ['this year', { type: 'this', unit: 'year' }],
    ['this month', { type: 'this', unit: 'month' }],
    ['YTD', { type: 'this', unit: 'year' }],
    ['year to date', { type: 'this', unit: 'year' }],
    ['in 2025', { type: 'year', year: 2025 }],
    ['in March 2026', { type: 'month', year: 2026, month: 3 }],
    ['since January', { type: 'since', date: '2026-01-01' }],
    ['before June 1st', { type: 'before', date: '2026-06-01' }],
    ['after March 15, 2026', { type: 'since', date: '2026-03-15' }],
    ['between March and May 2026', { type: 'between', from: '2026-03-01', to: '2026-05-31' }],
    ['more than 6 months ago', { type: 'older_than', n: 6, unit: 'month' }],
    ['over a year ago', { type: 'older_than', n: 1, unit: 'year' }],
    ['yesterday', { type: 'between', from: '2026-06-29', to: '2026-06-29' }],
    ['in the last 24 hours', { type: 'last', n: 1, unit: 'day' }],
    ['Q4 2025', { type: 'between', from: '2025-10-01', to: '2025-12-31' }],
    ['November-December 2025', { type: 'between', from: '2025-11-01', to: '2025-12-31' }],
    ['60d', { type: 'last', n: 60, unit: 'day' }],
    ['in the past few months', { type: 'last', n: 3, unit: 'month' }],
  ])('%s', (text, expected) => {
    expect(win(text)).toEqual(expected);
  });

  it('reads ambiguous times with the options to offer', () => {
    const r = one('recently');
    expect(r?.kind).toBe('ambiguous');
    expect(r && r.kind === 'ambiguous' && r.options.map((o) => o.window)).toEqual([
      { type: 'last', n: 30, unit: 'day' },
      { type: 'last', n: 90, unit: 'day' },
    ]);
    const h = one('over the holidays');
    expect(h?.kind).toBe('ambiguous');
    expect(h && h.kind === 'ambiguous' && h.options[0]!.window).toEqual({
      type: 'between',
      from: '2025-11-01',
      to: '2025-12-31',
    });
  });

  it('reads birthday horizons and durations', () => {
    expect(one('next month')).toMatchObject({ kind: 'future', when: 'next_month' });
    expect(one('in the next 14 days')).toMatchObject({ kind: 'future', when: 'next_days', days: 14 });
    expect(one('for 200 days')).toMatchObject({ kind: 'duration', n: 200, unit: 'day' });
  });

  it('does not read modal "may" as a month', () => {
    expect(tagTime(normalize('customers who may churn').tokens, AS_OF)).toEqual([]);
  });

  it('clamps calendar months to the month end', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });
});

describe('named days of the retail calendar', () => {
  it.each([
    ["since Valentine's Day", { type: 'since', date: '2026-02-14' }],
    ['since Memorial Day', { type: 'since', date: '2026-05-25' }],
    ['since Christmas', { type: 'since', date: '2025-12-25' }],
    ['before Labor Day 2025', { type: 'before', date: '2025-09-01' }],
    ['between Thanksgiving and Christmas Eve 2025', { type: 'between', from: '2025-11-27', to: '2025-12-24' }],
    ['between Black Friday (Nov 28, 2025) and Christmas Eve', { type: 'between', from: '2025-11-28', to: '2025-12-24' }],
    ['over Memorial Day weekend', { type: 'between', from: '2026-05-23', to: '2026-05-25' }],
    ["on Mother's Day weekend", { type: 'between', from: '2026-05-09', to: '2026-05-10' }],
    ['on Easter 2025', { type: 'between', from: '2025-04-20', to: '2025-04-20' }],
    ['after Halloween', { type: 'since', date: '2025-10-31' }],
  ])('%s', (text, expected) => {
    expect(win(text)).toEqual(expected);
  });

  it('leaves a holiday word that is not a date alone, and keeps "over Christmas" a question', () => {
    expect(one('christmas decorations buyers')?.kind).not.toBe('window');
    expect(one('valentines gifts')).toBeUndefined();
    expect(one('over Christmas')?.kind).toBe('ambiguous');
  });
});

describe('"at least N ago" and "more than N ago"', () => {
  it('keeps the day itself for "at least" and leaves it out for "more than"', () => {
    expect(win('at least a year ago')).toEqual({ type: 'before', date: '2025-07-01' });
    expect(win('at least 90 days ago')).toEqual({ type: 'before', date: '2026-04-02' });
    expect(win('more than a year ago')).toEqual({ type: 'older_than', n: 1, unit: 'year' });
  });
});
