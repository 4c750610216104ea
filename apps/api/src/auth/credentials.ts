/** The key a request carries: `x-api-key`, or `Authorization: Bearer <key>`. */
export function credentialOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const x = headers['x-api-key'];
  const fromHeader = Array.isArray(x) ? x[0] : x;
  if (fromHeader && fromHeader.trim()) return fromHeader.trim();
  const auth = headers['authorization'];
  const a = Array.isArray(auth) ? auth[0] : auth;
  const m = a ? /^Bearer\s+(\S+)\s*$/i.exec(a) : null;
  return m?.[1];
}

/**
 * What AccessGuard learned about the caller, kept on the request for the throttler and for
 * AccessEnforcer. `denial` is the error to answer with (after the throttler has counted the
 * call, so that guessing keys is rate-limited like any anonymous traffic).
 */
export interface RequestCaller {
  kind: 'public' | 'admin' | 'tenant' | 'anonymous';
  tenantId?: string;
  keyId?: string;
  limits?: { perKey?: number; perTenant?: number };
  denial?: Error;
}

export const CALLER = Symbol('smartseg.caller');
