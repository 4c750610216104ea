import type { ThresholdOp, TimeUnit, Window } from '@smartseg/segment-engine';
import type { Token } from '../normalize/normalize';
import { MONTHS } from '../text/english';
import {
  addDays,
  addMonths,
  daysInMonth,
  iso,
  monthEnd,
  NAMED_DAYS,
  nthWeekday,
  parseIso,
  startOfWeek,
  toDate,
} from './dates';

// chrono-node's English parser only: its index loads all 16 locales (about 215 modules more). The
// subpath has no types under this repo's moduleResolution, so it is typed as the package's index,
// whose `parse` is this same English casual parser.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const chrono = require('chrono-node/en') as Pick<typeof import('chrono-node'), 'parse'>;

/**
 * Stage 2, time: finds the time expressions of a request and reads each as a `Window` of
 * the segment model relative to the as-of date ("in the last 90 days", "last quarter",
 * "this year", "YTD", "in March 2026", "since January", "before June 1", "between March
 * and May 2026", "more than 6 months ago"), a birthday horizon ("next month", "in the
 * next 14 days"), a duration ("for 200 days"), or an ambiguous time ("recently", "over the
 * holidays") with the readings to offer.
 */

export interface TimeOption {
  label: string;
  window: Window;
}

export type TimeValue =
  | { kind: 'window'; window: Window; label: string }
  | { kind: 'future'; when: 'today' | 'this_month' | 'next_month' | 'next_days'; days?: number; label: string }
  | { kind: 'duration'; op: ThresholdOp; n: number; unit: TimeUnit; label: string }
  | { kind: 'ambiguous'; id: string; term: string; options: TimeOption[]; label: string }
  | { kind: 'alltime'; label: string }
  /** "in that time", "during the same period": the window said before. */
  | { kind: 'anaphor'; label: string };

export interface TimeMatch {
  /** Token index range [start, end). */
  start: number;
  end: number;
  value: TimeValue;
}

/** A window read from a bare amount ("60d", "wine 90 days"): weaker than "in the last 60 days". */
export function isBareWindow(v: TimeValue): boolean {
  return v.kind === 'window' && v.label.startsWith('~');
}

type Unit = TimeUnit | 'quarter' | 'hour';

const UNIT_WORDS: Readonly<Record<string, Unit>> = {
  d: 'day',
  day: 'day',
  days: 'day',
  dy: 'day',
  dys: 'day',
  wk: 'week',
  wks: 'week',
  week: 'week',
  weeks: 'week',
  w: 'week',
  mo: 'month',
  mos: 'month',
  mon: 'month',
  month: 'month',
  months: 'month',
  mth: 'month',
  mths: 'month',
  m: 'month',
  yr: 'year',
  yrs: 'year',
  year: 'year',
  years: 'year',
  y: 'year',
  yr_: 'year',
  q: 'quarter',
  qtr: 'quarter',
  quarter: 'quarter',
  quarters: 'quarter',
  qtrs: 'quarter',
  hour: 'hour',
  hours: 'hour',
  hr: 'hour',
  hrs: 'hour',
  h: 'hour',
  fortnight: 'week',
};

const VAGUE_COUNTS: Readonly<Record<string, number>> = { few: 3, couple: 2, several: 3, handful: 5 };

const LAST_WORDS = new Set(['last', 'past', 'previous', 'prior', 'trailing', 'rolling', 'preceding', 'recent']);
const INTRO = new Set([
  'in',
  'within',
  'over',
  'during',
  'for',
  'from',
  'throughout',
  'across',
  'inside',
  'through',
  'of',
]);
const GT_WORDS = [
  'more than',
  'over',
  'at least',
  'longer than',
  'greater than',
  'upwards of',
  'in excess of',
  'beyond',
  'past',
  'north of',
];
const LT_WORDS = [
  'less than',
  'under',
  'fewer than',
  'within',
  'no more than',
  'at most',
  'up to',
  'shorter than',
  'below',
];
const SEASONS: Readonly<Record<string, [number, number]>> = {
  spring: [3, 5],
  summer: [6, 8],
  fall: [9, 11],
  autumn: [9, 11],
  winter: [12, 2],
};

function unitOf(tok: Token | undefined): Unit | undefined {
  if (!tok) return undefined;
  return UNIT_WORDS[tok.norm];
}

function toWindowUnit(n: number, unit: Unit): { n: number; unit: TimeUnit } {
  if (unit === 'quarter') return { n: n * 3, unit: 'month' };
  if (unit === 'hour') return { n: Math.max(1, Math.ceil(n / 24)), unit: 'day' };
  if (unit === 'week' && !Number.isInteger(n)) return { n: Math.round(n * 7), unit: 'day' };
  return { n, unit };
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

export function describeWindow(w: Window): string {
  switch (w.type) {
    case 'last':
      return `in the last ${plural(w.n, w.unit)}`;
    case 'this':
      return `this ${w.unit}`;
    case 'year':
      return `in ${w.year}`;
    case 'month':
      return `in ${MONTH_NAMES[w.month - 1]} ${w.year}`;
    case 'before':
      return `before ${w.date}`;
    case 'since':
      return `since ${w.date}`;
    case 'between':
      return `between ${w.from} and ${w.to}`;
    case 'older_than':
      return `more than ${plural(w.n, w.unit)} ago`;
  }
}

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Month words that are also ordinary English words need a cue (a preposition, a year, a day). */
const WEAK_MONTHS = new Set([
  'may',
  'mar',
  'march',
  'jan',
  'jun',
  'dec',
  'sep',
  'oct',
  'aug',
  'nov',
  'feb',
  'apr',
  'jul',
  'sept',
]);

interface DateExpr {
  /** First and last day covered (inclusive). */
  from: string;
  to: string;
  end: number;
  granularity: 'day' | 'month' | 'year' | 'range';
  /** The year was given explicitly. */
  yearGiven: boolean;
}

const PH_0: readonly string[] = ['those same', 'that same', 'the same', 'same', 'those', 'these', 'that'];
const PH_1: readonly string[] = [
  'time period',
  'time frame',
  'timeframe',
  'time',
  'period',
  'window',
  'span',
  'stretch',
  'range',
  'week',
  'month',
  'year',
  'months',
  'days',
  'weeks',
];
const PH_2: readonly string[] = [
  'of all time',
  'all time',
  'all-time',
  'ever',
  'in their lifetime',
  'over their lifetime',
  'over their whole history',
  'in their whole history',
  'over the lifetime',
  'lifetime',
  'to date',
  'all history',
  'since the beginning',
  'since they joined',
  'since signing up',
  'at any point',
  'at some point',
  'any time',
  'anytime',
  'at any time',
  'ever since',
];
const PH_3: readonly string[] = [
  'holidays',
  'holiday season',
  'holiday period',
  'holiday',
  'christmas season',
  'christmas',
  'festive season',
  'xmas',
  'peak season',
  'black friday week',
  'cyber week',
  'holiday rush',
];
const PH_4: readonly string[] = [
  'recently',
  'lately',
  'of late',
  'not long ago',
  'the other day',
  'in recent weeks',
  'in recent months',
  'in recent times',
  'as of late',
  'just recently',
  'very recently',
  'recent',
];
const PH_6: readonly string[] = [
  'year to date',
  'ytd',
  'so far this year',
  'this year so far',
  'so far in',
  'year-to-date',
];
const PH_7: readonly string[] = ['month to date', 'mtd', 'so far this month'];
const PH_8: readonly string[] = ['quarter to date', 'qtd', 'so far this quarter'];
const PH_9: readonly string[] = ['over', 'more than', 'at least', 'longer than', 'the past', 'the last'];
const PH_10: readonly string[] = ['the past', 'the last'];
const PH_11: readonly string[] = ['under', 'less than'];
const PH_12: readonly string[] = [
  'the start of the year',
  'the beginning of the year',
  'the start of this year',
  'the beginning of this year',
  'the new year',
  'new year',
  'new years',
  'the first of the year',
  'start of year',
  'beginning of year',
];
const PH_13: readonly string[] = [
  'the start of the month',
  'the beginning of the month',
  'the first of the month',
  'the start of this month',
  'the beginning of this month',
];
const PH_14: readonly string[] = ['before', 'prior to', 'earlier than', 'until', 'till', 'up until', 'up to', 'by'];
const PH_15: readonly string[] = ['and', 'to', 'through', 'thru', 'until', 'till', '-'];
const PH_16: readonly string[] = ['to', 'through', 'thru', '-', 'until', 'till'];
const PH_17: readonly string[] = ['to', 'through', 'thru', '-', 'until', 'till'];
const PH_18: readonly string[] = ['to', 'through', 'thru', 'until', 'till', '-'];

const PH_BF: readonly string[] = ['black friday', 'cyber monday', 'thanksgiving'];
/** Words a time expression can start with (besides numbers, months and seasons). */
const TIME_STARTERS = new Set(
  (
    'in within over during for from throughout across inside through of the last past previous prior trailing rolling recent ' +
    'this current since after before starting beginning between as on at to until till up by today yesterday tomorrow ' +
    'recently lately not just very more at less under fewer longer greater upwards beyond north no shorter below ' +
    'a an one few couple several handful half next coming upcoming following ytd mtd qtd year month quarter so ' +
    'black cyber bfcm thanksgiving christmas xmas holidays holiday festive peak ever all lifetime any anytime those these that same ' +
    'new nye mlk martin valentine valentines v presidents president st saint easter cinco mother mothers memorial father fathers ' +
    'juneteenth independence fourth 4th labor labour halloween veterans small giving boxing ' +
    'of every per each'
  ).split(' '),
);

/** First words of the named days (most words start none: the common case returns at once). */
const NAMED_DAY_FIRST_WORDS = new Set(NAMED_DAYS.flatMap((d) => d.names.map((n) => n.split(' ')[0]!)));

const SPLIT_CACHE = new WeakMap<readonly string[], string[][]>();

function splitPhrases(phrases: readonly string[]): string[][] {
  let s = SPLIT_CACHE.get(phrases);
  if (!s) {
    s = phrases.map((p) => p.split(' '));
    SPLIT_CACHE.set(phrases, s);
  }
  return s;
}

export class TimeTagger {
  private readonly asOf: string;
  private readonly D: { y: number; m: number; d: number };

  constructor(asOf: string) {
    this.asOf = asOf;
    this.D = parseIso(asOf);
  }

  /** Finds non-overlapping time expressions, longest first at each position. */
  tag(tokens: readonly Token[]): TimeMatch[] {
    const out: TimeMatch[] = [];
    let i = 0;
    while (i < tokens.length) {
      const t = tokens[i]!;
      // only some words can start a time expression
      if (
        t.kind === 'word' &&
        t.value === undefined &&
        !TIME_STARTERS.has(t.norm) &&
        !(t.norm in MONTHS) &&
        !(t.norm in SEASONS) &&
        !/^q[1-4]$/.test(t.norm)
      ) {
        i++;
        continue;
      }
      const m = this.at(tokens, i);
      if (m && m.end > i) {
        out.push(m);
        i = m.end;
      } else i++;
    }
    return out;
  }

  private n(tokens: readonly Token[], i: number): string {
    return tokens[i]?.norm ?? '';
  }

  private count(tok: Token | undefined): number | undefined {
    if (!tok) return undefined;
    if (tok.norm === 'a' || tok.norm === 'an' || tok.norm === 'one') return 1;
    if (tok.norm in VAGUE_COUNTS) return VAGUE_COUNTS[tok.norm];
    if (
      (tok.kind === 'num' || tok.kind === 'word') &&
      tok.value !== undefined &&
      !tok.ordinal &&
      !tok.decade &&
      tok.value > 0
    )
      return tok.value;
    if (tok.norm === 'half') return 0.5;
    return undefined;
  }

  private phraseAt(tokens: readonly Token[], i: number, phrases: readonly string[]): number {
    const first = tokens[i]?.norm;
    if (first === undefined) return 0;
    for (const words of splitPhrases(phrases)) {
      if (words[0] !== first) continue;
      let ok = true;
      for (let k = 1; k < words.length; k++) {
        if (tokens[i + k]?.norm !== words[k]) {
          ok = false;
          break;
        }
      }
      if (ok) return words.length;
    }
    return 0;
  }

  /** Reads "N unit(s)" or "a unit" or "unit" at i; returns n, unit and the next index. */
  private amount(
    tokens: readonly Token[],
    i: number,
    needCount: boolean,
  ): { n: number; unit: Unit; end: number } | undefined {
    let j = i;
    let n = this.count(tokens[j]);
    if (n !== undefined) {
      j++;
      if (tokens[j]?.norm === 'of') j++; // "a couple of months"
      // "a half year" / "one and a half years"
      if (this.n(tokens, j) === 'and' && this.n(tokens, j + 1) === 'a' && this.n(tokens, j + 2) === 'half') {
        n += 0.5;
        j += 3;
      }
    } else if (needCount) return undefined;
    else n = 1;
    // "90-day", "6 mo", "half a year"
    if (n === 0.5 && this.n(tokens, j) === 'a') j++;
    const unit = unitOf(tokens[j]);
    if (!unit) return undefined;
    j++;
    if (n === 0.5) {
      if (unit === 'year') return { n: 6, unit: 'month', end: j };
      if (unit === 'month') return { n: 15, unit: 'day', end: j };
      return undefined;
    }
    return { n, unit, end: j };
  }

  private at(tokens: readonly Token[], i: number): TimeMatch | undefined {
    const w = this.n(tokens, i);
    const w1 = this.n(tokens, i + 1);
    const mk = (end: number, value: TimeValue): TimeMatch => ({ start: i, end, value });
    const win = (end: number, window: Window, label?: string): TimeMatch =>
      mk(end, { kind: 'window', window, label: label ?? describeWindow(window) });

    // "in that time", "during the same period", "in those same 60 days"
    {
      let s = i;
      if (INTRO.has(w) || w === 'at') s++;
      const dem = this.phraseAt(tokens, s, PH_0);
      // "(same window)": "same" needs no preposition
      const same =
        dem &&
        s === i &&
        /^(same|the same|that same|those same)$/.test(
          tokens
            .slice(s, s + dem)
            .map((t) => t.norm)
            .join(' '),
        );
      // "but no order that week": a demonstrative and a time noun need no preposition either
      const bareThat =
        !!dem &&
        s === i &&
        /^(that|those)$/.test(tokens[s]!.norm) &&
        dem === 1 &&
        /^(week|month|year|period|window|timeframe|time frame|time period|stretch|span)$/.test(
          tokens
            .slice(s + 1, s + 1 + (this.phraseAt(tokens, s + 1, PH_1) ?? 0))
            .map((t) => t.norm)
            .join(' '),
        );
      if (dem && (s > i || same || bareThat)) {
        const a = this.amount(tokens, s + dem, true);
        if (a) {
          const wu = toWindowUnit(a.n, a.unit);
          return win(a.end, { type: 'last', n: wu.n, unit: wu.unit });
        }
        const noun = this.phraseAt(tokens, s + dem, PH_1);
        if (noun) return mk(s + dem + noun, { kind: 'anaphor', label: 'in the same time' });
      }
    }
    // all time
    const allLen = this.phraseAt(tokens, i, PH_2);
    if (allLen && !(w === 'to' && this.n(tokens, i - 1) === 'year'))
      return mk(i + allLen, { kind: 'alltime', label: 'over all history' });

    // a holiday of a named year: "the 2025 holiday season", "holidays 2025", "Black Friday week 2025",
    // "Black Friday 2025", "Cyber Monday of 2025"
    {
      let s = i;
      if (INTRO.has(w)) s++;
      if (this.n(tokens, s) === 'the') s++;
      const yearAt = (x: number): number | undefined => {
        const t = tokens[x];
        return t &&
          t.kind === 'num' &&
          t.value !== undefined &&
          Number.isInteger(t.value) &&
          t.value >= 1990 &&
          t.value <= 2100
          ? t.value
          : undefined;
      };
      const yearAfter = (x: number): { y: number; end: number } | undefined => {
        let e = x;
        if (this.n(tokens, e) === 'of' || this.n(tokens, e) === 'in') e++;
        const y = yearAt(e);
        return y !== undefined ? { y, end: e + 1 } : undefined;
      };
      const yBefore = yearAt(s);
      const at0 = yBefore !== undefined ? s + 1 : s;
      // "BFCM", "Black Friday-Cyber Monday", "Black Friday through Cyber Monday": Friday to Monday
      const bfcm =
        this.n(tokens, at0) === 'bfcm'
          ? 1
          : this.phraseAt(tokens, at0, [
              'black friday cyber monday',
              'black friday to cyber monday',
              'black friday through cyber monday',
              'black friday and cyber monday',
              'black friday - cyber monday',
              'black friday/cyber monday',
            ]);
      if (bfcm) {
        const after = yBefore === undefined ? yearAfter(at0 + bfcm) : undefined;
        let y = yBefore ?? after?.y ?? this.D.y;
        if (yBefore === undefined && after === undefined && addDays(nthWeekday(y, 11, 4, 4), 4) > this.asOf) y--;
        const tg = nthWeekday(y, 11, 4, 4);
        return win(after?.end ?? at0 + bfcm, { type: 'between', from: addDays(tg, 1), to: addDays(tg, 4) });
      }
      const bfWeek =
        this.n(tokens, at0) === 'black' &&
        this.n(tokens, at0 + 1) === 'friday' &&
        /^(week|weekend)$/.test(this.n(tokens, at0 + 2));
      const bf = !bfWeek ? this.phraseAt(tokens, at0, PH_BF) : 0;
      const hol = !bfWeek && !bf ? this.phraseAt(tokens, at0, PH_3) : 0;
      const len = bfWeek ? 3 : bf || hol;
      if (len) {
        const after = yBefore === undefined ? yearAfter(at0 + len) : undefined;
        const y = yBefore ?? after?.y;
        const end = after?.end ?? at0 + len;
        if (y !== undefined) {
          const tg = nthWeekday(y, 11, 4, 4);
          if (bfWeek) {
            const weekend = this.n(tokens, at0 + 2) === 'weekend';
            // Black Friday week: Thanksgiving week's Monday to Cyber Monday; the weekend: Friday to Monday
            return win(end, { type: 'between', from: weekend ? addDays(tg, 1) : addDays(tg, -3), to: addDays(tg, 4) });
          }
          if (bf) {
            const key = `${this.n(tokens, at0)} ${this.n(tokens, at0 + 1)}`;
            const d = key === 'black friday' ? addDays(tg, 1) : key === 'cyber monday' ? addDays(tg, 4) : tg;
            return win(end, { type: 'between', from: d, to: d });
          }
          return mk(end, this.holidays(y));
        }
      }
    }

    // ambiguous: recently, lately, over the holidays
    let k = i;
    if (
      INTRO.has(w) &&
      (this.n(tokens, k + 1) === 'the' || this.n(tokens, k + 1) === 'this' || this.n(tokens, k + 1) === 'last')
    )
      k += 2;
    else if (INTRO.has(w)) k += 1;
    const holiday = this.phraseAt(tokens, k, PH_3);
    if (holiday && k > i) return mk(k + holiday, this.holidays());
    if (
      holiday &&
      (w === 'holidays' || w === 'holiday' || w === 'christmas' || w === 'xmas') &&
      this.n(tokens, i + holiday) !== 'sale'
    )
      return mk(i + holiday, this.holidays());
    const recent = this.phraseAt(tokens, i, PH_4);
    if (recent) {
      const veryRecent = w === 'very' || w === 'just';
      return mk(i + recent, this.recently(veryRecent));
    }

    // black friday / cyber monday (most recent), "since Black Friday", "over the Black Friday weekend"
    {
      let s0 = k;
      let rel: 'since' | 'before' | undefined;
      if (w === 'since' || w === 'after') {
        rel = 'since';
        s0 = i + 1;
        if (this.n(tokens, s0) === 'last' || this.n(tokens, s0) === 'the') s0++;
      } else if (w === 'before') {
        rel = 'before';
        s0 = i + 1;
      }
      const name = this.phraseAt(tokens, s0, PH_BF);
      if (name) {
        const key = `${this.n(tokens, s0)} ${this.n(tokens, s0 + 1)}`;
        const date = (yy: number) => {
          const tg = nthWeekday(yy, 11, 4, 4);
          return key === 'black friday' ? addDays(tg, 1) : key === 'cyber monday' ? addDays(tg, 4) : tg;
        };
        let y = this.D.y;
        if (date(y) > this.asOf) y--;
        const d = date(y);
        let end = s0 + name;
        if (rel === 'since') return win(end, { type: 'since', date: d });
        if (rel === 'before') return win(end, { type: 'before', date: d });
        if (this.n(tokens, end) === 'weekend') {
          end++;
          return win(end, { type: 'between', from: d, to: addDays(d, 3) });
        }
        return win(end, { type: 'between', from: d, to: d });
      }
    }
    // "year to date", "ytd", "so far this year", "month to date", "quarter to date"
    const todate = this.phraseAt(tokens, i, PH_6);
    if (todate && !(w === 'so' && this.n(tokens, i + 2) === 'in'))
      return win(i + todate, { type: 'this', unit: 'year' }, 'year to date');
    const mtd = this.phraseAt(tokens, i, PH_7);
    if (mtd) return win(i + mtd, { type: 'this', unit: 'month' }, 'month to date');
    const qtd = this.phraseAt(tokens, i, PH_8);
    if (qtd) return win(i + qtd, { type: 'this', unit: 'quarter' }, 'quarter to date');

    // today / yesterday
    let j = i;
    if (w === 'today' || (w === 'as' && w1 === 'of' && this.n(tokens, i + 2) === 'today')) {
      const end = w === 'today' ? i + 1 : i + 3;
      return mk(end, { kind: 'future', when: 'today', label: 'today' });
    }
    if (w === 'yesterday') {
      const y = addDays(this.asOf, -1);
      return win(i + 1, { type: 'between', from: y, to: y }, 'yesterday');
    }
    if (w === 'tomorrow') return mk(i + 1, { kind: 'future', when: 'next_days', days: 1, label: 'by tomorrow' });

    // "(in|within|over|during) (the) (last|past|previous) (N) unit(s)"
    j = i;
    if (INTRO.has(this.n(tokens, j))) j++;
    if (this.n(tokens, j) === 'the') j++;
    const lastWord = this.n(tokens, j);
    if (LAST_WORDS.has(lastWord) && lastWord !== 'recent') {
      const a = this.amount(tokens, j + 1, false);
      if (a) {
        // "this past week", "last year" (rolling)
        const wu = toWindowUnit(a.n, a.unit);
        let window: Window = { type: 'last', n: wu.n, unit: wu.unit };
        if (!Number.isInteger(wu.n)) window = { type: 'last', n: Math.round(wu.n * 30), unit: 'day' };
        return win(a.end, window);
      }
    }
    if (w === 'this' && LAST_WORDS.has(w1)) {
      const a = this.amount(tokens, i + 2, false);
      if (a) {
        const wu = toWindowUnit(a.n, a.unit);
        return win(a.end, { type: 'last', n: wu.n, unit: wu.unit });
      }
    }
    // "(in|within) N units" / "within the week"
    if ((w === 'in' || w === 'within' || w === 'over' || w === 'during') && !LAST_WORDS.has(w1)) {
      let s = i + 1;
      let op: 'gt' | 'lt' | undefined;
      const gt = this.phraseAt(tokens, s, PH_9);
      if (gt && !this.phraseAt(tokens, s, PH_10)) {
        op = 'gt';
        s += gt;
      } else {
        const lt = this.phraseAt(tokens, s, PH_11);
        if (lt) {
          op = 'lt';
          s += lt;
        }
      }
      const a = this.amount(tokens, s, true);
      if (a && !(this.n(tokens, a.end) === 'ago')) {
        const wu = toWindowUnit(a.n, a.unit);
        return win(
          a.end,
          { type: 'last', n: wu.n, unit: wu.unit },
          op === 'gt' ? `in over ${plural(wu.n, wu.unit)}` : undefined,
        );
      }
    }

    // "N units ago", "more than N units ago", "over a year ago"
    {
      let s = i;
      let op: 'gt' | 'lt' | undefined;
      const gt = this.phraseAt(tokens, s, GT_WORDS);
      // "at least a year ago": on or before that day ("more than a year ago": before it)
      const atLeast = !!gt && (this.n(tokens, s) === 'at' || this.n(tokens, s) === 'no');
      if (gt) {
        op = 'gt';
        s += gt;
      } else {
        const lt = this.phraseAt(tokens, s, LT_WORDS);
        if (lt) {
          op = 'lt';
          s += lt;
        }
      }
      const a = this.amount(tokens, s, true) ?? (op ? this.amount(tokens, s, false) : undefined);
      if (a && (this.n(tokens, a.end) === 'ago' || this.n(tokens, a.end) === 'back')) {
        const wu = toWindowUnit(a.n, a.unit);
        const end = a.end + 1;
        if (op === 'lt') return win(end, { type: 'last', n: wu.n, unit: wu.unit });
        if (atLeast && Number.isInteger(wu.n)) {
          const back =
            wu.unit === 'day'
              ? addDays(this.asOf, -wu.n)
              : wu.unit === 'week'
                ? addDays(this.asOf, -7 * wu.n)
                : addMonths(this.asOf, wu.unit === 'year' ? -12 * wu.n : -wu.n);
          return win(end, { type: 'before', date: addDays(back, 1) }, `at least ${plural(wu.n, wu.unit)} ago`);
        }
        return win(end, { type: 'older_than', n: wu.n, unit: wu.unit });
      }
      // durations: "for 200 days", "for over 6 months", "for at least a year"
      if (w === 'for' || (w === 'in' && false)) {
        let s2 = i + 1;
        let dop: ThresholdOp = 'gte';
        const g2 = this.phraseAt(tokens, s2, GT_WORDS);
        if (g2) {
          dop = this.n(tokens, s2) === 'at' ? 'gte' : 'gt';
          s2 += g2;
        } else {
          const l2 = this.phraseAt(tokens, s2, LT_WORDS);
          if (l2) {
            dop =
              this.n(tokens, s2) === 'at' || this.n(tokens, s2) === 'no' || this.n(tokens, s2) === 'up' ? 'lte' : 'lt';
            s2 += l2;
          }
        }
        if (this.n(tokens, s2) === 'the' && LAST_WORDS.has(this.n(tokens, s2 + 1))) return undefined;
        const d =
          this.amount(tokens, s2, true) ??
          (this.n(tokens, s2) === 'a' ? this.amount(tokens, s2 + 1, false) : undefined);
        if (d) {
          const wu = toWindowUnit(d.n, d.unit);
          return mk(d.end, {
            kind: 'duration',
            op: dop,
            n: wu.n,
            unit: wu.unit,
            label: `for ${plural(wu.n, wu.unit)}`,
          });
        }
      }
    }

    // "this week / month / quarter / year", "current month"
    if (
      (w === 'this' || w === 'current' || (w === 'the' && w1 === 'current')) &&
      !(w === 'this' && LAST_WORDS.has(w1))
    ) {
      const uIdx = w === 'the' ? i + 2 : i + 1;
      const u = unitOf(tokens[uIdx]);
      const isCalendar = this.n(tokens, uIdx) === 'calendar';
      const u2 = isCalendar ? unitOf(tokens[uIdx + 1]) : u;
      const end = isCalendar ? uIdx + 2 : uIdx + 1;
      if (u2 === 'month' || u2 === 'year' || u2 === 'quarter') return win(end, { type: 'this', unit: u2 });
      if (u2 === 'week') return win(end, { type: 'since', date: startOfWeek(this.asOf) }, 'this week');
      if (u2 === 'day') return mk(end, { kind: 'future', when: 'today', label: 'today' });
      const season = this.n(tokens, i + 1);
      if (season in SEASONS && w === 'this') return win(i + 2, this.season(season, 'this'), `this ${season}`);
    }

    // "next month", "in the next 14 days", "coming week", "upcoming 30 days"
    {
      let s = i;
      if (w === 'in' || w === 'within' || w === 'over' || w === 'during') s++;
      if (this.n(tokens, s) === 'the') s++;
      const nx = this.n(tokens, s);
      if (nx === 'next' || nx === 'coming' || nx === 'upcoming' || nx === 'following') {
        const a = this.amount(tokens, s + 1, false);
        if (a) {
          if (a.unit === 'month' && a.n === 1 && this.count(tokens[s + 1]) === undefined) {
            return mk(a.end, { kind: 'future', when: 'next_month', label: 'next month' });
          }
          const days =
            a.unit === 'day'
              ? a.n
              : a.unit === 'week'
                ? a.n * 7
                : a.unit === 'month'
                  ? a.n * 30
                  : a.unit === 'year'
                    ? a.n * 365
                    : Math.ceil(a.n / 24);
          return mk(a.end, { kind: 'future', when: 'next_days', days, label: `in the next ${plural(days, 'day')}` });
        }
      }
    }

    // since / after / starting / from <date>
    if (
      w === 'since' ||
      w === 'after' ||
      (w === 'starting' && w1 !== 'with') ||
      w === 'beginning' ||
      (w === 'as' && w1 === 'of') ||
      (w === 'from' && !this.looksLikeRange(tokens, i + 1)) ||
      (w === 'on' && w1 === 'or' && this.n(tokens, i + 2) === 'after')
    ) {
      let s = i + 1;
      if (w === 'as') s = i + 2;
      if (w === 'on') s = i + 3;
      if (w === 'starting' || w === 'beginning') {
        if (this.n(tokens, s) === 'from' || this.n(tokens, s) === 'in' || this.n(tokens, s) === 'on') s++;
      }
      if (w === 'since' && LAST_WORDS.has(this.n(tokens, s)) && unitOf(tokens[s + 1])) {
        // "since last month" -> from the first day of last month; "since last year" -> Jan 1 last year
        const u = unitOf(tokens[s + 1])!;
        const start =
          u === 'month'
            ? addMonths(iso(this.D.y, this.D.m, 1), -1)
            : u === 'year'
              ? iso(this.D.y - 1, 1, 1)
              : u === 'week'
                ? addDays(startOfWeek(this.asOf), -7)
                : u === 'quarter'
                  ? addMonths(this.quarterStart(), -3)
                  : addDays(this.asOf, -1);
        return win(s + 2, { type: 'since', date: start });
      }
      const sinceAmount = this.amount(tokens, s, true);
      if (sinceAmount && this.n(tokens, sinceAmount.end) === 'ago') {
        const wu = toWindowUnit(sinceAmount.n, sinceAmount.unit);
        return win(sinceAmount.end + 1, { type: 'last', n: wu.n, unit: wu.unit });
      }
      const startOfYear = this.phraseAt(tokens, s, PH_12);
      if (startOfYear) return win(s + startOfYear, { type: 'this', unit: 'year' }, 'since the start of the year');
      const startOfMonth = this.phraseAt(tokens, s, PH_13);
      if (startOfMonth) return win(s + startOfMonth, { type: 'this', unit: 'month' }, 'since the start of the month');
      const d = this.date(tokens, s);
      if (d) {
        if (w === 'after' && d.granularity !== 'day') return win(d.end, { type: 'since', date: addDays(d.to, 1) });
        if (
          w === 'from' &&
          this.n(tokens, d.end) !== 'on' &&
          this.n(tokens, d.end) !== 'onward' &&
          this.n(tokens, d.end) !== 'onwards' &&
          d.granularity !== 'day'
        ) {
          // "from March" alone reads as "in March"
          return win(d.end, this.spanWindow(d));
        }
        let end = d.end;
        if (this.n(tokens, end) === 'on' || this.n(tokens, end) === 'onward' || this.n(tokens, end) === 'onwards')
          end++;
        return win(end, { type: 'since', date: d.from });
      }
    }
    // before / prior to / until <date>
    {
      const b = this.phraseAt(tokens, i, PH_14);
      if (b) {
        const d = this.date(tokens, i + b);
        if (d && (w !== 'by' || d.granularity === 'day')) {
          if (w === 'until' || w === 'till' || (w === 'up' && b === 2 && this.n(tokens, i + 1) === 'until')) {
            return win(d.end, { type: 'before', date: addDays(d.to, 1) }, `until ${d.to}`);
          }
          return win(d.end, { type: 'before', date: d.from });
        }
      }
    }
    // between <date> and <date> / from <date> to <date>
    if (w === 'between' || w === 'from') {
      const a0 = this.date(tokens, i + 1);
      const a = a0 && { ...a0, end: this.skipRestatedDate(tokens, a0.end) };
      if (a) {
        const sep = this.phraseAt(tokens, a.end, PH_15);
        if (sep) {
          const b = this.date(tokens, a.end + sep);
          if (b) {
            let from = a.from;
            // "between March and May 2026": the year said once applies to both
            if (!a.yearGiven && b.yearGiven) {
              const { m, d } = parseIso(a.from);
              const by = parseIso(b.from).y;
              from = iso(by, m, d);
              if (from > b.to) from = iso(by - 1, m, d);
            } else if (!a.yearGiven && !b.yearGiven && a.from > b.to) {
              const { y, m, d } = parseIso(a.from);
              from = iso(y - 1, m, d);
            }
            return win(b.end, { type: 'between', from, to: b.to });
          }
        }
      }
    }
    // "<date> to <date>" without a preposition: "July 15 through September 15, 2025", "November-December 2025"
    {
      let a = this.date(tokens, i, true);
      // "Oct-Dec", "may through july": a weak month word is a month when another month follows a range separator
      if (!a && this.n(tokens, i) in MONTHS) {
        const loose = this.date(tokens, i);
        const sep = loose && loose.granularity === 'month' ? this.phraseAt(tokens, loose.end, PH_16) : 0;
        if (loose && loose.granularity === 'month' && this.n(tokens, loose.end + sep) in MONTHS) a = loose;
      }
      if (a && (a.granularity === 'month' || a.granularity === 'day')) {
        const sep = this.phraseAt(tokens, a.end, PH_16);
        const directMonth = !sep && a.granularity === 'month' && this.n(tokens, a.end) in MONTHS;
        if (sep || directMonth) {
          const b = this.date(tokens, a.end + sep);
          if (b) {
            let from = a.from;
            if (!a.yearGiven && b.yearGiven) {
              const { m, d } = parseIso(a.from);
              const by = parseIso(b.from).y;
              from = iso(by, m, d);
              if (from > b.to) from = iso(by - 1, m, d);
            } else if (from > b.to) from = addMonths(from, -12);
            return win(b.end, { type: 'between', from, to: b.to });
          }
        }
      }
    }

    // "in 2025", "in March 2026", "during March", "last March", "in Q4", "last summer"
    {
      let s = i;
      let prefix: 'in' | 'last' | 'this' | undefined;
      if (INTRO.has(w) || w === 'on') {
        prefix = 'in';
        s++;
      } else if (w === 'last' || w === 'this' || w === 'past' || w === 'previous') {
        prefix = w === 'this' ? 'this' : 'last';
        s++;
      }
      const season = this.n(tokens, s);
      if (season in SEASONS && prefix) {
        const yearTok = tokens[s + 1];
        if (yearTok && this.isYear(yearTok))
          return win(s + 2, this.season(season, 'year', yearTok.value!), `${season} ${yearTok.value}`);
        return win(
          s + 1,
          this.season(season, prefix === 'this' ? 'this' : 'last'),
          `${prefix === 'this' ? 'this' : 'last'} ${season}`,
        );
      }
      if (prefix === 'last' && this.n(tokens, s) in MONTHS && !tokens[s + 1]?.value) {
        // "last March": the most recent March before the current month
        const mo = MONTHS[this.n(tokens, s)]!;
        const y = mo < this.D.m ? this.D.y : this.D.y - 1;
        return win(s + 1, { type: 'month', year: y, month: mo });
      }
      if (prefix === 'last' && this.n(tokens, s) === 'calendar' && unitOf(tokens[s + 1]) === 'year') {
        return win(s + 2, { type: 'year', year: this.D.y - 1 }, `in ${this.D.y - 1}`);
      }
      if (prefix === 'in' || prefix === undefined) {
        const d = this.date(tokens, s, prefix === undefined);
        const strongMonth = !!d && d.granularity === 'month' && !WEAK_MONTHS.has(this.n(tokens, s));
        if (d && prefix === 'in' && (d.granularity === 'month' || d.granularity === 'day')) {
          const sep = this.phraseAt(tokens, d.end, PH_17);
          const direct = !sep && d.granularity === 'month' && this.n(tokens, d.end) in MONTHS;
          const b = sep || direct ? this.date(tokens, d.end + sep) : undefined;
          if (b) {
            let from = d.from;
            if (!d.yearGiven && b.yearGiven) {
              const { m, d: dd } = parseIso(d.from);
              const by = parseIso(b.from).y;
              from = iso(by, m, dd);
              if (from > b.to) from = iso(by - 1, m, dd);
            } else if (from > b.to) from = addMonths(from, -12);
            return win(b.end, { type: 'between', from, to: b.to });
          }
        }
        if (d && (prefix === 'in' || d.yearGiven || d.granularity === 'day' || strongMonth)) {
          if (prefix === undefined && d.granularity === 'year') {
            const y = parseIso(d.from).y;
            const prev = tokens[i - 1]?.norm ?? '';
            if (
              y > this.D.y ||
              y < this.D.y - 10 ||
              /^(\$|over|under|than|of|about|least|most|around|>|<|=)$/.test(prev)
            )
              return undefined;
          }
          return win(d.end, this.spanWindow(d));
        }
      }
    }
    // a bare amount of time: "60d", "wine & beer 90 days", "past yr"
    {
      const a = this.amount(tokens, i, true);
      const prev = tokens[i - 1]?.norm ?? '';
      const nextW = this.n(tokens, a?.end ?? 0);
      if (
        a &&
        !['ago', 'back', 'old', 'olds', 'of', 'before', 'after', 'earlier', 'later', 'prior'].includes(nextW) &&
        !['for', 'every', 'per', 'each', 'than', 'about'].includes(prev)
      ) {
        const wu = toWindowUnit(a.n, a.unit);
        if (Number.isInteger(wu.n))
          return win(a.end, { type: 'last', n: wu.n, unit: wu.unit }, `~in the last ${plural(wu.n, wu.unit)}`);
      }
    }
    return undefined;
  }

  private looksLikeRange(tokens: readonly Token[], i: number): boolean {
    const a = this.date(tokens, i);
    if (!a) return false;
    return !!this.phraseAt(tokens, a.end, PH_18);
  }

  private isYear(tok: Token | undefined): boolean {
    return (
      !!tok &&
      tok.kind === 'num' &&
      tok.value !== undefined &&
      Number.isInteger(tok.value) &&
      tok.value >= 1990 &&
      tok.value <= 2100 &&
      (/^\d{4}$/.test(tok.raw) || /^\d{4}$/.test(tok.norm)) &&
      !tok.plus
    );
  }

  private quarterStart(): string {
    const qm = Math.floor((this.D.m - 1) / 3) * 3 + 1;
    return iso(this.D.y, qm, 1);
  }

  /** A window covering the whole date expression. */
  private spanWindow(d: DateExpr): Window {
    const a = parseIso(d.from);
    if (d.granularity === 'year') return { type: 'year', year: a.y };
    if (d.granularity === 'month') return { type: 'month', year: a.y, month: a.m };
    return { type: 'between', from: d.from, to: d.to };
  }

  /** The most recent occurrence of a month (on or before the as-of month). */
  private recentMonthYear(month: number): number {
    return month <= this.D.m ? this.D.y : this.D.y - 1;
  }

  /** Reads a date expression at i: "March", "March 2026", "March 15", "15 March 2025", "2025", "Q1 2026", "3/15/2026". */
  private date(tokens: readonly Token[], i: number, strict = false): DateExpr | undefined {
    const t = tokens[i];
    if (!t) return undefined;
    if (t.norm === 'the' && tokens[i + 1]) {
      const inner = this.date(tokens, i + 1, strict);
      if (inner) return inner;
    }
    // ISO or slash dates
    if (t.kind === 'date') {
      const s = t.norm;
      let y: number, m: number, d: number;
      let yearGiven = true;
      const isoM = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
      const slash = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?$/.exec(s);
      if (isoM) [y, m, d] = [Number(isoM[1]), Number(isoM[2]), Number(isoM[3])];
      else if (slash) {
        m = Number(slash[1]);
        d = Number(slash[2]);
        if (slash[3]) y = Number(slash[3].length === 2 ? `20${slash[3]}` : slash[3]);
        else {
          yearGiven = false;
          y = this.D.y;
          if (iso(y, m, Math.min(d, 28)) > this.asOf) y--;
        }
      } else return undefined;
      if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
      const day = iso(y, m, d);
      return { from: day, to: day, end: i + 1, granularity: 'day', yearGiven };
    }
    // a year alone
    if (this.isYear(t)) {
      return { from: iso(t.value!, 1, 1), to: iso(t.value!, 12, 31), end: i + 1, granularity: 'year', yearGiven: true };
    }
    // quarters: "Q1", "Q4 2025", "the first quarter of 2026"
    const qm = /^q([1-4])$/.exec(t.norm);
    let quarter: number | undefined;
    let qEnd = i + 1;
    if (qm) quarter = Number(qm[1]);
    else if (t.ordinal && t.value && t.value <= 4 && unitOf(tokens[i + 1]) === 'quarter') {
      quarter = t.value;
      qEnd = i + 2;
    }
    if (quarter) {
      let j = qEnd;
      if (this.n(tokens, j) === 'of') j++;
      let y = this.D.y;
      let yearGiven = false;
      if (this.isYear(tokens[j])) {
        y = tokens[j]!.value!;
        yearGiven = true;
        j++;
      } else if (iso(y, (quarter - 1) * 3 + 1, 1) > this.asOf) y--;
      return {
        from: iso(y, (quarter - 1) * 3 + 1, 1),
        to: monthEnd(y, quarter * 3),
        end: j,
        granularity: 'range',
        yearGiven,
      };
    }
    // named days: "Memorial Day", "Valentine's Day 2026", "Christmas Eve", "Labor Day weekend"
    {
      const named = this.namedDay(tokens, i);
      if (named && (!strict || named.yearGiven)) return named;
    }
    // month names: "March", "March 2026", "March 15", "March 15th, 2025", "15 March"
    let monthIdx = i;
    let day: number | undefined;
    if (
      (t.kind === 'num' || t.ordinal) &&
      t.value &&
      t.value >= 1 &&
      t.value <= 31 &&
      this.n(tokens, i + 1) in MONTHS
    ) {
      day = t.value;
      monthIdx = i + 1;
    } else if (t.ordinal && t.value && this.n(tokens, i + 1) === 'of' && this.n(tokens, i + 2) in MONTHS) {
      day = t.value;
      monthIdx = i + 2;
    }
    const mw = this.n(tokens, monthIdx);
    if (mw in MONTHS) {
      const month = MONTHS[mw]!;
      let j = monthIdx + 1;
      if (day === undefined) {
        const nt = tokens[j];
        if (
          nt &&
          (nt.kind === 'num' || nt.ordinal) &&
          nt.value &&
          nt.value >= 1 &&
          nt.value <= 31 &&
          !this.isYear(nt) &&
          !nt.plus
        ) {
          day = nt.value;
          j++;
        }
      }
      if (tokens[j]?.norm === ',') j++;
      let year: number | undefined;
      if (this.isYear(tokens[j])) {
        year = tokens[j]!.value!;
        j++;
      } else if (tokens[j - 1]?.norm === ',') j--;
      if (strict && WEAK_MONTHS.has(mw) && year === undefined && day === undefined) return undefined;
      if (WEAK_MONTHS.has(mw) && mw === 'may' && year === undefined && day === undefined && strict) return undefined;
      const yearGiven = year !== undefined;
      if (day !== undefined) {
        let y = year ?? this.D.y;
        if (year === undefined && iso(y, month, Math.min(day, daysInMonth(y, month))) > this.asOf) y--;
        if (day > daysInMonth(y, month)) return undefined;
        const dd = iso(y, month, day);
        return { from: dd, to: dd, end: j, granularity: 'day', yearGiven };
      }
      const y = year ?? this.recentMonthYear(month);
      return { from: iso(y, month, 1), to: monthEnd(y, month), end: j, granularity: 'month', yearGiven };
    }
    // chrono fallback for other explicit dates ("the 4th of July")
    if (!strict && t.ordinal && (this.n(tokens, i + 1) === 'of' || this.n(tokens, i + 1) in MONTHS)) {
      const text = tokens
        .slice(i, i + 5)
        .map((x) => x.raw)
        .join(' ');
      const ref = { instant: new Date(Date.UTC(this.D.y, this.D.m - 1, this.D.d, 12)), timezone: 0 };
      const res = chrono.parse(text, ref, { forwardDate: false });
      const r = res[0];
      if (r && r.index === 0 && r.start.isCertain('month') && r.start.isCertain('day')) {
        const dt = r.start.date();
        let y = dt.getUTCFullYear();
        const m = dt.getUTCMonth() + 1;
        const d = dt.getUTCDate();
        if (!r.start.isCertain('year') && iso(y, m, d) > this.asOf) y--;
        // how many tokens did chrono read?
        let used = 0;
        let len = 0;
        while (used < 5 && len < r.text.length) {
          len += tokens[i + used]!.raw.length + 1;
          used++;
        }
        const dd = iso(y, m, d);
        return {
          from: dd,
          to: dd,
          end: i + Math.max(1, used),
          granularity: 'day',
          yearGiven: r.start.isCertain('year'),
        };
      }
    }
    return undefined;
  }

  /** After a date, "(Nov 28, 2025)" restating it: the index after the parenthesis, else i. */
  private skipRestatedDate(tokens: readonly Token[], i: number): number {
    if (this.n(tokens, i) !== '(') return i;
    const d = this.date(tokens, i + 1);
    return d && this.n(tokens, d.end) === ')' ? d.end + 1 : i;
  }

  /** A named day of the retail calendar at i, in a year said after it or else its latest on or before the as-of date. */
  private namedDay(tokens: readonly Token[], i: number): DateExpr | undefined {
    if (!NAMED_DAY_FIRST_WORDS.has(this.n(tokens, i))) return undefined;
    let best: { len: number; date: (y: number) => string } | undefined;
    for (const nd of NAMED_DAYS) {
      const len = this.phraseAt(tokens, i, nd.names);
      if (len && (!best || len > best.len)) best = { len, date: nd.date };
    }
    if (!best) return undefined;
    let j = i + best.len;
    let y = this.D.y;
    let yearGiven = false;
    const yj = this.n(tokens, j) === 'of' || this.n(tokens, j) === ',' ? j + 1 : j;
    if (this.isYear(tokens[yj])) {
      y = tokens[yj]!.value!;
      yearGiven = true;
      j = yj + 1;
    } else if (best.date(y) > this.asOf) y--;
    const d = best.date(y);
    // "Memorial Day weekend": Saturday to a Monday holiday, Saturday and a Sunday one, Friday to Monday from a Friday
    if (this.n(tokens, j) === 'weekend') {
      const wd = toDate(d).getUTCDay();
      const range: [number, number] | undefined =
        wd === 1 ? [-2, 0] : wd === 0 ? [-1, 0] : wd === 5 ? [0, 3] : wd === 6 ? [-1, 1] : undefined;
      if (range) {
        return {
          from: addDays(d, range[0]),
          to: addDays(d, range[1]),
          end: j + 1,
          granularity: 'range',
          yearGiven,
        };
      }
    }
    return { from: d, to: d, end: j, granularity: 'day', yearGiven };
  }

  private season(name: string, mode: 'this' | 'last' | 'year', year?: number): Window {
    const [a, b] = SEASONS[name]!;
    const span = (y: number): { from: string; to: string } =>
      a > b ? { from: iso(y - 1, a, 1), to: monthEnd(y, b) } : { from: iso(y, a, 1), to: monthEnd(y, b) };
    if (mode === 'year') {
      const s = span(year!);
      return { type: 'between', from: s.from, to: s.to };
    }
    let y = this.D.y;
    let s = span(y);
    if (mode === 'this') {
      if (s.from > this.asOf) s = span(y - 1);
      return { type: 'between', from: s.from, to: s.to < this.asOf ? s.to : this.asOf };
    }
    // last completed season
    while (s.to >= this.asOf) {
      y--;
      s = span(y);
    }
    return { type: 'between', from: s.from, to: s.to };
  }

  holidaySeason(year: number): TimeValue {
    return this.holidays(year);
  }

  private holidays(year?: number): TimeValue {
    // the holiday season of the year said, or the most recent completed one
    let y = year ?? this.D.y;
    if (year === undefined && iso(y, 12, 31) > this.asOf) y--;
    const thanksgiving = nthWeekday(y, 11, 4, 4);
    return {
      kind: 'ambiguous',
      id: 'holidays',
      term: 'the holidays',
      label: 'over the holidays',
      options: [
        { label: `November-December ${y}`, window: { type: 'between', from: iso(y, 11, 1), to: iso(y, 12, 31) } },
        {
          label: `Black Friday to Christmas ${y}`,
          window: { type: 'between', from: addDays(thanksgiving, 1), to: iso(y, 12, 25) },
        },
        { label: `December ${y}`, window: { type: 'month', year: y, month: 12 } },
      ],
    };
  }

  private recently(very: boolean): TimeValue {
    const opts: TimeOption[] = very
      ? [
          { label: 'in the last 7 days', window: { type: 'last', n: 7, unit: 'day' } },
          { label: 'in the last 30 days', window: { type: 'last', n: 30, unit: 'day' } },
        ]
      : [
          { label: 'in the last 30 days', window: { type: 'last', n: 30, unit: 'day' } },
          { label: 'in the last 90 days', window: { type: 'last', n: 90, unit: 'day' } },
        ];
    return { kind: 'ambiguous', id: 'recently', term: 'recently', label: 'recently', options: opts };
  }
}

/** The readings of "the holidays" of one year (Nov-Dec, Black Friday to Christmas, December). */
export function holidaySeason(year: number, asOf: string): TimeValue {
  return new TimeTagger(asOf).holidaySeason(year);
}

export function tagTime(tokens: readonly Token[], asOf: string): TimeMatch[] {
  return new TimeTagger(asOf).tag(tokens);
}
