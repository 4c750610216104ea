import type { Segment } from '@smartseg/segment-engine';

/** One evaluation case (evals/cases/*.jsonl); see evals/README.md. */
export interface EvalCase {
  id: string;
  category: string;
  style?: string;
  text?: string;
  turns?: string[];
  expect: 'segment' | 'clarify' | 'refuse';
  /** DuckDB SQL selecting the right customer_ids; {{as_of}} stands for the as-of DATE literal. */
  gold_sql?: string;
  gold_facets?: string[];
  /** The right answer in the segment model, where the model can say it: operator and value accuracy compare leaves with it. */
  gold_segment?: Segment;
  clarify_about?: string;
  missing?: string;
}

export interface CaseResult {
  id: string;
  category: string;
  style?: string;
  split: string;
  expect: EvalCase['expect'];
  status: 'segment' | 'clarify' | 'refuse' | 'error';
  statusOk: boolean;
  schemaValid: boolean;
  hallucinated: boolean;
  executionOk?: boolean;
  predictedFacets: string[];
  goldFacets: string[];
  operatorHits?: number;
  operatorTotal?: number;
  valueHits?: number;
  valueTotal?: number;
  predictedCount?: number;
  goldCount?: number;
  latencyMs: number;
  error?: string;
}

export interface MetricSet {
  cases: number;
  status_accuracy: number;
  facet_precision: number;
  facet_recall: number;
  operator_accuracy: number | null;
  value_accuracy: number | null;
  schema_validity: number;
  hallucination_rate: number;
  execution_accuracy: number;
  p50_latency_ms: number;
  p95_latency_ms: number;
}

export interface EvalReport {
  split: string;
  as_of: string;
  customers: number;
  generated_at: string;
  overall: MetricSet;
  by_category: Record<string, MetricSet>;
  gate?: { passed: boolean; failures: string[] };
  failures: CaseResult[];
}
