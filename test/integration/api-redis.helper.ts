import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';

export interface TempRedis {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => (c.end(), resolve(true)));
      c.once('error', () => resolve(false));
    });
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/** TEST_REDIS_URL, or a throwaway local redis-server on 127.0.0.1 (no persistence); undefined when neither. */
export async function startTempRedis(): Promise<TempRedis | undefined> {
  if (process.env['TEST_REDIS_URL']) return { url: process.env['TEST_REDIS_URL'], stop: async () => undefined };
  if (spawnSync('redis-server', ['--version']).status !== 0) return unavailable('Redis');
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  if (!(await waitForPort(port, 5000))) {
    child.kill();
    return unavailable('Redis');
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) =>
        child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill()),
      ),
  };
}

/** Without the service a real-service suite skips locally, but fails in CI (CI=true). */
function unavailable(service: string): undefined {
  if (process.env['CI'] === 'true') throw new Error(`${service} is required in CI but could not be started`);
  return undefined;
}
