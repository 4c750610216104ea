import type { ReactNode } from 'react';
import { fmt } from '../format';

/** One horizontal bar (SVG): `value` of `max`, with an optional lighter part (`ghost`) after it. */
export function Bar({
  value,
  max,
  ghost = 0,
  tone = 'primary',
}: {
  value: number;
  max: number;
  ghost?: number;
  tone?: 'primary' | 'muted';
}) {
  const w = 100;
  const v = max > 0 ? Math.max(0, Math.min(1, value / max)) * w : 0;
  const g = max > 0 ? Math.max(0, Math.min(1, (value + ghost) / max)) * w : 0;
  return (
    <svg className="bar" viewBox={`0 0 ${w} 10`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect x="0" y="0" width={w} height="10" className="bar-track" />
      {ghost > 0 && <rect x="0" y="0" width={g} height="10" className="bar-ghost" />}
      <rect x="0" y="0" width={Math.max(v, value > 0 ? 0.6 : 0)} height="10" className={`bar-fill ${tone}`} />
    </svg>
  );
}

export interface BarRow {
  key: string;
  label: ReactNode;
  value: number;
  note?: ReactNode;
  ghost?: number;
}

/**
 * A bar chart as a table: one row per bar with its label, an SVG bar and the number. Screen
 * readers read the table; the bars are decoration.
 */
export function BarTable({
  caption,
  rows,
  max,
  valueHeader = 'Customers',
  labelHeader,
  className,
}: {
  caption: ReactNode;
  rows: BarRow[];
  max?: number;
  valueHeader?: string;
  labelHeader: string;
  className?: string;
}) {
  const top = max ?? Math.max(1, ...rows.map((r) => r.value + (r.ghost ?? 0)));
  return (
    <table className={`bars ${className ?? ''}`}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{labelHeader}</th>
          <th scope="col" className="bar-col">
            <span className="visually-hidden">Share</span>
          </th>
          <th scope="col" className="num">
            {valueHeader}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td className="bar-col">
              <Bar value={r.value} max={top} ghost={r.ghost ?? 0} />
            </td>
            <td className="num">
              {fmt(r.value)}
              {r.note && <span className="bar-note">{r.note}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
