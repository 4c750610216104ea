import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadAppConfig } from '@smartseg/common/server';
import { createApp, openApiDocument } from '../bootstrap';

/** Where the checked-in document lives: openapi.json at the repository root. */
export function openApiPath(from: string = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'openapi.json');
}

/** Stable JSON: keys sorted, two-space indent, trailing newline. */
export function stableJson(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

/** Builds the API on a throwaway data home and returns its OpenAPI document as stable JSON. */
export async function renderOpenApi(): Promise<string> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'smartseg-openapi-'));
  try {
    const config = loadAppConfig({
      SMARTSEG_HOME: home,
      ADMIN_API_KEY: 'openapi-admin-key-000000000',
      API_KEY_PEPPER: 'openapi-pepper-000000',
      DEMO_TENANT: 'false',
      LOG_LEVEL: 'error',
    });
    const app = await createApp(config, { logger: false });
    await app.init();
    try {
      return stableJson(openApiDocument(app));
    } finally {
      await app.close();
    }
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}
