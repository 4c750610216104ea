import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { fetchDemoKey } from '../api/client';

interface Props {
  onSignIn(key: string): Promise<void>;
  /** Why the page came back here (a refused key, a server that does not answer). */
  notice?: string | undefined;
}

/** Sign-in with an API key; on a server running the embedded demo, its key is filled in. */
export function SignIn({ onSignIn, notice }: Props) {
  const [key, setKey] = useState('');
  const [demo, setDemo] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>(notice);
  const [busy, setBusy] = useState(false);
  const [show, setShow] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const errorId = useId();

  useEffect(() => {
    let live = true;
    void fetchDemoKey().then((k) => {
      if (!live || !k) return;
      setKey((cur) => cur || k);
      setDemo(k);
    });
    input.current?.focus();
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => setError(notice), [notice]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!key.trim()) {
      setError('Enter an API key.');
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onSignIn(key);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="signin-page">
      <header className="brand-bar">
        <span className="brand">Smart-Segmentation</span>
      </header>
      <main id="main" className="signin">
        <h1>Sign in</h1>
        <p className="lead">Describe an audience in plain words; see who it is, how many they are, and export it.</p>
        <form onSubmit={submit} noValidate className="card">
          <label htmlFor="api-key">API key</label>
          <div className="key-row">
            <input
              id="api-key"
              ref={input}
              name="api-key"
              type={show ? 'text' : 'password'}
              autoComplete="off"
              spellCheck={false}
              value={key}
              onChange={(e) => setKey(e.target.value)}
              aria-describedby={`${hintId}${error ? ` ${errorId}` : ''}`}
              aria-invalid={error ? true : undefined}
            />
            <button type="button" className="secondary" onClick={() => setShow((s) => !s)} aria-pressed={show}>
              {show ? 'Hide' : 'Show'}
            </button>
          </div>
          <p id={hintId} className="hint">
            {demo !== undefined && key === demo
              ? 'The key of this server’s demo tenant is filled in (offered only to a page opened on the server’s own machine).'
              : 'Your key starts with ssk_ (ask an administrator; on a demo server it is in $SMARTSEG_HOME/demo-key.txt). It is kept for this browser tab only.'}
          </p>
          {error && (
            <p id={errorId} className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </main>
    </div>
  );
}
