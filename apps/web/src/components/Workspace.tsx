import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, type Api } from '../api/client';
import { customers, signed } from '../format';
import {
  canonical,
  diffConditions,
  handDelta,
  isEmptyDelta,
  rebase,
  replaceCondition,
  topConditions,
  topIndexOfPath,
} from '../model/segment-ops';
import { guessRanges, mergeRanges } from '../model/spans';
import type { Catalog, Me, SavedSegment, Segment, SegmentNode, SpanInfo, TurnAnswer } from '../model/types';
import type { AudienceView, ChangeNote, ConditionLink, TurnView } from '../model/view';
import { AudienceCard, labelFor } from './AudienceCard';
import { RequestBox } from './RequestBox';
import { SavedList } from './SavedList';
import { SavePanel, type OpenSaved } from './SavePanel';
import { Sizing } from './Sizing';
import { Thread } from './Thread';

const EXAMPLES = [
  'platinum members in Texas',
  'women 25-40 in California who bought baby products in the last 90 days but never used a coupon',
  'lapsed VIPs who opened an email in the last 30 days',
  'high value customers',
];

interface Props {
  api: Api;
  me: Me;
  onSignOut(reason?: string): void;
}

function hasRole(roles: string[], role: 'viewer' | 'editor' | 'admin'): boolean {
  const order = ['viewer', 'editor', 'admin'];
  return roles.some((r) => order.indexOf(r) >= order.indexOf(role));
}

let nextId = 1;

/** The page once signed in: ask, understand, refine, size, save and export. */
export function Workspace({ api, me, onSignOut }: Props) {
  const [catalog, setCatalog] = useState<Catalog | undefined>();
  const [saved, setSaved] = useState<SavedSegment[] | undefined>();
  const [savedError, setSavedError] = useState<string | undefined>();
  const [conversationId, setConversationId] = useState<string | undefined>();
  const [serverSegment, setServerSegment] = useState<Segment | null>(null);
  const [turns, setTurns] = useState<TurnView[]>([]);
  const [audience, setAudience] = useState<AudienceView | null>(null);
  const [changes, setChanges] = useState<ChangeNote[]>([]);
  const [open, setOpen] = useState<OpenSaved | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState('');
  const [active, setActive] = useState<number | null>(null);
  const [draft, setDraft] = useState('');
  /** Where conditions made by hand come from (a chosen option, an edit, a saved segment), by canonical form. */
  const [origins, setOrigins] = useState<Record<string, string>>({});
  const box = useRef<HTMLTextAreaElement>(null);

  /** Failures: a refused key signs out; everything else is said next to the request box. */
  const fail = useCallback(
    (e: unknown): string => {
      const msg = e instanceof Error ? e.message : String(e);
      if (e instanceof ApiError && e.kind === 'auth') onSignOut(msg);
      else setError(msg);
      setStatus(msg);
      return msg;
    },
    [onSignOut],
  );

  const loadSaved = useCallback(() => {
    setSavedError(undefined);
    api
      .listSegments()
      .then(setSaved)
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.kind === 'auth') onSignOut(e.message);
        else setSavedError(e instanceof Error ? e.message : String(e));
      });
  }, [api, onSignOut]);

  useEffect(() => {
    api
      .catalog()
      .then(setCatalog)
      .catch((e: unknown) => fail(e));
    loadSaved();
  }, [api, fail, loadSaved]);

  // The API's phrases for the conditions (and the waterfall) for the audience on screen.
  const audienceKey = audience ? canonical(audience.segment) : '';
  const needLabels = audience !== null && !audience.labels && !audience.labelsFailed;
  useEffect(() => {
    if (!audience || !needLabels) return;
    const key = audienceKey;
    const ctl = new AbortController();
    api
      .waterfall(audience.segment, ctl.signal)
      .then((w) => {
        const labels = w.steps.map((s) => s.label);
        setAudience((a) => (a && canonical(a.segment) === key ? { ...a, labels, waterfall: w.steps } : a));
        setChanges((cs) =>
          cs.map((c) =>
            c.segmentKey !== key
              ? c
              : {
                  ...c,
                  added: c.added.map((x) => {
                    const i = topConditions(audience.segment).findIndex((n) => canonical(n) === canonical(x.node));
                    return x.label || i < 0 ? x : { ...x, label: labels[i] };
                  }),
                },
          ),
        );
      })
      .catch((e: unknown) => {
        if (ctl.signal.aborted) return;
        if (e instanceof ApiError && e.kind === 'auth') return onSignOut(e.message);
        const msg = e instanceof Error ? e.message : String(e);
        setAudience((a) => (a && canonical(a.segment) === key ? { ...a, labelsFailed: msg } : a));
      });
    return () => ctl.abort();
    // keyed by the segment; `audience` itself changes when labels arrive
  }, [api, audienceKey, needLabels, onSignOut]);

  /** A change note for going from the audience on screen to `next`. */
  const noteFor = (title: string, before: AudienceView | null, next: Segment, after: number | null): ChangeNote => {
    const diff = diffConditions(before?.segment ?? null, next);
    const beforeConds = topConditions(before?.segment);
    return {
      id: nextId++,
      title,
      removed: diff
        .filter((d) => d.kind === 'removed')
        .map((d) => {
          const i = beforeConds.findIndex((c) => canonical(c) === canonical(d.node));
          const label = before && i >= 0 ? labelFor(before, i, catalog) : undefined;
          return label ? { node: d.node, label } : { node: d.node };
        }),
      added: diff.filter((d) => d.kind === 'added').map((d) => ({ node: d.node })),
      segmentKey: canonical(next),
      before: before?.count ?? null,
      after,
    };
  };

  const updateTurn = (key: number, patch: (t: TurnView) => TurnView) =>
    setTurns((ts) => ts.map((t) => (t.key === key ? patch(t) : t)));

  const ask = async (text: string) => {
    setError(undefined);
    setBusy(true);
    const key = nextId++;
    const before = audience;
    const delta = handDelta(serverSegment, audience?.segment ?? null);
    setTurns((ts) => [
      ...ts,
      { key, text, phase: 'streaming', steps: { understand: 'active', verify: 'waiting', count: 'waiting' } },
    ]);
    setDraft('');
    setStatus('Understanding your request…');
    const started = performance.now();
    try {
      const answer: TurnAnswer = await api.turn(conversationId, text, {
        onEvent: (e) => {
          const d = (e.data ?? {}) as Record<string, unknown>;
          switch (e.event) {
            case 'conversation':
              setConversationId(String(d['conversation_id']));
              break;
            case 'understand': {
              const isSegment = d['status'] === 'segment';
              updateTurn(key, (t) => ({
                ...t,
                steps: {
                  understand: 'done',
                  verify: isSegment ? 'active' : 'skipped',
                  count: isSegment ? 'waiting' : 'skipped',
                },
                ...(Array.isArray(d['spans']) && d['spans'].length > 0
                  ? { spans: d['spans'] as SpanInfo[], spansSegment: d['segment'] as Segment }
                  : {}),
              }));
              setStatus(isSegment ? 'Checking it against the catalog…' : 'Understood; preparing the answer…');
              break;
            }
            case 'verify': {
              const ok = d['ok'] === true;
              updateTurn(key, (t) => ({
                ...t,
                steps: { ...t.steps, verify: ok ? 'done' : 'failed', count: ok ? 'active' : 'skipped' },
              }));
              if (ok) setStatus('Counting customers…');
              break;
            }
            case 'count':
              updateTurn(key, (t) => ({ ...t, steps: { ...t.steps, count: d['count'] === null ? 'failed' : 'done' } }));
              break;
          }
        },
      });
      const elapsedMs = performance.now() - started;
      if (answer.status === 'segment' && answer.segment) {
        setServerSegment(answer.segment);
        let segment = answer.segment;
        let count = answer.count ?? null;
        let explanation = answer.explanation ?? '';
        let origin: AudienceView['origin'] = 'answer';
        let note: Pick<TurnView, 'note' | 'finalCount'> = {};
        if (!isEmptyDelta(delta)) {
          const rebased = rebase(answer.segment, delta);
          if (canonical(rebased) !== canonical(answer.segment)) {
            setStatus('Keeping your own changes…');
            try {
              const c = await api.count(rebased);
              segment = rebased;
              count = c.count;
              explanation = c.explanation;
              origin = 'rebased';
              note = { note: 'with your own changes kept', finalCount: count };
            } catch {
              note = { note: 'your own changes could not be kept on top of this answer' };
            }
          }
        }
        updateTurn(key, (t) => ({ ...t, phase: 'done', answer, elapsedMs, ...note }));
        setChanges((cs) => [noteFor(before ? `After “${text}”` : `Asked “${text}”`, before, segment, count), ...cs]);
        setAudience({
          segment,
          count,
          countError: answer.count_error?.message,
          explanation,
          origin,
        });
        setStatus(
          `${count !== null ? `Found ${customers(count)}` : 'Answered'}${
            before?.count !== null && before?.count !== undefined && count !== null
              ? ` (${signed(count - before.count)})`
              : ''
          }. ${explanation}`,
        );
      } else if (answer.status === 'clarify') {
        updateTurn(key, (t) => ({ ...t, phase: 'done', answer, elapsedMs }));
        setStatus(`A question: ${answer.question ?? ''} Choose one of ${answer.options?.length ?? 0} options.`);
        const options = answer.options ?? [];
        updateTurn(key, (t) => ({ ...t, optionCounts: options.map(() => undefined) }));
        options.forEach((o, i) => {
          api
            .count(o.segment)
            .then((c) => c.count as number | 'error')
            .catch(() => 'error' as const)
            .then((c) =>
              updateTurn(key, (t) => {
                const counts = (t.optionCounts ?? options.map(() => undefined)).slice();
                counts[i] = c;
                return { ...t, optionCounts: counts };
              }),
            );
        });
      } else if (answer.status === 'refuse') {
        updateTurn(key, (t) => ({ ...t, phase: 'done', answer, elapsedMs }));
        setStatus(`Cannot build that audience. ${answer.reason ?? ''}`);
      } else {
        updateTurn(key, (t) => ({ ...t, phase: 'done', answer, elapsedMs }));
        setStatus('That request did not lead to a valid audience.');
      }
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      updateTurn(key, (t) => ({
        ...t,
        phase: 'failed',
        error: msg,
        steps: {
          understand: t.steps.understand === 'done' ? 'done' : 'failed',
          verify: t.steps.verify === 'done' ? 'done' : 'skipped',
          count: 'skipped',
        },
      }));
      setDraft((d) => d || text);
      // Said once, in the failed turn (an alert there); a refused key signs out.
      if (e instanceof ApiError && e.kind === 'auth') onSignOut(msg);
      setStatus(msg);
    } finally {
      setBusy(false);
    }
  };

  /** Counts and labels a segment the page made itself (option, edit, saved), then shows it. */
  const show = async (
    segment: Segment,
    origin: AudienceView['origin'],
    title: string,
    from?: { text: string; all?: boolean },
  ): Promise<string | undefined> => {
    setBusy(true);
    setError(undefined);
    setStatus('Counting…');
    const before = audience;
    try {
      const [c, w] = await Promise.all([api.count(segment), api.waterfall(segment).catch(() => undefined)]);
      const next: AudienceView = {
        segment,
        count: c.count,
        explanation: c.explanation,
        origin,
        ...(w
          ? { labels: w.steps.map((s) => s.label), waterfall: w.steps }
          : { labelsFailed: 'waterfall unavailable' }),
      };
      const note = noteFor(title, before, segment, c.count);
      note.added = note.added.map((a) => {
        const i = topConditions(segment).findIndex((n) => canonical(n) === canonical(a.node));
        const label = i >= 0 ? labelFor(next, i, catalog) : undefined;
        return label ? { ...a, label } : a;
      });
      setAudience(next);
      setChanges((cs) => [note, ...cs]);
      if (from) {
        const nodes = from.all ? topConditions(segment) : note.added.map((a) => a.node);
        setOrigins((o) => ({
          ...(from.all ? {} : o),
          ...Object.fromEntries(nodes.map((n) => [canonical(n), from.text])),
        }));
      }
      setStatus(
        `${title}. Now ${customers(c.count)}${before?.count !== null && before?.count !== undefined ? ` (${signed(c.count - before.count)})` : ''}.`,
      );
      return undefined;
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (e instanceof ApiError && e.kind === 'auth') onSignOut(msg);
      setStatus(msg);
      return msg;
    } finally {
      setBusy(false);
    }
  };

  const choose = async (turnKey: number, option: number) => {
    const t = turns.find((x) => x.key === turnKey);
    const o = t?.answer?.options?.[option];
    if (!t || !o) return;
    const err = await show(o.segment, 'option', `Chose “${o.label}”`, { text: `your choice “${o.label}”` });
    if (err) setError(err);
    else updateTurn(turnKey, (x) => ({ ...x, chosen: option }));
  };

  const edit = async (index: number, next: SegmentNode | null): Promise<string | undefined> => {
    if (!audience) return 'Nothing to edit.';
    const old = labelFor(audience, index, catalog) ?? 'the condition';
    const segment = replaceCondition(audience.segment, index, next);
    return show(segment, 'edit', next ? `Changed “${old}”` : `Removed “${old}”`, { text: 'your change' });
  };

  const openSaved = async (id: string, version?: number) => {
    setBusy(true);
    try {
      const s = await api.getSegment(id, version);
      setBusy(false);
      const err = await show(s.segment, 'saved', `Opened “${s.name}” (version ${s.version})`, {
        text: `saved audience “${s.name}”`,
        all: true,
      });
      if (err) {
        setError(err);
        return;
      }
      setConversationId(undefined);
      setServerSegment(null);
      setTurns([]);
      setOpen({ id: s.id, name: s.name, version: s.version, segmentKey: canonical(s.segment) });
      box.current?.focus();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const startOver = () => {
    setConversationId(undefined);
    setServerSegment(null);
    setTurns([]);
    setAudience(null);
    setChanges([]);
    setOrigins({});
    setOpen(null);
    setError(undefined);
    setActive(null);
    setDraft('');
    setStatus('Started over.');
    box.current?.focus();
  };

  const onSaved = (s: SavedSegment) => {
    setOpen({ id: s.id, name: s.name, version: s.version, segmentKey: canonical(s.segment) });
    loadSaved();
  };

  // Which words of the conversation each condition on screen came from.
  const links = useMemo(() => {
    const out: Record<number, ConditionLink> = {};
    if (!audience) return out;
    topConditions(audience.segment).forEach((c, i) => {
      const ck = canonical(c);
      for (let k = turns.length - 1; k >= 0; k--) {
        const t = turns[k]!;
        if (t.spans && t.spansSegment) {
          const j = topConditions(t.spansSegment).findIndex((x) => canonical(x) === ck);
          if (j >= 0) {
            const rs = t.spans
              .filter((s) => topIndexOfPath(s.path, t.spansSegment!) === j)
              .map((s) => ({ start: s.start, end: s.end }));
            if (rs.length) {
              out[i] = { turnKey: t.key, ranges: mergeRanges(rs, t.text) };
              break;
            }
          }
        }
        const g = guessRanges(t.text, c, catalog);
        if (g.length) {
          out[i] = { turnKey: t.key, ranges: g };
          break;
        }
      }
    });
    return out;
  }, [audience, turns, catalog]);

  const suggestedName = useMemo(() => {
    const first =
      turns.find((t) => t.answer?.status === 'segment' || t.answer?.status === 'clarify')?.text ?? turns[0]?.text;
    const s = (first ?? 'My audience').trim();
    return s.length > 60 ? `${s.slice(0, 57)}…` : s;
  }, [turns]);

  const facetsHint = useMemo(
    () =>
      (catalog?.facets ?? [])
        .filter((f) => !f.pii)
        .slice(0, 12)
        .map((f) => f.label.toLowerCase()),
    [catalog],
  );

  const refining = audience !== null;
  return (
    <div className="app">
      <a className="skip" href="#request-text">
        Skip to the request box
      </a>
      <header className="brand-bar">
        <span className="brand">Smart-Segmentation</span>
        <span className="who-am-i">
          <span className="tenant">{me.tenant_id}</span>
          <span className="muted small-text"> · {me.roles.join(', ')}</span>
        </span>
        <button type="button" className="secondary small" onClick={() => onSignOut()}>
          Sign out
        </button>
      </header>
      <div className="layout">
        <main id="main" className="main">
          <h1 className={turns.length ? 'visually-hidden' : undefined}>Build an audience in plain words</h1>
          {!turns.length && !audience && (
            <p className="lead">
              Say who you want to reach. You will see how it was understood, how many customers match, and where each
              condition came from in your words.
            </p>
          )}
          <div role="status" aria-live="polite" className="visually-hidden" data-testid="live-status">
            {status}
          </div>
          <Thread
            turns={turns}
            links={links}
            active={active}
            onHover={setActive}
            onChoose={(k, i) => void choose(k, i)}
            onSuggest={(text) => {
              setDraft(text.replace(/\s*\([^)]*\)\s*$/, ''));
              box.current?.focus();
            }}
            busy={busy}
            facetsHint={facetsHint}
          />
          {audience && (
            <AudienceCard
              audience={audience}
              catalog={catalog}
              links={links}
              turns={turns}
              active={active}
              onActive={setActive}
              changes={changes}
              origins={origins}
              savedName={open && open.segmentKey === audienceKey ? open.name : undefined}
              busy={busy}
              onEdit={edit}
            />
          )}
          <RequestBox
            ref={box}
            value={draft}
            onChange={setDraft}
            onSubmit={(t) => void ask(t)}
            busy={busy}
            refining={refining}
            onStartOver={turns.length || audience ? startOver : undefined}
          />
          {error && (
            <p className="error banner" role="alert" data-testid="error">
              {error}
            </p>
          )}
          {!turns.length && !audience && (
            <div className="examples">
              <p className="muted">Try one of these:</p>
              <ul className="chips">
                {EXAMPLES.map((x) => (
                  <li key={x}>
                    <button type="button" className="chip" onClick={() => void ask(x)} disabled={busy}>
                      {x}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {audience && (
            <Sizing
              api={api}
              segment={audience.segment}
              catalog={catalog}
              waterfall={audience.waterfall}
              waterfallError={audience.labelsFailed && !audience.waterfall ? audience.labelsFailed : undefined}
              count={audience.count}
              labels={audience.labels}
            />
          )}
          {audience && (
            <SavePanel
              api={api}
              segment={audience.segment}
              suggestedName={suggestedName}
              canSave={hasRole(me.roles, 'editor')}
              open={open}
              onSaved={onSaved}
              onAuthLost={(m) => onSignOut(m)}
            />
          )}
        </main>
        <aside className="side" aria-label="Saved audiences">
          <SavedList
            api={api}
            segments={saved}
            error={savedError}
            openId={open?.id}
            onOpen={(id, v) => void openSaved(id, v)}
            onRefresh={loadSaved}
            busy={busy}
          />
        </aside>
      </div>
    </div>
  );
}
