// The V8 flags the API runs with, read from apps/api/node-options.json (one list for every launcher).
// An operator's NODE_OPTIONS that sets --max-old-space-size replaces them.
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** The flags to put before the API's entry point, given the environment it will run in. */
export function apiNodeFlags(env = process.env) {
  if (/--max-old-space-size/.test(env.NODE_OPTIONS ?? '')) return [];
  return JSON.parse(fs.readFileSync(path.join(root, 'apps', 'api', 'node-options.json'), 'utf8')).api;
}
