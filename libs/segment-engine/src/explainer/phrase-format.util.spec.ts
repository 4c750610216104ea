import {
  formatDate,
  formatMoney,
  formatNumber,
  isDefaultThreshold,
  joinWords,
  lowerFirst,
  monthName,
  thresholdText,
  timesText,
  COUNT_WORDS,
  windowText,
} from './phrase-format.util';

describe('phrase formatting', () => {
  it('money', () => {
    expect(formatMoney(1000)).toBe('$1,000');
    expect(formatMoney(500)).toBe('$500');
    expect(formatMoney(99.5)).toBe('$99.50');
    expect(formatMoney(1234567.891)).toBe('$1,234,567.89');
    expect(formatMoney(0)).toBe('$0');
    expect(formatMoney(0.001)).toBe('$0');
    expect(formatMoney(19.999)).toBe('$20');
    expect(formatMoney(-5)).toBe('-$5');
  });

  it('numbers', () => {
    expect(formatNumber(1000)).toBe('1,000');
    expect(formatNumber(0.25)).toBe('0.25');
    expect(formatNumber('x')).toBe('x');
  });

  it('dates and months', () => {
    expect(formatDate('2026-01-01')).toBe('1 Jan 2026');
    expect(formatDate('2026-12-31')).toBe('31 Dec 2026');
    expect(formatDate('not a date')).toBe('not a date');
    expect(formatDate('2026-13-01')).toBe('2026-13-01');
    expect(monthName(3)).toBe('March');
    expect(monthName(13)).toBe('month 13');
  });

  it('lists', () => {
    expect(joinWords([], 'or')).toBe('');
    expect(joinWords(['a'], 'or')).toBe('a');
    expect(joinWords(['a', 'b'], 'and')).toBe('a and b');
    expect(joinWords(['a', 'b', 'c'], 'or')).toBe('a, b, or c');
  });

  it('lower-cases labels but not acronyms', () => {
    expect(lowerFirst('Email address')).toBe('email address');
    expect(lowerFirst('ZIP code')).toBe('ZIP code');
    expect(lowerFirst('SMS opt-in is true')).toBe('SMS opt-in is true');
    expect(lowerFirst('A completed order')).toBe('a completed order');
  });

  it('thresholds and times', () => {
    expect(thresholdText({ op: 'gte', value: 3 }, COUNT_WORDS, formatNumber, ['order', 'orders'])).toBe(
      'at least 3 orders',
    );
    expect(thresholdText({ op: 'gt', value: 1 }, COUNT_WORDS, formatNumber, ['order', 'orders'])).toBe(
      'more than 1 order',
    );
    expect(thresholdText({ op: 'between', min: 100, max: 500 }, COUNT_WORDS, formatMoney)).toBe(
      'between $100 and $500',
    );
    expect(timesText({ op: 'gte', value: 1 })).toBe('at least once');
    expect(timesText({ op: 'lte', value: 2 })).toBe('at most twice');
    expect(isDefaultThreshold(undefined)).toBe(true);
    expect(isDefaultThreshold({ op: 'gte', value: 1 })).toBe(true);
    expect(isDefaultThreshold({ op: 'gt', value: 0 })).toBe(false);
  });

  it('no window, no words', () => {
    expect(windowText(undefined)).toBe('');
  });
});
