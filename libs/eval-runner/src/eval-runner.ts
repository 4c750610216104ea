import * as fs from 'node:fs';
import type { Catalog, Segment } from '@smartseg/segment-engine';
import type { CaseResult, EvalCase } from './eval-case.model';
import { compareSignatures, segmentSignatures } from './segment-signatures';
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
    if (c.gold_segment) {
      const s = compareSignatures(segmentSignatures(answer.segment), segmentSignatures(c.gold_segment));
      result.operatorHits = s.op;
      result.valueHits = s.value;
      result.operatorTotal = s.total;
      result.valueTotal = s.total;
    }
  } else if (c.gold_segment) {
    const total = segmentSignatures(c.gold_segment).length;
    result.operatorHits = 0;
    result.valueHits = 0;
    result.operatorTotal = total;
    result.valueTotal = total;
  }
  if (c.expect === 'segment' && (c.gold_sql || c.gold_segment)) {
    try {
      // gold SQL is independent of the compiler; a case with only a gold segment is counted through it
      const gold = c.gold_sql ? await subject.goldIds(c.gold_sql) : await subject.segmentIds(c.gold_segment!);
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
