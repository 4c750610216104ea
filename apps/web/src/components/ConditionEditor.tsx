import { useId, useState, type FormEvent } from 'react';
import { fmt } from '../format';
import { phraseOf, valueLabel, windowText } from '../model/phrase';
import type {
  AttributeCondition,
  Catalog,
  EventCondition,
  FacetDef,
  PurchaseCondition,
  Scalar,
  SegmentNode,
  TimeUnit,
  Window,
} from '../model/types';

/** The condition an editor works on: the node itself, or the child of a `not`. */
function target(node: SegmentNode): { inner: SegmentNode; negated: boolean } {
  return node.kind === 'not' ? { inner: node.child, negated: true } : { inner: node, negated: false };
}

function wrap(inner: SegmentNode, negated: boolean): SegmentNode {
  return negated ? { kind: 'not', child: inner } : inner;
}

function facetOf(catalog: Catalog | undefined, inner: SegmentNode): FacetDef | undefined {
  return inner.kind === 'attribute' ? catalog?.facets.find((f) => f.name === inner.facet) : undefined;
}

/** Whether the page offers an editor for this condition (values from the catalog, a number, or a window). */
export function isEditable(node: SegmentNode, catalog: Catalog | undefined): boolean {
  const { inner } = target(node);
  if (inner.kind === 'purchase' || inner.kind === 'event') return true;
  if (inner.kind !== 'attribute') return false;
  const f = facetOf(catalog, inner);
  if (!f) return false;
  if (inner.op === 'is_known' || inner.op === 'is_unknown') return false;
  if (['eq', 'neq', 'in', 'not_in'].includes(inner.op)) return (f.values?.length ?? 0) > 0 || f.type === 'number';
  return f.type === 'number' || f.type === 'date';
}

const OP_WORDS: Partial<Record<AttributeCondition['op'], string>> = {
  eq: 'exactly',
  neq: 'not',
  gt: 'over',
  gte: 'at least',
  lt: 'under',
  lte: 'at most',
};

const UNITS: TimeUnit[] = ['day', 'week', 'month', 'year'];

interface Props {
  node: SegmentNode;
  catalog: Catalog | undefined;
  busy: boolean;
  error?: string | undefined;
  onApply(next: SegmentNode): void;
  onCancel(): void;
}

/** Edits one condition: its value(s) from the catalog's values, its numbers, or its time window. */
export function ConditionEditor({ node, catalog, busy, error, onApply, onCancel }: Props) {
  const { inner, negated } = target(node);
  const id = useId();
  const facet = facetOf(catalog, inner);

  // attribute values
  const attr = inner.kind === 'attribute' ? inner : undefined;
  const initialValues: Scalar[] = attr ? (attr.values ?? (attr.value !== undefined ? [attr.value] : [])) : [];
  const [values, setValues] = useState<string[]>(initialValues.map(String));
  const [min, setMin] = useState<string>(attr?.min !== undefined ? String(attr.min) : '');
  const [max, setMax] = useState<string>(attr?.max !== undefined ? String(attr.max) : '');
  const [single, setSingle] = useState<string>(attr?.value !== undefined ? String(attr.value) : '');

  // purchase / event window
  const timed =
    inner.kind === 'purchase' || inner.kind === 'event' ? (inner as PurchaseCondition | EventCondition) : undefined;
  const w = timed?.window;
  const [anyTime, setAnyTime] = useState<boolean>(!w);
  const [n, setN] = useState<string>(w && (w.type === 'last' || w.type === 'older_than') ? String(w.n) : '90');
  const [unit, setUnit] = useState<TimeUnit>(w && (w.type === 'last' || w.type === 'older_than') ? w.unit : 'day');
  const [localError, setLocalError] = useState<string | undefined>();

  const typed = (raw: string): Scalar => {
    const fv = facet?.values?.find((v) => String(v.value) === raw);
    if (fv) return fv.value;
    if (facet?.type === 'number') return Number(raw);
    if (facet?.type === 'boolean') return raw === 'true';
    return raw;
  };

  const build = (): SegmentNode | string => {
    if (attr && facet) {
      if (attr.op === 'in' || attr.op === 'not_in') {
        if (values.length === 0) return 'Choose at least one value.';
        if (values.length === 1)
          return wrap(
            {
              ...attr,
              op: attr.op === 'in' ? 'eq' : 'neq',
              value: typed(values[0]!),
              values: undefined,
            } as AttributeCondition,
            negated,
          );
        return wrap({ ...attr, values: values.map(typed) }, negated);
      }
      if (attr.op === 'between') {
        if (facet.type === 'number') {
          const lo = Number(min);
          const hi = Number(max);
          if (min === '' || max === '' || !Number.isFinite(lo) || !Number.isFinite(hi)) return 'Enter both numbers.';
          if (lo > hi) return 'The first number must not be larger than the second.';
          return wrap({ ...attr, min: lo, max: hi }, negated);
        }
        if (!min || !max) return 'Enter both dates.';
        return wrap({ ...attr, min, max }, negated);
      }
      if (single === '') return 'Choose a value.';
      if (facet.type === 'number' && !Number.isFinite(Number(single))) return 'Enter a number.';
      return wrap({ ...attr, value: typed(single) }, negated);
    }
    if (timed) {
      let window: Window | undefined;
      if (!anyTime) {
        const k = Number(n);
        if (!Number.isInteger(k) || k < 1 || k > 3650)
          return 'Enter a whole number of days, weeks, months or years (1 or more).';
        window = { type: w?.type === 'older_than' ? 'older_than' : 'last', n: k, unit };
      }
      const next = { ...timed } as PurchaseCondition | EventCondition;
      if (window) next.window = window;
      else delete next.window;
      return wrap(next, negated);
    }
    return 'This condition cannot be edited here.';
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = build();
    if (typeof next === 'string') {
      setLocalError(next);
      return;
    }
    setLocalError(undefined);
    onApply(next);
  };

  const preview = (() => {
    const next = build();
    return typeof next === 'string' ? undefined : phraseOf(next, catalog);
  })();

  const options = facet?.values ?? [];
  const shownError = localError ?? error;

  return (
    <form className="editor" onSubmit={submit} aria-label="Edit condition" noValidate>
      {attr && facet && (attr.op === 'in' || attr.op === 'not_in') && (
        <fieldset>
          <legend>
            {facet.label}: {attr.op === 'in' ? 'any of' : 'none of'}
          </legend>
          <div className={`checks${options.length > 8 ? ' scroll' : ''}`}>
            {options.map((v) => {
              const key = String(v.value);
              return (
                <label key={key} className="check">
                  <input
                    type="checkbox"
                    checked={values.includes(key)}
                    onChange={(e) =>
                      setValues((cur) => (e.target.checked ? [...cur, key] : cur.filter((x) => x !== key)))
                    }
                  />
                  {valueLabel(catalog, facet.name, v.value)}
                  {v.count !== undefined && <span className="muted"> ({fmt(v.count)})</span>}
                </label>
              );
            })}
          </div>
        </fieldset>
      )}
      {attr && facet && (attr.op === 'eq' || attr.op === 'neq') && options.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-value`}>
            {facet.label} {attr.op === 'neq' ? 'is not' : 'is'}
          </label>
          <select id={`${id}-value`} value={single} onChange={(e) => setSingle(e.target.value)}>
            {options.map((v) => (
              <option key={String(v.value)} value={String(v.value)}>
                {valueLabel(catalog, facet.name, v.value)}
                {v.count !== undefined ? ` (${fmt(v.count)})` : ''}
              </option>
            ))}
          </select>
        </div>
      )}
      {attr && facet && attr.op === 'between' && (
        <fieldset>
          <legend>
            {facet.label}
            {facet.unit ? ` (${facet.unit})` : ''}: from … to … (inclusive)
          </legend>
          <div className="range-row">
            <label>
              From
              <input
                type={facet.type === 'date' ? 'date' : 'number'}
                inputMode="numeric"
                value={min}
                min={facet.min}
                max={facet.max}
                onChange={(e) => setMin(e.target.value)}
              />
            </label>
            <label>
              To
              <input
                type={facet.type === 'date' ? 'date' : 'number'}
                inputMode="numeric"
                value={max}
                min={facet.min}
                max={facet.max}
                onChange={(e) => setMax(e.target.value)}
              />
            </label>
          </div>
        </fieldset>
      )}
      {attr &&
        facet &&
        !['in', 'not_in', 'between'].includes(attr.op) &&
        !(['eq', 'neq'].includes(attr.op) && options.length > 0) && (
          <div className="field">
            <label htmlFor={`${id}-single`}>
              {facet.label} ({OP_WORDS[attr.op] ?? attr.op})
            </label>
            <input
              id={`${id}-single`}
              type={facet.type === 'date' ? 'date' : 'number'}
              inputMode="numeric"
              value={single}
              onChange={(e) => setSingle(e.target.value)}
            />
          </div>
        )}
      {timed && (
        <fieldset>
          <legend>When</legend>
          {w && w.type !== 'last' && w.type !== 'older_than' && (
            <p className="muted">Now: {windowText(w)}. A new window replaces it.</p>
          )}
          <label className="check">
            <input type="checkbox" checked={anyTime} onChange={(e) => setAnyTime(e.target.checked)} /> Any time (no
            window)
          </label>
          <div className="range-row">
            <label>
              {w?.type === 'older_than' ? 'More than' : 'In the last'}
              <input
                type="number"
                inputMode="numeric"
                min={1}
                max={3650}
                value={n}
                disabled={anyTime}
                onChange={(e) => setN(e.target.value)}
              />
            </label>
            <label>
              Unit
              <select value={unit} disabled={anyTime} onChange={(e) => setUnit(e.target.value as TimeUnit)}>
                {UNITS.map((u) => (
                  <option key={u} value={u}>
                    {u}s
                  </option>
                ))}
              </select>
            </label>
          </div>
        </fieldset>
      )}
      {preview && (
        <p className="preview">
          <span className="muted">Will read:</span> {preview}
        </p>
      )}
      {shownError && (
        <p className="error" role="alert">
          {shownError}
        </p>
      )}
      <div className="editor-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Counting…' : 'Apply and recount'}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
