import type { Range } from './spans';
import type { Segment, SegmentNode, SpanInfo, TurnAnswer, WaterfallStep } from './types';

export type StepState = 'waiting' | 'active' | 'done' | 'skipped' | 'failed';

export interface Steps {
  understand: StepState;
  verify: StepState;
  count: StepState;
}

/** One request of the conversation as the page shows it. */
export interface TurnView {
  key: number;
  text: string;
  phase: 'streaming' | 'done' | 'failed';
  steps: Steps;
  answer?: TurnAnswer;
  /** From the `understand` event: where each condition came from, and the segment they refer to. */
  spans?: SpanInfo[];
  spansSegment?: Segment;
  error?: string;
  /** Sizes of a clarification's options (POST /v1/segments/count), in order. */
  optionCounts?: (number | 'error' | undefined)[];
  chosen?: number;
  /** Set when hand edits were re-applied on top of this answer: the note, and the size with them. */
  note?: string;
  finalCount?: number | null;
  elapsedMs?: number;
}

/** The audience on screen: a segment, its size and words. */
export interface AudienceView {
  segment: Segment;
  count: number | null;
  countError?: string | undefined;
  explanation: string;
  /** The API's phrase per top-level condition (waterfall labels), when loaded. */
  labels?: string[];
  waterfall?: WaterfallStep[];
  labelsFailed?: string;
  origin: 'answer' | 'option' | 'edit' | 'saved' | 'rebased';
}

export interface NotedCondition {
  node: SegmentNode;
  label?: string;
}

/** A change shown to the person: what was added or removed, and the size before and after. */
export interface ChangeNote {
  id: number;
  title: string;
  added: NotedCondition[];
  removed: NotedCondition[];
  /** Canonical key of the segment the added conditions belong to (their labels arrive later). */
  segmentKey: string;
  before: number | null;
  after: number | null;
}

/** Where a current condition's words are in the conversation. */
export interface ConditionLink {
  turnKey: number;
  ranges: Range[];
}
