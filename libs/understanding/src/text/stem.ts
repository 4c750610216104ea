/**
 * Light English stemming: folds plurals and verb inflections onto one key so that
 * "opened", "opens" and "open", or "emails" and "email", meet in the lexicon. Both the
 * lexicon and the request go through the same function, so over-stemming a proper noun
 * ("texas" -> "texa") is harmless: it only has to be consistent.
 */

const IRREGULAR: Readonly<Record<string, string>> = {
  bought: 'buy',
  buys: 'buy',
  buying: 'buy',
  spent: 'spend',
  made: 'make',
  making: 'make',
  got: 'get',
  gotten: 'get',
  getting: 'get',
  went: 'go',
  gone: 'go',
  came: 'come',
  coming: 'come',
  wrote: 'write',
  written: 'write',
  writing: 'write',
  left: 'leave',
  leaving: 'leave',
  paid: 'pay',
  sent: 'send',
  saw: 'see',
  seen: 'see',
  had: 'have',
  has: 'have',
  having: 'have',
  did: 'do',
  does: 'do',
  done: 'do',
  was: 'be',
  were: 'be',
  is: 'be',
  are: 'be',
  been: 'be',
  being: 'be',
  am: 'be',
  used: 'use',
  uses: 'use',
  using: 'use',
  use: 'use',
  lives: 'live',
  lived: 'live',
  living: 'live',
  live: 'live',
  children: 'child',
  people: 'person',
  women: 'woman',
  men: 'man',
  ladies: 'lady',
  purchases: 'purchase',
  purchased: 'purchase',
  purchasing: 'purchase',
  purchase: 'purchase',
  browsing: 'browse',
  browsed: 'browse',
  browses: 'browse',
  browse: 'browse',
  news: 'news',
  status: 'status',
  gas: 'gas',
  this: 'this',
  its: 'its',
  us: 'us',
  yes: 'yes',
  series: 'series',
  less: 'less',
  unless: 'unless',
  across: 'across',
  always: 'always',
  perhaps: 'perhaps',
  thus: 'thus',
  plus: 'plus',
  bonus: 'bonus',
  campus: 'campus',
  analysis: 'analysis',
  basis: 'basis',
  during: 'during',
  nothing: 'nothing',
  something: 'something',
  anything: 'anything',
  everything: 'everything',
  morning: 'morning',
  evening: 'evening',
  spring: 'spring',
  thing: 'thing',
  things: 'thing',
  king: 'king',
  ring: 'ring',
  rings: 'ring',
  bring: 'bring',
};

const VOWELS = /[aeiouy]/;

function undouble(stem: string): string {
  const n = stem.length;
  if (n >= 4 && stem[n - 1] === stem[n - 2] && !'lsz'.includes(stem[n - 1]!) && !VOWELS.test(stem[n - 1]!)) {
    return stem.slice(0, -1);
  }
  return stem;
}

/** Stem one lowercase word. Numbers and short words are returned unchanged. */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.endsWith("'s")) w = w.slice(0, -2);
  w = w.replace(/'/g, '');
  const irregular = IRREGULAR[w];
  if (irregular) return irregular;
  if (w.length <= 3 || /\d/.test(w)) return w;
  // plurals and third person
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(?:ch|sh|x|zz)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is|ous)$/.test(w) && w.length > 3) w = w.slice(0, -1);
  // past tense / participles
  if (w.endsWith('ied') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('eed')) {
    /* keep (need, feed) */
  } else if (w.endsWith('ed') && w.length > 4 && VOWELS.test(w.slice(0, -2))) w = undouble(w.slice(0, -2));
  else if (w.endsWith('ing') && w.length > 5 && VOWELS.test(w.slice(0, -3))) w = undouble(w.slice(0, -3));
  // a final silent e ("browse"/"browsed", "store"/"stores")
  if (w.endsWith('e') && w.length > 4 && !w.endsWith('ee')) w = w.slice(0, -1);
  return w;
}
