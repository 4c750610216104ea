import { useState } from 'react';
import { customers, fmt, signed } from '../format';
import { phraseOf } from '../model/phrase';
import { canonical, topConditions } from '../model/segment-ops';
import type { Catalog, SegmentNode } from '../model/types';
import type { AudienceView, ChangeNote, ConditionLink, TurnView } from '../model/view';
import { ConditionEditor, isEditable } from './ConditionEditor';

interface Props {
  audience: AudienceView;
  catalog: Catalog | undefined;
  links: Record<number, ConditionLink>;
  turns: TurnView[];
  active: number | null;
  onActive(i: number | null): void;
  changes: ChangeNote[];
  origins: Record<string, string>;
  savedName?: string | undefined;
  busy: boolean;
  onEdit(index: number, next: SegmentNode | null): Promise<string | undefined>;
}

export function labelFor(audience: AudienceView, index: number, catalog: Catalog | undefined): string | undefined {
  const node = topConditions(audience.segment)[index];
  if (!node) return undefined;
  return audience.labels?.[index] ?? (audience.labelsFailed ? phraseOf(node, catalog) : undefined);
}

function noteLabel(
  n: { node: SegmentNode; label?: string },
  audience: AudienceView,
  catalog: Catalog | undefined,
): string {
  if (n.label) return n.label;
  const i = topConditions(audience.segment).findIndex((c) => canonical(c) === canonical(n.node));
  return (i >= 0 ? audience.labels?.[i] : undefined) ?? phraseOf(n.node, catalog);
}

/** The audience: its size, its plain-English explanation, and its conditions (linked to the words, editable). */
export function AudienceCard({
  audience,
  catalog,
  links,
  turns,
  active,
  onActive,
  changes,
  origins,
  savedName,
  busy,
  onEdit,
}: Props) {
  const [editing, setEditing] = useState<number | null>(null);
  const [editError, setEditError] = useState<string | undefined>();
  const conds = topConditions(audience.segment);
  const last = changes[0];

  const apply = async (i: number, next: SegmentNode | null) => {
    setEditError(undefined);
    const err = await onEdit(i, next);
    if (err) setEditError(err);
    else setEditing(null);
  };

  return (
    <section className="card audience" aria-labelledby="audience-title" data-testid="audience">
      <div className="audience-head">
        <h2 id="audience-title">
          {savedName ? (
            <>
              Audience <span className="saved-name">“{savedName}”</span>
            </>
          ) : (
            'Your audience'
          )}
        </h2>
        <p className="size" data-testid="audience-size">
          {audience.count !== null ? (
            <>
              <span className="size-number">{fmt(audience.count)}</span>{' '}
              {audience.count === 1 ? 'customer' : 'customers'}
            </>
          ) : (
            <span className="error">Not counted: {audience.countError ?? 'the warehouse did not answer'}</span>
          )}
          {last && last.before !== null && last.after !== null && last.after === audience.count && (
            <span className={`delta ${last.after - last.before < 0 ? 'down' : 'up'}`}>
              {signed(last.after - last.before)} from {fmt(last.before)}
            </span>
          )}
        </p>
      </div>
      <p className="explanation" data-testid="explanation">
        {audience.explanation}
      </p>

      <h3 className="sub">Conditions</h3>
      {!audience.labels && !audience.labelsFailed ? (
        <p className="muted" role="status">
          Reading the conditions…
        </p>
      ) : (
        <ol className="conditions" data-testid="conditions">
          {conds.map((c, i) => {
            const label = labelFor(audience, i, catalog) ?? '';
            const link = links[i];
            const turn = link ? turns.find((t) => t.key === link.turnKey) : undefined;
            const from = turn && link ? link.ranges.map((r) => turn.text.slice(r.start, r.end)).join(' … ') : undefined;
            const editable = isEditable(c, catalog);
            const step = audience.waterfall?.[i];
            return (
              <li
                key={`${i}-${canonical(c)}`}
                className={`condition${active === i ? ' active' : ''}`}
                data-testid="condition"
                onMouseEnter={() => onActive(i)}
                onMouseLeave={() => onActive(null)}
                onFocus={() => onActive(i)}
                onBlur={() => onActive(null)}
              >
                <div className="condition-row">
                  <span className="condition-num" aria-hidden="true">
                    {i + 1}
                  </span>
                  <div className="condition-body">
                    <span className="condition-text">{label}</span>
                    <span className="condition-meta">
                      {from ? (
                        <>
                          from <q>{from}</q>
                        </>
                      ) : (
                        <span className="muted">
                          from {origins[canonical(c)] ?? 'the conversation (not in these words)'}
                        </span>
                      )}
                      {step && step.removed > 0 && <span className="muted"> · narrows by {fmt(step.removed)}</span>}
                    </span>
                  </div>
                  <div className="condition-actions">
                    {editable && (
                      <button
                        type="button"
                        className="secondary small"
                        aria-expanded={editing === i}
                        onClick={() => {
                          setEditError(undefined);
                          setEditing(editing === i ? null : i);
                        }}
                        disabled={busy}
                      >
                        Change<span className="visually-hidden"> “{label}”</span>
                      </button>
                    )}
                    <button
                      type="button"
                      className="secondary small"
                      onClick={() => void apply(i, null)}
                      disabled={busy || conds.length <= 1}
                      title={conds.length <= 1 ? 'An audience needs at least one condition' : undefined}
                    >
                      Remove<span className="visually-hidden"> “{label}”</span>
                    </button>
                  </div>
                </div>
                {editing === i && (
                  <ConditionEditor
                    node={c}
                    catalog={catalog}
                    busy={busy}
                    error={editError}
                    onApply={(next) => void apply(i, next)}
                    onCancel={() => setEditing(null)}
                  />
                )}
              </li>
            );
          })}
        </ol>
      )}
      {editError && editing === null && (
        <p className="error" role="alert">
          {editError}
        </p>
      )}

      {changes.length > 0 && (
        <div className="changes" data-testid="changes">
          <h3 className="sub">What changed</h3>
          <ol>
            {changes.slice(0, 4).map((c) => (
              <li key={c.id} className="change">
                <span className="change-title">{c.title}</span>
                {c.removed.map((r, k) => (
                  <span key={`r${k}`} className="change-item removed">
                    <span className="visually-hidden">removed: </span>
                    <del>{noteLabel(r, audience, catalog)}</del>
                  </span>
                ))}
                {c.added.map((a, k) => (
                  <span key={`a${k}`} className="change-item added">
                    <span className="visually-hidden">added: </span>
                    <ins>{noteLabel(a, audience, catalog)}</ins>
                  </span>
                ))}
                {c.before !== null && c.after !== null && (
                  <span className="change-size">
                    {customers(c.before)} → {customers(c.after)} ({signed(c.after - c.before)})
                  </span>
                )}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
