import { useState } from 'react';
import type { Api } from '../api/client';
import { when } from '../format';
import type { SavedSegment, SegmentVersion } from '../model/types';

interface Props {
  api: Api;
  segments: SavedSegment[] | undefined;
  error?: string | undefined;
  openId?: string | undefined;
  onOpen(id: string, version?: number): void;
  onRefresh(): void;
  busy: boolean;
}

/** Saved segments: open one (or one of its versions). */
export function SavedList({ api, segments, error, openId, onOpen, onRefresh, busy }: Props) {
  const [versions, setVersions] = useState<Record<string, SegmentVersion[] | 'loading' | { error: string }>>({});

  const toggleVersions = async (id: string) => {
    if (versions[id]) {
      setVersions(({ [id]: _drop, ...rest }) => rest);
      return;
    }
    setVersions((v) => ({ ...v, [id]: 'loading' }));
    try {
      const list = await api.versions(id);
      setVersions((v) => ({ ...v, [id]: list.slice().reverse() }));
    } catch (e) {
      setVersions((v) => ({ ...v, [id]: { error: e instanceof Error ? e.message : String(e) } }));
    }
  };

  return (
    <section className="card saved" aria-labelledby="saved-title" data-testid="saved">
      <div className="saved-head">
        <h2 id="saved-title">Saved audiences</h2>
        <button type="button" className="secondary small" onClick={onRefresh}>
          Refresh
        </button>
      </div>
      {error && <p className="error">{error}</p>}
      {!segments && !error && <p className="muted">Loading…</p>}
      {segments && segments.length === 0 && (
        <p className="muted">Nothing saved yet. Save an audience to find it here.</p>
      )}
      {segments && segments.length > 0 && (
        <ul className="saved-list">
          {segments.map((s) => {
            const v = versions[s.id];
            return (
              <li key={s.id} className={s.id === openId ? 'open' : undefined} data-testid="saved-item">
                <div className="saved-line">
                  <span className="saved-title">{s.name}</span>
                  <span className="muted small-text">
                    version {s.version} · {when(s.updated_at)}
                  </span>
                </div>
                <div className="saved-actions">
                  <button type="button" className="secondary small" onClick={() => onOpen(s.id)} disabled={busy}>
                    Open<span className="visually-hidden"> “{s.name}”</span>
                  </button>
                  <button
                    type="button"
                    className="secondary small"
                    aria-expanded={Boolean(v)}
                    onClick={() => void toggleVersions(s.id)}
                  >
                    Versions<span className="visually-hidden"> of “{s.name}”</span>
                  </button>
                </div>
                {v === 'loading' && <p className="muted">Loading versions…</p>}
                {v && typeof v === 'object' && 'error' in v && <p className="error">{v.error}</p>}
                {Array.isArray(v) && (
                  <ol className="versions" aria-label={`Versions of ${s.name}`}>
                    {v.map((x) => (
                      <li key={x.version}>
                        <span>
                          v{x.version} · {when(x.created_at)}
                        </span>
                        <button type="button" className="link" onClick={() => onOpen(s.id, x.version)} disabled={busy}>
                          Open v{x.version}
                          <span className="visually-hidden"> of “{s.name}”</span>
                        </button>
                      </li>
                    ))}
                  </ol>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
