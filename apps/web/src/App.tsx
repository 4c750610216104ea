import { useCallback, useEffect, useState } from 'react';
import { Api, ApiError } from './api/client';
import { SignIn } from './components/SignIn';
import { Workspace } from './components/Workspace';
import type { Me } from './model/types';

const KEY_STORE = 'smartseg.apiKey';

function storedKey(): string | undefined {
  try {
    return sessionStorage.getItem(KEY_STORE) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Sign-in gate: the key lives in sessionStorage (this tab only) and is checked with GET /v1/me. */
export function App() {
  const [session, setSession] = useState<{ api: Api; me: Me } | undefined>();
  const [checking, setChecking] = useState<boolean>(() => storedKey() !== undefined);
  const [notice, setNotice] = useState<string | undefined>();

  useEffect(() => {
    const key = storedKey();
    if (!key) return;
    const api = new Api(key);
    api
      .me()
      .then((me) => setSession({ api, me }))
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.kind === 'auth') sessionStorage.removeItem(KEY_STORE);
        setNotice(e instanceof Error ? e.message : String(e));
      })
      .finally(() => setChecking(false));
  }, []);

  const signIn = useCallback(async (key: string) => {
    const api = new Api(key.trim());
    const me = await api.me();
    try {
      sessionStorage.setItem(KEY_STORE, key.trim());
    } catch {
      // private mode without storage: the session lasts until reload
    }
    setNotice(undefined);
    setSession({ api, me });
  }, []);

  const signOut = useCallback((reason?: string) => {
    sessionStorage.removeItem(KEY_STORE);
    setSession(undefined);
    setNotice(reason);
  }, []);

  if (checking)
    return (
      <div className="boot" role="status">
        Signing in…
      </div>
    );
  if (!session) return <SignIn onSignIn={signIn} notice={notice} />;
  return <Workspace api={session.api} me={session.me} onSignOut={signOut} />;
}
