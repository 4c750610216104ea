import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

export interface TempPostgres {
  url: string;
  stop(): void;
}

/**
 * A throwaway PostgreSQL for tests: TEST_DATABASE_URL when set; otherwise a temp cluster from the
 * local PostgreSQL 15 binaries on a Unix socket (as the `postgres` user when running as root).
 * Undefined when neither is available.
 */
export function startTempPostgres(): TempPostgres | undefined {
  if (process.env['TEST_DATABASE_URL']) return { url: process.env['TEST_DATABASE_URL'], stop: () => undefined };
  if (!fs.existsSync(path.join(BIN, 'initdb'))) return unavailable('PostgreSQL');
  const asRoot = process.getuid?.() === 0;
  if (asRoot && spawnSync('id', ['postgres']).status !== 0) return unavailable('PostgreSQL');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smartseg-pg-'));
  fs.chmodSync(dir, 0o777);
  const port = String(40000 + Math.floor(Math.random() * 20000));
  const run = (cmd: string, args: string[]) => {
    if (asRoot)
      execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', [cmd, ...args].map((a) => `'${a}'`).join(' ')], {
        stdio: 'pipe',
      });
    else execFileSync(cmd, args, { stdio: 'pipe' });
  };
  try {
    run(path.join(BIN, 'initdb'), ['-D', path.join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
    run(path.join(BIN, 'pg_ctl'), [
      '-D',
      path.join(dir, 'data'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=`,
      '-l',
      path.join(dir, 'log'),
      '-w',
      'start',
    ]);
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    process.stderr.write(`temp PostgreSQL unavailable: ${(e as Error).message.split('\n')[0]}\n`);
    return unavailable('PostgreSQL');
  }
  return {
    url: `postgresql://postgres@/postgres?host=${encodeURIComponent(dir)}&port=${port}`,
    stop: () => {
      try {
        run(path.join(BIN, 'pg_ctl'), ['-D', path.join(dir, 'data'), '-m', 'immediate', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Without the service a real-service suite skips locally, but fails in CI (CI=true). */
function unavailable(service: string): undefined {
  if (process.env['CI'] === 'true') throw new Error(`${service} is required in CI but could not be started`);
  return undefined;
}
