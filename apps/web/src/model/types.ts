/**
 * The shapes the page reads from the API. The segment model is libs/segment-engine's own
 * (type-only: nothing of the library is bundled); the catalog is the view GET /v1/catalog
 * returns (a projection of catalog.model.ts); the answers mirror
 * apps/api/src/conversations/conversation.service.ts and apps/api/src/engine/engine.ports.ts.
 */

export type {
  Scalar,
  Threshold,
  AttributeOp,
  AttributeCondition,
  TimeUnit,
  Window,
  ItemFilter,
  OrderFilter,
  PurchaseCondition,
  EventCondition,
  ModelCondition,
  BirthdayCondition,
  RuleCondition,
  AndGroup,
  OrGroup,
  NotGroup,
  Condition,
  SegmentNode,
  Segment,
} from '../../../../libs/segment-engine/src/model/segment.model';
import type { AttributeOp, Segment } from '../../../../libs/segment-engine/src/model/segment.model';

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
