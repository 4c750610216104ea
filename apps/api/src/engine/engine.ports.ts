import type { Catalog, Permissions, Segment } from '@smartseg/segment-engine';
import type { WarehouseConnection } from '@smartseg/warehouse';

/**
 * Narrow ports onto the rooms other engineers are building, so that wiring the real thing is a
 * one-line provider change in engine.module.ts:
 * - SegmentVerifier  -> verifySegment (libs/segment-engine/src/verifier)
 * - SegmentExplainer -> explainSegment (libs/segment-engine/src/explainer)
 * - SegmentCompiler  -> compileSegment (libs/segment-engine/src/compiler)
 * - Understander     -> UnderstandingEngine.understand (libs/understanding)
 * - AudiencePort     -> AudienceService (libs/warehouse/src/audience)
 * The types below mirror those rooms' contracts (structurally compatible).
 */

export interface VerifyProblem {
  path: string;
  code: string;
  message: string;
  hint?: string;
}

export interface VerifyContext {
  catalog: Catalog;
  permissions: Permissions;
  asOf?: string;
}

export type VerifyResult =
  | { ok: true; segment: Segment; warnings: VerifyProblem[] }
  | { ok: false; problems: VerifyProblem[]; warnings: VerifyProblem[] };

export abstract class SegmentVerifier {
  abstract verify(segment: unknown, context: VerifyContext): VerifyResult;
}

export abstract class SegmentExplainer {
  abstract explain(segment: Segment, catalog: Catalog): string;
}

export type SqlDialect = 'duckdb' | 'postgres' | 'bigquery' | 'snowflake' | 'spark' | 'trino';
export const SQL_DIALECTS: readonly SqlDialect[] = ['duckdb', 'postgres', 'bigquery', 'snowflake', 'spark', 'trino'];

export interface CompiledSql {
  sql: string;
  params: unknown[];
  paramNames?: string[];
  dialect: SqlDialect;
}

export abstract class SegmentCompiler {
  /** Dialects this compiler can target. */
  abstract readonly dialects: readonly SqlDialect[];
  abstract compile(
    segment: Segment,
    options: { dialect: SqlDialect; catalog: Catalog; select: 'count' | 'ids'; asOf?: string },
  ): CompiledSql;
}

/** One step of the model router's walk (local, decide, cache, call, verify, ...); never keys, prompts or customer data. */
export type UnderstandStep = { type: string } & Record<string, unknown>;

export interface UnderstandOptions {
  tenantId: string;
  catalog: Catalog;
  asOf: string;
  permissions: Permissions;
  current?: Segment;
  /** Earlier states of the conversation's segment, oldest first (for "undo"). */
  previous?: readonly Segment[];
  /** Receives the router's steps as they happen (e.g. for SSE); optional. */
  onStep?: (step: UnderstandStep) => void;
}

/** Who answered (`local` or `provider:model`) and notices for the user; set by the routed understander. */
export interface UnderstandProvenance {
  answered_by?: string;
  notes?: string[];
}

export type UnderstandResult = UnderstandProvenance &
  (
    | { status: 'segment'; segment: Segment; explanation?: string; spans?: unknown[]; confidence?: number }
    | { status: 'clarify'; question: string; options: { label: string; segment: Segment }[] }
    | { status: 'refuse'; reason: string; nearest?: string[]; missing?: string[] }
  );

export abstract class Understander {
  abstract understand(text: string, options: UnderstandOptions): Promise<UnderstandResult>;
}

export interface AudienceContext {
  connection: WarehouseConnection;
  catalog: Catalog;
  asOf: string;
}

export interface BreakdownRow {
  /** The value as text, a band ('25-34'), 'unknown' or 'other'. */
  value: string | number | boolean | null;
  label?: string;
  count: number;
}

export interface WaterfallStep {
  /** Path of the condition added at this step (where.children[i]). */
  path: string;
  label: string;
  /** Audience with this and every earlier condition. */
  count: number;
  /** How many this condition removed. */
  removed: number;
}

export interface WhyCondition {
  path: string;
  label: string;
  matched: boolean;
}

export interface WhyResult {
  customer_id: number;
  in_segment: boolean;
  /** Whether the customer exists in the warehouse at all. */
  known: boolean;
  conditions: WhyCondition[];
}

export abstract class AudiencePort {
  abstract count(ctx: AudienceContext, segment: Segment): Promise<number>;
  abstract ids(
    ctx: AudienceContext,
    segment: Segment,
    options?: { limit?: number; fields?: string[] },
  ): AsyncIterable<Record<string, unknown>>;
  abstract breakdown(ctx: AudienceContext, segment: Segment, facet: string, limit?: number): Promise<BreakdownRow[]>;
  abstract waterfall(ctx: AudienceContext, segment: Segment): Promise<WaterfallStep[]>;
  abstract why(ctx: AudienceContext, segment: Segment, customerId: number): Promise<WhyResult>;
}
