import type { CaseResult, MetricSet } from './eval-case.model';

function ratio(num: number, den: number, empty = 1): number {
  return den === 0 ? empty : num / den;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

/**
 * Metrics over a set of case results:
 * - status accuracy: the outcome (segment / clarify / refuse) is the expected one;
 * - facet precision / recall: predicted concepts vs gold concepts, over segment cases that produced a segment;
 * - operator / value accuracy: over gold conditions matched by facet (cases that carry gold_conditions);
 * - schema validity: every returned segment passes the verifier;
 * - hallucination rate: share of returned segments naming something the catalog lacks;
 * - execution accuracy: over segment cases, the selected customer ids equal the gold's
 *   (a clarify or refuse where a segment was expected counts as wrong).
 */
export function computeMetrics(results: CaseResult[]): MetricSet {
  const segCases = results.filter((r) => r.expect === 'segment');
  const produced = results.filter((r) => r.status === 'segment');
  let tp = 0;
  let predTotal = 0;
  let goldTotal = 0;
  let goldHit = 0;
  for (const r of segCases.filter((c) => c.status === 'segment')) {
    const gold = new Set(r.goldFacets);
    const pred = new Set(r.predictedFacets);
    predTotal += pred.size;
    goldTotal += gold.size;
    for (const p of pred) if (gold.has(p)) tp += 1;
    for (const g of gold) if (pred.has(g)) goldHit += 1;
  }
  // a segment case answered with clarify/refuse recalls none of its gold facets
  for (const r of segCases.filter((c) => c.status !== 'segment')) goldTotal += new Set(r.goldFacets).size;
  const opTotal = results.reduce((s, r) => s + (r.operatorTotal ?? 0), 0);
  const valTotal = results.reduce((s, r) => s + (r.valueTotal ?? 0), 0);
  const latencies = results.map((r) => r.latencyMs);
  return {
    cases: results.length,
    status_accuracy: ratio(results.filter((r) => r.statusOk).length, results.length),
    facet_precision: ratio(tp, predTotal),
    facet_recall: ratio(goldHit, goldTotal),
    operator_accuracy: opTotal === 0 ? null : results.reduce((s, r) => s + (r.operatorHits ?? 0), 0) / opTotal,
    value_accuracy: valTotal === 0 ? null : results.reduce((s, r) => s + (r.valueHits ?? 0), 0) / valTotal,
    schema_validity: ratio(produced.filter((r) => r.schemaValid).length, produced.length),
    hallucination_rate: ratio(produced.filter((r) => r.hallucinated).length, produced.length, 0),
    execution_accuracy: ratio(segCases.filter((r) => r.executionOk === true).length, segCases.length),
    p50_latency_ms: percentile(latencies, 50),
    p95_latency_ms: percentile(latencies, 95),
  };
}

export interface Gates {
  facet_precision?: number;
  facet_recall?: number;
  operator_accuracy?: number;
  value_accuracy?: number;
  schema_validity?: number;
  hallucination_rate_max?: number;
  execution_accuracy?: number;
  p95_latency_ms_max?: number;
}

export function checkGates(m: MetricSet, gates: Gates): string[] {
  const failures: string[] = [];
  const min = (name: keyof MetricSet, floor: number | undefined): void => {
    const v = m[name];
    if (floor !== undefined && typeof v === 'number' && v < floor) failures.push(`${name} ${v.toFixed(3)} < ${floor}`);
  };
  min('facet_precision', gates.facet_precision);
  min('facet_recall', gates.facet_recall);
  min('operator_accuracy', gates.operator_accuracy);
  min('value_accuracy', gates.value_accuracy);
  min('schema_validity', gates.schema_validity);
  min('execution_accuracy', gates.execution_accuracy);
  if (gates.hallucination_rate_max !== undefined && m.hallucination_rate > gates.hallucination_rate_max) {
    failures.push(`hallucination_rate ${m.hallucination_rate.toFixed(3)} > ${gates.hallucination_rate_max}`);
  }
  if (gates.p95_latency_ms_max !== undefined && m.p95_latency_ms > gates.p95_latency_ms_max) {
    failures.push(`p95_latency_ms ${m.p95_latency_ms.toFixed(1)} > ${gates.p95_latency_ms_max}`);
  }
  return failures;
}
