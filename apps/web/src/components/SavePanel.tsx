import { useEffect, useId, useState, type FormEvent } from 'react';
import { ApiError, type Api } from '../api/client';
import { slug } from '../format';
import { canonical } from '../model/segment-ops';
import { SQL_DIALECTS, type SavedSegment, type Segment, type SqlDialect } from '../model/types';

const DIALECT_NAMES: Record<SqlDialect, string> = {
  duckdb: 'DuckDB',
  postgres: 'PostgreSQL',
  bigquery: 'BigQuery',
  snowflake: 'Snowflake',
  spark: 'Spark SQL',
  trino: 'Trino',
};

export interface OpenSaved {
  id: string;
  name: string;
  version: number;
  segmentKey: string;
}

interface Props {
  api: Api;
  segment: Segment;
  suggestedName: string;
  canSave: boolean;
  open: OpenSaved | null;
  onSaved(s: SavedSegment): void;
  onAuthLost(message: string): void;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Save (new, or a new version of the open saved segment), export the ids as CSV, and show the SQL. */
export function SavePanel({ api, segment, suggestedName, canSave, open, onSaved, onAuthLost }: Props) {
  const id = useId();
  const [name, setName] = useState(suggestedName);
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveMsg, setSaveMsg] = useState<{ ok: boolean; text: string } | undefined>();
  const [exporting, setExporting] = useState(false);
  const [exportMsg, setExportMsg] = useState<{ ok: boolean; text: string } | undefined>();
  const [dialect, setDialect] = useState<SqlDialect>('postgres');
  const [sql, setSql] = useState<{ sql: string; params: unknown[]; dialect: string } | undefined>();
  const [sqlError, setSqlError] = useState<string | undefined>();
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!touched) setName(open?.name ?? suggestedName);
  }, [suggestedName, open, touched]);
  const key = canonical(segment);
  useEffect(() => {
    setSql(undefined);
    setSqlError(undefined);
    setExportMsg(undefined);
  }, [key]);

  const changedSinceOpen = open !== null && open.segmentKey !== key;

  const fail = (e: unknown, set: (m: { ok: boolean; text: string }) => void) => {
    if (e instanceof ApiError && e.kind === 'auth') onAuthLost(e.message);
    else set({ ok: false, text: message(e) });
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const n = name.trim();
    if (!n) {
      setSaveMsg({ ok: false, text: 'Give the audience a name.' });
      return;
    }
    setSaving(true);
    setSaveMsg(undefined);
    try {
      const s = await api.saveSegment(n, segment);
      onSaved(s);
      setTouched(false);
      setSaveMsg({ ok: true, text: `Saved “${s.name}” (version ${s.version}).` });
    } catch (err) {
      fail(err, setSaveMsg);
    } finally {
      setSaving(false);
    }
  };

  const saveVersion = async () => {
    if (!open) return;
    setSaving(true);
    setSaveMsg(undefined);
    try {
      const s = await api.updateSegment(open.id, { segment });
      onSaved(s);
      setSaveMsg({ ok: true, text: `Saved “${s.name}” as version ${s.version}.` });
    } catch (err) {
      fail(err, setSaveMsg);
    } finally {
      setSaving(false);
    }
  };

  const exportCsv = async () => {
    setExporting(true);
    setExportMsg(undefined);
    try {
      const { blob } = await api.exportCsv(segment);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${slug(open?.name ?? (name || 'audience'))}.csv`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      const lines = (await blob.text()).split('\n').filter((l) => l.trim()).length - 1;
      setExportMsg({
        ok: true,
        text: `Downloaded ${Math.max(0, lines).toLocaleString('en-US')} customer ids as ${a.download}.`,
      });
    } catch (err) {
      fail(err, setExportMsg);
    } finally {
      setExporting(false);
    }
  };

  const showSql = async (e: FormEvent) => {
    e.preventDefault();
    setSqlError(undefined);
    setCopied(false);
    try {
      setSql(await api.sql(segment, dialect));
    } catch (err) {
      if (err instanceof ApiError && err.kind === 'auth') onAuthLost(err.message);
      else setSqlError(message(err));
    }
  };

  return (
    <section className="card save" aria-labelledby="save-title" data-testid="save-panel">
      <h2 id="save-title">Save and export</h2>
      <form onSubmit={save} className="inline-form wrap">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={200}
          onChange={(e) => {
            setTouched(true);
            setName(e.target.value);
          }}
          disabled={!canSave}
        />
        <button type="submit" className="primary" disabled={saving || !canSave}>
          {saving ? 'Saving…' : 'Save as new'}
        </button>
        {open && (
          <button
            type="button"
            className="secondary"
            onClick={() => void saveVersion()}
            disabled={saving || !canSave || !changedSinceOpen}
          >
            Save as version {open.version + 1} of “{open.name}”
          </button>
        )}
      </form>
      {!canSave && (
        <p className="hint">Saving needs a key with the editor role; this key can read, count and export.</p>
      )}
      {saveMsg && (
        <p className={saveMsg.ok ? 'ok' : 'error'} role={saveMsg.ok ? 'status' : 'alert'} data-testid="save-message">
          {saveMsg.text}
        </p>
      )}

      <div className="export-row">
        <button type="button" className="secondary" onClick={() => void exportCsv()} disabled={exporting}>
          {exporting ? 'Exporting…' : 'Download customer ids (CSV)'}
        </button>
      </div>
      {exportMsg && (
        <p
          className={exportMsg.ok ? 'ok' : 'error'}
          role={exportMsg.ok ? 'status' : 'alert'}
          data-testid="export-message"
        >
          {exportMsg.text}
        </p>
      )}

      <form onSubmit={showSql} className="inline-form wrap">
        <label htmlFor={`${id}-dialect`}>SQL for</label>
        <select id={`${id}-dialect`} value={dialect} onChange={(e) => setDialect(e.target.value as SqlDialect)}>
          {SQL_DIALECTS.map((d) => (
            <option key={d} value={d}>
              {DIALECT_NAMES[d]}
            </option>
          ))}
        </select>
        <button type="submit" className="secondary">
          Show SQL
        </button>
      </form>
      {sqlError && (
        <p className="error" role="alert">
          {sqlError}
        </p>
      )}
      {sql && (
        <div className="sql" data-testid="sql">
          <div className="sql-head">
            <span>
              {DIALECT_NAMES[sql.dialect as SqlDialect] ?? sql.dialect} · customer ids
              {sql.params.length > 0 ? ` · ${sql.params.length} bound values` : ''}
            </span>
            <button
              type="button"
              className="secondary small"
              onClick={() => {
                void navigator.clipboard?.writeText(sql.sql).then(
                  () => setCopied(true),
                  () => setCopied(false),
                );
              }}
            >
              {copied ? 'Copied' : 'Copy SQL'}
            </button>
          </div>
          <pre tabIndex={0} aria-label="SQL">
            <code>{sql.sql}</code>
          </pre>
          {sql.params.length > 0 && (
            <p className="muted params">Values, in order: {sql.params.map((p) => JSON.stringify(p)).join(', ')}</p>
          )}
        </div>
      )}
    </section>
  );
}
