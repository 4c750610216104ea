/**
 * The shapes the page reads from the API. The segment model mirrors
 * libs/segment-engine/src/model/segment.model.ts and the catalog mirrors catalog.model.ts
 * (copied, not imported, so that the page builds on its own); the answers mirror
 * apps/api/src/conversations/conversation.service.ts and apps/api/src/engine/engine.ports.ts.
 */

export type Scalar = string | number | boolean;

export type Threshold =
  { op: 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq'; value: number } | { op: 'between'; min: number; max: number };

export type AttributeOp =
  'eq' | 'neq' | 'in' | 'not_in' | 'between' | 'gt' | 'gte' | 'lt' | 'lte' | 'is_unknown' | 'is_known';

export interface AttributeCondition {
  kind: 'attribute';
  facet: string;
  op: AttributeOp;
  value?: Scalar;
  values?: Scalar[];
  min?: number | string;
  max?: number | string;
  id?: string;
}

export type TimeUnit = 'day' | 'week' | 'month' | 'year';

export type Window =
  | { type: 'last'; n: number; unit: TimeUnit }
  | { type: 'this'; unit: 'month' | 'quarter' | 'year' }
  | { type: 'year'; year: number }
  | { type: 'month'; year: number; month: number }
  | { type: 'before'; date: string }
  | { type: 'since'; date: string }
  | { type: 'between'; from: string; to: string }
  | { type: 'older_than'; n: number; unit: TimeUnit };

export interface ItemFilter {
  department?: string[];
  category?: string[];
  brand?: string[];
  product_id?: number[];
  private_label?: boolean;
  organic?: boolean;
}

export interface OrderFilter {
  channel?: string[];
  fulfillment?: string[];
  coupon_used?: boolean;
  payment_method?: string[];
  status?: string;
  store_id?: number[];
}

export interface PurchaseCondition {
  kind: 'purchase';
  item?: ItemFilter;
  order?: OrderFilter;
  window?: Window;
  measure?: 'orders' | 'spend' | 'avg_order_value' | 'quantity';
  threshold?: Threshold;
  id?: string;
}

export interface EventCondition {
  kind: 'event';
  event_type: string[];
  item?: ItemFilter;
  window?: Window;
  threshold?: Threshold;
  id?: string;
}

export interface ModelCondition {
  kind: 'model';
  model: string;
  score?: Threshold;
  decile?: Threshold;
  top_percent?: number;
  bottom_percent?: number;
  level?: 'high' | 'medium' | 'low';
  id?: string;
}

export interface BirthdayCondition {
  kind: 'birthday';
  when: 'today' | 'this_month' | 'next_month' | 'next_days';
  days?: number;
  id?: string;
}

export interface RuleCondition {
  kind: 'rule';
  rule: string;
  id?: string;
}

export interface AndGroup {
  kind: 'and';
  children: SegmentNode[];
  id?: string;
}
export interface OrGroup {
  kind: 'or';
  children: SegmentNode[];
  id?: string;
}
export interface NotGroup {
  kind: 'not';
  child: SegmentNode;
  id?: string;
}

export type Condition =
  AttributeCondition | PurchaseCondition | EventCondition | ModelCondition | BirthdayCondition | RuleCondition;
export type SegmentNode = AndGroup | OrGroup | NotGroup | Condition;

export interface Segment {
  version: 1;
  name?: string;
  description?: string;
  where: SegmentNode;
}

// ---- catalog (GET /v1/catalog) ----

export interface FacetValue {
  value: string | number | boolean;
  label?: string;
  count?: number;
  synonyms?: string[];
}

export interface FacetDef {
  name: string;
  label: string;
  type: 'string' | 'enum' | 'number' | 'boolean' | 'date';
  operators: AttributeOp[];
  description: string;
  pii: boolean;
  synonyms?: string[];
  values?: FacetValue[];
  min?: number;
  max?: number;
  unit?: string;
}

export interface RuleDef {
  id: string;
  label: string;
  description: string;
  synonyms: string[];
}

export interface Catalog {
  tenant_id: string;
  version: number;
  as_of: string;
  facets: FacetDef[];
  rules: RuleDef[];
  departments: { name: string; categories: string[]; synonyms?: string[] }[];
  brands: { name: string; departments: string[]; synonyms?: string[] }[];
  event_types: { name: string; label: string; synonyms: string[] }[];
  models: { name: string; label: string; description: string; synonyms: string[] }[];
}

// ---- answers ----

export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

/** Where a condition came from in the request (libs/understanding SpanInfo). */
export interface SpanInfo {
  path: string;
  start: number;
  end: number;
  text?: string;
  confidence?: number;
}

export interface TurnAnswer {
  conversation_id: string;
  turn: number;
  skill: string;
  status: 'segment' | 'clarify' | 'refuse' | 'error';
  segment?: Segment;
  explanation?: string;
  count?: number | null;
  count_error?: ErrorBody;
  question?: string;
  options?: { label: string; segment: Segment }[];
  reason?: string;
  nearest?: string[];
  problems?: { path: string; code?: string; message: string; hint?: string }[];
  warnings?: unknown[];
  as_of?: string;
  elapsed_ms: number;
}

export interface CountResult {
  count: number;
  as_of: string;
  explanation: string;
  warnings: unknown[];
  elapsed_ms: number;
}

export interface WaterfallStep {
  path: string;
  label: string;
  count: number;
  removed: number;
}

export interface BreakdownRow {
  value: string | number | boolean | null;
  label?: string;
  count: number;
}

export interface WhyResult {
  customer_id: number;
  known: boolean;
  in_segment: boolean;
  conditions: { path: string; label: string; matched: boolean }[];
}

export interface SavedSegment {
  id: string;
  name: string;
  description: string | null;
  version: number;
  segment: Segment;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

export interface SegmentVersion {
  version: number;
  created_at: string;
  created_by: string;
  segment: Segment;
}

export interface Me {
  tenant_id: string;
  key_id: string;
  roles: string[];
}

export const SQL_DIALECTS = ['duckdb', 'postgres', 'bigquery', 'snowflake', 'spark', 'trino'] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];
