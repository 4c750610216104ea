import type { ReactNode } from 'react';
import { customers, fmt } from '../format';
import type { Range } from '../model/spans';
import type { ConditionLink, StepState, TurnView } from '../model/view';

const STEP_WORDS: Record<'understand' | 'verify' | 'count', [string, string]> = {
  understand: ['Understanding your request', 'Understood'],
  verify: ['Checking it against the catalog', 'Checked'],
  count: ['Counting customers', 'Counted'],
};

const STATE_WORDS: Record<StepState, string> = {
  waiting: 'waiting',
  active: 'in progress',
  done: 'done',
  skipped: 'not needed',
  failed: 'failed',
};

function StepList({ turn }: { turn: TurnView }) {
  return (
    <ol className="steps" aria-label="Progress">
      {(['understand', 'verify', 'count'] as const).map((s) => {
        const state = turn.steps[s];
        return (
          <li key={s} className={`step step-${state}`}>
            <span className="step-icon" aria-hidden="true">
              {state === 'done' ? '✓' : state === 'failed' ? '!' : state === 'skipped' ? '–' : ''}
            </span>
            <span>{state === 'done' ? STEP_WORDS[s][1] : STEP_WORDS[s][0]}</span>
            <span className="visually-hidden">: {STATE_WORDS[state]}</span>
          </li>
        );
      })}
    </ol>
  );
}

/** The request's text with the words of the current conditions underlined, and the active one marked. */
export function Echo({
  text,
  links,
  active,
  onHover,
}: {
  text: string;
  links: { index: number; ranges: Range[] }[];
  active: number | null;
  onHover(i: number | null): void;
}) {
  const cuts = new Set<number>([0, text.length]);
  for (const l of links)
    for (const r of l.ranges) {
      cuts.add(r.start);
      cuts.add(r.end);
    }
  const points = [...cuts].sort((a, b) => a - b);
  const parts: ReactNode[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k]!;
    const b = points[k + 1]!;
    const piece = text.slice(a, b);
    const covering = links.filter((l) => l.ranges.some((r) => r.start <= a && r.end >= b)).map((l) => l.index);
    if (covering.length === 0) {
      parts.push(piece);
      continue;
    }
    const isActive = active !== null && covering.includes(active);
    const props = {
      className: `linked${isActive ? ' active' : ''}`,
      'data-condition': covering.map((c) => c + 1).join(' '),
      onMouseEnter: () => onHover(covering[0]!),
      onMouseLeave: () => onHover(null),
    };
    parts.push(
      isActive ? (
        <mark key={a} {...props}>
          {piece}
        </mark>
      ) : (
        <span key={a} {...props}>
          {piece}
        </span>
      ),
    );
  }
  return <q className="echo">{parts}</q>;
}

interface ThreadProps {
  turns: TurnView[];
  links: Record<number, ConditionLink>;
  active: number | null;
  onHover(i: number | null): void;
  onChoose(turnKey: number, option: number): void;
  onSuggest(text: string): void;
  busy: boolean;
  facetsHint: string[];
}

/** The conversation: each request echoed, with its answer in short (or its question, or its refusal). */
export function Thread({ turns, links, active, onHover, onChoose, onSuggest, busy, facetsHint }: ThreadProps) {
  if (turns.length === 0) return null;
  return (
    <section className="thread" aria-labelledby="thread-title">
      <h2 id="thread-title" className="visually-hidden">
        Conversation
      </h2>
      <ol className="turns">
        {turns.map((t, idx) => {
          const last = idx === turns.length - 1;
          const turnLinks = Object.entries(links)
            .filter(([, l]) => l.turnKey === t.key)
            .map(([i, l]) => ({ index: Number(i), ranges: l.ranges }));
          const a = t.answer;
          const size = t.finalCount !== undefined ? t.finalCount : a?.count;
          return (
            <li key={t.key} className={`turn${last ? ' last' : ''}`} data-testid="turn">
              <div className="you">
                <span className="who">You asked</span>
                <Echo text={t.text} links={turnLinks} active={active} onHover={onHover} />
              </div>
              {t.phase === 'streaming' && <StepList turn={t} />}
              {t.phase === 'failed' && (
                <p className="error turn-error" role="alert" data-testid="turn-error">
                  {t.error}
                </p>
              )}
              {a?.status === 'segment' && (
                <p className="reply" data-testid="turn-answer">
                  {size !== null && size !== undefined ? customers(size) : 'Answered'}
                  {a.skill === 'edit_segment' ? ' after this change' : ''}
                  {t.elapsedMs !== undefined && (
                    <span className="muted"> · answered in {fmt(Math.round(t.elapsedMs))} ms</span>
                  )}
                  {t.note && <span className="note"> · {t.note}</span>}
                </p>
              )}
              {a?.status === 'clarify' && (
                <div className="clarify" data-testid="clarify">
                  <p className="question">{a.question}</p>
                  <ul className="options" aria-label="Choose what you meant">
                    {(a.options ?? []).map((o, i) => {
                      const c = t.optionCounts?.[i];
                      const chosen = t.chosen === i;
                      return (
                        <li key={i}>
                          <button
                            type="button"
                            className={`option${chosen ? ' chosen' : ''}`}
                            onClick={() => onChoose(t.key, i)}
                            disabled={busy || !last}
                            aria-pressed={chosen}
                          >
                            <span className="option-label">{o.label}</span>
                            <span className="option-size">
                              {c === undefined ? 'counting…' : c === 'error' ? 'size unknown' : customers(c)}
                            </span>
                          </button>
                        </li>
                      );
                    })}
                  </ul>
                </div>
              )}
              {a?.status === 'refuse' && (
                <div className="refuse" data-testid="refusal">
                  <p>
                    <strong>I can’t build that audience.</strong>{' '}
                    {(a.nearest?.length ?? 0) > 0
                      ? (a.reason ?? '').replace(/\s*Nearest available:.*$/s, '')
                      : a.reason}
                  </p>
                  {(a.nearest?.length ?? 0) > 0 ? (
                    <>
                      <p className="muted">
                        The nearest things this tenant has (choose one to use it in your request):
                      </p>
                      <ul className="chips" aria-label="Nearest available facets">
                        {a.nearest!.map((n) => (
                          <li key={n}>
                            <button type="button" className="chip" onClick={() => onSuggest(n)} disabled={!last}>
                              {n}
                            </button>
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : (
                    facetsHint.length > 0 && <p className="muted">This tenant knows about: {facetsHint.join(', ')}.</p>
                  )}
                </div>
              )}
              {a?.status === 'error' && (
                <div className="refuse" data-testid="turn-problems">
                  <p>
                    <strong>That request led to a segment that does not check out:</strong>
                  </p>
                  <ul>
                    {(a.problems ?? []).slice(0, 4).map((p, i) => (
                      <li key={i}>
                        {p.message}
                        {p.hint ? ` (${p.hint})` : ''}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
