import * as fs from 'node:fs';
import type { Catalog, Segment, SegmentNode } from '@smartseg/segment-engine';
import type { CaseResult, EvalCase, GoldCondition } from './eval-case.model';
import { segmentConcepts, unknownConcepts } from './segment-concepts';

/** What the runner needs from the product: narrow, so a test can hand it fakes. */
export interface EvalSubject {
  catalog: Catalog;
  /** Answers the turns of one case (one turn for a single request); the last answer counts. */
  answer(turns: string[]): Promise<{ status: 'segment' | 'clarify' | 'refuse' | 'error'; segment?: Segment }>;
  /** True when the segment passes the verifier. */
  isValid(segment: Segment): boolean;
  segmentIds(segment: Segment): Promise<number[]>;
  goldIds(sql: string): Promise<number[]>;
}

export function loadCases(file: string): EvalCase[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalCase);
}

function sameIds(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  const sa = [...a].sort((x, y) => x - y);
  const sb = [...b].sort((x, y) => x - y);
  return sa.every((v, i) => v === sb[i]);
}

function normValue(v: unknown): string {
  if (Array.isArray(v)) return JSON.stringify([...v].map((x) => String(x).toLowerCase()).sort());
  return JSON.stringify([String(v).toLowerCase()]);
}

/** Attribute-like leaves of a segment as {facet, op, value} for operator/value accuracy. */
function leafConditions(node: SegmentNode, out: GoldCondition[] = []): GoldCondition[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      node.children.forEach((c) => leafConditions(c, out));
      break;
    case 'not':
      leafConditions(node.child, out);
      break;
    case 'attribute': {
      const op = node.op === 'in' && node.values?.length === 1 ? 'eq' : node.op;
      const value =
        node.op === 'between'
          ? [node.min, node.max]
          : node.values !== undefined
            ? node.values
            : node.value;
      out.push({ facet: node.facet, op, value });
      break;
    }
    default:
      break;
  }
  return out;
}

function scoreConditions(pred: GoldCondition[], gold: GoldCondition[]): { op: number; val: number; total: number } {
  let op = 0;
  let val = 0;
  for (const g of gold) {
    const p = pred.find((c) => c.facet === g.facet);
    if (!p) continue;
    const gop = g.op === 'in' && Array.isArray(g.value) && g.value.length === 1 ? 'eq' : g.op;
    if (p.op === gop) op += 1;
    if (normValue(p.value) === normValue(g.value)) val += 1;
  }
  return { op, val, total: gold.length };
}

export async function runCase(c: EvalCase, split: string, subject: EvalSubject): Promise<CaseResult> {
  const turns = c.turns ?? (c.text !== undefined ? [c.text] : []);
  const started = process.hrtime.bigint();
  let answer: Awaited<ReturnType<EvalSubject['answer']>>;
  let error: string | undefined;
  try {
    answer = await subject.answer(turns);
  } catch (e) {
    answer = { status: 'error' };
    error = e instanceof Error ? e.message : String(e);
  }
  const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
  const result: CaseResult = {
    id: c.id,
    category: c.category,
    ...(c.style ? { style: c.style } : {}),
    split,
    expect: c.expect,
    status: answer.status,
    statusOk: answer.status === c.expect,
    schemaValid: true,
    hallucinated: false,
    predictedFacets: [],
    goldFacets: c.gold_facets ?? [],
    latencyMs,
    ...(error ? { error } : {}),
  };
  if (answer.status === 'segment' && answer.segment) {
    result.schemaValid = subject.isValid(answer.segment);
    result.hallucinated = unknownConcepts(answer.segment, subject.catalog).length > 0;
    result.predictedFacets = segmentConcepts(answer.segment);
    if (c.gold_conditions?.length) {
      const s = scoreConditions(leafConditions(answer.segment.where), c.gold_conditions);
      result.operatorHits = s.op;
      result.valueHits = s.val;
      result.operatorTotal = s.total;
      result.valueTotal = s.total;
    }
  } else if (c.gold_conditions?.length) {
    result.operatorHits = 0;
    result.valueHits = 0;
    result.operatorTotal = c.gold_conditions.length;
    result.valueTotal = c.gold_conditions.length;
  }
  if (c.expect === 'segment' && c.gold_sql) {
    try {
      const gold = await subject.goldIds(c.gold_sql);
      result.goldCount = gold.length;
      if (answer.status === 'segment' && answer.segment) {
        const pred = await subject.segmentIds(answer.segment);
        result.predictedCount = pred.length;
        result.executionOk = sameIds(pred, gold);
      } else {
        result.executionOk = false;
      }
    } catch (e) {
      result.executionOk = false;
      result.error = `execution: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  return result;
}
