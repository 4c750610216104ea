import type { Catalog, Permissions } from '../model/catalog.model';
import type { Segment } from '../model/segment.model';

/** What kind of problem the verifier found; stable strings that callers may branch on. */
export type ProblemCode =
  | 'INVALID_STRUCTURE'
  | 'UNKNOWN_FACET'
  | 'BAD_OPERATOR'
  | 'BAD_VALUE'
  | 'UNKNOWN_VALUE'
  | 'PII_NOT_PERMITTED'
  | 'BAD_WINDOW'
  | 'UNKNOWN_EVENT'
  | 'UNKNOWN_MODEL'
  | 'UNKNOWN_RULE'
  | 'CONTRADICTION'
  | 'LIMIT';

export const PROBLEM_CODES: readonly ProblemCode[] = [
  'INVALID_STRUCTURE',
  'UNKNOWN_FACET',
  'BAD_OPERATOR',
  'BAD_VALUE',
  'UNKNOWN_VALUE',
  'PII_NOT_PERMITTED',
  'BAD_WINDOW',
  'UNKNOWN_EVENT',
  'UNKNOWN_MODEL',
  'UNKNOWN_RULE',
  'CONTRADICTION',
  'LIMIT',
];

/**
 * One thing wrong with (or worth a second look in) a segment. `path` names the place
 * (`where.children[0].facet`; '' for the segment itself); `message` says what is wrong in
 * words a marketer or developer can act on; `hint` says how to fix it, when we know.
 */
export interface Problem {
  path: string;
  code: ProblemCode;
  message: string;
  hint?: string;
}

export interface VerifyContext {
  catalog: Catalog;
  permissions: Permissions;
  /** The as-of date D (YYYY-MM-DD); when given, windows entirely after D are refused. */
  asOf?: string;
}

/**
 * `ok: true`: the segment can be compiled; `warnings` are things that look odd but are
 * allowed (a single-child group, a value outside the data's range).
 * `ok: false`: every error found is in `problems`; warnings found along the way are in
 * `warnings`.
 */
export type VerifyResult =
  { ok: true; segment: Segment; warnings: Problem[] } | { ok: false; problems: Problem[]; warnings: Problem[] };
