import { explainSegment, verifySegment, type Catalog, type Segment } from '@smartseg/segment-engine';

/**
 * The one seam between the understanding engine and segment-engine's verifier and explainer:
 * every segment the engine returns passes `verifySegment`, the verifier every path uses.
 */

export interface VerifyProblem {
  path: string;
  code: string;
  message: string;
}

export type VerifyResult =
  { ok: true; segment: Segment; warnings: VerifyProblem[] | string[] } | { ok: false; problems: VerifyProblem[] };

export interface VerifyContext {
  catalog: Catalog;
  permissions: { pii: boolean };
  asOf?: string;
}

export interface Explanation {
  text: string;
  phrases: { path: string; text: string }[];
}

export function verify(input: unknown, ctx: VerifyContext): VerifyResult {
  const r = verifySegment(input, ctx);
  return r.ok ? { ok: true, segment: r.segment, warnings: r.warnings } : { ok: false, problems: r.problems };
}

export function explain(segment: Segment, catalog: Catalog): Explanation {
  return explainSegment(segment, catalog);
}
