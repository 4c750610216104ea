/** Numbers written as words: "thirty", "five hundred", "two thousand five hundred", "a dozen". */

export const UNITS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};

export const TENS: Readonly<Record<string, number>> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

export const SCALES: Readonly<Record<string, number>> = {
  hundred: 100,
  thousand: 1000,
  grand: 1000,
  million: 1_000_000,
  billion: 1_000_000_000,
};

export const ORDINALS: Readonly<Record<string, number>> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
  'twenty-first': 21,
  'thirty-first': 31,
};

/** Decades as words: "thirties" -> 30. */
export const DECADE_WORDS: Readonly<Record<string, number>> = {
  teens: 10,
  twenties: 20,
  thirties: 30,
  forties: 40,
  fifties: 50,
  sixties: 60,
  seventies: 70,
  eighties: 80,
  nineties: 90,
};

/** Counting adverbs: "twice" = 2 times. */
export const TIMES_WORDS: Readonly<Record<string, number>> = { once: 1, twice: 2, thrice: 3 };

/** Vague quantities people use as numbers. */
export const VAGUE: Readonly<Record<string, number>> = { dozen: 12, couple: 2, few: 3, handful: 5, several: 3 };

export function isNumberWord(w: string): boolean {
  return w in UNITS || w in TENS || w in SCALES;
}

/**
 * Reads the longest number-word sequence starting at `words[i]`.
 * Returns the value and how many words it used, or undefined.
 * "two thousand five hundred" -> 2500; "a hundred" -> 100; "twenty five" -> 25;
 * "two hundred and fifty" -> 250 ("and" only joins after a scale word).
 */
export function readNumberWords(words: readonly string[], i: number): { value: number; used: number } | undefined {
  let total = 0;
  let current = 0;
  let used = 0;
  let last: 'none' | 'unit' | 'teen' | 'tens' | 'scale' = 'none';
  let j = i;
  if ((words[j] === 'a' || words[j] === 'an') && (words[j + 1]! in SCALES || words[j + 1] === 'dozen')) {
    current = 1;
    last = 'unit';
    j++;
    used++;
  }
  // "twenty twenty-five", "twenty twenty": a year said the way people say years
  if (words[j] === 'twenty' && (words[j + 1]! in TENS || (words[j + 1]! in UNITS && UNITS[words[j + 1]!]! >= 10))) {
    const rest = readNumberWords(words, j + 1);
    if (rest && rest.value >= 10 && rest.value <= 99) return { value: 2000 + rest.value, used: 1 + rest.used };
  }
  while (j < words.length) {
    const w = words[j]!;
    // "zero point five", "two point five"
    if (w === 'point' && (last === 'unit' || last === 'teen' || last === 'tens' || current === 0) && used > 0) {
      let digits = '';
      let k = j + 1;
      while (k < words.length && words[k]! in UNITS && UNITS[words[k]!]! < 10) digits += String(UNITS[words[k++]!]);
      if (digits) return { value: total + current + Number(`0.${digits}`), used: used + 1 + digits.length };
      break;
    }
    if (w in UNITS) {
      const v = UNITS[w]!;
      const kind = v >= 10 ? 'teen' : 'unit';
      if (last === 'unit' || last === 'teen' || (last === 'tens' && kind === 'teen')) break;
      current += v;
      last = kind;
    } else if (w in TENS) {
      if (last === 'unit' || last === 'teen' || last === 'tens') break;
      current += TENS[w]!;
      last = 'tens';
    } else if (w in SCALES) {
      if (last === 'none') break;
      const scale = SCALES[w]!;
      if (scale === 100) current = (current || 1) * 100;
      else {
        total += (current || 1) * scale;
        current = 0;
      }
      last = 'scale';
    } else if (w === 'dozen' && last !== 'none') {
      current = (current || 1) * 12;
      last = 'scale';
    } else if (
      w === 'and' &&
      last === 'scale' &&
      j + 1 < words.length &&
      (words[j + 1]! in UNITS || words[j + 1]! in TENS) &&
      // "between one thousand and twenty-five hundred": a second number, not "two hundred and fifty"
      !words.slice(j + 1, j + 4).some((x) => x in SCALES)
    ) {
      // "two hundred and fifty"
    } else break;
    j++;
    used++;
  }
  if (last === 'none' || used === 0) return undefined;
  return { value: total + current, used };
}

/** Parses "1,000", "1.5", "1.5k", "2m" -> number. */
export function parseNumeral(text: string): number | undefined {
  const m = /^(\d[\d,]*(?:\.\d+)?|\.\d+)\s*([kmb]|bn)?$/i.exec(text.trim());
  if (!m) return undefined;
  const base = Number(m[1]!.replace(/,/g, ''));
  if (!Number.isFinite(base)) return undefined;
  const suffix = (m[2] ?? '').toLowerCase();
  const mult =
    suffix === 'k' ? 1000 : suffix === 'm' ? 1_000_000 : suffix === 'b' || suffix === 'bn' ? 1_000_000_000 : 1;
  return Math.round(base * mult * 1e6) / 1e6;
}
