import type { Condition, Permissions, SegmentNode } from '@smartseg/segment-engine';

/** Every audience operation is relative to an as-of date D (YYYY-MM-DD), never the wall clock. */
export interface AudienceOptions {
  asOf: string;
}

export interface AudienceIdsOptions extends AudienceOptions {
  /** At most this many ids (the lowest ids first). */
  limit?: number;
}

export interface BreakdownOptions extends AudienceOptions {
  /** Needed to break down by a PII facet (birth_date, zip, ...). */
  permissions?: Permissions;
}

export interface BreakdownBucket {
  /** The value (as text), the band ('25-34', '65+'), 'unknown' for no value, or 'other'. */
  key: string;
  label: string;
  count: number;
}

export interface Breakdown {
  facet: string;
  /** The audience size (the buckets' counts add up to it). */
  total: number;
  buckets: BreakdownBucket[];
}

export interface WaterfallStep {
  /** Path of the condition in the segment (`where.children[2]`; `where` when the root is not an AND). */
  path: string;
  /** The condition's explain phrase; the path until an explainer is plugged in (see PhraseFn). */
  label: string;
  /** Audience size with this condition and all before it. */
  count: number;
  /** Customers this condition removed from the previous step (the first step: from all customers). */
  removed: number;
}

export interface WhyCondition {
  path: string;
  /** The condition's explain phrase; the path until an explainer is plugged in. */
  label: string;
  condition: Condition;
  holds: boolean;
}

export interface WhyResult {
  customerId: number;
  /** Whether the whole segment holds for the customer. */
  matches: boolean;
  /** Every leaf condition (rule references not expanded), in document order. */
  conditions: WhyCondition[];
}

/** Words for a node of the segment; the default is the node's path (a placeholder for the explainer's phrase). */
export type PhraseFn = (node: SegmentNode, path: string) => string;
