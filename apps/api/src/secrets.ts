import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AppConfig } from '@smartseg/common/server';

export const ADMIN_KEY_FILE = 'admin-key.txt';
export const PEPPER_FILE = 'api-key-pepper.secret';

function readOrCreate(file: string, make: () => string): { value: string; created: boolean } {
  if (fs.existsSync(file)) {
    const value = fs.readFileSync(file, 'utf8').trim();
    if (value.length > 0) return { value, created: false };
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const value = make();
  fs.writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return { value, created: true };
}

/**
 * Fills in ADMIN_API_KEY and API_KEY_PEPPER on the embedded default when they are not set:
 * generated once and kept in $SMARTSEG_HOME (mode 0600), so restarts keep working keys.
 * With DATABASE_URL both must be set (loadAppConfig refuses otherwise).
 * Returns notices to print (the admin key is printed only when it was just generated).
 */
export function resolveSecrets(config: AppConfig): string[] {
  const notes: string[] = [];
  if (!config.API_KEY_PEPPER) {
    config.API_KEY_PEPPER = readOrCreate(path.join(config.SMARTSEG_HOME, PEPPER_FILE), () =>
      randomBytes(32).toString('base64url'),
    ).value;
  }
  if (!config.ADMIN_API_KEY) {
    const file = path.join(config.SMARTSEG_HOME, ADMIN_KEY_FILE);
    const { value, created } = readOrCreate(file, () => `ssa_${randomBytes(30).toString('base64url')}`);
    config.ADMIN_API_KEY = value;
    notes.push(
      created
        ? `Generated an admin key (ADMIN_API_KEY was not set): ${value}  (kept in ${file})`
        : `Admin key read from ${file} (ADMIN_API_KEY not set)`,
    );
  }
  return notes;
}
