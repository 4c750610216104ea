import { quotePgIdentifier } from '@smartseg/warehouse';
import type { TenantSettings } from '@smartseg/tenant-config';

const MASK = '***';
const SECRET_PARAM = /pass|secret|token|key/i;

/**
 * A PostgreSQL URL fit for a response or a log line: the password and the values of
 * secret-looking query parameters (password=, sslkey=...) are replaced by ***.
 */
export function maskPostgresUrl(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)(?:([^:@/?#]*)(:[^@/?#]*)?@)?([^?#]*)(\?[^#]*)?/i.exec(url);
  if (!m) return MASK;
  const [, scheme = '', user, password, rest = '', query] = m;
  const auth = user !== undefined ? `${user}${password !== undefined ? `:${MASK}` : ''}@` : '';
  let q = '';
  if (query) {
    const params = new URLSearchParams(query.slice(1));
    const parts: string[] = [];
    for (const [k, v] of params) parts.push(`${k}=${SECRET_PARAM.test(k) ? MASK : v}`);
    q = `?${parts.join('&')}`;
  }
  return `${scheme}${auth}${rest}${q}`;
}

/** Replaces every occurrence of the URL (and of its password) in a message by the masked URL. */
export function scrubPostgresUrl(message: string, url: string): string {
  let out = message.split(url).join(maskPostgresUrl(url));
  const password = /^[a-z][a-z0-9+.-]*:\/\/[^:@/?#]*:([^@/?#]+)@/i.exec(url)?.[1];
  if (password) {
    for (const p of new Set([password, safeDecode(password)])) if (p.length >= 3) out = out.split(p).join(MASK);
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Tenant settings as responses show them: a PostgreSQL warehouse's url masked. */
export function maskTenantSettings(settings: TenantSettings): TenantSettings {
  const w = settings.warehouse;
  if (!w || w.kind !== 'postgres') return settings;
  return { ...settings, warehouse: { ...w, url: maskPostgresUrl(w.url) } };
}

/**
 * The URL the API connects to a tenant's PostgreSQL warehouse with: every session is read-only
 * (default_transaction_read_only) and, when a schema is given, searches it first. These go in the
 * URL's `options` (kept and extended when the URL already has some), which pg sends at connect.
 */
export function readOnlyPostgresUrl(url: string, schema?: string): string {
  const hash = url.indexOf('#');
  const bare = hash >= 0 ? url.slice(0, hash) : url;
  const q = bare.indexOf('?');
  const base = q >= 0 ? bare.slice(0, q) : bare;
  const params = new URLSearchParams(q >= 0 ? bare.slice(q + 1) : '');
  const options = [params.get('options') ?? '', '-c default_transaction_read_only=on'];
  if (schema) options.push(`-c search_path=${quotePgIdentifier(schema)},public`);
  params.set(
    'options',
    options
      .map((o) => o.trim())
      .filter(Boolean)
      .join(' '),
  );
  return `${base}?${params.toString()}`;
}

/** An audit entry's details as shown: a configured PostgreSQL warehouse's url masked. */
export function maskWarehouseInAudit<T extends { details: Record<string, unknown> | null }>(entry: T): T {
  const settings = entry.details?.['settings'];
  if (!settings || typeof settings !== 'object' || Array.isArray(settings)) return entry;
  const masked = maskTenantSettings(settings as TenantSettings);
  return masked === settings ? entry : { ...entry, details: { ...entry.details, settings: masked } };
}
