import { parseVocab, WordPieceTokenizer } from './wordpiece-tokenizer';

// The vocab of the BERT paper's WordPiece example, plus punctuation and a few words.
const VOCAB = [
  '[PAD]',
  '[UNK]',
  '[CLS]',
  '[SEP]',
  'un',
  '##aff',
  '##able',
  'runn',
  '##ing',
  'want',
  '##want',
  '##ed',
  'wa',
  ',',
  '.',
  '!',
  "'",
  's',
  'cafe',
  'women',
  'electronics',
  '中',
  '国',
];

function tokenizer(maxLength = 16): WordPieceTokenizer {
  return WordPieceTokenizer.fromVocabText(`${VOCAB.join('\n')}\n`, { maxLength });
}

describe('WordPieceTokenizer', () => {
  it('reads vocab.txt with id = line number (CRLF and trailing newline tolerated)', () => {
    const vocab = parseVocab('[PAD]\r\n[UNK]\r\nfoo\r\n\r\nbar\n');
    expect(vocab.get('[PAD]')).toBe(0);
    expect(vocab.get('foo')).toBe(2);
    expect(vocab.get('')).toBe(3);
    expect(vocab.get('bar')).toBe(4);
    expect(vocab.size).toBe(5);
  });

  it('refuses a vocab without the special tokens', () => {
    expect(() => WordPieceTokenizer.fromVocabText('a\nb\n')).toThrow(/\[UNK\]/);
  });

  it('basic-tokenizes: lowercase, strip accents, split punctuation, clean control chars, split CJK', () => {
    const t = tokenizer();
    expect(t.basicTokenize(' \tHeLLo!How  \n Are yoU?  ')).toEqual(['hello', '!', 'how', 'are', 'you', '?']);
    expect(t.basicTokenize('Café Women’s')).toEqual(['cafe', 'women', '’', 's']);
    expect(t.basicTokenize('a\u0000b\u200bc')).toEqual(['abc']);
    expect(t.basicTokenize('ab中国cd')).toEqual(['ab', '中', '国', 'cd']);
    expect(t.basicTokenize('$5+tax')).toEqual(['$', '5', '+', 'tax']);
  });

  it('keeps case when lowercase is off', () => {
    const t = WordPieceTokenizer.fromVocabText(VOCAB.join('\n'), { lowercase: false });
    expect(t.basicTokenize('Café')).toEqual(['Café']);
  });

  it('splits words greedily, longest match first, with ## continuations', () => {
    const t = tokenizer();
    expect(t.tokenize('unwanted running')).toEqual(['un', '##want', '##ed', 'runn', '##ing']);
    expect(t.tokenize('unaffable')).toEqual(['un', '##aff', '##able']);
    expect(t.tokenize('wanted')).toEqual(['want', '##ed']);
  });

  it('makes a word [UNK] when any part of it cannot be matched', () => {
    const t = tokenizer();
    expect(t.tokenize('unwantedX')).toEqual(['[UNK]']);
    expect(t.tokenize('zzz runn')).toEqual(['[UNK]', 'runn']);
    expect(t.tokenize('')).toEqual([]);
  });

  it('makes over-long words [UNK]', () => {
    const t = WordPieceTokenizer.fromVocabText(VOCAB.join('\n'), { maxInputCharsPerWord: 5 });
    expect(t.tokenize('running')).toEqual(['[UNK]']);
  });

  it('encodes as [CLS] ... [SEP] with vocab ids and truncates to maxLength', () => {
    const t = tokenizer(5);
    const e = t.encode('Unwanted, running!');
    expect(e.tokens).toEqual(['[CLS]', 'un', '##want', '##ed', '[SEP]']);
    expect(e.ids).toEqual([2, 4, 10, 11, 3]);
    expect(tokenizer().encode('').ids).toEqual([2, 3]);
    expect(() => tokenizer(1)).toThrow(/maxLength/);
  });

  it('pads a batch to its longest text with [PAD] and a 0 attention mask', () => {
    const t = tokenizer();
    const b = t.encodeBatch(['women', 'unwanted running']);
    expect(b.batchSize).toBe(2);
    expect(b.seqLength).toBe(7);
    expect(b.inputIds).toEqual([2, 19, 3, 0, 0, 0, 0, 2, 4, 10, 11, 7, 8, 3]);
    expect(b.attentionMask).toEqual([1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1]);
  });
});
