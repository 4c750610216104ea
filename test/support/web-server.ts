import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { catalogPath, warehousePath } from '@smartseg/common/server';
import { REFERENCE_RETAIL_DEFINITION, buildCatalog } from '@smartseg/knowledge-store';
import * as warehouse from '@smartseg/warehouse';
import { DuckDbConnection, readCatalogFacts } from '@smartseg/warehouse';
import { bootTestApp, tempHome, writeCatalog, writeTinyWarehouse, type TestApp } from '../e2e/api-test-app';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const WEB_DIST = path.join(REPO_ROOT, 'apps', 'web', 'dist');
export const DEMO_AS_OF = '2026-06-30';

/**
 * Chromium flags for a quiet, sandbox-free headless run (CI containers). Playwright gives every
 * launch a fresh temporary profile itself (it refuses --user-data-dir in `launch`).
 */
export function chromiumArgs(): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

export function chromiumPath(): string {
  return process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
}

/** Fails with a clear message when the web page has not been built. */
export function assertWebBuilt(): void {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error(
      `apps/web/dist/index.html is missing: build the page first (npx vite build --config apps/web/vite.config.ts, or npm run build:web)`,
    );
}

type GenerateDemo = (opts: {
  home: string;
  tenant: string;
  customers: number;
  seed: number;
  asOf: string;
}) => Promise<{ path: string } | string | void>;

export type DemoData = 'generated' | 'tiny';

/**
 * Writes the demo tenant's warehouse and catalog into `home`: the generated reference retail
 * data (3,000 customers) when @smartseg/warehouse exports generateDemoWarehouse, else the tiny
 * hand-made warehouse of the API tests (customers only) with the reference test catalog
 * (forced with WEB_E2E_TINY=1).
 */
export async function writeDemoTenant(home: string, customers = 3000): Promise<DemoData> {
  const target = warehousePath('demo', { SMARTSEG_HOME: home });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const generate = (warehouse as unknown as { generateDemoWarehouse?: GenerateDemo }).generateDemoWarehouse;
  if (typeof generate === 'function' && process.env['WEB_E2E_TINY'] !== '1') {
    const previous = process.env['SMARTSEG_HOME'];
    process.env['SMARTSEG_HOME'] = home;
    try {
      const out = await generate({ home, tenant: 'demo', customers, seed: 7, asOf: DEMO_AS_OF });
      const written = typeof out === 'string' ? out : out && typeof out === 'object' ? out.path : target;
      if (path.resolve(written) !== path.resolve(target)) fs.copyFileSync(written, target);
    } finally {
      if (previous === undefined) delete process.env['SMARTSEG_HOME'];
      else process.env['SMARTSEG_HOME'] = previous;
    }
    const conn = await DuckDbConnection.open({ path: target, readOnly: true });
    try {
      const catalog = buildCatalog({ ...REFERENCE_RETAIL_DEFINITION, tenant_id: 'demo' }, await readCatalogFacts(conn));
      const file = catalogPath('demo', { SMARTSEG_HOME: home });
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(catalog));
    } finally {
      await conn.close();
    }
    return 'generated';
  }
  await writeTinyWarehouse(target, 1, customers);
  writeCatalog(home, 'demo');
  return 'tiny';
}

export interface WebServer {
  t: TestApp;
  url: string;
  home: string;
  /** The key DemoSeed wrote to $SMARTSEG_HOME/demo-key.txt. */
  demoKey: string;
  data: DemoData;
  close(): Promise<void>;
}

/**
 * Boots the real API (as the API tests do: temp SMARTSEG_HOME, SQLite, in-process queue) with
 * the embedded demo on (DemoSeed creates tenant `demo` and its key), listening on a free
 * loopback port. `prepare` may write the demo tenant's data itself.
 */
export async function startWebServer(
  options: { env?: Record<string, string>; prepare?: (home: string) => Promise<DemoData> } = {},
): Promise<WebServer> {
  const home = tempHome('smartseg-web-');
  const data = await (options.prepare ?? writeDemoTenant)(home);
  const t = await bootTestApp({ DEMO_TENANT: 'true', ...(options.env ?? {}) }, { home });
  await t.app.listen(0, '127.0.0.1');
  const address = t.app.getHttpServer().address() as AddressInfo;
  const demoKey = fs.readFileSync(path.join(home, 'demo-key.txt'), 'utf8').trim();
  // a browser keeps idle keep-alive sockets open: drop them so that closing does not wait on them
  const close = async () => {
    (t.app.getHttpServer() as { closeAllConnections?: () => void }).closeAllConnections?.();
    await t.close();
  };
  return { t, url: `http://127.0.0.1:${address.port}`, home, demoKey, data, close };
}
