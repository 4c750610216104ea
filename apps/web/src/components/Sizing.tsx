import { useEffect, useId, useState, type FormEvent } from 'react';
import { ApiError, type Api } from '../api/client';
import { customers, fmt } from '../format';
import { canonical } from '../model/segment-ops';
import type { BreakdownRow, Catalog, Segment, WaterfallStep, WhyResult } from '../model/types';
import { BarTable } from './charts';

/** Facets the breakdowns use when the catalog has them (a channel-like one last). */
const BREAKDOWN_FACETS = ['state', 'age', 'loyalty_tier', 'signup_channel'];
const LIMITS: Record<string, number> = { state: 10 };

type Loaded<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; message: string };

function Waterfall({ steps, error }: { steps: WaterfallStep[] | undefined; error?: string | undefined }) {
  if (error) return <p className="error">The waterfall could not be computed: {error}</p>;
  if (!steps) return <p className="muted">Computing the waterfall…</p>;
  if (steps.length === 0) return null;
  const total = steps[0]!.count + steps[0]!.removed;
  return (
    <BarTable
      className="waterfall"
      caption={
        <>
          <strong>Waterfall</strong>
          <span className="muted"> · the audience as each condition is added, from all {fmt(total)} customers</span>
        </>
      }
      labelHeader="Condition added"
      max={total}
      rows={[
        { key: 'all', label: 'All customers', value: total },
        ...steps.map((s, i) => ({
          key: s.path,
          label: (
            <>
              <span className="step-no" aria-hidden="true">
                {i + 1}
              </span>
              {i === 0 ? '' : '…and '}
              {s.label}
            </>
          ),
          value: s.count,
          ghost: s.removed,
          note: s.removed > 0 ? ` −${fmt(s.removed)}` : undefined,
        })),
      ]}
    />
  );
}

function Breakdown({
  facet,
  label,
  valueHeader,
  data,
}: {
  facet: string;
  label: string;
  valueHeader: string;
  data: Loaded<BreakdownRow[]> | undefined;
}) {
  if (!data || data.state === 'loading')
    return (
      <div className="breakdown" data-facet={facet}>
        <p className="chart-title">{label}</p>
        <p className="muted">Loading…</p>
      </div>
    );
  if (data.state === 'error')
    return (
      <div className="breakdown" data-facet={facet}>
        <p className="chart-title">{label}</p>
        <p className="error">{data.message}</p>
      </div>
    );
  const rows = data.value.filter((r) => r.count > 0 || data.value.length <= 8);
  return (
    <div className="breakdown" data-facet={facet}>
      <BarTable
        caption={<span className="chart-title">{label}</span>}
        labelHeader={valueHeader}
        rows={rows.map((r, i) => ({
          key: `${String(r.value)}-${i}`,
          label: r.label ?? String(r.value ?? 'unknown'),
          value: r.count,
        }))}
      />
      {rows.length === 0 && <p className="muted">Nobody to break down.</p>}
    </div>
  );
}

/**
 * A why row as it reads for the segment: the API reports each leaf condition with its own
 * phrase and whether it holds; a leaf under a `not` holds for the segment when it does not hold
 * itself ("used a coupon: yes" means "did not use a coupon: no"). A top-level `not` takes the
 * audience's own phrase for it.
 */
function whyRow(
  c: WhyResult['conditions'][number],
  segment: Segment,
  labels: string[] | undefined,
): { label: string; holds: boolean } {
  const negations = (c.path.match(/\.child\b/g) ?? []).length;
  const holds = negations % 2 === 0 ? c.matched : !c.matched;
  if (negations === 0) return { label: c.label, holds };
  const top = segment.where.kind === 'and' ? /^where\.children\[(\d+)\]\.child$/.exec(c.path) : null;
  const index = top ? Number(top[1]) : c.path === 'where.child' ? 0 : undefined;
  const label = index !== undefined ? labels?.[index] : undefined;
  return { label: label ?? (negations % 2 === 1 ? `not: ${c.label}` : c.label), holds };
}

function Why({ api, segment, labels }: { api: Api; segment: Segment; labels: string[] | undefined }) {
  const id = useId();
  const [value, setValue] = useState('');
  const [result, setResult] = useState<Loaded<WhyResult> | undefined>();
  useEffect(() => setResult(undefined), [segment]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(value.trim());
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
      setResult({ state: 'error', message: 'A customer id is a whole number, like 42.' });
      return;
    }
    setResult({ state: 'loading' });
    try {
      setResult({ state: 'ok', value: await api.why(segment, n) });
    } catch (err) {
      setResult({ state: 'error', message: err instanceof ApiError ? err.message : String(err) });
    }
  };
  const r = result?.state === 'ok' ? result.value : undefined;
  const rows = r ? r.conditions.map((c) => ({ path: c.path, ...whyRow(c, segment, labels) })) : [];
  const failed = rows.filter((c) => !c.holds).length;
  return (
    <div className="why" data-testid="why">
      <h3 className="sub">Why is a customer in or out?</h3>
      <form onSubmit={submit} className="inline-form">
        <label htmlFor={`${id}-cid`}>Customer id</label>
        <input
          id={`${id}-cid`}
          inputMode="numeric"
          autoComplete="off"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-describedby={`${id}-out`}
        />
        <button type="submit" className="secondary" disabled={result?.state === 'loading'}>
          Check
        </button>
      </form>
      <div id={`${id}-out`} aria-live="polite">
        {result?.state === 'error' && <p className="error">{result.message}</p>}
        {r && !r.known && <p>There is no customer {r.customer_id} in this tenant’s data.</p>}
        {r && r.known && (
          <>
            <p className={r.in_segment ? 'why-in' : 'why-out'} data-testid="why-verdict">
              Customer {r.customer_id} is <strong>{r.in_segment ? 'in' : 'not in'}</strong> the audience
              {!r.in_segment && failed > 0 ? `: ${failed} of ${rows.length} conditions do not hold` : ''}.
            </p>
            <ul className="why-list">
              {rows.map((c) => (
                <li key={c.path} className={c.holds ? 'ok' : 'no'}>
                  <span aria-hidden="true">{c.holds ? '✓' : '✗'}</span>
                  <span className="visually-hidden">{c.holds ? 'holds: ' : 'does not hold: '}</span>
                  {c.label}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}

/** Sizing: the waterfall, four breakdowns as bar charts, and why-in/why-out for one customer. */
export function Sizing({
  api,
  segment,
  catalog,
  waterfall,
  waterfallError,
  count,
  labels,
}: {
  api: Api;
  segment: Segment;
  catalog: Catalog | undefined;
  waterfall: WaterfallStep[] | undefined;
  waterfallError?: string | undefined;
  count: number | null;
  labels?: string[] | undefined;
}) {
  const facets = BREAKDOWN_FACETS.map((name) => catalog?.facets.find((f) => f.name === name)).filter(
    (f): f is NonNullable<typeof f> => f !== undefined,
  );
  const key = canonical(segment);
  const [data, setData] = useState<{ key: string; byFacet: Record<string, Loaded<BreakdownRow[]>> }>({
    key: '',
    byFacet: {},
  });

  useEffect(() => {
    const ctl = new AbortController();
    setData({ key, byFacet: Object.fromEntries(facets.map((f) => [f.name, { state: 'loading' as const }])) });
    for (const f of facets) {
      api
        .breakdown(segment, f.name, LIMITS[f.name] ?? 20, ctl.signal)
        .then((r) => ({ state: 'ok' as const, value: r.rows }))
        .catch((e: unknown) => {
          if (ctl.signal.aborted) return undefined;
          return { state: 'error' as const, message: e instanceof Error ? e.message : String(e) };
        })
        .then((v) => {
          if (!v || ctl.signal.aborted) return;
          setData((d) => (d.key === key ? { key, byFacet: { ...d.byFacet, [f.name]: v } } : d));
        });
    }
    return () => ctl.abort();
    // facets derive from the catalog; the segment is identified by its key
  }, [api, key, catalog]);

  return (
    <section className="card sizing" aria-labelledby="sizing-title" data-testid="sizing">
      <h2 id="sizing-title">Size it</h2>
      <p className="muted">
        {count !== null ? `${customers(count)} in all.` : ''} How the conditions narrow it down, and who is in it.
      </p>
      <Waterfall steps={waterfall} error={waterfallError} />
      <div className="breakdowns">
        {facets.map((f) => (
          <Breakdown
            key={f.name}
            facet={f.name}
            label={`By ${f.label.toLowerCase()}`}
            valueHeader={f.label}
            data={data.key === key ? data.byFacet[f.name] : undefined}
          />
        ))}
      </div>
      <Why api={api} segment={segment} labels={labels} />
    </section>
  );
}
