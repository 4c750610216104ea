import { stem } from '../text/stem';
import { DECADE_WORDS, ORDINALS, TIMES_WORDS, parseNumeral, readNumberWords } from './numbers';

/**
 * Stage 1, normalize: the raw request becomes tokens that keep their character offsets in
 * the original text (for spans), with case folded, quotes and dashes straightened,
 * contractions split ("hasn't" -> "has" "not"), numbers read ("thirty", "$1.5K",
 * "two thousand five hundred", "30+", "25-40", "30s", "thirty-somethings"), money and
 * percentages recognised, and typos corrected against a vocabulary.
 */

export type TokenKind = 'word' | 'num' | 'money' | 'percent' | 'range' | 'punct' | 'date';

export interface Token {
  /** The original characters. */
  raw: string;
  /** Lowercase normalized form used for matching. */
  norm: string;
  /** Light stem of `norm`. */
  stem: string;
  start: number;
  end: number;
  kind: TokenKind;
  /** num / money / percent value; for words that are numbers ("one", "first") too. */
  value?: number;
  /** range / decade bounds (inclusive). */
  min?: number;
  max?: number;
  /** "30+" */
  plus?: boolean;
  /** "30s", "thirties", "thirty-somethings": an age decade. */
  decade?: boolean;
  ordinal?: boolean;
  /** "twice" -> value 2, times = true */
  times?: boolean;
  /** joined to the next word by an underscore in the original ("150k_plus", "email_opt_in"). */
  snake?: boolean;
  /** written in capitals in a text that is not all capitals ("IN", "OR"). */
  upper?: boolean;
  /** ISO date for "2026-03-01", "3/15/2026". */
  date?: string;
  /** The word as typed before a typo correction. */
  corrected?: string;
  /** Money range "$50-$100". */
  money?: boolean;
}

export interface Vocabulary {
  /** True when the word is known (lexicon or English) and must not be corrected. */
  isKnown(word: string): boolean;
  /** A correction within the allowed edit distance, if exactly one is closest. */
  correct(word: string): string | undefined;
}

export interface NormalizeResult {
  text: string;
  tokens: Token[];
  corrections: { from: string; to: string; start: number; end: number }[];
}

const CHAR_MAP: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '`': "'",
  '\u00b4': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2033': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  // snake_case names from filter syntax ("churn_risk", "email_opt_in") are words
  _: ' ',

  '\u00a0': ' ',
  '\u2009': ' ',
  '\u200a': ' ',
  '\u202f': ' ',
  '\u3000': ' ',
  '\u200b': ' ',
  '\u200c': ' ',
  '\u200d': ' ',
  '\ufeff': ' ',
  '\uff04': '$',
  '\uff05': '%',
};

/** Same-length character clean-up, so offsets into the cleaned text are offsets into the original. */
export function cleanChars(text: string): string {
  let out = '';
  for (const ch of text) {
    const mapped = CHAR_MAP[ch];
    if (mapped !== undefined && ch.length === 1) out += mapped;
    else out += ch;
  }
  return out;
}

function foldDiacritics(w: string): string {
  return w.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** Contractions typed without the apostrophe ("havent", "didnt"). */
const BARE_CONTRACTIONS: Readonly<Record<string, [string, string]>> = {
  havent: ['have', 'not'],
  havnt: ['have', 'not'],
  hasnt: ['has', 'not'],
  hadnt: ['had', 'not'],
  didnt: ['did', 'not'],
  dont: ['do', 'not'],
  doesnt: ['does', 'not'],
  isnt: ['is', 'not'],
  arent: ['are', 'not'],
  wasnt: ['was', 'not'],
  werent: ['were', 'not'],
  wont: ['will', 'not'],
  cant: ['can', 'not'],
  couldnt: ['could', 'not'],
  shouldnt: ['should', 'not'],
  wouldnt: ['would', 'not'],
  aint: ['is', 'not'],
  hvnt: ['have', 'not'],
  didn: ['did', 'not'],
};

/** Shorthand people type. */
const SHORTHAND: Readonly<Record<string, string>> = {
  ovr: 'over',
  undr: 'under',
  btwn: 'between',
  btw: 'between',
  ppl: 'people',
  custs: 'customers',
  cust: 'customers',
  thru: 'through',
  tho: 'though',
  prev: 'previous',
  alot: 'a lot',
  abt: 'about',
  w: 'with',
  wo: 'without',
  yrs: 'years',
  '&amp;': 'and',
  min: 'min',
  mins: 'min',
  ytd: 'ytd',
  lt: 'lt',
  gt: 'gt',
  pls: 'please',
  plz: 'please',
  thx: 'thanks',
  u: 'you',
  ur: 'your',
  bc: 'because',
  cuz: 'because',
  b4: 'before',
  nvm: 'never mind',
  info: 'information',
  lst: 'last',
  wmn: 'women',
  wmns: 'women',
  mens: 'men',
  amt: 'amount',
  avg: 'average',
  nbr: 'number',
  mgmt: 'management',
  pst: 'past',
  // agent nouns of engagement verbs: "email openers" -> opened, "clickers" -> clicked
  openers: 'opened',
  opener: 'opened',
  clickers: 'clicked',
  clicker: 'clicked',
  purchasers: 'purchasers',
  txns: 'transactions',
  txn: 'transaction',
  texts: 'text',
  got: 'received',
  atleast: 'at least',
  atmost: 'at most',
  morethan: 'more than',
  lessthan: 'less than',
  les: 'less',
  pts: 'points',
  // "redeemed a promo code": redeeming a coupon is using it (and "redeemed points" stays no coupon)
  redeemed: 'used',
  redeem: 'use',
  redeems: 'uses',
  redeeming: 'using',
  childless: 'without kids',
  hh: 'household',
  hhi: 'household income',
  pt: 'points',
  lifetimes: 'lifetime',
};

/** "the riskiest 5%": the top of the churn model (just "top" when the request names the model itself). */
function superlativeShare(lower: string, rest: string): string | undefined {
  if (
    lower !== 'riskiest' ||
    !/^\s+(?:\d+(?:\.\d+)?\s*(?:%|percent\b|pct\b)|(?:ten|five|twenty) percent\b)/i.test(rest)
  )
    return undefined;
  return /\bchurn/i.test(rest) ? 'top' : 'churn risk top';
}

const CONTRACTIONS: Readonly<Record<string, [string, string]>> = {
  "can't": ['can', 'not'],
  cannot: ['can', 'not'],
  "won't": ['will', 'not'],
  "shan't": ['shall', 'not'],
  "ain't": ['is', 'not'],
};

// Order matters: dates, money, numbers, abbreviations, words, punctuation.
const TOKEN_RE = new RegExp(
  [
    String.raw`(?<date>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\/\d{1,2}(?:\/\d{2,4})?)`,
    String.raw`(?<money>\$\s?(?:\d(?:\d|,(?=\d{3}))*(?:\.\d+)?|\.\d+)\s?(?:[kKmM]|bn|BN)?(?![A-Za-z0-9])(?:\s?(?:-|to)\s?\$?\s?\d(?:\d|,(?=\d{3}))*(?:\.\d+)?\s?(?:[kKmM])?(?![A-Za-z0-9]))?\+?)`,
    String.raw`(?<num>\d(?:\d|,(?=\d{3}))*(?:\.\d+)?(?:\s?-\s?\d(?:\d|,(?=\d{3}))*(?:\.\d+)?(?!\d))?(?:[kKmM](?![A-Za-z]))?(?:'?s(?![A-Za-z])|st|nd|rd|th|%|\+|x(?![A-Za-z]))?\+?)`,
    String.raw`(?<abbr>(?:[A-Za-z]\.){2,})`,
    // "F35-44", "M50+": a sex letter glued to an age (inside a word the word is matched first)
    String.raw`(?<sex>[FM](?=\d{2}(?!\d)))`,
    String.raw`(?<word>[\p{L}][\p{L}\p{M}0-9]*(?:'(?:[\p{L}]+)?)?)`,
    String.raw`(?<punct>[.,;:!?()\[\]{}"<>=/*|&+#@~^\\-]|'|[^\s\p{L}\p{N}])`,
  ].join('|'),
  'gu',
);

function makeWord(raw: string, start: number, norm?: string): Token {
  const n = norm ?? foldDiacritics(raw.toLowerCase());
  return { raw, norm: n, stem: stem(n), start, end: start + raw.length, kind: 'word' };
}

/** Tokenizes (no number-word folding or typo correction yet). */
export function tokenize(text: string): Token[] {
  const clean = cleanChars(text);
  // (two-letter codes do not count: "state IN (CA, OR, WA)" is not shouted)
  const letters = (clean.match(/[A-Za-z]{3,}/g) ?? []).join('');
  const mostlyUpper = letters.length >= 12 && letters.replace(/[^A-Z]/g, '').length / letters.length > 0.6;
  const out: Token[] = [];
  let skipUntil = 0;
  for (const m of clean.matchAll(TOKEN_RE)) {
    const raw = m[0];
    const start = m.index!;
    if (start < skipUntil) continue;
    const g = m.groups!;
    if (g['date']) {
      out.push({ raw, norm: raw, stem: raw, start, end: start + raw.length, kind: 'date' });
    } else if (g['money']) {
      const body = raw.replace(/\$/g, '').replace(/\s+/g, '');
      const plus = body.endsWith('+');
      const core = plus ? body.slice(0, -1) : body;
      const parts = core.split(/-|to/);
      const t: Token = {
        raw,
        norm: raw.toLowerCase(),
        stem: raw.toLowerCase(),
        start,
        end: start + raw.length,
        kind: 'money',
      };
      if (parts.length === 2) {
        const a = parseNumeral(parts[0]!);
        const b = parseNumeral(parts[1]!);
        // "$1-2k": the suffix applies to both
        const suffix = /[kKmM]$/.exec(parts[1]!)?.[0];
        let a2 = a;
        if (suffix && a !== undefined && !/[kKmM]$/.test(parts[0]!)) a2 = parseNumeral(parts[0]! + suffix);
        if (a2 !== undefined && b !== undefined) {
          t.kind = 'range';
          t.money = true;
          t.min = a2;
          t.max = b;
        }
      } else {
        const v = parseNumeral(core);
        if (v !== undefined) t.value = v;
      }
      if (plus) t.plus = true;
      out.push(t);
    } else if (g['num']) {
      let body = raw;
      const t: Token = {
        raw,
        norm: raw.toLowerCase(),
        stem: raw.toLowerCase(),
        start,
        end: start + raw.length,
        kind: 'num',
      };
      if (body.endsWith('+')) {
        t.plus = true;
        body = body.slice(0, -1);
      }
      if (body.endsWith('%')) {
        t.kind = 'percent';
        body = body.slice(0, -1);
      } else if (/'?s$/.test(body) && /^\d+0'?s$/.test(body)) {
        t.decade = true;
        body = body.replace(/'?s$/, '');
      } else if (/(st|nd|rd|th)$/i.test(body)) {
        t.ordinal = true;
        body = body.slice(0, -2);
      } else if (/x$/i.test(body)) {
        t.times = true;
        body = body.slice(0, -1);
      }
      const range = /^(\d[\d,]*(?:\.\d+)?)\s?-\s?(\d[\d,]*(?:\.\d+)?)([kKmM])?$/.exec(body);
      if (range) {
        const suffix = range[3] ?? '';
        const a = parseNumeral(range[1]! + suffix);
        const b = parseNumeral(range[2]! + suffix);
        if (a !== undefined && b !== undefined) {
          t.kind = 'range';
          t.min = a;
          t.max = b;
        }
      } else {
        const v = parseNumeral(body);
        if (v === undefined) continue;
        t.value = v;
        if (t.decade) {
          t.min = v;
          t.max = v + 9;
        }
      }
      out.push(t);
    } else if (g['sex']) {
      out.push(makeWord(raw, start, raw === 'F' ? 'women' : 'men'));
    } else if (g['abbr']) {
      out.push(makeWord(raw, start, raw.toLowerCase().replace(/\./g, '')));
    } else if (g['word']) {
      const lower = foldDiacritics(raw.toLowerCase());
      const upper = !mostlyUpper && raw.length >= 2 && raw === raw.toUpperCase() && /[A-Z]/.test(raw);
      // contractions: "hasn't" -> has not; "they've" -> they have
      const whole = CONTRACTIONS[lower] ?? BARE_CONTRACTIONS[lower];
      if (whole) {
        out.push(makeWord(raw, start, whole[0]));
        out.push({ ...makeWord(raw, start, whole[1]), start: start + raw.length, end: start + raw.length });
        continue;
      }
      if (lower.endsWith("n't") && lower.length > 3) {
        const head = lower.slice(0, -3);
        const headRaw = raw.slice(0, -3);
        out.push(makeWord(headRaw, start, head));
        out.push(makeWord(raw.slice(-3), start + raw.length - 3, 'not'));
        continue;
      }
      const vm = /^(.*)'(ve|re|ll|d|m)$/.exec(lower);
      if (vm && vm[1]) {
        const full: Record<string, string> = { ve: 'have', re: 'are', ll: 'will', d: 'would', m: 'am' };
        out.push(makeWord(raw.slice(0, vm[1].length), start, vm[1]));
        out.push(makeWord(raw.slice(vm[1].length), start + vm[1].length, full[vm[2]!]!));
        continue;
      }
      // "L90D", "L6M", "L12M", "LTM", "T12M": the last N days / weeks / months / years
      const lw =
        /^(?:l|t|p)(\d{1,3})(d|w|m|y)$/.exec(lower) ?? (lower === 'ltm' || lower === 'ttm' ? [lower, '12', 'm'] : null);
      if (lw) {
        const n = Number(lw[1]);
        const unit = { d: 'days', w: 'weeks', m: 'months', y: 'years' }[lw[2] as 'd' | 'w' | 'm' | 'y'];
        const end = start + raw.length;
        out.push(makeWord(raw, start, 'last'));
        out.push({ raw, norm: String(n), stem: String(n), start: end, end, kind: 'num', value: n });
        out.push({ ...makeWord(raw, start, unit), start: end, end });
        continue;
      }
      let norm = lower;
      const short =
        (lower === 'riskiest' ? superlativeShare(lower, clean.slice(start + raw.length)) : undefined) ??
        SHORTHAND[lower];
      if (short && !short.includes(' ')) norm = short;
      else if (short) {
        const [a, ...rest] = short.split(' ');
        out.push(makeWord(raw, start, a));
        for (const b of rest)
          out.push({ ...makeWord(raw, start, b), start: start + raw.length, end: start + raw.length });
        continue;
      }
      if (norm.endsWith("'s") || norm.endsWith("'")) norm = norm.replace(/'s?$/, '');
      norm = norm.replace(/'/g, '');
      // abbreviations with a dot: "St. Louis", "Mt."
      let end = start + raw.length;
      let rawText = raw;
      if (raw.length <= 6 && clean[end] === '.' && /^\s+[A-Za-z]/.test(clean.slice(end + 1, end + 3))) {
        if (/^(st|mt|ft|mr|mrs|ms|dr|jr|sr|vs|etc|no|approx|est|dept|inc|co)$/.test(norm)) {
          end += 1;
          skipUntil = end;
          rawText = clean.slice(start, end);
        }
      }
      const t = makeWord(rawText, start, norm);
      t.end = end;
      if (upper) t.upper = true;
      out.push(t);
    } else if (g['punct']) {
      if (/^\s$/.test(raw)) continue;
      const norm = raw === '&' ? 'and' : raw;
      const t: Token = { raw, norm, stem: norm, start, end: start + raw.length, kind: raw === '&' ? 'word' : 'punct' };
      out.push(t);
    }
  }
  return out;
}

function mergeTokens(tokens: Token[], from: number, count: number, patch: Partial<Token>, text: string): Token {
  const first = tokens[from]!;
  const last = tokens[from + count - 1]!;
  const raw = text.slice(first.start, last.end);
  const merged: Token = {
    raw,
    norm: tokens
      .slice(from, from + count)
      .map((t) => t.norm)
      .join(' '),
    stem: tokens
      .slice(from, from + count)
      .map((t) => t.stem)
      .join(' '),
    start: first.start,
    end: last.end,
    kind: 'word',
    ...patch,
  };
  tokens.splice(from, count, merged);
  return merged;
}

const CURRENCY_WORDS = new Set(['dollars', 'dollar', 'bucks', 'buck', 'usd', 'dlrs']);
const PERCENT_WORDS = new Set(['percent', 'per cent', 'pct', 'percentage']);

/** Folds number words, money words, percent words, decades and "N somethings". */
/** Words that count things ("orders", "times"): "1 or 2" before one of them is a range. */
const COUNT_UNITS = /^(?:orders?|purchases?|times|visits?|trips?|items?|units?|transactions?|returns?|opens?|clicks?)$/;

export function foldNumbers(tokens: Token[], text: string): Token[] {
  const t = tokens;
  for (let i = 0; i < t.length; i++) {
    const tok = t[i]!;
    if (tok.kind === 'word') {
      const words = t.slice(i, i + 8).map((x) => (x.kind === 'word' ? x.norm : '\u0000'));
      // "a dozen", "a couple (of)", "a few"
      const read = tok.norm === 'six' && t[i + 1]?.norm === 'figures' ? undefined : readNumberWords(words, 0);
      if (tok.norm === 'six' && t[i + 1]?.norm === 'figures') {
        mergeTokens(t, i, 2, { kind: 'money', value: 100000, plus: true }, text);
      } else if (read && read.used >= 1) {
        if (read.used === 1 && tok.norm === 'one') {
          tok.value = 1; // keep as a word: "one-time buyers", "at least one"
        } else {
          const merged = mergeTokens(t, i, read.used, { kind: 'num', value: read.value }, text);
          // "twenty twenty-five": a year reads as its digits
          if (/^twenty /.test(merged.norm) && read.value >= 2010 && read.value <= 2099)
            merged.norm = String(read.value);
          merged.stem = merged.norm;
        }
      } else if (tok.norm === 'single' || tok.norm === 'solo') {
        tok.value = 1;
      } else if (tok.norm in ORDINALS) {
        tok.value = ORDINALS[tok.norm];
        tok.ordinal = true;
      } else if (tok.norm in TIMES_WORDS) {
        tok.value = TIMES_WORDS[tok.norm];
        tok.times = true;
      } else if (tok.norm in DECADE_WORDS && !(tok.norm === 'teens')) {
        tok.kind = 'num';
        tok.decade = true;
        tok.value = DECADE_WORDS[tok.norm]!;
        tok.min = tok.value;
        tok.max = tok.value + 9;
      } else if ((tok.norm === 'a' || tok.norm === 'an') && t[i + 1]?.norm === 'couple') {
        const n = t[i + 2]?.norm === 'of' ? 3 : 2;
        mergeTokens(t, i, n, { kind: 'num', value: 2 }, text);
      } else if ((tok.norm === 'a' || tok.norm === 'an') && t[i + 1]?.norm === 'few') {
        mergeTokens(t, i, 2, { kind: 'num', value: 3 }, text);
      }
    }
  }
  for (let i = 0; i < t.length; i++) {
    const tok = t[i]!;
    const next = t[i + 1];
    const numeric =
      tok.kind === 'num' || (tok.kind === 'word' && tok.value !== undefined && !tok.ordinal && !tok.times);
    // 500 dollars, 1,000 bucks
    if (numeric && next && CURRENCY_WORDS.has(next.norm) && tok.value !== undefined) {
      mergeTokens(t, i, 2, { kind: 'money', value: tok.value }, text);
      continue;
    }
    // "twenty-five k", "100 K": a thousand, written apart from the number
    if (numeric && next && /^k$/i.test(next.raw) && tok.value !== undefined && !tok.plus) {
      mergeTokens(t, i, 2, { kind: 'num', value: tok.value * 1000 }, text);
      continue;
    }
    // "50k-100k", "$1.5k-2k": two amounts joined by a hyphen
    const after = t[i + 2];
    if (
      (tok.kind === 'num' || tok.kind === 'money') &&
      tok.value !== undefined &&
      next?.raw === '-' &&
      next.start === tok.end &&
      after &&
      after.start === next.end &&
      (after.kind === 'num' || after.kind === 'money') &&
      after.value !== undefined &&
      /[km]$/i.test(tok.raw) &&
      after.value > tok.value
    ) {
      const money = tok.kind === 'money' || after.kind === 'money';
      mergeTokens(
        t,
        i,
        3,
        { kind: 'range', ...(money ? { money: true } : {}), min: tok.value, max: after.value },
        text,
      );
      continue;
    }
    if (tok.kind === 'range' && next && CURRENCY_WORDS.has(next.norm)) {
      mergeTokens(t, i, 2, { kind: 'range', money: true, min: tok.min!, max: tok.max! }, text);
      continue;
    }
    // 10 percent
    if (numeric && next && PERCENT_WORDS.has(next.norm) && tok.value !== undefined) {
      mergeTokens(t, i, 2, { kind: 'percent', value: tok.value }, text);
      continue;
    }
    // thirty-somethings, 30-somethings, 30 something
    if (numeric && next && /^something(s)?$/.test(next.norm) && tok.value !== undefined && tok.value % 10 === 0) {
      mergeTokens(t, i, 2, { kind: 'num', decade: true, value: tok.value, min: tok.value, max: tok.value + 9 }, text);
      continue;
    }
    // early / mid / late 30s
    if (tok.kind === 'word' && /^(early|mid|late)$/.test(tok.norm) && next?.decade && next.value !== undefined) {
      const d = next.value;
      const [a, b] = tok.norm === 'early' ? [d, d + 3] : tok.norm === 'mid' ? [d + 3, d + 6] : [d + 6, d + 9];
      mergeTokens(t, i, 2, { kind: 'num', decade: true, value: d, min: a, max: b }, text);
      continue;
    }
    // 30 + (spaced plus)
    if (numeric && next && next.raw === '+' && next.start === tok.end) {
      tok.plus = true;
      tok.end = next.end;
      tok.raw = text.slice(tok.start, tok.end);
      t.splice(i + 1, 1);
    }
    // "$ 500" split by the regex never happens; "1k" without $ stays a num
    if (numeric && tok.kind === 'word') {
      tok.kind = 'num';
    }
  }
  // a number word kept as a word ("one") stays a word, except first in "one or two", "one to three"
  t.forEach((tok, i) => {
    const range =
      /^(or|to|through|-)$/.test(t[i + 1]?.norm ?? '') &&
      (t[i + 2]?.kind === 'num' || (t[i + 2]?.kind === 'word' && t[i + 2]!.value !== undefined && !t[i + 2]!.ordinal));
    if (tok.norm === 'one' && tok.value === 1) tok.kind = range ? 'num' : 'word';
  });
  // "1 or 2 orders", "one or two purchases", "2 or 3 times": a range of counts (not "store 14 or 19")
  for (let i = 0; i + 3 < t.length; i++) {
    const [a, or, b, unit] = [t[i]!, t[i + 1]!, t[i + 2]!, t[i + 3]!];
    const whole = (x: Token) =>
      (x.kind === 'num' || (x.kind === 'word' && !x.ordinal)) && x.value !== undefined && Number.isInteger(x.value);
    if (
      a.kind === 'num' &&
      whole(a) &&
      or.norm === 'or' &&
      whole(b) &&
      b.value! > a.value! &&
      COUNT_UNITS.test(unit.norm)
    ) {
      mergeTokens(t, i, 3, { kind: 'range', min: a.value!, max: b.value! }, text);
    }
  }
  // "store 14 or 19", "stores 14, 19 and 26": each number after the first is a store too (an unspoken
  // "store" before it, zero characters long, so spans stay on the words said)
  for (let i = 0; i + 1 < t.length; i++) {
    if (!/^stores?$/.test(t[i]!.norm) || t[i + 1]!.kind !== 'num') continue;
    let j = i + 2;
    while (j < t.length) {
      let k = j;
      if (t[k]?.raw === ',') k++;
      if (/^(?:or|and|&)$/.test(t[k]?.norm ?? '')) k++;
      const n = t[k];
      if (k === j || !n || n.kind !== 'num' || !Number.isInteger(n.value)) break;
      // not a number of something else ("store 14 and 2 orders", "and 2 or more visits")
      const after = t[k + 1];
      const listGoesOn = /^(?:or|and|&)$/.test(after?.norm ?? '') && t[k + 2]?.kind === 'num';
      const counted =
        !!after &&
        !listGoesOn &&
        (after.kind !== 'word' ||
          COUNT_UNITS.test(after.norm) ||
          /^(?:more|less|fewer|or|to|through|plus|times|days?|weeks?|months?|years?|dollars?|bucks|percent)$/.test(
            after.norm,
          )) &&
        after.kind !== 'punct';
      if (counted) break;
      t.splice(k, 0, { raw: '', norm: 'store', stem: stem('store'), start: n.start, end: n.start, kind: 'word' });
      j = k + 2;
    }
  }
  return t;
}

/** Typo correction of words the vocabulary does not know. Never touches short words or numbers. */
export function correctTypos(tokens: Token[], vocab: Vocabulary): NormalizeResult['corrections'] {
  const corrections: NormalizeResult['corrections'] = [];
  for (const tok of tokens) {
    if (tok.kind !== 'word' || tok.norm.length < 4 || /[^a-z]/.test(tok.norm)) continue;
    if (vocab.isKnown(tok.norm)) continue;
    const fixed = vocab.correct(tok.norm);
    if (!fixed || fixed === tok.norm) continue;
    corrections.push({ from: tok.norm, to: fixed, start: tok.start, end: tok.end });
    tok.corrected = tok.norm;
    tok.norm = fixed;
    tok.stem = stem(fixed);
  }
  return corrections;
}

/** The whole stage: tokens with numbers read and typos corrected. */
export function normalize(text: string, vocab?: Vocabulary): NormalizeResult {
  const clean = cleanChars(text);
  let tokens = tokenize(clean);
  for (const tk of tokens) if (text[tk.end] === '_') tk.snake = true;
  // "e-mail" -> "email"
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i]!.norm === 'e' && tokens[i + 1]!.raw === '-' && /^mails?$/.test(tokens[i + 2]!.norm)) {
      const m = mergeTokens(tokens, i, 3, {}, clean);
      m.norm = m.raw.toLowerCase().endsWith('s') ? 'emails' : 'email';
      m.stem = 'email';
    }
  }
  // hyphens between words are dropped ("in-store" -> in store) but kept between numbers
  tokens = tokens.filter(
    (tk, i) => !(tk.raw === '-' && tokens[i - 1] && tokens[i - 1]!.end === tk.start && tokens[i + 1]?.kind === 'word'),
  );
  tokens = expandShorthand(tokens);
  tokens = dropRegardless(tokens);
  tokens = treatAs(tokens);
  tokens = placeOrWho(tokens);
  // "between the ages of 18 and 24", "between ages 18 and 24": aged between 18 and 24
  for (let i = 0; i + 3 < tokens.length; i++) {
    if (tokens[i]!.norm !== 'between') continue;
    let j = i + 1;
    if (tokens[j]!.norm === 'the') j++;
    if (!/^ages?$/.test(tokens[j]?.norm ?? '')) continue;
    const of = tokens[j + 1]?.norm === 'of' ? 1 : 0;
    if (tokens[j + 1 + of]?.kind !== 'num') continue;
    tokens[i] = { ...tokens[i]!, norm: 'aged', stem: 'aged' };
    tokens[j] = { ...tokens[j]!, norm: 'between', stem: 'between' };
    tokens.splice(j + 1, of);
    tokens.splice(i + 1, j - i - 1);
  }
  // "child-free women": without kids
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (tokens[i]!.norm === 'child' && tokens[i + 1]!.norm === 'free') {
      tokens[i] = { ...tokens[i]!, norm: 'without', stem: 'without' };
      tokens[i + 1] = { ...tokens[i + 1]!, norm: 'kids', stem: stem('kids') };
    }
  }
  // "on every single order": every
  tokens = tokens.filter((tk, i) => !(tk.norm === 'single' && /^(every|each)$/.test(tokens[i - 1]?.norm ?? '')));
  // "customers who only order through the app": "only" on the verb, not "their only order" (one order)
  for (let i = 1; i + 1 < tokens.length; i++) {
    if (tokens[i]!.norm !== 'only' || !/^(order|purchase)$/.test(tokens[i + 1]!.norm)) continue;
    if (!/^(who|that|they|customers|shoppers|people|folks|members|buyers)$/.test(tokens[i - 1]!.norm)) continue;
    tokens[i + 1]!.norm = 'buy';
    tokens[i + 1]!.stem = 'buy';
  }
  tokens = exclusionFirst(tokens);
  // "abandoned checkout", "checkout abandoners": in commerce an abandoned checkout is an abandoned cart
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.norm !== 'checkout' && t.norm !== 'checkouts') continue;
    const near = tokens.slice(Math.max(0, i - 3), i + 3);
    if (!near.some((x) => x.norm.startsWith('abandon'))) continue;
    t.norm = t.norm === 'checkout' ? 'cart' : 'carts';
    t.stem = stem(t.norm);
  }
  // "members since 2024", "customers since March": since when they joined
  for (let i = 1; i < tokens.length; i++) {
    if (tokens[i]!.norm !== 'since') continue;
    if (!/^(members?|customers?|subscribers?|clients?)$/.test(tokens[i - 1]!.norm)) continue;
    const at = tokens[i]!;
    tokens.splice(i, 0, { ...makeWord('joined', at.start, 'joined'), end: at.start });
    i++;
  }
  // "in calendar 2025", "calendar year 2025", "during calendar year 2025": the year
  tokens = tokens.filter(
    (tk, i) =>
      !(tk.norm === 'year' && tokens[i - 1]?.norm === 'calendar' && /^(19|20)\d\d$/.test(tokens[i + 1]?.norm ?? '')),
  );
  tokens = tokens.filter(
    (tk, i) =>
      !(
        tk.norm === 'calendar' &&
        (/^(19|20)\d\d$/.test(tokens[i + 1]?.norm ?? '') ||
          (tokens[i + 1]?.norm === 'year' && /^(19|20)\d\d$/.test(tokens[i + 2]?.norm ?? '')))
      ),
  );
  // "reachable by email or SMS", "subscribed to email and push": the channel after "or" shares the words before
  const CHANNEL = /^(email|e-mail|sms|text|texts|push|mail)$/;
  for (let i = 2; i + 2 < tokens.length; i++) {
    const head = tokens[i - 2]!.norm;
    const prep = tokens[i - 1]!.norm;
    if (!/^(reachable|contactable|subscribed|opted|opt|subscribers)$/.test(head) || !/^(by|to|via|in|for)$/.test(prep))
      continue;
    if (
      !CHANNEL.test(tokens[i]!.norm) ||
      !/^(or|and|\/)$/.test(tokens[i + 1]!.norm) ||
      !CHANNEL.test(tokens[i + 2]!.norm)
    )
      continue;
    const at = tokens[i + 2]!;
    tokens.splice(
      i + 2,
      0,
      { ...makeWord(head, at.start, head), end: at.start },
      { ...makeWord(prep, at.start, prep), end: at.start },
    );
    i += 3;
  }
  // "$300 worth of electronics" -> "$300 of electronics"
  tokens = tokens.filter(
    (tk, i) =>
      !(
        tk.norm === 'worth' &&
        tokens[i + 1]?.norm === 'of' &&
        i > 0 &&
        /\d|^(dollars?|bucks?|usd|k)$/.test(tokens[i - 1]!.norm)
      ),
  );
  tokens = tokens.filter(
    (tk, i) => !(tk.raw === '-' && tokens[i - 1] && tokens[i - 1]!.end === tk.start && tokens[i + 1]?.kind === 'word'),
  );
  // "never completed a single purchase", "didn't use a single coupon": "single" means any
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (
      (t.norm === 'single' || t.norm === 'one') &&
      (tokens[i - 1]!.norm === 'a' || tokens[i - 1]!.norm === 'single')
    ) {
      const before = tokens.slice(Math.max(0, i - 6), i).map((x) => x.norm);
      if (before.some((w) => w === 'not' || w === 'never' || w === 'no' || w === 'without' || w === 'zero')) {
        t.norm = 'any';
        t.stem = 'any';
      }
    }
  }
  // "more then 3" -> than
  for (let i = 1; i < tokens.length; i++) {
    if (
      tokens[i]!.norm === 'then' &&
      /^(more|less|fewer|greater|higher|lower|bigger|larger|smaller|older|younger|other|rather)$/.test(
        tokens[i - 1]!.norm,
      )
    ) {
      tokens[i]!.norm = 'than';
      tokens[i]!.stem = 'than';
    }
    // "opt-ins" -> opt in
    if (tokens[i]!.norm === 'ins' && tokens[i - 1]!.norm === 'opt') {
      tokens[i]!.norm = 'in';
      tokens[i]!.stem = 'in';
    }
  }
  tokens = foldNumbers(tokens, clean);
  const corrections = vocab ? correctTypos(tokens, vocab) : [];
  return { text: clean, tokens, corrections };
}

const REGARDLESS_END =
  /^(and|or|but|who|whom|that|which|where|whether|what|how|with|without|in|from|living|if|when|,|;|\.|\(|\)|-)$/;

/**
 * "men over 40 regardless of income", "irrespective of their tier", "no matter the region": the
 * words naming what does not matter are no condition; they are left out up to the next clause.
 */
function dropRegardless(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const a = tokens[i]!.norm;
    const b = tokens[i + 1]?.norm;
    const lead = (a === 'regardless' || a === 'irrespective') && b === 'of' ? 2 : a === 'no' && b === 'matter' ? 2 : 0;
    if (!lead) {
      out.push(tokens[i]!);
      continue;
    }
    let j = i + lead;
    const start = j;
    while (j < tokens.length && j - start < 5 && !REGARDLESS_END.test(tokens[j]!.norm)) j++;
    if (j === start) {
      out.push(tokens[i]!);
      continue;
    }
    i = j - 1;
  }
  return out;
}

const SEX_CONTEXT = /^(with|without|who|in|and|or|aged|age|ages|over|under|from|living|\/)$/;

/**
 * Chat shorthand spelled with a slash or a single letter: "w/ kids" (with), "w/o kids", "w/out"
 * (without), "35 y/o" (years old), "F 35-44", "M or F 50+" (women / men). The slash would
 * otherwise read as "or".
 */
function expandShorthand(tokens: Token[]): Token[] {
  const out: Token[] = [];
  const glued = (a: Token | undefined, b: Token | undefined) => !!a && !!b && a.end === b.start;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const nx = tokens[i + 1];
    const nx2 = tokens[i + 2];
    const low = t.raw.toLowerCase();
    if ((low === 'w' || low === 'y') && nx?.raw === '/' && glued(t, nx)) {
      const o = glued(nx, nx2) && /^(o|out)$/i.test(nx2!.raw) ? nx2! : undefined;
      if (low === 'y' && o) {
        out.push(makeWord(t.raw, t.start, 'years'), { ...makeWord(o.raw, o.start, 'old') });
        i += 2;
        continue;
      }
      if (low === 'w') {
        out.push(makeWord(o ? `${t.raw}/${o.raw}` : t.raw, t.start, o ? 'without' : 'with'));
        i += o ? 2 : 1;
        continue;
      }
    }
    if ((t.raw === 'F' || t.raw === 'M') && t.kind === 'word') {
      const prev = out[out.length - 1];
      const sexNear =
        nx?.kind === 'num' ||
        nx?.kind === 'range' ||
        (!!nx && SEX_CONTEXT.test(nx.norm)) ||
        (!!prev && /^(or|and|\/)$/.test(prev.norm)) ||
        !nx;
      if (sexNear && prev?.kind !== 'num' && prev?.kind !== 'money') {
        out.push(makeWord(t.raw, t.start, t.raw === 'F' ? 'women' : 'men'));
        continue;
      }
    }
    out.push(t);
  }
  return out;
}

const EXCLUDE_VERBS = new Set(['exclude', 'remove', 'suppress', 'omit', 'drop']);
const AUDIENCE_HEADS = new Set([
  'customers',
  'customer',
  'people',
  'shoppers',
  'users',
  'buyers',
  'members',
  'subscribers',
  'contacts',
  'profiles',
  'everyone',
  'anyone',
  'those',
  'all',
  'our',
  'the',
  'my',
  'this',
  'that',
  'audience',
  'segment',
  'list',
]);

/**
 * "Exclude employees from customers who spent over $200": the audience comes after "from"; the
 * tokens are reordered to "customers who spent over $200 excluding employees" (positions kept).
 */
function exclusionFirst(tokens: Token[]): Token[] {
  let k = 0;
  while (k < tokens.length && /^(please|pls|and|then|also|now|,|:)$/.test(tokens[k]!.norm)) k++;
  const verb = tokens[k];
  if (!verb || verb.kind !== 'word' || !EXCLUDE_VERBS.has(verb.norm)) return tokens;
  for (let j = k + 2; j + 1 < tokens.length; j++) {
    if (tokens[j]!.norm !== 'from') continue;
    if (!AUDIENCE_HEADS.has(tokens[j + 1]!.norm)) continue;
    const excl: Token = { ...verb, norm: 'excluding', stem: stem('excluding') };
    return [...tokens.slice(0, k), ...tokens.slice(j + 1), excl, ...tokens.slice(k + 1, j)];
  }
  return tokens;
}

/**
 * "treat 'new' as 14 days", "count 'lapsed' as 120 days": a definition given in the request, said as
 * "'new' means 14 days" (so "treat" is no pet treat).
 */
function treatAs(tokens: Token[]): Token[] {
  for (let i = 0; i < tokens.length; i++) {
    if (!/^(treat|treating|count|counting|consider|considering|define|defining)$/.test(tokens[i]!.norm)) continue;
    let j = i + 1;
    while (j < tokens.length && j <= i + 5 && tokens[j]!.norm !== 'as') j++;
    const after = tokens[j + 1];
    if (tokens[j]?.norm !== 'as' || j === i + 1 || !after || (after.kind !== 'num' && after.kind !== 'range')) continue;
    const as = tokens[j]!;
    tokens[j] = { ...as, norm: 'means', stem: 'means' };
    tokens.splice(i, 1);
  }
  return tokens;
}

/**
 * "VIPs in California or who bought online": the place and the clause after "or who" both say something of
 * the people named first, so the place is said as a clause too ("VIPs who (are) in California or who ...").
 */
function placeOrWho(tokens: Token[]): Token[] {
  const orAt = tokens.findIndex((t, i) => t.norm === 'or' && /^(who|that)$/.test(tokens[i + 1]?.norm ?? '') && i >= 2);
  if (orAt < 0) return tokens;
  // the nearest "in"/"from" before it, with only words between (no clause, list or other "in")
  let k = orAt - 1;
  while (k > 0 && tokens[k]!.kind === 'word' && !/^(in|from|who|that|and|or|with|but)$/.test(tokens[k]!.norm)) k--;
  const at = tokens[k];
  if (!at || !/^(in|from)$/.test(at.norm) || k === 0 || k === orAt - 1) return tokens;
  if (tokens.slice(0, k).some((t) => /^(who|that|whose|or|and)$/.test(t.norm) || t.kind !== 'word')) return tokens;
  // ("VIP customers either in California or who ...": the clause starts at "either")
  if (tokens[k - 1]?.norm === 'either' && k > 1) k--;
  const who: Token = { raw: '', norm: 'who', stem: 'who', start: at.start, end: at.start, kind: 'word' };
  return [...tokens.slice(0, k), who, ...tokens.slice(k)];
}
