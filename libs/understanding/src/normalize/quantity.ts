import type { Threshold } from '@smartseg/segment-engine';
import type { Token } from './normalize';

/**
 * Comparisons and amounts: "over $500" (strict), "at least 3" (inclusive), "5+", "5 or more",
 * "between 25 and 40" (inclusive), "25-40", "under 30", "no more than 2", "more than once",
 * "at least twice", "top 10%", "bottom decile", "in their 30s".
 */

export type QuantityUnit = 'money' | 'percent' | 'count';

export type QuantityValue =
  | {
      kind: 'cmp';
      threshold: Threshold;
      unit: QuantityUnit;
      /** "twice", "3 times", "3x": counts of occurrences. */
      times?: boolean;
      /** "older than" / "younger than" / a decade: about age. */
      age?: boolean;
      /** The comparison was written without a comparator ("$500", "3"). */
      bare?: boolean;
      /** "in their 30s" */
      decade?: boolean;
    }
  | { kind: 'rank'; dir: 'top' | 'bottom'; percent?: number; decile?: Threshold };

export interface QuantityMatch {
  start: number;
  end: number;
  value: QuantityValue;
}

type Op = 'gt' | 'gte' | 'lt' | 'lte' | 'eq';

const PREFIX: readonly [string, Op, boolean?][] = [
  ['more than', 'gt'],
  ['greater than', 'gt'],
  ['bigger than', 'gt'],
  ['larger than', 'gt'],
  ['higher than', 'gt'],
  ['over', 'gt'],
  ['above', 'gt'],
  ['exceeding', 'gt'],
  ['exceeds', 'gt'],
  ['exceed', 'gt'],
  ['surpass', 'gt'],
  ['surpasses', 'gt'],
  ['surpassed', 'gt'],
  ['topped', 'gt'],
  ['tops', 'gt'],
  ['exceeded', 'gt'],
  ['in excess of', 'gt'],
  ['north of', 'gt'],
  ['upwards of', 'gt'],
  ['upward of', 'gt'],
  ['beyond', 'gt'],
  ['>', 'gt'],
  ['older than', 'gt', true],
  ['at least', 'gte'],
  ['minimum of', 'gte'],
  ['a minimum of', 'gte'],
  ['min', 'gte'],
  ['min.', 'gte'],
  ['no less than', 'gte'],
  ['not less than', 'gte'],
  ['no fewer than', 'gte'],
  ['not fewer than', 'gte'],
  ['> =', 'gte'],
  ['>=', 'gte'],
  ['\u2265', 'gte'],
  ['= >', 'gte'],
  ['at or above', 'gte'],
  ['equal to or more than', 'gte'],
  ['equal or greater than', 'gte'],
  ['a min of', 'gte'],
  ['less than', 'lt'],
  ['fewer than', 'lt'],
  ['under', 'lt'],
  ['below', 'lt'],
  ['lower than', 'lt'],
  ['smaller than', 'lt'],
  ['beneath', 'lt'],
  ['shy of', 'lt'],
  ['<', 'lt'],
  ['younger than', 'lt', true],
  ['sub', 'lt'],
  ['at most', 'lte'],
  ['no more than', 'lte'],
  ['not more than', 'lte'],
  ['up to', 'lte'],
  ['maximum of', 'lte'],
  ['a maximum of', 'lte'],
  ['max', 'lte'],
  ['max of', 'lte'],
  ['< =', 'lte'],
  ['<=', 'lte'],
  ['\u2264', 'lte'],
  ['no greater than', 'lte'],
  ['not over', 'lte'],
  ['no higher than', 'lte'],
  ['at or below', 'lte'],
  ['no older than', 'lte', true],
  ['no younger than', 'gte', true],
  ['exactly', 'eq'],
  ['equal to', 'eq'],
  ['=', 'eq'],
  ['precisely', 'eq'],
  ['only', 'eq'],
  ['just', 'eq'],
];

const POSTFIX: readonly [string, Op, boolean?][] = [
  ['or more', 'gte'],
  ['or higher', 'gte'],
  ['or greater', 'gte'],
  ['or above', 'gte'],
  ['and up', 'gte'],
  ['and above', 'gte'],
  ['and over', 'gte'],
  ['or over', 'gte'],
  ['plus', 'gte'],
  ['and higher', 'gte'],
  ['and older', 'gte', true],
  ['or older', 'gte', true],
  ['and beyond', 'gte'],
  ['at least', 'gte'],
  ['minimum', 'gte'],
  ['or up', 'gte'],
  ['and upward', 'gte'],
  ['and upwards', 'gte'],
  ['or less', 'lte'],
  ['or fewer', 'lte'],
  ['or lower', 'lte'],
  ['or below', 'lte'],
  ['and under', 'lte'],
  ['and below', 'lte'],
  ['or under', 'lte'],
  ['and younger', 'lte', true],
  ['or younger', 'lte', true],
  ['max', 'lte'],
  ['maximum', 'lte'],
  ['at most', 'lte'],
  ['and less', 'lte'],
  ['or so', 'eq'],
];

const FRACTIONS: Readonly<Record<string, number>> = {
  half: 50,
  third: 33.3333,
  quarter: 25,
  quartile: 25,
  quintile: 20,
  tenth: 10,
  decile: 10,
  fifth: 20,
};

const WORDS = new Map<string, string[]>();

function phraseAt(tokens: readonly Token[], i: number, phrase: string): number {
  let words = WORDS.get(phrase);
  if (!words) {
    words = phrase.split(' ');
    WORDS.set(phrase, words);
  }
  if (tokens[i]?.norm !== words[0]) return 0;
  for (let k = 1; k < words.length; k++) if (tokens[i + k]?.norm !== words[k]) return 0;
  return words.length;
}

interface Amount {
  value?: number;
  min?: number;
  max?: number;
  unit: QuantityUnit;
  end: number;
  times?: boolean;
  plus?: boolean;
  decade?: boolean;
}

function isYearLike(t: Token): boolean {
  return /^\d{4}$/.test(t.raw) && t.value !== undefined && t.value >= 1990 && t.value <= 2100;
}

/** A number, money amount, percentage or range at i. */
function amountAt(tokens: readonly Token[], i: number): Amount | undefined {
  const t = tokens[i];
  if (!t) return undefined;
  let unit: QuantityUnit = t.kind === 'money' || t.money ? 'money' : t.kind === 'percent' ? 'percent' : 'count';
  let end = i + 1;
  let times = t.times;
  if (t.kind === 'range') {
    return { min: t.min!, max: t.max!, unit, end, plus: t.plus };
  }
  if (t.decade) return { min: t.min!, max: t.max!, unit: 'count', end, decade: true };
  const numeric =
    t.kind === 'num' ||
    t.kind === 'money' ||
    t.kind === 'percent' ||
    (t.kind === 'word' && t.value !== undefined && (t.times || t.norm === 'one' || t.norm === 'single'));
  if (!numeric || t.value === undefined || t.ordinal) return undefined;
  if (tokens[end]?.norm === 'times' || tokens[end]?.norm === 'time' || tokens[end]?.norm === 'x') {
    times = true;
    end++;
  }
  if (unit === 'count' && (tokens[end]?.norm === 'percent' || tokens[end]?.norm === '%')) {
    unit = 'percent';
    end++;
  }
  return { value: t.value, unit, end, times, plus: t.plus };
}

const QTY_STARTERS = new Set<string>([
  ...PREFIX.map(([p]) => p.split(' ')[0]!),
  'top',
  'highest',
  'upper',
  'best',
  'bottom',
  'lowest',
  'lower',
  'worst',
  'in',
  'within',
  'the',
  'decile',
  'deciles',
  'between',
  'from',
  'multiple',
  'several',
  'many',
  'repeatedly',
]);

export function tagQuantities(tokens: readonly Token[]): QuantityMatch[] {
  const out: QuantityMatch[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.kind === 'word' && t.value === undefined && !t.ordinal && !QTY_STARTERS.has(t.norm)) {
      i++;
      continue;
    }
    const m = quantityAt(tokens, i);
    if (m) {
      out.push(m);
      i = m.end;
    } else i++;
  }
  return joinBounds(tokens, out);
}

/**
 * "at least 3 but no more than 6", "more than $50 and less than $200": a lower and an upper bound said one
 * after the other are one range (strict bounds of whole counts become inclusive ones).
 */
function joinBounds(tokens: readonly Token[], ms: QuantityMatch[]): QuantityMatch[] {
  const out: QuantityMatch[] = [];
  for (let k = 0; k < ms.length; k++) {
    const a = ms[k]!;
    const b = ms[k + 1];
    const between = b
      ? tokens
          .slice(a.end, b.start)
          .map((t) => t.norm)
          .join(' ')
      : '';
    if (
      b &&
      a.value.kind === 'cmp' &&
      b.value.kind === 'cmp' &&
      /^(but|and|yet|,|, but|but also|and also|though)$/.test(between) &&
      !a.value.bare &&
      !b.value.bare &&
      (a.value.threshold.op === 'gte' || a.value.threshold.op === 'gt') &&
      (b.value.threshold.op === 'lte' || b.value.threshold.op === 'lt') &&
      a.value.unit === b.value.unit
    ) {
      const lo = a.value.threshold as { op: 'gt' | 'gte'; value: number };
      const hi = b.value.threshold as { op: 'lt' | 'lte'; value: number };
      // (money has cents: "more than $50 and less than $200" is read as the range $50-$200)
      const integral = a.value.unit === 'count' && Number.isInteger(lo.value) && Number.isInteger(hi.value);
      {
        const min = lo.op === 'gt' && integral ? lo.value + 1 : lo.value;
        const max = hi.op === 'lt' && integral ? hi.value - 1 : hi.value;
        if (min <= max) {
          out.push({
            start: a.start,
            end: b.end,
            value: { ...a.value, threshold: { op: 'between', min, max } },
          });
          k++;
          continue;
        }
      }
    }
    out.push(a);
  }
  return out;
}

function rankAt(tokens: readonly Token[], i: number): QuantityMatch | undefined {
  let j = i;
  if (tokens[j]?.norm === 'in' || tokens[j]?.norm === 'within') j++;
  if (tokens[j]?.norm === 'the') j++;
  const w = tokens[j]?.norm;
  const dir =
    w === 'top' || w === 'highest' || w === 'upper' || w === 'best'
      ? 'top'
      : w === 'bottom' || w === 'lowest' || w === 'lower' || w === 'worst'
        ? 'bottom'
        : undefined;
  if (dir) {
    j++;
    const t = tokens[j];
    if (
      t &&
      (t.kind === 'percent' || (t.kind === 'num' && (tokens[j + 1]?.norm === 'percent' || tokens[j + 1]?.norm === '%')))
    ) {
      const end = t.kind === 'percent' ? j + 1 : j + 2;
      return { start: i, end, value: { kind: 'rank', dir, percent: t.value! } };
    }
    // "top decile", "top 2 deciles", "top 3 deciles"
    if (t && t.kind === 'num' && t.value && (tokens[j + 1]?.norm === 'deciles' || tokens[j + 1]?.norm === 'decile')) {
      const n = t.value;
      const decile: Threshold = dir === 'top' ? { op: 'gte', value: 11 - n } : { op: 'lte', value: n };
      return { start: i, end: j + 2, value: { kind: 'rank', dir, decile } };
    }
    // "bottom 3 churn-risk deciles", "top 2 email engagement deciles": the model's name in between
    // (the number alone is the rank; the deciles word after the name is left as a grammar word)
    if (t && t.kind === 'num' && t.value && t.value <= 10 && Number.isInteger(t.value)) {
      for (let k = j + 2; k <= j + 4 && k < tokens.length; k++) {
        const x = tokens[k]!;
        if (x.kind !== 'word') break;
        if (x.norm === 'deciles' || x.norm === 'decile') {
          const n = t.value;
          const decile: Threshold = dir === 'top' ? { op: 'gte', value: 11 - n } : { op: 'lte', value: n };
          return { start: i, end: j + 1, value: { kind: 'rank', dir, decile } };
        }
      }
    }
    if (t && t.norm in FRACTIONS) {
      if (t.norm === 'decile' || t.norm === 'tenth') {
        return {
          start: i,
          end: j + 1,
          value: { kind: 'rank', dir, decile: { op: 'eq', value: dir === 'top' ? 10 : 1 } },
        };
      }
      return { start: i, end: j + 1, value: { kind: 'rank', dir, percent: FRACTIONS[t.norm]! } };
    }
    if (t && t.ordinal && t.value && tokens[j + 1]?.norm in FRACTIONS) {
      return { start: i, end: j + 2, value: { kind: 'rank', dir, percent: FRACTIONS[tokens[j + 1]!.norm]! } };
    }
  }
  // "decile 10", "decile 8 or higher", "deciles 8-10", "10th decile", "90th percentile and above"
  const d = tokens[i];
  if (d && (d.norm === 'decile' || d.norm === 'deciles')) {
    // "decile >= 9", "decile of at least 8", "decile above 7"
    {
      let k = i + 1;
      if (tokens[k]?.norm === 'of' || tokens[k]?.norm === 'is') k++;
      for (const [p, o] of PREFIX) {
        const n = phraseAt(tokens, k, p);
        if (!n) continue;
        const a = amountAt(tokens, k + n);
        if (!a || a.value === undefined || a.min !== undefined) break;
        const decile: Threshold =
          o === 'gt'
            ? { op: 'gte', value: a.value + 1 }
            : o === 'lt'
              ? { op: 'lte', value: a.value - 1 }
              : o === 'gte' || o === 'lte'
                ? { op: o, value: a.value }
                : { op: 'eq', value: a.value };
        return { start: i, end: a.end, value: { kind: 'rank', dir: decile.op === 'lte' ? 'bottom' : 'top', decile } };
      }
    }
    const a = amountAt(tokens, i + 1);
    if (a) {
      if (a.min !== undefined)
        return {
          start: i,
          end: a.end,
          value: { kind: 'rank', dir: 'top', decile: { op: 'between', min: a.min, max: a.max! } },
        };
      const sep = ['through', 'thru', 'to', '-', 'and', 'or'].map((s) => phraseAt(tokens, a.end, s)).find((n) => n > 0);
      const b = sep ? amountAt(tokens, a.end + sep) : undefined;
      // "decile 9 or 10": two neighbouring deciles are a range; "decile 2 or 9" is not
      const orFar =
        tokens[a.end]?.norm === 'or' &&
        b?.value !== undefined &&
        a.value !== undefined &&
        Math.abs(b.value - a.value) !== 1;
      if (b && b.value !== undefined && a.value !== undefined && !orFar) {
        return {
          start: i,
          end: b.end,
          value: {
            kind: 'rank',
            dir: 'top',
            decile: { op: 'between', min: Math.min(a.value, b.value), max: Math.max(a.value, b.value) },
          },
        };
      }
      let end = a.end;
      let op: Op = 'eq';
      for (const [p, o] of POSTFIX) {
        const n = phraseAt(tokens, end, p);
        if (n) {
          op = o;
          end += n;
          break;
        }
      }
      if (a.plus) op = 'gte';
      return {
        start: i,
        end,
        value: { kind: 'rank', dir: op === 'lte' ? 'bottom' : 'top', decile: { op, value: a.value! } },
      };
    }
  }
  if (d && d.ordinal && d.value && (tokens[i + 1]?.norm === 'decile' || tokens[i + 1]?.norm === 'percentile')) {
    const isDecile = tokens[i + 1]!.norm === 'decile';
    let end = i + 2;
    let op: Op = 'eq';
    for (const [p, o] of POSTFIX) {
      const n = phraseAt(tokens, end, p);
      if (n) {
        op = o;
        end += n;
        break;
      }
    }
    if (isDecile) return { start: i, end, value: { kind: 'rank', dir: 'top', decile: { op, value: d.value } } };
    if (op === 'gte' || op === 'eq')
      return { start: i, end, value: { kind: 'rank', dir: 'top', percent: 100 - d.value } };
    return { start: i, end, value: { kind: 'rank', dir: 'bottom', percent: d.value } };
  }
  return undefined;
}

export function quantityAt(tokens: readonly Token[], i: number): QuantityMatch | undefined {
  const rank = rankAt(tokens, i);
  if (rank) return rank;
  // "more than once", "at least twice", "multiple times", "more than one"
  if (
    phraseAt(tokens, i, 'multiple times') ||
    phraseAt(tokens, i, 'several times') ||
    phraseAt(tokens, i, 'many times') ||
    phraseAt(tokens, i, 'repeatedly')
  ) {
    const n = phraseAt(tokens, i, 'repeatedly') ? 1 : 2;
    return {
      start: i,
      end: i + n,
      value: { kind: 'cmp', threshold: { op: 'gte', value: 2 }, unit: 'count', times: true },
    };
  }
  // between X and Y / from X to Y
  if (tokens[i]?.norm === 'between' || tokens[i]?.norm === 'from') {
    const a = amountAt(tokens, i + 1);
    if (a && a.value !== undefined && !isYearLike(tokens[i + 1]!)) {
      const sep = ['and', 'to', 'through', 'thru', '-'].map((s) => phraseAt(tokens, a.end, s)).find((n) => n > 0) ?? 0;
      if (sep) {
        const b = amountAt(tokens, a.end + sep);
        if (b && b.value !== undefined) {
          const unit = a.unit !== 'count' ? a.unit : b.unit;
          // "between 50 and 100k": the first number takes the second's thousands
          let av = a.value;
          const kb = /^\$?\d+(?:\.\d+)?([km])$/i.exec(tokens[a.end + sep]?.raw ?? '')?.[1]?.toLowerCase();
          const plain = /^\$?\d+(?:\.\d+)?$/.test(tokens[i + 1]?.raw ?? '');
          const scale = kb === 'k' ? 1000 : kb === 'm' ? 1_000_000 : 1;
          if (scale > 1 && plain && av * scale <= b.value && av < b.value / 10) av *= scale;
          return {
            start: i,
            end: b.end,
            value: {
              kind: 'cmp',
              threshold: { op: 'between', min: Math.min(av, b.value), max: Math.max(av, b.value) },
              unit,
              times: a.times || b.times,
            },
          };
        }
      }
    }
  }
  // prefix comparators
  for (const [p, op, age] of PREFIX) {
    const n = phraseAt(tokens, i, p);
    if (!n) continue;
    let j = i + n;
    if (tokens[j]?.norm === 'a' && (tokens[j + 1]?.norm === 'total' || tokens[j + 1]?.norm === 'minimum')) j += 3; // "a total of"
    const a = amountAt(tokens, j);
    if (!a) {
      // "more than once" / "at least twice" handled by amountAt via times words
      continue;
    }
    if (a.min !== undefined && !a.decade) {
      return {
        start: i,
        end: a.end,
        value: { kind: 'cmp', threshold: { op: 'between', min: a.min, max: a.max! }, unit: a.unit, times: a.times },
      };
    }
    if (a.value === undefined) continue;
    if (
      op === 'eq' &&
      (p === 'only' || p === 'just') &&
      !a.times &&
      a.unit === 'count' &&
      !(tokens[a.end]?.norm ?? '').match(/^(orders?|purchases?|times?|transactions?|items?|visits?|emails?)$/)
    )
      continue;
    let end = a.end;
    let finalOp: Op = op;
    // "at least 3 or more" is still gte; "under 25 or over 65" is two amounts
    for (const [q] of POSTFIX) {
      const k = phraseAt(tokens, end, q);
      // ("more than $50 and less than $200": "and less" starts the next bound)
      if (k && !amountAt(tokens, end + k) && tokens[end + k]?.norm !== 'than') {
        end += k;
        break;
      }
    }
    const value: QuantityValue = { kind: 'cmp', threshold: { op: finalOp, value: a.value }, unit: a.unit };
    if (a.times) value.times = true;
    if (age) value.age = true;
    if (a.plus && op === 'gt') finalOp = 'gt';
    return { start: i, end, value };
  }
  // postfix comparators and bare numbers
  const a = amountAt(tokens, i);
  if (a) {
    if (a.min !== undefined) {
      const value: QuantityValue = { kind: 'cmp', threshold: { op: 'between', min: a.min, max: a.max! }, unit: a.unit };
      if (a.decade) value.decade = true;
      return { start: i, end: a.end, value };
    }
    if (a.value === undefined) return undefined;
    // "25 to 40"
    const sep = phraseAt(tokens, a.end, 'to') || phraseAt(tokens, a.end, 'through') || phraseAt(tokens, a.end, 'thru');
    if (sep) {
      const b = amountAt(tokens, a.end + sep);
      if (b && b.value !== undefined && b.value > a.value) {
        return {
          start: i,
          end: b.end,
          value: {
            kind: 'cmp',
            threshold: { op: 'between', min: a.value, max: b.value },
            unit: a.unit !== 'count' ? a.unit : b.unit,
            times: a.times || b.times,
          },
        };
      }
    }
    let end = a.end;
    let op: Op | undefined = a.plus ? 'gte' : undefined;
    let age = false;
    for (const [p, o, isAge] of POSTFIX) {
      const n = phraseAt(tokens, end, p);
      if (n && !amountAt(tokens, end + n) && tokens[end + n]?.norm !== 'than') {
        op = o;
        end += n;
        age = !!isAge;
        break;
      }
    }
    // "3 times or more"
    if (!a.times && (tokens[end]?.norm === 'times' || tokens[end]?.norm === 'time')) {
      const n2 = POSTFIX.map(([p]) => phraseAt(tokens, end + 1, p)).find((x) => x > 0);
      if (n2) {
        a.times = true;
        const o = POSTFIX.find(([p]) => phraseAt(tokens, end + 1, p) > 0)![1];
        op = o;
        end += 1 + n2;
      }
    }
    const t = tokens[i]!;
    if (isYearLike(t) && !op) return undefined;
    if (t.kind === 'word' && !t.times && !op) return undefined; // "one" alone is not an amount
    const value: QuantityValue = {
      kind: 'cmp',
      threshold: { op: op ?? (a.times && t.norm !== 'once' ? 'gte' : 'eq'), value: a.value },
      unit: a.unit,
    };
    if (a.times) value.times = true;
    if (age) value.age = true;
    if (!op) value.bare = true;
    return { start: i, end, value };
  }
  return undefined;
}
