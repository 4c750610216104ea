import * as fs from 'node:fs';

/** The ids of one text: [CLS] pieces... [SEP], unpadded. */
export interface EncodedText {
  ids: number[];
  /** The pieces, for debugging (`[CLS]`, `elect`, `##ronics`, `[SEP]`). */
  tokens: string[];
}

/** A padded batch, row-major [batch, seq]. */
export interface EncodedBatch {
  batchSize: number;
  seqLength: number;
  inputIds: number[];
  attentionMask: number[];
}

export interface WordPieceOptions {
  /** Lowercase and strip accents (BERT uncased / BGE): default true. */
  lowercase?: boolean;
  /** Max tokens per text including [CLS] and [SEP]; longer texts are truncated. Default 512. */
  maxLength?: number;
  /** Words longer than this many characters become [UNK] (BERT: 100). */
  maxInputCharsPerWord?: number;
  unkToken?: string;
  clsToken?: string;
  sepToken?: string;
  padToken?: string;
}

const PUNCT_RE = /\p{P}/u;
const ZS_RE = /\p{Zs}/u;
const CONTROL_RE = /\p{C}/u;
const MN_RE = /\p{Mn}/gu;

function isWhitespace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ZS_RE.test(ch);
}

function isControl(ch: string): boolean {
  if (ch === '\t' || ch === '\n' || ch === '\r') return false;
  return CONTROL_RE.test(ch);
}

/** BERT counts all non-alphanumeric ASCII as punctuation, plus Unicode P* categories. */
function isPunctuation(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
    return true;
  }
  return PUNCT_RE.test(ch);
}

/** CJK ideographs are split into single characters, as BERT does. */
function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

/** Parses vocab.txt: one token per line, id = line number (0-based). Later duplicates win, as in BERT. */
export function parseVocab(text: string): Map<string, number> {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const vocab = new Map<string, number>();
  lines.forEach((line, id) => vocab.set(line.endsWith('\r') ? line.slice(0, -1) : line, id));
  return vocab;
}

/**
 * BERT's WordPiece tokenizer (the one BGE uses): basic tokenization (clean control
 * characters, split CJK, lowercase, strip accents, split on whitespace and punctuation),
 * then greedy longest-match-first word pieces with `##` continuations; a word that cannot
 * be covered becomes [UNK]. Encodes as [CLS] ... [SEP], truncated to `maxLength`.
 * Special tokens written inside the text are not recognised (they are split like words).
 */
export class WordPieceTokenizer {
  readonly maxLength: number;
  readonly unkId: number;
  readonly clsId: number;
  readonly sepId: number;
  readonly padId: number;
  private readonly lowercase: boolean;
  private readonly maxInputCharsPerWord: number;
  private readonly unkToken: string;
  private readonly clsToken: string;
  private readonly sepToken: string;

  constructor(
    readonly vocab: ReadonlyMap<string, number>,
    options: WordPieceOptions = {},
  ) {
    this.lowercase = options.lowercase ?? true;
    this.maxLength = options.maxLength ?? 512;
    this.maxInputCharsPerWord = options.maxInputCharsPerWord ?? 100;
    if (this.maxLength < 2) throw new Error(`maxLength must be at least 2 (got ${this.maxLength})`);
    this.unkToken = options.unkToken ?? '[UNK]';
    this.clsToken = options.clsToken ?? '[CLS]';
    this.sepToken = options.sepToken ?? '[SEP]';
    const padToken = options.padToken ?? '[PAD]';
    const need = (token: string): number => {
      const id = vocab.get(token);
      if (id === undefined) throw new Error(`vocab has no ${token} token`);
      return id;
    };
    this.unkId = need(this.unkToken);
    this.clsId = need(this.clsToken);
    this.sepId = need(this.sepToken);
    this.padId = need(padToken);
  }

  static fromVocabText(text: string, options?: WordPieceOptions): WordPieceTokenizer {
    return new WordPieceTokenizer(parseVocab(text), options);
  }

  static fromVocabFile(path: string, options?: WordPieceOptions): WordPieceTokenizer {
    return WordPieceTokenizer.fromVocabText(fs.readFileSync(path, 'utf8'), options);
  }

  /** Basic tokenization: the words and punctuation marks of a text, normalized. */
  basicTokenize(text: string): string[] {
    let cleaned = '';
    for (const ch of text.normalize('NFC')) {
      const cp = ch.codePointAt(0)!;
      if (cp === 0 || cp === 0xfffd || isControl(ch)) continue;
      if (isWhitespace(ch)) cleaned += ' ';
      else if (isCjk(cp)) cleaned += ` ${ch} `;
      else cleaned += ch;
    }
    const out: string[] = [];
    for (let word of cleaned.split(' ')) {
      if (!word) continue;
      if (this.lowercase) word = word.toLowerCase().normalize('NFD').replace(MN_RE, '');
      let current = '';
      for (const ch of word) {
        if (isPunctuation(ch)) {
          if (current) out.push(current);
          out.push(ch);
          current = '';
        } else {
          current += ch;
        }
      }
      if (current) out.push(current);
    }
    return out;
  }

  /** WordPiece over one basic token: greedy longest match first; [UNK] if any part cannot be matched. */
  wordPiece(word: string): string[] {
    const chars = Array.from(word);
    if (chars.length > this.maxInputCharsPerWord) return [this.unkToken];
    const pieces: string[] = [];
    let start = 0;
    while (start < chars.length) {
      let end = chars.length;
      let found: string | undefined;
      while (start < end) {
        const sub = (start > 0 ? '##' : '') + chars.slice(start, end).join('');
        if (this.vocab.has(sub)) {
          found = sub;
          break;
        }
        end--;
      }
      if (found === undefined) return [this.unkToken];
      pieces.push(found);
      start = end;
    }
    return pieces;
  }

  /** The pieces of a text, without [CLS]/[SEP] and untruncated. */
  tokenize(text: string): string[] {
    return this.basicTokenize(text).flatMap((w) => this.wordPiece(w));
  }

  /** [CLS] pieces [SEP], truncated so the whole fits `maxLength`. */
  encode(text: string): EncodedText {
    const pieces = this.tokenize(text).slice(0, this.maxLength - 2);
    const tokens = [this.clsToken, ...pieces, this.sepToken];
    const ids = tokens.map((t) => this.vocab.get(t) ?? this.unkId);
    return { ids, tokens };
  }

  /** Pads encoded texts to the longest one with [PAD]; attention mask 1 for real tokens. */
  pad(encoded: readonly EncodedText[]): EncodedBatch {
    const seqLength = encoded.reduce((m, e) => Math.max(m, e.ids.length), 0);
    const inputIds: number[] = new Array(encoded.length * seqLength).fill(this.padId);
    const attentionMask: number[] = new Array(encoded.length * seqLength).fill(0);
    encoded.forEach((e, row) => {
      for (let i = 0; i < e.ids.length; i++) {
        inputIds[row * seqLength + i] = e.ids[i]!;
        attentionMask[row * seqLength + i] = 1;
      }
    });
    return { batchSize: encoded.length, seqLength, inputIds, attentionMask };
  }

  encodeBatch(texts: readonly string[]): EncodedBatch {
    return this.pad(texts.map((t) => this.encode(t)));
  }
}
