/**
 * @smartseg/understanding: the local understanding engine. Words to a verified segment, a
 * clarifying question or an honest refusal, in milliseconds, without a language model.
 */
export {
  UnderstandingEngine,
  spansOf,
  type UnderstandingOptions,
  type UnderstandContext,
  type Analysis,
} from './engine/understanding-engine';
export * from './engine/result.model';
export { checkInput } from './engine/guards';
export {
  verify,
  explain,
  type VerifyContext,
  type VerifyResult,
  type VerifyProblem,
  type Explanation,
} from './engine/verify.adapter';

// stages
export {
  normalize,
  tokenize,
  foldNumbers,
  correctTypos,
  cleanChars,
  type Token,
  type TokenKind,
  type Vocabulary,
  type NormalizeResult,
} from './normalize/normalize';
export {
  tagQuantities,
  quantityAt,
  type QuantityValue,
  type QuantityMatch,
  type QuantityUnit,
} from './normalize/quantity';
export { readNumberWords, parseNumeral } from './normalize/numbers';
export { TimeTagger, tagTime, describeWindow, type TimeValue, type TimeMatch, type TimeOption } from './time/time';
export * from './time/dates';
export {
  Lexicon,
  lexiconFor,
  parseBand,
  phraseVariants,
  type LexEntry,
  type LexMatch,
  type CatalogRoles,
  type AmbiguityTrigger,
} from './lexicon/lexicon';
export type { Sense, SenseType, VerbClass, ItemField } from './lexicon/senses';
export {
  EmbedderRanker,
  type EmbeddingRanker,
  type TextEmbedder,
  type RankCandidate,
  type RankedCandidate,
} from './lexicon/embedding-ranker';
export { isEnglishWord, wordnetSynonyms } from './lexicon/wordnet';
export { chunk, type Chunk } from './parse/chunker';
export { Parser, windowDays, windowToDateAttr, type ParseResult, type ConnType } from './parse/parser';
export type { Atom, LF, Span, AmbiguousWindow } from './parse/atoms';
export {
  SegmentBuilder,
  type BuildResult,
  type BuildContext,
  type NodeMeta,
  type AmbiguityPoint,
  type Choice,
} from './build/builder';
export {
  DEFAULT_CLARIFICATIONS,
  resolveClarification,
  resolveTemplate,
  type Clarification,
  type ClarificationOption,
  type ResolvedOption,
} from './clarify/clarifications';
export { editSegment, looksLikeEdit } from './edit/editor';
export { coverage, missingPhrases, nearestLexical, refusal, isContent } from './verify/assess';
export { stem } from './text/stem';
export { damerauLevenshtein, FuzzyVocabulary } from './text/fuzzy';
