import type { Segment } from '@smartseg/segment-engine';
import type { Explanation } from './verify.adapter';

/** Where a condition of the segment came from in the request. */
export interface SpanInfo {
  /** Path of the condition in the segment (`where.children[1]`). */
  path: string;
  /** Character offsets in the request (end exclusive). */
  start: number;
  end: number;
  text: string;
  /** Confidence in this condition (0-1). */
  confidence: number;
}

export interface Change {
  op: 'add' | 'remove' | 'replace';
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface SegmentResult {
  status: 'segment';
  segment: Segment;
  explanation: Explanation;
  spans: SpanInfo[];
  confidence: number;
  notes: string[];
  /** For a follow-up that edited the current segment: what changed. */
  changes?: Change[];
  /** True when the turn was read as an edit of `ctx.current`. */
  edited?: boolean;
}

export interface ClarifyOption {
  label: string;
  segment: Segment;
}

export interface ClarifyResult {
  status: 'clarify';
  question: string;
  /** 2-4 complete, verified segments. */
  options: ClarifyOption[];
  notes?: string[];
}

export interface RefuseResult {
  status: 'refuse';
  reason: string;
  /** What the request asked for that the tenant does not have. */
  missing: string[];
  /** The nearest facets (labels) the tenant does have. */
  nearest: string[];
}

/** A request that cannot be read at all (for example longer than the limit). */
export interface ErrorResult {
  status: 'error';
  code: 'too_long' | 'invalid_input';
  message: string;
}

export type UnderstandingResult = SegmentResult | ClarifyResult | RefuseResult | ErrorResult;

export const MAX_REQUEST_CHARS = 2000;
