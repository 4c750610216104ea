import type { EvalReport, MetricSet } from './eval-case.model';

const fmt = (v: number | null): string => (v === null ? '   -  ' : v.toFixed(3).padStart(6));

export function metricsHeader(): string {
  return 'category                 cases  status  f-prec  f-rec   op     value  schema  halluc  exec   p95ms';
}

export function metricsRow(name: string, m: MetricSet): string {
  return [
    name.padEnd(24),
    String(m.cases).padStart(5),
    fmt(m.status_accuracy),
    fmt(m.facet_precision),
    fmt(m.facet_recall),
    fmt(m.operator_accuracy),
    fmt(m.value_accuracy),
    fmt(m.schema_validity),
    fmt(m.hallucination_rate),
    fmt(m.execution_accuracy),
    m.p95_latency_ms.toFixed(1).padStart(6),
  ].join(' ');
}

export function renderReport(report: EvalReport): string {
  const lines = [
    `eval split=${report.split} as_of=${report.as_of} customers=${report.customers}`,
    metricsHeader(),
    ...Object.entries(report.by_category)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([c, m]) => metricsRow(c, m)),
    metricsRow('ALL', report.overall),
  ];
  if (report.gate) {
    lines.push(report.gate.passed ? 'gate: passed' : `gate: FAILED (${report.gate.failures.join('; ')})`);
  }
  return lines.join('\n');
}
